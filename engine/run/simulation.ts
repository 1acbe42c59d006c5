import type { EventObject } from 'xstate';
import { Ledger } from '../../ledger/ledger.ts';
import type { EmittedEvent, EffectEvent } from '../../machines/emitted.ts';
import type { Operation } from '../../machines/meta.ts';
import { MODELS, type ModelName } from '../../machines/policyOverride.ts';
import { TICKS_PER_DAY } from '../../machines/time.ts';
import { ActorBackend } from '../backend/actorBackend.ts';
import { CompiledBackend } from '../backend/compiledBackend.ts';
import type { Backend, ModelDriver, StepReport } from '../backend/types.ts';
import { GroupDraw } from '../fleet/draw.ts';
import { Fleet } from '../fleet/fleet.ts';
import { NodeLockedPopulation, SessionPopulation, SmartPopulation, type Population } from '../fleet/populations.ts';
import type { Scenario } from '../scenario.ts';
import { openAccounts } from './accounts.ts';
import { Licensing } from './licensing.ts';
import { EventLog } from './eventLog.ts';
import { DailyMetrics, type StatusCounter } from './metrics.ts';
import { inputsFor } from './inputs.ts';
import { bindWorld, sharedMachine, type MachineWorld } from './sharedMachines.ts';

/** Log entries kept by default before only traced instances (the first five of each group) are logged. */
export const EVENT_LOG_LIMIT = 5_000;
/** Fleets up to this size have every instance's alarms and effects logged. */
const TRACE_WHOLE_FLEET = 1_000;

/** Watches a run as it goes (expectations are observers). Ticks are virtual minutes. */
export interface EngineObserver {
  start?(sim: Simulation): void;
  step?(global: number, tick: number, report: StepReport, model: ModelName): void;
  emitted?(global: number, tick: number, event: EmittedEvent): void;
  /** Every refusal: by a machine (also seen by `emitted`), the ledger, or the engine (an action that does not apply). */
  refused?(global: number, tick: number, op: string, rule: string | null, reason: string): void;
  /** After the end-of-day sample of `day`. */
  day?(day: number, sim: Simulation): void;
}

export interface SimulationOptions {
  backend?: 'compiled' | 'actors';
  observers?: EngineObserver[];
  onProgress?: (progress: { day: number; days: number; steps: number }) => void;
}

/** Refusals seen while one timeline entry runs, so its outcome can report them. */
export interface RefusalTally {
  refused: number;
  reasons: Map<string, { reason: string; rule: string | null; count: number }>;
}

/**
 * One run of a scenario: the fleet, its machines (through a backend), the
 * ledger, and the metrics. Reacts to what machines emit: alarms are counted,
 * refusals recorded, ledger effects applied.
 */
export class Simulation {
  readonly fleet: Fleet;
  readonly ledger: Ledger;
  readonly backend: Backend;
  /** A driver per model the fleet has instances of. */
  readonly drivers: Partial<Record<ModelName, ModelDriver>> = {};
  /** The models the fleet has instances of. */
  readonly models: ModelName[];
  readonly populations: Population[];
  readonly counters: StatusCounter[];
  readonly metrics: DailyMetrics;
  readonly log: EventLog;
  readonly licensing: Licensing;
  readonly observers: EngineObserver[];
  readonly work = { steps: 0, emitted: 0 };
  /** Refusals recorded so far (so a caller can see whether what it sent was refused). */
  refusals = 0;
  /** Refusals of the timeline entry running now, if any. */
  tally: RefusalTally | null = null;
  private readonly ids: string[];
  private readonly counterOf: Record<ModelName, StatusCounter>;
  private readonly world: MachineWorld;

  constructor(
    readonly scenario: Scenario,
    options: SimulationOptions = {},
  ) {
    this.observers = options.observers ?? [];
    this.fleet = new Fleet(scenario.fleet, scenario.seed);
    this.ids = new Array<string>(this.fleet.size);
    this.backend = options.backend === 'actors' ? new ActorBackend() : new CompiledBackend();
    this.ledger = openAccounts(scenario);
    this.populations = this.fleet.groups.map((g) => {
      const draw = new GroupDraw(scenario.seed, g.index);
      if (g.spec.model === 'smart-licensing') return new SmartPopulation(g.spec, draw, this.ledger);
      if (g.spec.model === 'node-locked') return new NodeLockedPopulation(g.spec, draw, this.ledger);
      return new SessionPopulation(g.spec, draw);
    });
    this.world = { now: () => this.backend.now(), facts: this.ledger.facts };
    this.models = MODELS.filter((m) => this.fleet.globals[m].length > 0);
    for (const model of this.models) {
      const machine = sharedMachine(model);
      const globals = this.fleet.globals[model];
      this.drivers[model] = this.backend.driver(machine, globals, this.hooks(model, globals));
    }
    this.counters = this.models.map((model) => {
      const statuses = this.modelDriver(model).statuses;
      return { model, statuses, counts: new Int32Array(statuses.length) };
    });
    this.counterOf = Object.fromEntries(this.counters.map((c) => [c.model, c])) as Record<ModelName, StatusCounter>;
    this.metrics = new DailyMetrics(this.counters, scenario.accounts.map((a) => ({ id: a.id, kind: a.kind })));
    this.log = new EventLog(scenario.options?.eventLogLimit ?? EVENT_LOG_LIMIT, (global) => this.traced(global));
    this.licensing = new Licensing(this);
  }

  /** Traced instances have their whole story logged: a small fleet whole, a large one by the first five of each group. */
  traced(global: number): boolean {
    return this.fleet.size <= TRACE_WHOLE_FLEET || global - this.fleet.group(global).first < 5;
  }

