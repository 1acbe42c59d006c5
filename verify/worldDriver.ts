import type { CompiledBackend } from '../engine/backend/compiledBackend.ts';
import type { TimelineOutcome } from '../engine/result.ts';
import { type EngineObserver, type SavedWorld, Simulation } from '../engine/run/simulation.ts';
import { runEntry } from '../engine/run/timeline.ts';
import { startOfDay, startRun } from '../engine/runScenario.ts';
import type { Scenario } from '../engine/scenario.ts';
import type { WorldMachines } from '../engine/world/machines.ts';
import { TICKS_PER_DAY } from '../machines/time.ts';
import type { Checkable, Monitor } from '../scenarios/expect/monitor.ts';
import { Fingerprinter } from './fingerprint.ts';
import type { AlphabetEvent } from './spec.ts';

/** A world state the checker keeps: the simulation's and each monitor's. */
export interface WorldState {
  world: SavedWorld;
  monitors: unknown[];
}

/** The first midnight strictly after `tick`. */
export const nextMidnight = (tick: number) => (Math.floor(tick / TICKS_PER_DAY) + 1) * TICKS_PER_DAY;
/** The midnight that starts the day `tick` falls in. */
export const midnightOf = (tick: number) => Math.floor(tick / TICKS_PER_DAY) * TICKS_PER_DAY;

/**
 * One world of a verification, driven the way `licsim run` drives a scenario — the
 * same machines, compiled step function, exchange, timeline actions and start of
 * day — but forkable: its state is saved and loaded as the checker explores. Time
 * moves from midnight to midnight; at each, the day starts (as in a run) and the
 * checker may inject events, which then run before anything else due at that tick,
 * exactly as a timeline entry of that day does in a scenario.
 */
export class WorldDriver {
  readonly sim: Simulation;
  readonly backend: CompiledBackend;
  readonly fingerprints: Fingerprinter;
  /** The monitors' checks, in property order. */
  readonly checks: Checkable[];
  readonly horizon: number;

  constructor(
    scenario: Scenario,
    readonly monitors: readonly Monitor[],
    options: { machines?: WorldMachines; cap: number; observers?: readonly EngineObserver[] },
  ) {
    // The log and the daily series are a run's record: a verification keeps neither.
    const world: Scenario = { ...scenario, options: { ...scenario.options, eventLogLimit: 0 } };
    this.sim = new Simulation(world, {
      backend: 'compiled',
      observers: [...monitors, ...(options.observers ?? [])],
      machines: options.machines,
    });
    this.backend = this.sim.backend as CompiledBackend;
    this.checks = monitors.map((m) => {
      if (!m.check) throw new Error('a property must be an expectation kind whose monitor has a check');
      return m.check;
    });
    this.horizon = Math.ceil(scenario.days) * TICKS_PER_DAY;
    startRun(this.sim);
    this.fingerprints = new Fingerprinter(this.sim, this.backend, options.cap);
  }

  now(): number {
    return this.backend.now();
  }

  save(): WorldState {
    return { world: this.sim.save(), monitors: this.checks.map((c) => c.save()) };
  }

  load(state: WorldState): void {
    this.sim.load(state.world);
    this.checks.forEach((c, i) => {
      c.load(state.monitors[i]);
    });
  }

  /** Runs time to the midnight `tick` (≤ the horizon): every midnight on the way starts its day, the last one too. */
  advanceTo(tick: number, midnight?: (tick: number) => void): void {
    this.sim.bind();
    for (let t = nextMidnight(this.now()); t <= tick; t += TICKS_PER_DAY) {
      this.backend.runBefore(t);
      startOfDay(this.sim, t / TICKS_PER_DAY, false);
      midnight?.(t);
    }
  }

  /** Runs to the end of the horizon, as a run ends: what is due at its last tick, then every instance's consistency. */
  finish(): void {
    this.advanceTo(this.horizon);
    this.sim.runUntil(this.horizon);
    this.sim.consistency.checkAll();
  }

  /** Runs one event of the alphabet now, as a timeline entry of this day would run. */
  inject(event: AlphabetEvent): TimelineOutcome {
    this.sim.bind();
    const day = this.now() / TICKS_PER_DAY;
    const outcome: TimelineOutcome = { at: day, kind: event.entry.action.kind, reached: 0, notApplicable: 0, refused: 0, reasons: [] };
    runEntry(this.sim, { ...event.entry, at: day }, outcome);
    return outcome;
  }

  /** Indices (in property order) of the properties the run so far already breaks. */
  failed(): number[] {
    const out: number[] = [];
    this.checks.forEach((c, i) => {
      if (c.failed()) out.push(i);
    });
    return out;
  }

  /** Ticks of the machine timers armed now. */
  deadlines(): number[] {
    const out: number[] = [];
    for (const p of this.backend.pending()) if (!('task' in p)) out.push(p.tick);
    return out;
  }

  /** Whether anything is queued: a timer armed or a task (a fixed event, a monitor's). */
  busy(): boolean {
    return this.backend.pending().length > 0;
  }

  /** The fingerprint of the world now, with the monitors' keys and `extra` (the environment's). */
  fingerprint(extra: readonly string[] = []): string {
    const now = this.now();
    return this.fingerprints.of([...this.checks.map((c) => c.key(now)), ...extra]);
  }
}
