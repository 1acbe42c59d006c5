import FakeTimers from '@sinonjs/fake-timers';
import { describe, expect, it } from 'vitest';
import { type AnyStateMachine, and, assign, createActor, type EventObject, emit, fromPromise, not, setup } from 'xstate';
import { EventQueue } from '../../engine/clock/eventQueue.ts';
import { compileMachine } from '../../engine/compile/compileMachine.ts';
import { CompileError } from '../../engine/compile/errors.ts';
import { Stepper } from '../../engine/compile/stepper.ts';

/** A machine using what the compiler replays: parallel regions, wildcards, reentry, guard combinators, params, after, enqueueActions. */
const kitchenSink = setup({
  types: { context: {} as { n: number; log: string[] }, events: {} as EventObject & { by?: number } },
  guards: {
    big: ({ context }, p: { over: number }) => context.n > p.over,
    even: ({ context }) => context.n % 2 === 0,
  },
  actions: {
    add: assign({ n: ({ context, event }) => context.n + ((event as { by?: number }).by ?? 1) }),
    note: assign({ log: ({ context }, p: { text: string }) => [...context.log, p.text] }),
    shout: emit(({ context }) => ({ type: 'shout', n: context.n })),
  },
  delays: { soon: ({ context }) => 10 + context.n },
}).createMachine({
  id: 'sink',
  context: { n: 0, log: [] },
  type: 'parallel',
  states: {
    a: {
      initial: 'idle',
      states: {
        idle: { on: { GO: { target: 'busy', actions: 'add' } }, after: { soon: 'busy' } },
        busy: {
          entry: [{ type: 'note', params: { text: 'busy' } }],
          exit: ['shout'],
          on: {
            GO: [
              { guard: and([{ type: 'big', params: { over: 3 } }, not('even')]), target: 'idle', actions: 'shout' },
              { target: 'busy', reenter: true, actions: 'add' },
            ],
            '*': { actions: { type: 'note', params: { text: 'wild' } } },
          },
        },
      },
    },
    b: {
      initial: 'off',
      states: {
        off: { on: { FLIP: 'on' } },
        on: { after: { 25: 'off' }, on: { FLIP: { target: 'off', actions: 'shout' } } },
      },
      on: { PING: { actions: { type: 'note', params: { text: 'ping' } } } },
    },
  },
  on: { PING: { actions: { type: 'note', params: { text: 'root' } } } },
});

function traceXState(machine: AnyStateMachine, events: Array<[number, EventObject]>, input?: unknown): string[] {
  const clock = FakeTimers.createClock(0);
  const out: string[] = [];
  for (const [t, e] of events) clock.setTimeout(() => actor.send(e), t);
  const actor = createActor(machine, { clock, input });
  actor.on('*', (e) => out.push(`${clock.now} emit ${JSON.stringify(e)}`));
  actor.subscribe((s) => out.push(`${clock.now} ${JSON.stringify(s.value)} ${JSON.stringify(s.context)}`));
  actor.start();
  clock.tick(500);
  return out;
}

function traceCompiled(machine: AnyStateMachine, events: Array<[number, EventObject]>, input?: unknown): string[] {
  const q = new EventQueue();
  const out: string[] = [];
  const stepper = new Stepper(
    compileMachine(machine),
    {
      now: () => q.now,
      scheduleTimer: (at, i, slot, gen) => q.pushTimer(at, i, slot, gen),
      emitted: (_, e) => out.push(`${q.now} emit ${JSON.stringify(e)}`),
      stepped: () => {},
      admit: () => true,
    },
    1,
  );
  for (const [t, e] of events)
    q.pushTask(t, () => {
      stepper.send(0, e);
      out.push(`${q.now} ${JSON.stringify(stepper.configuration(0).value)} ${JSON.stringify(stepper.context(0))}`);
    });
  stepper.start(0, input);
  out.push(`0 ${JSON.stringify(stepper.configuration(0).value)} ${JSON.stringify(stepper.context(0))}`);
  q.runUntil(500, (i, slot, gen) => {
    stepper.fire(i, slot, gen);
    out.push(`${q.now} ${JSON.stringify(stepper.configuration(0).value)} ${JSON.stringify(stepper.context(0))}`);
  });
  return out;
}