  /** The instance's id (cached: the ledger keys instances by it). */
  id(global: number): string {
    let id = this.ids[global];
    if (id === undefined) {
      id = this.fleet.id(global);
      this.ids[global] = id;
    }
    return id;
  }

  /** The driver of a model the fleet has instances of. */
  modelDriver(model: ModelName): ModelDriver {
    const driver = this.drivers[model];
    if (!driver) throw new Error(`the fleet has no ${model} instances`);
    return driver;
  }

  driver(global: number): ModelDriver {
    return this.drivers[this.fleet.group(global).model] as ModelDriver;
  }

  statusIndex(global: number): number {
    return this.driver(global).statusIndex(this.fleet.local(global));
  }

  status(global: number): string {
    return this.driver(global).statuses[this.statusIndex(global)] as string;
  }

  permits(global: number, op: Operation) {
    return this.driver(global).permits(this.fleet.local(global), op);
  }

  population(global: number): Population {
    return this.populations[this.fleet.group(global).index] as Population;
  }

  /** Index of the instance within its group (what populations index by). */
  member(global: number): number {
    return global - this.fleet.group(global).first;
  }

  send(global: number, event: EventObject): void {
    bindWorld(this.world);
    this.driver(global).send(this.fleet.local(global), event);
  }

  /** Runs virtual time up to `tick`: the instances' timers and every queued task. */
  runUntil(tick: number): void {
    bindWorld(this.world);
    this.backend.runUntil(tick);
  }

  /** Starts every instance, in fleet order. */
  startInstances(): void {
    bindWorld(this.world);
    for (const g of this.fleet.groups) {
      const driver = this.modelDriver(g.model);
      const counter = this.counterOf[g.model];
      const inputOf = inputsFor(this, g);
      for (let i = 0; i < g.count; i++) {
        driver.start(g.firstLocal + i, inputOf(i));
        const s = driver.statusIndex(g.firstLocal + i);
        counter.counts[s] = (counter.counts[s] as number) + 1;
      }
    }
  }

  private hooks(model: ModelName, globals: Int32Array) {
    return {
      stepped: (local: number, report: StepReport) => this.stepped(globals[local] as number, model, report),
      emitted: (local: number, event: EmittedEvent) => this.emitted(globals[local] as number, event),
    };
  }

  private stepped(global: number, model: ModelName, report: StepReport): void {
    this.work.steps++;
    const tick = this.backend.now();
    if (report.from !== report.to) {
      const counts = this.counterOf[model].counts;
      counts[report.from] = (counts[report.from] as number) - 1;
      counts[report.to] = (counts[report.to] as number) + 1;
      this.licensing.statusChanged(global, model, report);
    }
    if (report.changed && this.log.keeps(global)) {
      const driver = this.drivers[model] as ModelDriver;
      const statuses = driver.statuses;
      this.log.add(global, {
        day: tick / TICKS_PER_DAY,
        instance: this.id(global),
        group: this.fleet.group(global).spec.name,
        kind: 'transition',
        event: report.event.type,
        from: statuses[report.from],
        to: statuses[report.to],
        detail: driver.leaves(this.fleet.local(global)).join(', '),
        rules: [...report.rules],
      });
    }
    for (const o of this.observers) o.step?.(global, tick, report, model);
  }

  private emitted(global: number, event: EmittedEvent): void {
    this.work.emitted++;
    const tick = this.backend.now();
    if (event.type === 'effect') {
      this.effect(global, event);
    } else if (event.type === 'alarm') {
      this.metrics.alarm(event.name);
      if (this.log.keeps(global, true)) this.record(global, { kind: 'alarm', event: event.name, detail: event.name, rules: [event.rule] });
    } else {
      this.refused(global, event.op, event.rule, event.reason);
    }
    for (const o of this.observers) o.emitted?.(global, tick, event);
  }

  /** Records a refusal: by the machine, by the ledger, or by the engine for an action that does not apply. */
  refused(global: number, op: string, rule: string | null, reason: string): void {
    this.metrics.refusal(op, rule);
    this.refusals++;
    if (this.tally) {
      this.tally.refused++;
      const entry = this.tally.reasons.get(reason) ?? { reason, rule, count: 0 };
      entry.count++;
      this.tally.reasons.set(reason, entry);
    }
    if (this.log.keeps(global)) this.record(global, { kind: 'refusal', event: op, detail: reason, rules: rule ? [rule] : [] });
    const tick = this.backend.now();
    for (const o of this.observers) o.refused?.(global, tick, op, rule, reason);
  }

  /** Logs an alarm, refusal or effect (callers ask `log.keeps` first, to build nothing for a full log). */
  private record(global: number, entry: { kind: 'alarm' | 'refusal' | 'effect'; event: string; detail: string; rules: string[] }): void {
    this.log.add(global, {
      day: this.backend.now() / TICKS_PER_DAY,
      instance: this.id(global),
      group: this.fleet.group(global).spec.name,
      ...entry,
    });
  }

  private effect(global: number, event: EffectEvent): void {
    const result = this.licensing.applyEffect(global, event.effect);
    if (!result.ok) {
      this.refused(global, event.effect.kind, result.rule, result.reason);
      return;
    }
    if (this.log.keeps(global, true)) this.record(global, { kind: 'effect', event: event.effect.kind, detail: JSON.stringify(event.effect), rules: [event.rule] });
  }

  /** Emits vendor alarms the ledger raised for an instance (NL-8). */
  ledgerAlarms(global: number, alarms: ReadonlyArray<{ name: string; rule: string }>): void {
    for (const a of alarms) this.emitted(global, a as EmittedEvent);
  }
}
