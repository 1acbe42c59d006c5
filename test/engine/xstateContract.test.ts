import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type AnyStateNode,
  type AnyTransitionDefinition,
  and,
  assign,
  cancel,
  createActor,
  createMachine,
  type EventObject,
  emit,
  enqueueActions,
  log,
  not,
  or,
  raise,
  sendTo,
  setup,
  transition,
} from 'xstate';
import type { BuiltinAction } from '../../engine/compile/actions.ts';
import { CompileError } from '../../engine/compile/errors.ts';
import { SUPPORTED_ENQUEUE } from '../../engine/compile/stepper.ts';
import { checkXStateVersion, installedXStateVersion, VERIFIED_XSTATE } from '../../engine/compile/xstateInternals.ts';

/**
 * The XState internals (not public API) that engine/compile/ and
 * engine/backend/actorBackend.ts read, each checked on a throw-away machine for the
 * shape the code relies on. A failing test names the internal that moved in a new
 * XState: fix the reader (and sets.ts, which mirrors XState's microstep sets) before
 * allowing the version (LICSIM_ALLOW_XSTATE, VERIFIED_XSTATE).
 */

/** The builtin action objects as the compiler reads them. */
const builtin = (action: unknown) => action as BuiltinAction;
const guardParts = (guard: unknown) => guard as { check: unknown; guards: unknown[] };

const node = (machine: AnyStateMachine, path: string): AnyStateNode =>
  path.split('.').reduce<AnyStateNode>((n, key) => {
    const child = (n.states as Record<string, AnyStateNode>)[key];
    if (!child) throw new Error(`no state ${path}`);
    return child;
  }, machine.root);

const transitionsOf = (n: AnyStateNode) => n.transitions as Map<string, AnyTransitionDefinition[]>;
const defs = (n: AnyStateNode, descriptor: string): AnyTransitionDefinition[] => {
  const list = transitionsOf(n).get(descriptor);
  if (!list) throw new Error(`no transitions for ${descriptor} in ${n.id}`);
  return list;
};

const inline = () => {};
const setAssignment = { n: 1 };
const fnAssignment = () => ({ n: 2 });
const staticEvent = { type: 'static' };
const dynamicEvent = ({ context }: { context: { n: number } }) => ({ type: 'dynamic', n: context.n });
const collect: Parameters<typeof enqueueActions>[0] = ({ enqueue }) => enqueue('bump');
const contextFactory = ({ input }: { input: unknown }) => ({ n: 0, input });
const g = () => true;
const notG = not('g');
const goGuard = and(['g', not('never')]);
const impl = {
  actions: {
    bump: assign(setAssignment),
    bumpFn: assign(fnAssignment),
    shout: emit(staticEvent),
    shoutN: emit(dynamicEvent),
    queue: enqueueActions(collect),
  },
  guards: { g, notG, never: () => false },
  delays: { soon: 10 },
};

/** Nested, parallel, after (number and named delay), wildcards, targetless and reentering transitions, params, meta. */
// Built outside `setup` (to compare identities), the actions lack its contextual types.
const machine = setup({
  types: { context: {} as { n: number; input: unknown }, input: {} as unknown },
  actions: impl.actions as Record<keyof typeof impl.actions, never>,
  guards: impl.guards,
  delays: impl.delays,
}).createMachine({
  id: 'c',
  context: contextFactory,
  initial: 'a',
  states: {
    a: {
      initial: { target: 'y', actions: [inline] },
      entry: ['bump', { type: 'shout' }, inline],
      exit: ['shoutN'],
      after: { 5: 'b', soon: 'b' },
      states: { x: {}, y: {} },
      on: {
        GO: [
          { guard: 'never', target: 'b' },
          { guard: goGuard, target: 'b', actions: ['bumpFn', 'shoutN', 'queue'], meta: { rules: ['R1'] } },
        ],
        STAY: { actions: 'bump' },
        AGAIN: { target: 'a', reenter: true },
        'some.*': '.x',
        '*': { guard: or(['never', 'g']), actions: [{ type: 'bump', params: { by: 2 } }] },
      },
    },
    b: { type: 'parallel', states: { p: {}, q: {} } },
  },
});