describe('compiling a machine to a table-driven stepper', () => {
  it('replays parallel regions, wildcards, reentry, guard combinators, params and after timers as XState does', () => {
    const events: Array<[number, EventObject]> = [
      [1, { type: 'FLIP' }],
      [2, { type: 'PING' }],
      [3, { type: 'GO', by: 2 } as EventObject],
      [4, { type: 'GO', by: 3 } as EventObject],
      [5, { type: 'NOISE' }],
      [6, { type: 'GO' }],
      [40, { type: 'FLIP' }],
      [41, { type: 'FLIP' }],
      [100, { type: 'GO', by: 4 } as EventObject],
    ];
    // XState notifies subscribers only when the snapshot changes; compare the states both reach at each event.
    const xs = traceXState(kitchenSink, events);
    const cs = traceCompiled(kitchenSink, events);
    const states = (lines: string[]) => [...new Set(lines.filter((l) => !l.includes(' emit ')))];
    const emits = (lines: string[]) => lines.filter((l) => l.includes(' emit '));
    expect(emits(cs)).toEqual(emits(xs));
    expect(states(cs)).toEqual(expect.arrayContaining(states(xs)));
    expect(cs.at(-1)).toEqual(xs.at(-1));
    // Wildcards of one region and named events of another both take the event; 'ping' is the region's, not the root's.
    expect(cs.at(-1)).toBe('115 {"a":"busy","b":"off"} {"n":5,"log":["ping","busy","busy","wild","busy","wild","wild","wild","busy"]}');
  });

  it('takes an initial choice once at the start, as XState does: entry, exit, transition and target actions, in order', () => {
    const choosing = setup({
      types: { context: {} as { kind: string; log: string[] }, input: {} as { kind: string } },
      guards: { isB: ({ context }) => context.kind === 'b' },
      actions: { note: assign(({ context }, p: { s: string }) => ({ log: [...context.log, p.s] })) },
    }).createMachine({
      id: 'c',
      context: ({ input }) => ({ kind: input.kind, log: [] }),
      initial: 'choose',
      states: {
        choose: {
          entry: { type: 'note', params: { s: 'in' } },
          exit: { type: 'note', params: { s: 'out' } },
          always: [
            { guard: 'isB', target: 'b', actions: { type: 'note', params: { s: 'to-b' } } },
            { target: 'a', actions: { type: 'note', params: { s: 'to-a' } } },
          ],
        },
        a: { entry: [{ type: 'note', params: { s: 'a' } }, emit({ type: 'A' })], after: { 10: 'b' }, on: { GO: 'b' } },
        b: { entry: { type: 'note', params: { s: 'b' } }, on: { GO: 'a' } },
      },
    });
    const events: Array<[number, EventObject]> = [[20, { type: 'GO' }]];
    for (const kind of ['a', 'b']) {
      const xs = traceXState(choosing, events, { kind });
      const cs = traceCompiled(choosing, events, { kind });
      expect(cs.filter((l) => l.includes(' emit '))).toEqual(xs.filter((l) => l.includes(' emit ')));
      expect(cs.at(0)).toEqual(xs.at(0));
      expect(cs.at(-1)).toEqual(xs.at(-1));
    }
    expect(traceCompiled(choosing, events, { kind: 'a' })).toEqual([
      '0 emit {"type":"A"}',
      '0 "a" {"kind":"a","log":["in","out","to-a","a"]}',
      '10 "b" {"kind":"a","log":["in","out","to-a","a","b"]}',
      '20 emit {"type":"A"}',
      '20 "a" {"kind":"a","log":["in","out","to-a","a","b","a"]}',
      '30 "b" {"kind":"a","log":["in","out","to-a","a","b","a","b"]}',
    ]);
    expect(traceCompiled(choosing, [], { kind: 'b' })).toEqual(['0 "b" {"kind":"b","log":["in","out","to-b","b"]}']);
  });

  it('refuses what it cannot replay, naming the machine and the state', () => {
    const only = 'eventless (always) transitions are supported only as an initial choice';
    const always = setup({}).createMachine({ id: 'm', initial: 'a', states: { a: {}, b: { always: 'a' } } });
    expect(() => compileMachine(always)).toThrow(
      new CompileError('m', 'state "m.b"', `${only}: on an atomic state of the initial configuration`),
    );
    const guarded = setup({ guards: { no: () => false } }).createMachine({
      id: 'g',
      initial: 'a',
      states: { a: { always: { guard: 'no', target: 'b' } }, b: {} },
    });
    expect(() => compileMachine(guarded)).toThrow(
      new CompileError('g', 'state "g.a"', `${only} whose last transition is unguarded (an instance never rests in it)`),
    );
    const again = setup({}).createMachine({ id: 'r', initial: 'a', states: { a: { always: 'b' }, b: { on: { BACK: 'a' } } } });
    expect(() => compileMachine(again)).toThrow(
      new CompileError('r', 'state "r.b", event "BACK"', `${only}: this transition enters "r.a" again`),
    );
    const history = setup({}).createMachine({
      id: 'h',
      initial: 'a',
      states: { a: { initial: 'x', states: { x: {}, hist: { type: 'history' } } } },
    });
    expect(() => compileMachine(history)).toThrow('cannot compile machine "h": state "h.a.hist": history states are not supported');
    const invoke = setup({ actors: { p: fromPromise(async () => 1) } }).createMachine({ id: 'i', invoke: { src: 'p' } });
    expect(() => compileMachine(invoke)).toThrow('cannot compile machine "i": state "i": invoked actors are not supported');
  });
});
