import { createRequire } from 'node:module';
import type FakeTimersModule from '@sinonjs/fake-timers';
import { type AnyActorRef, type AnyMachineSnapshot, type AnyStateMachine, createActor, type EventObject, transition } from 'xstate';
import type { StatusEntry } from '../../machines/catalog.ts';
import { type EmittedEvent, needsAdmission } from '../../machines/emitted.ts';
import { holdingOf, type Operation, permits, rulesOf, statusOf } from '../../machines/meta.ts';
import { compileMachine } from '../compile/compileMachine.ts';
import type { Backend, DriverHooks, ModelDriver, StepOutcome } from './types.ts';

type Clock = ReturnType<typeof FakeTimersModule.createClock>;

/** Loaded only when a run asks for the actor backend: the compiled engine does not need it. */
function createClock(): Clock {
  const require = createRequire(import.meta.url);
  return (require('@sinonjs/fake-timers') as typeof FakeTimersModule).createClock(0);
}

/**
 * The oracle: one real XState actor per instance on a sinon fake clock
 * (`@sinonjs/fake-timers`, one millisecond per tick). Engine tasks are fake
 * timers too, so tasks and machine timers share one order, as in the queue.
 */
export class ActorBackend implements Backend {
  readonly name = 'actors';
  readonly clock = createClock();
  /** The clock actors schedule their delayed events on: after each one's step, the world delivers what it sent. */
  private readonly actorClock;

  constructor(settle: () => void = () => {}) {
    const clock = this.clock;
    this.actorClock = {
      setTimeout: (fn: (...args: unknown[]) => void, ms: number) =>
        clock.setTimeout(() => {
          fn();
          settle();
        }, ms),
      clearTimeout: (id: unknown) => clock.clearTimeout(id as never),
    };
  }

  now(): number {
    return this.clock.now;
  }

  at(tick: number, task: () => void): void {
    const delay = tick - this.clock.now;
    if (delay < 0) throw new Error(`cannot schedule at tick ${tick}: time is already at ${this.clock.now}`);
    this.clock.setTimeout(task, delay);
  }

  runUntil(tick: number): void {
    if (tick > this.clock.now) this.clock.tick(tick - this.clock.now);
    else this.clock.tick(0);
  }

  driver(machine: AnyStateMachine, globals: Int32Array, hooks: DriverHooks): ModelDriver {
    return new ActorDriver(machine, globals.length, hooks, this.actorClock);
  }
}

/** Metas in document order, as the compiled configurations list them. */
function metasOf(snapshot: AnyMachineSnapshot): unknown[] {
  return [...snapshot._nodes]
    .sort((a, b) => a.order - b.order)
    .map((n) => n.meta)
    .filter((m) => m !== undefined);
}

class ActorDriver implements ModelDriver {
  readonly statuses: string[];
  readonly catalog: readonly StatusEntry[];
  private readonly actors: AnyActorRef[];
  private readonly lastValue: string[];
  /** The snapshot of the step under way: hooks run before the actor publishes it. */
  private readonly current: Array<AnyMachineSnapshot | undefined>;
  /** The instance whose admitted step is being taken (its emits were checked), or -1. */
  private checking = -1;

  constructor(
    readonly machine: AnyStateMachine,
    capacity: number,
    private readonly hooks: DriverHooks,
    private readonly clock: { setTimeout(fn: (...args: unknown[]) => void, ms: number): unknown; clearTimeout(id: unknown): void },
  ) {
    // The one status catalogue is the compiled machine's, the actors' oracle included.
    this.catalog = compileMachine(machine).catalog;
    this.statuses = this.catalog.map((s) => s.name);
    this.actors = new Array<AnyActorRef>(capacity);
    this.lastValue = new Array<string>(capacity);
    this.current = new Array<AnyMachineSnapshot | undefined>(capacity);
  }

  private snapshot(local: number): AnyMachineSnapshot {
    return this.current[local] ?? ((this.actors[local] as AnyActorRef).getSnapshot() as AnyMachineSnapshot);
  }

  private statusIndexOf(snapshot: AnyMachineSnapshot): number {
    const name = statusOf(metasOf(snapshot))?.name;
    const index = name === undefined ? -1 : this.statuses.indexOf(name);
    if (index < 0) throw new Error(`machine ${this.machine.id}: ${JSON.stringify(snapshot.value)} shows no status of its catalogue`);
    return index;
  }