describe('the XState internals the compiler and the actor backend read', () => {
  it('StateNode.order: a number per node, in document (depth-first, pre-)order', () => {
    const ids = ['c', 'c.a', 'c.a.x', 'c.a.y', 'c.b', 'c.b.p', 'c.b.q'];
    const nodes = ids.map((id) => (id === 'c' ? machine.root : node(machine, id.slice(2))));
    expect(nodes.map((n) => n.order)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect([...nodes].sort((p, q) => p.order - q.order).map((n) => n.id)).toEqual(ids);
  });

  it('StateNode tree: states by key, parent, machine.root, id, key, path, type, meta, invoke, always', () => {
    const a = node(machine, 'a');
    expect(Object.keys(machine.root.states)).toEqual(['a', 'b']);
    expect(a.parent).toBe(machine.root);
    expect(a.machine.root).toBe(machine.root);
    expect([a.id, a.key, a.path]).toEqual(['c.a', 'a', ['a']]);
    expect([machine.root.type, a.type, node(machine, 'a.x').type, node(machine, 'b').type]).toEqual([
      'compound',
      'compound',
      'atomic',
      'parallel',
    ]);
    const m = createMachine({
      id: 'm',
      initial: 'h',
      states: { h: { meta: { k: 1 }, always: 'f', invoke: { src: 'nothing' } }, f: { type: 'final' }, hist: { type: 'history' } },
    });
    const h = node(m, 'h');
    expect(h.meta).toEqual({ k: 1 });
    expect(h.invoke).toHaveLength(1);
    expect(Array.isArray(h.always) && h.always.length).toBe(1);
    expect(a.always).toBeUndefined();
    expect(a.invoke).toEqual([]);
    expect([node(m, 'f').type, node(m, 'hist').type]).toEqual(['final', 'history']);
  });

  it('StateNode.initial: { target: [StateNode], actions } of a compound state', () => {
    const a = node(machine, 'a');
    expect(a.initial.target).toEqual([node(machine, 'a.y')]);
    expect(a.initial.actions).toEqual([inline]);
    expect(machine.root.initial.target).toEqual([a]);
    expect(machine.root.initial.actions).toEqual([]);
  });

  it('StateNode.transitions: a Map of descriptor (as written) to definitions with source, guard, actions, target, reenter, meta', () => {
    const a = node(machine, 'a');
    const map = transitionsOf(a);
    expect(map).toBeInstanceOf(Map);
    expect([...map.keys()]).toEqual(expect.arrayContaining(['GO', 'STAY', 'AGAIN', 'some.*', '*']));
    const [never, go] = defs(a, 'GO');
    expect(never?.guard).toBe('never');
    expect(go?.guard).toBe(goGuard);
    expect(go?.source).toBe(a);
    expect(go?.target).toEqual([node(machine, 'b')]);
    expect(go?.actions).toEqual(['bumpFn', 'shoutN', 'queue']);
    expect(go?.reenter).toBe(false);
    expect(go?.meta).toEqual({ rules: ['R1'] });
    const [stay] = defs(a, 'STAY');
    expect(stay?.target).toBeUndefined();
    expect(defs(a, 'AGAIN')[0]?.reenter).toBe(true);
    expect(defs(a, 'some.*')[0]?.target).toEqual([node(machine, 'a.x')]);
  });

  it(
    'after: an xstate.raise (id, delay as written, event { type: id }) in entry, ' +
      'an xstate.cancel (sendId) in exit, a transition keyed by the id',
    () => {
      const a = node(machine, 'a');
      const raises = a.entry.map(builtin).filter((x) => x.type === 'xstate.raise');
      const cancels = a.exit.map(builtin).filter((x) => x.type === 'xstate.cancel');
      expect(raises.map((r) => [r.id, r.delay, r.event])).toEqual([
        ['xstate.after.5.c.a', 5, { type: 'xstate.after.5.c.a' }],
        ['xstate.after.soon.c.a', 'soon', { type: 'xstate.after.soon.c.a' }],
      ]);
      expect(cancels.map((c) => c.sendId)).toEqual(['xstate.after.5.c.a', 'xstate.after.soon.c.a']);
      for (const r of raises) expect(defs(a, r.id as string)[0]?.target).toEqual([node(machine, 'b')]);
      expect(a.after.map((t) => t.eventType)).toEqual(raises.map((r) => r.id));
    },
  );

  it('node.entry, node.exit and transition actions keep action references as written: names, { type, params }, functions', () => {
    const a = node(machine, 'a');
    expect(a.entry.slice(0, 3)).toEqual(['bump', { type: 'shout' }, inline]);
    expect(a.entry[2]).toBe(inline);
    expect(a.exit[0]).toBe('shoutN');
    expect(defs(a, '*')[0]?.actions).toEqual([{ type: 'bump', params: { by: 2 } }]);
  });

  it('builtin actions: functions with a `resolve` marker and their `type`; plain functions have no `resolve`', () => {
    const made = [
      assign({}),
      emit({ type: 'e' }),
      raise({ type: 'e' }),
      cancel('id'),
      enqueueActions(() => {}),
      sendTo('x', { type: 'e' }),
      log('x'),
    ];
    expect(made.map((b) => [typeof b, typeof builtin(b).resolve, builtin(b).type])).toEqual([
      ['function', 'function', 'xstate.assign'],
      ['function', 'function', 'xstate.emit'],
      ['function', 'function', 'xstate.raise'],
      ['function', 'function', 'xstate.cancel'],
      ['function', 'function', 'xstate.enqueueActions'],
      ['function', 'function', 'xstate.sendTo'],
      ['function', 'function', 'xstate.log'],
    ]);
    expect('resolve' in inline).toBe(false);
  });

  it("assign's .assignment: the object or function as written", () => {
    expect(builtin(impl.actions.bump).assignment).toBe(setAssignment);
    expect(builtin(impl.actions.bumpFn).assignment).toBe(fnAssignment);
  });

  it("emit's .event: the event object or function as written", () => {
    expect(builtin(impl.actions.shout).event).toBe(staticEvent);
    expect(builtin(impl.actions.shoutN).event).toBe(dynamicEvent);
  });

  it("raise's .event, .id, .delay and cancel's .sendId", () => {
    const r = builtin(raise({ type: 'later' }, { id: 'tid', delay: 7 }));
    expect([r.event, r.id, r.delay]).toEqual([{ type: 'later' }, 'tid', 7]);
    expect(builtin(raise({ type: 'now' })).delay).toBeUndefined();
    expect(builtin(cancel('tid')).sendId).toBe('tid');
  });

  it(
    "enqueueActions' .collect: the body as written, called with { context, event, enqueue, check, self, system } and params; " +
      'enqueue is callable with these methods',
    () => {
      expect(builtin(impl.actions.queue).collect).toBe(collect);
      let seen: { keys: string[]; methods: string[]; callable: boolean; checked: boolean; params: unknown } | undefined;
      const m = createMachine({
        entry: {
          type: 'probe',
          params: { p: 1 },
        },
      }).provide({
        actions: {
          probe: enqueueActions((args, params) => {
            const { enqueue, check } = args;
            seen = {
              keys: Object.keys(args).sort(),
              methods: Object.keys(enqueue).sort(),
              callable: typeof enqueue === 'function',
              checked: check(() => true),
              params,
            };
          }),
        },
      });
      createActor(m).start();
      expect(seen).toEqual({
        keys: ['check', 'context', 'enqueue', 'event', 'self', 'system'],
        // A method added here may be one an enqueueActions body calls: the stepper refuses it by name (see SUPPORTED_ENQUEUE).
        methods: ['assign', 'cancel', 'emit', 'raise', 'sendParent', 'sendTo', 'spawnChild', 'stopChild'],
        callable: true,
        checked: true,
        params: { p: 1 },
      });
      expect(seen?.methods).toEqual(expect.arrayContaining([...SUPPORTED_ENQUEUE]));
    },
  );

  it('not/and/or guards: functions whose `check` is one function per combinator, with `.guards` as written', () => {
    const checks = [not('a'), and(['a']), or(['a'])].map((x) => guardParts(x).check);
    expect(checks.every((c) => typeof c === 'function')).toBe(true);
    expect(new Set(checks).size).toBe(3);
    expect(guardParts(not('b')).check).toBe(checks[0]);
    expect(guardParts(and(['b', 'c'])).check).toBe(checks[1]);
    expect(guardParts(or(['b'])).check).toBe(checks[2]);
    expect(guardParts(notG).guards).toEqual(['g']);
    const inner = { type: 'g', params: { x: 1 } };
    expect(guardParts(and(['g', inner, notG])).guards).toEqual(['g', inner, notG]);
    expect(guardParts(or([g])).guards[0]).toBe(g);
    expect((g as { check?: unknown }).check).toBeUndefined();
  });

  it('machine.implementations.{actions, guards, delays}: the objects given to setup, by name', () => {
    const { actions, guards, delays } = machine.implementations as {
      actions: Record<string, unknown>;
      guards: Record<string, unknown>;
      delays: Record<string, unknown>;
    };
    for (const [name, action] of Object.entries(impl.actions)) expect(actions[name], `actions.${name}`).toBe(action);
    for (const [name, guard] of Object.entries(impl.guards)) expect(guards[name], `guards.${name}`).toBe(guard);
    expect(delays.soon).toBe(10);
  });

  it('machine.config.context: the context function or object as written; the initial event is { type: "xstate.init", input }', () => {
    expect(machine.config.context).toBe(contextFactory);
    const plain = { n: 1 };
    expect(createMachine({ context: plain }).config.context).toBe(plain);
    let init: EventObject | undefined;
    createActor(createMachine({ entry: ({ event }) => (init = event) }), { input: 42 }).start();
    expect(init).toEqual({ type: 'xstate.init', input: 42 });
  });

  it('snapshot._nodes: an array of the active StateNode objects, root included', () => {
    const actor = createActor(machine, { input: 1 }).start();
    const nodes = (actor.getSnapshot() as AnyMachineSnapshot)._nodes;
    expect(Array.isArray(nodes)).toBe(true);
    expect(new Set(nodes)).toEqual(new Set([machine.root, node(machine, 'a'), node(machine, 'a.y')]));
    actor.stop();
  });

  it('@xstate.microstep inspection: actorRef, snapshot, event and _transitions (the definitions taken, with meta)', () => {
    const seen: Array<{ event: unknown; transitions: AnyTransitionDefinition[]; value: unknown }> = [];
    let self: unknown;
    const actor = createActor(machine, {
      input: 1,
      inspect: (ev) => {
        if (ev.type !== '@xstate.microstep' || !self || ev.actorRef !== self) return;
        const e = ev as unknown as { _transitions: AnyTransitionDefinition[]; snapshot: AnyMachineSnapshot };
        seen.push({ event: ev.event, transitions: e._transitions, value: e.snapshot.value });
      },
    });
    self = actor;
    actor.start();
    actor.send({ type: 'GO' });
    const step = seen.find((s) => s.transitions.length);
    expect(step?.event).toEqual({ type: 'GO' });
    expect(step?.transitions).toEqual([defs(node(machine, 'a'), 'GO')[1]]);
    expect(step?.transitions[0]).toBe(defs(node(machine, 'a'), 'GO')[1]);
    expect(step?.transitions[0]?.meta).toEqual({ rules: ['R1'] });
    expect(step?.value).toEqual({ b: { p: {}, q: {} } });
    actor.stop();
  });

  it('machine.getTransitionData(snapshot, event): the enabled definitions, empty when none', () => {
    const snapshot = createActor(machine, { input: 1 }).getSnapshot() as AnyMachineSnapshot;
    expect(machine.getTransitionData(snapshot, { type: 'GO' })).toEqual([defs(node(machine, 'a'), 'GO')[1]]);
    const m = setup({ guards: { no: () => false } }).createMachine({ on: { X: { guard: 'no', actions: inline } } });
    const s = createActor(m).getSnapshot();
    expect(m.getTransitionData(s, { type: 'X' })).toEqual([]);
    expect(m.getTransitionData(s, { type: 'Y' })).toEqual([]);
  });

  it(
    "transition(): [snapshot, executable actions], emits as { type: 'xstate.emit', params: { event } } resolved, " +
      'enqueued ones included; the snapshot is not changed',
    () => {
      const m = setup({
        types: { context: {} as { n: number } },
        actions: {
          shout: emit(staticEvent),
          shoutN: emit(dynamicEvent),
          queued: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'queued' })),
        },
      }).createMachine({ context: { n: 3 }, on: { GO: { actions: ['shout', 'shoutN', 'queued', assign({ n: 4 })] } } });
      const snapshot = createActor(m).getSnapshot();
      const [next, actions] = transition(m, snapshot, { type: 'GO' });
      const emits = (actions as ReadonlyArray<{ type: string; params?: unknown }>).filter((a) => a.type === 'xstate.emit');
      expect(emits.map((a) => (a.params as { event: unknown }).event)).toEqual([
        staticEvent,
        { type: 'dynamic', n: 3 },
        { type: 'queued' },
      ]);
      expect(next.context).toEqual({ n: 4 });
      expect(snapshot.context).toEqual({ n: 3 });
    },
  );
});

describe('the XState version check', () => {
  it('reads the installed version from xstate/package.json, and passes it', () => {
    const pkg = createRequire(import.meta.url)('xstate/package.json') as { version: string };
    expect(installedXStateVersion()).toBe(pkg.version);
    expect(() => checkXStateVersion(installedXStateVersion(), undefined, 'm')).not.toThrow();
    expect(VERIFIED_XSTATE).toBe('5.33.x');
  });

  it('rejects another version, naming it and the verified one, unless LICSIM_ALLOW_XSTATE names it', () => {
    for (const other of ['5.34.0', '5.330.1', '6.0.0', '5.32.9', '5.33.0-beta.1']) {
      expect(() => checkXStateVersion(other, undefined, 'm'), other).toThrow(CompileError);
      expect(() => checkXStateVersion(other, '5.33.3', 'm'), other).toThrow(
        `cannot compile machine "m": xstate ${other}: the compiler was verified against xstate 5.33.x`,
      );
      expect(() => checkXStateVersion(other, other, 'm'), other).not.toThrow();
    }
    expect(() => checkXStateVersion('5.33.0', undefined, 'm')).not.toThrow();
    expect(() => checkXStateVersion('5.33.17', undefined, 'm')).not.toThrow();
  });
});
