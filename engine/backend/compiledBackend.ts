import type { AnyStateMachine, EventObject } from 'xstate';
import type { SavedFields } from '../../ledger/snapshot.ts';
import type { StatusEntry } from '../../machines/catalog.ts';
import type { EmittedEvent } from '../../machines/emitted.ts';
import type { Operation } from '../../machines/meta.ts';
import { EventQueue } from '../clock/eventQueue.ts';
import { compileMachine } from '../compile/compileMachine.ts';
import type { Configuration } from '../compile/configuration.ts';
import { type SavedStepper, type StepOutcome, Stepper } from '../compile/stepper.ts';
import type { Backend, DriverHooks, ModelDriver, StepReport } from './types.ts';

/** The fast path: compiled machines stepped over compact state, timers in one event queue. */
export class CompiledBackend implements Backend {
  readonly name = 'compiled';
  readonly queue = new EventQueue();
  private readonly drivers: CompiledDriver[] = [];
  /** Per fleet index: which driver owns the instance, and its index there (two small-integer arrays, no object per instance). */
  private readonly driverOf: number[] = [];
  private readonly localOf: number[] = [];
  private readonly onTimer = (owner: number, slot: number, gen: number) => {
    (this.drivers[this.driverOf[owner] as number] as CompiledDriver).stepper.fire(this.localOf[owner] as number, slot, gen);
    this.settle();
  };

  /** `settle` runs after every timer's step: the world delivers what the step sent. */
  constructor(private readonly settle: () => void = () => {}) {}

  now(): number {
    return this.queue.now;
  }

  at(tick: number, task: () => void): void {
    this.queue.pushTask(tick, task);
  }

  runUntil(tick: number): void {
    this.queue.runUntil(tick, this.onTimer);
  }

  /** The queue and every driver's machines, between steps. */
  save(): SavedCompiled {
    return { queue: this.queue.save(), steppers: this.drivers.map((d) => d.stepper.save()) };
  }

  load(state: SavedCompiled): void {
    this.queue.load(state.queue);
    state.steppers.forEach((s, i) => {
      (this.drivers[i] as CompiledDriver).stepper.load(s);
    });
  }

  /**
   * The armed machine timers and the queued tasks, in the order they will run: a timer as
   * the address of its machine, its slot and tick; a task as its tick.
   */
  pending(): Array<{ tick: number; owner: number; slot: number } | { tick: number; task: number }> {
    const out: Array<{ tick: number; owner: number; slot: number } | { tick: number; task: number }> = [];
    for (const e of this.queue.pending()) {
      if ('task' in e) {
        out.push(e);
        continue;
      }
      const driver = this.drivers[this.driverOf[e.owner] as number] as CompiledDriver;
      if (driver.stepper.armed(this.localOf[e.owner] as number, e.slot, e.gen)) out.push({ tick: e.tick, owner: e.owner, slot: e.slot });
    }
    return out;
  }

  /** The steppers of every driver, in the order the drivers were made (read-only use: fingerprints, coverage). */
  steppers(): readonly Stepper[] {
    return this.drivers.map((d) => d.stepper);
  }

  /** Runs everything due strictly before `tick`; time then stands at `tick` (what is due at it has not run). */
  runBefore(tick: number): void {
    this.queue.runBefore(tick, this.onTimer);
  }

  /** A driver for `capacity` instances of `machine`; `globals[local]` is each one's fleet-wide index. */
  driver(machine: AnyStateMachine, globals: Int32Array, hooks: DriverHooks): ModelDriver {
    const driver = new CompiledDriver(machine, globals, hooks, this.queue);
    const index = this.drivers.push(driver) - 1;
    globals.forEach((global, local) => {
      this.driverOf[global] = index;
      this.localOf[global] = local;
    });
    return driver;
  }
}

/** A compiled backend's saved state. */
export interface SavedCompiled {
  queue: SavedFields;
  steppers: SavedStepper[];
}

/** A configuration's status index: a licsim machine shows a status in every configuration (counts and series need one). */
function shown(machine: AnyStateMachine, config: Configuration): number {
  if (config.statusIndex < 0)
    throw new Error(`machine ${machine.id}: ${config.leaves.join(', ')} shows no status: give one of its states meta.status`);
  return config.statusIndex;
}

class CompiledDriver implements ModelDriver {
  readonly statuses: string[];
  readonly catalog: readonly StatusEntry[];
  readonly stepper: Stepper;
  /** One report, refilled for every step: hooks must copy what they keep. */
  private readonly report: StepReport = { from: 0, to: 0, event: { type: '' }, rules: [], changed: false, holdingChanged: false };

  constructor(
    readonly machine: AnyStateMachine,
    globals: Int32Array,
    hooks: DriverHooks,
    queue: EventQueue,
  ) {
    const table = compileMachine(machine);
    this.catalog = table.catalog;
    this.statuses = table.catalog.map((s) => s.name);
    this.stepper = new Stepper(
      table,
      {
        now: () => queue.now,
        scheduleTimer: (at, local, slot, gen) => queue.pushTimer(at, globals[local] as number, slot, gen),
        emitted: (local, event) => hooks.emitted(local, event as EmittedEvent, this.stepper.lastStepAdmitted),
        admit: (local, emitted, timer) => hooks.admit(local, emitted as EmittedEvent[], timer),
        stepped: (local, from, step, event) => {
          const report = this.report;
          report.from = from.statusIndex;
          report.to = shown(machine, step.next);
          report.event = event;
          report.rules = step.rules;
          report.changed = from !== step.next;
          report.holdingChanged = from.holds !== step.next.holds;
          hooks.stepped(local, report);
        },
      },
      globals.length,
    );
  }

  start(local: number, input: unknown): void {
    this.stepper.start(local, input);
  }
  send(local: number, event: EventObject): StepOutcome {
    return this.stepper.send(local, event);
  }
  preview(local: number, event: EventObject): EmittedEvent[] | null {
    return this.stepper.preview(local, event) as EmittedEvent[] | null;
  }
  holding(local: number) {
    return this.stepper.configuration(local).holds;
  }
  statusIndex(local: number): number {
    return shown(this.stepper.table.machine, this.stepper.configuration(local));
  }
  permits(local: number, op: Operation) {
    return this.stepper.configuration(local).permits(op);
  }
  context(local: number) {
    return this.stepper.context(local);
  }
  value(local: number) {
    return this.stepper.configuration(local).value;
  }
  leaves(local: number) {
    return this.stepper.configuration(local).leaves;
  }
}