  start(local: number, input: unknown): void {
    let previous = -1;
    let held = holdingOf([]);
    // Set once constructed: inspection events of the initial snapshot come before and are not steps.
    let self: AnyActorRef | undefined;
    const actor = createActor(this.machine, {
      input,
      clock: this.clock,
      inspect: (ev) => {
        if (ev.type !== '@xstate.microstep' || !self || ev.actorRef !== self) return;
        const transitions = (ev as unknown as { _transitions: Array<{ meta?: { rules?: string[] } }> })._transitions;
        if (!transitions.length) return;
        const snapshot = ev.snapshot as AnyMachineSnapshot;
        this.current[local] = snapshot;
        const value = JSON.stringify(snapshot.value);
        const cited = [...new Set(transitions.flatMap((t) => t.meta?.rules ?? []))];
        const to = this.statusIndexOf(snapshot);
        const holds = holdingOf(metasOf(snapshot));
        this.hooks.stepped(local, {
          from: previous,
          to,
          event: ev.event,
          rules: cited.length ? cited : rulesOf(metasOf(snapshot)),
          changed: value !== this.lastValue[local],
          holdingChanged: holds !== held,
        });
        previous = to;
        held = holds;
        this.lastValue[local] = value;
      },
    });
    actor.on('*', (event: EmittedEvent) => this.hooks.emitted(local, event, this.checking === local));
    this.actors[local] = actor;
    self = actor;
    this.admitTimers(local, actor);
    actor.start();
    previous = this.statusIndexOf(this.snapshot(local));
    held = holdingOf(metasOf(this.snapshot(local)));
    this.lastValue[local] = JSON.stringify(this.snapshot(local).value);
  }

  /**
   * The step is computed first with XState's pure `transition`, so that a step whose
   * effects or requests the engine refuses is never taken; then the real actor takes it.
   */
  send(local: number, event: EventObject): StepOutcome {
    const emitted = this.preview(local, event);
    if (emitted === null) return 'none';
    const checked = emitted.some(needsAdmission);
    if (checked && !this.hooks.admit(local, emitted, false)) return 'refused';
    this.checking = checked ? local : -1;
    try {
      (this.actors[local] as AnyActorRef).send(event);
    } finally {
      this.checking = -1;
    }
    return 'stepped';
  }

  /**
   * XState relays an actor's own delayed event (an `after` timer) through its system's
   * `_relay(source, target, event)` with the actor as source; the engine's sends come
   * with no source. A timer's step that emits effects or requests is admitted first, as
   * the compiled engine admits it: refused, it is not taken.
   */
  private admitTimers(local: number, actor: AnyActorRef): void {
    const system = actor.system as unknown as { _relay: (source: unknown, target: AnyActorRef, event: EventObject) => void };
    const relay = system._relay.bind(system);
    system._relay = (source, target, event) => {
      if (source === actor && target === actor) {
        const emitted = this.preview(local, event);
        if (emitted === null) return;
        const checked = emitted.some(needsAdmission);
        if (checked && !this.hooks.admit(local, emitted, true)) return;
        this.checking = checked ? local : -1;
        try {
          relay(source, target, event);
        } finally {
          this.checking = -1;
        }
        return;
      }
      relay(source, target, event);
    };
  }

  preview(local: number, event: EventObject): EmittedEvent[] | null {
    const snapshot = this.snapshot(local);
    if (!this.machine.getTransitionData(snapshot, event).length) return null;
    const [, actions] = transition(this.machine, snapshot, event);
    // The executable actions of XState's pure transition: emits carry their resolved event in params.
    return (actions as ReadonlyArray<{ type: string; params?: unknown }>)
      .filter((a) => a.type === 'xstate.emit')
      .map((a) => (a.params as { event: EmittedEvent }).event);
  }

  holding(local: number) {
    return holdingOf(metasOf(this.snapshot(local)));
  }
  statusIndex(local: number): number {
    return this.statusIndexOf(this.snapshot(local));
  }
  permits(local: number, op: Operation) {
    return permits(metasOf(this.snapshot(local)), op);
  }
  context(local: number) {
    return this.snapshot(local).context;
  }
  value(local: number) {
    return this.snapshot(local).value;
  }
  leaves(local: number): string[] {
    return this.snapshot(local)
      ._nodes.filter((n) => n.type === 'atomic')
      .sort((a, b) => a.order - b.order)
      .map((n) => n.path.join('.'));
  }
}
