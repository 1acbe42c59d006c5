import type { AnyStateMachine, EventObject } from 'xstate';
import type { Ledger, SavedLedger } from '../../ledger/ledger.ts';
import type { SavedFields } from '../../ledger/snapshot.ts';
import type { Counts, EffectEvent } from '../../machines/effects.ts';
import { type AlarmEvent, type EmittedEvent, needsAdmission } from '../../machines/emitted.ts';
import type { MachineEnv } from '../../machines/env.ts';
import type { MessageEvent } from '../../machines/messages.ts';
import type { Operation } from '../../machines/meta.ts';
import type { PartyKind } from '../../machines/parties.ts';
import { MODELS, type ModelName } from '../../machines/policyOverride.ts';
import { TICKS_PER_DAY } from '../../machines/time.ts';
import { ActorBackend } from '../backend/actorBackend.ts';
import { CompiledBackend, type SavedCompiled } from '../backend/compiledBackend.ts';
import type { Backend, DriverHooks, ModelDriver, StepReport } from '../backend/types.ts';
import { DevicePopulation } from '../fleet/devicePopulation.ts';
import { GroupDraw } from '../fleet/draw.ts';
import { Fleet } from '../fleet/fleet.ts';
import { NodeLockedPopulation, type Population, SessionPopulation, SmartPopulation } from '../fleet/populations.ts';
import { namedAccounts, unitsOf } from '../partition/units.ts';
import type { LogEntry, TimelineOutcome } from '../result.ts';
import type { Scenario, TimelineEntry } from '../scenario.ts';
import { refusalOp } from '../timeline/refusalOps.ts';
import type { TimelineKind } from '../timeline/registry.ts';
import { type ConsistencyCheck, ConsistencyWatch, type Inconsistency } from '../world/consistency.ts';
import { type DeliverOptions, type Delivery, Exchange, WorldError } from '../world/exchange.ts';
import { Links } from '../world/links.ts';
import { type WorldMachines, worldMachines } from '../world/machines.ts';
import { type Party, PartyTable } from '../world/parties.ts';
import { Router } from '../world/router.ts';
import { openAccounts } from './accounts.ts';
import { EventLog } from './eventLog.ts';
import { inputsFor, partyInput, routeInstances } from './inputs.ts';
import { DailyMetrics, type StatusCounter } from './metrics.ts';

/** Log entries kept by default before only traced instances (the first five of each group) are logged. */
export const EVENT_LOG_LIMIT = 5_000;
/** Fleets up to this size have every instance's alarms and effects logged. */
const TRACE_WHOLE_FLEET = 1_000;

/** The kind of machine at an address: a licensing model's instance, or a back-end party. */
export type MachineKind = ModelName | PartyKind;

/**
 * Watches a run as it goes (expectations are observers). Ticks are virtual minutes.
 * Addresses below `sim.fleet.size` are instances; the rest are back-end parties.
 */
export interface EngineObserver {
  start?(sim: Simulation): void;
  step?(address: number, tick: number, report: StepReport, kind: MachineKind): void;
  emitted?(address: number, tick: number, event: EmittedEvent): void;
  /** Every refusal: by a machine (also seen by `emitted`), by the ledger or a party asked, or by the engine. */
  refused?(address: number, tick: number, op: string, rule: string | null, reason: string): void;
  /** A ledger effect committed with its transition. */
  committed?(address: number, tick: number, event: EffectEvent): void;
  /** The consistent monitor found an instance's state and the ledger disagreeing (DOMAIN.md §6). */
  inconsistent?(address: number, found: Inconsistency): void;
  /** After the end-of-day sample of `day`. */
  day?(day: number, sim: Simulation): void;
}

export interface SimulationOptions {
  backend?: 'compiled' | 'actors';
  observers?: EngineObserver[];
  onProgress?: (progress: { day: number; days: number; steps: number }) => void;
  /** The machines of the world (default: licsim's). Tests pass variants, e.g. with every state renamed. */
  machines?: WorldMachines;
  /** When states are compared with the ledger (DOMAIN.md §6): daily (default), or after every delivery, failing at once (tests). */
  consistency?: ConsistencyCheck;
}

/**
 * The world's state between deliveries (`Simulation.save`): the machines and their
 * timers, the ledger, the populations, the links, the routes and the consistency
 * watch. The daily series and the log are a run's record, not its state: not saved.
 */
export interface SavedWorld {
  backend: SavedCompiled;
  ledger: SavedLedger;
  populations: SavedFields[];
  links: SavedFields;
  router: SavedFields;
  consistency: SavedFields;
  exchange: SavedFields;
  counts: Int32Array[];
  work: Simulation['work'];
  refusals: number;
}

/** Refusals seen while one timeline entry runs, so its outcome can report them. */
export interface RefusalTally {
  refused: number;
  reasons: Map<string, { reason: string; rule: string | null; count: number }>;
}

/**
 * One run of a scenario: the world of machines (the fleet's instances and the
 * back-end parties, through a backend), the links between them, the ledger that
 * mirrors the back end, and the metrics. The engine routes messages, fires timers
 * and applies effects (the exchange); it makes no licensing decision.
 */
export class Simulation {
  readonly fleet: Fleet;
  readonly ledger: Ledger;
  readonly backend: Backend;
  /** A driver per model the fleet has instances of. */
  readonly drivers: Partial<Record<ModelName, ModelDriver>> = {};
  /** A driver per kind of back-end party the world has. */
  readonly partyDrivers: Partial<Record<PartyKind, ModelDriver>> = {};
  /** The models the fleet has instances of. */
  readonly models: ModelName[];
  readonly parties: PartyTable;
  readonly links: Links;
  readonly router: Router;
  readonly exchange: Exchange;
  readonly populations: Population[];
  readonly counters: StatusCounter[];
  readonly metrics: DailyMetrics;
  readonly log: EventLog;
  readonly observers: EngineObserver[];
  readonly work = { steps: 0, emitted: 0, messages: 0, undelivered: 0 };
  /** Refusals recorded so far. */
  refusals = 0;
  /** Refusals of the timeline entry running now, if any. */
  tally: RefusalTally | null = null;
  /** Every refusal reason of each timeline outcome that had any (an outcome shows the top three). */
  readonly reasonsOf = new Map<TimelineOutcome, TimelineOutcome['reasons']>();
  /** The action of the timeline entry running now: refusals it causes are reported under it. */
  action: TimelineKind | null = null;
  readonly machines: WorldMachines;
  /** The always-on consistent monitor. */
  readonly consistency: ConsistencyWatch;
  /**
   * The whole scenario this run is part of (the scenario itself, unless it is a partition's, engine/partition/):
   * what a target's share is ranked over.
   */
  readonly whole: Scenario;
  /** The rank of the unit (engine/partition/units.ts) of the machine at an address: what orders the log. */
  readonly unitAt: (address: number) => number;
  /** An account's place among the whole scenario's accounts (-1 for none of them). */
  readonly accountPlace: (id: string) => number;
  private readonly ids: string[];
  private readonly counterOf: Partial<Record<ModelName, StatusCounter>> = {};
  private readonly serversOf = new Map<string, number[]>();
  private readonly env: MachineEnv;
  /** The driver of every address, by fleet group for instances and by party for the rest (asked on every delivery). */
  private readonly groupDrivers: ModelDriver[];
  private readonly partyDriverAt: ModelDriver[];

  constructor(
    readonly scenario: Scenario,
    options: SimulationOptions = {},
  ) {
    this.observers = options.observers ?? [];
    this.machines = options.machines ?? worldMachines();
    const part = scenario.partition;
    this.fleet = new Fleet(scenario.fleet, scenario.seed, part ? { groups: part.origins, size: part.size } : undefined);
    this.whole = part ? { ...scenario, fleet: part.fleet, partition: undefined } : scenario;
    const unitOf = part ? new Map(Object.entries(part.unitOf)) : unitsOf(scenario).unitOf;
    const places = new Map((part?.accounts ?? scenario.accounts.map((a) => a.id)).map((id, i) => [id, i]));
    this.accountPlace = (id) => places.get(id) ?? -1;
    this.ids = new Array<string>(this.fleet.size);
    this.backend =
      options.backend === 'actors' ? new ActorBackend(() => this.exchange.settle()) : new CompiledBackend(() => this.exchange.settle());
    // The ledger keeps an instance's record at its fleet position (read off its id): no million-entry map.
    this.ledger = openAccounts(scenario, { capacity: this.fleet.size, slotOf: (id) => this.fleet.globalOf(id) });
    this.populations = this.fleet.groups.map((g) => {
      const draw = new GroupDraw(scenario.seed, g.origin.index);
      if (g.spec.model === 'smart-licensing') return new SmartPopulation(g.spec, draw, this.ledger);
      if (g.spec.model === 'node-locked') {
        return g.spec.deviceModel === 'individual'
          ? new DevicePopulation(g.spec, draw, this.ledger)
          : new NodeLockedPopulation(g.spec, draw, this.ledger);
      }
      return new SessionPopulation(g.spec, draw);
    });
    this.parties = new PartyTable(scenario, this.fleet.size);
    this.links = new Links(this.fleet.size);
    for (const g of this.fleet.groups) {
      if (g.model === 'node-locked') {
        const servers = this.serversOf.get(g.spec.account) ?? [];
        for (let i = 0; i < g.count; i++) servers.push(g.first + i);
        this.serversOf.set(g.spec.account, servers);
      }
    }
    this.router = new Router(
      { size: this.fleet.size, globalOf: (id) => this.globalOf(id), servers: (account) => this.serversOf.get(account) ?? [] },
      this.links,
      this.parties,
    );
    this.exchange = new Exchange({
      now: () => this.backend.now(),
      ledger: this.ledger,
      router: this.router,
      driverAt: (a) => this.driverAt(a),
      localAt: (a) => this.localAt(a),
      id: (a) => this.id(a),
      alarm: (a, e) => this.alarm(a, e),
      refused: (a, op, rule, reason) => this.refused(a, op, rule, reason),
      committed: (a, e, alarms, subject) => this.committed(a, e, alarms, subject),
      undelivered: (a, m) => this.undelivered(a, m),
      settled: () => {
        if (this.consistency.mode === 'every-step') this.consistency.checkTouched();
      },
    });
    this.env = {
      now: () => this.backend.now(),
      facts: this.ledger.facts,
      usageOf: (ref) => this.usageOf(ref),
    };
    this.bind();
    const built = this.machines.machines();
    this.models = MODELS.filter((m) => this.fleet.globals[m].length > 0);
    for (const model of this.models) this.drivers[model] = this.createDriver(built.models[model], this.fleet.globals[model], model);
    for (const [kind, list] of Object.entries(this.parties.byKind) as Array<[PartyKind, Party[]]>) {
      if (list.length)
        this.partyDrivers[kind] = this.createDriver(
          built.parties[kind],
          Int32Array.from(list, (p) => p.address),
          kind,
        );
    }
    // (A group of no instances has no driver, and no address asks for it.)
    this.groupDrivers = this.fleet.groups.map((g) => this.drivers[g.model] as ModelDriver);
    this.partyDriverAt = this.parties.list.map((p) => this.partyDrivers[p.kind] as ModelDriver);
    this.counters = this.models.map((model) => {
      const statuses = this.modelDriver(model).statuses;
      const counter = { model, statuses, counts: new Int32Array(statuses.length) };
      this.counterOf[model] = counter;
      return counter;
    });
    this.metrics = new DailyMetrics(
      this.counters,
      scenario.accounts.map((a) => ({ id: a.id, kind: a.kind })),
      this.fleet.size + this.parties.list.length,
    );
    const units = Int32Array.from(
      [...this.fleet.groups.map((g) => g.spec.account), ...this.parties.list.map((p) => p.account)],
      (a) => unitOf.get(a) ?? 0,
    );
    const groups = this.fleet.groups.length;
    this.unitAt = (a) =>
      a < this.fleet.size ? (units[this.fleet.groupIndex(a)] as number) : (units[groups + a - this.fleet.size] as number);
    this.log = new EventLog(
      scenario.options?.eventLogLimit ?? EVENT_LOG_LIMIT,
      (a) => this.traced(a),
      this.unitAt,
      () => this.backend.now(),
    );
    this.consistency = new ConsistencyWatch(this, this.machines.factories.claims, options.consistency ?? 'daily');
    routeInstances(this);
  }

  private createDriver(machine: AnyStateMachine, globals: Int32Array, kind: MachineKind): ModelDriver {
    const hooks: DriverHooks = {
      stepped: (local, report) => this.stepped(globals[local] as number, kind, report),
      emitted: (local, event, checked) => this.emitted(globals[local] as number, event, checked),
      admit: (local, emitted, timer) => this.exchange.admit(globals[local] as number, emitted, timer),
    };
    return this.backend.driver(machine, globals, hooks);
  }

  /** The compiled backend (saving the world needs it: the actors backend keeps its state inside XState's actors). */
  private compiled(): CompiledBackend {
    if (!(this.backend instanceof CompiledBackend)) throw new Error('only a simulation on the compiled backend can be saved');
    return this.backend;
  }

  /** A copy of the world's state, between deliveries (see {@link SavedWorld}). */
  save(): SavedWorld {
    return {
      exchange: this.exchange.save(),
      backend: this.compiled().save(),
      ledger: this.ledger.save(),
      populations: this.populations.map((p) => p.save()),
      links: this.links.save(),
      router: this.router.save(),
      consistency: this.consistency.save(),
      counts: this.counters.map((c) => c.counts.slice()),
      work: { ...this.work },
      refusals: this.refusals,
    };
  }

  /** Puts the world back as {@link save} found it; it can be loaded again. */
  load(state: SavedWorld): void {
    this.exchange.load(state.exchange);
    this.compiled().load(state.backend);
    this.ledger.load(state.ledger);
    for (const [i, p] of state.populations.entries()) this.populations[i]?.load(p);
    this.links.load(state.links);
    this.router.load(state.router);
    this.consistency.load(state.consistency);
    for (const [i, c] of state.counts.entries()) this.counters[i]?.counts.set(c);
    Object.assign(this.work, state.work);
    this.refusals = state.refusals;
  }

  /**
   * Whether this run does a timeline entry that acts once: a partition does those of its own accounts (a purchase
   * into another partition's account is that partition's to do); a whole run, every one.
   */
  owns(entry: TimelineEntry): boolean {
    return namedAccounts(this.whole, entry).every((a) => this.scenario.accounts.some((own) => own.id === a));
  }

  /** Whether an address is one of the fleet's instances (else a back-end party). */
  isInstance(address: number): boolean {
    return address < this.fleet.size;
  }

  /** The party at an address (a back-end party, not an instance). */
  party(address: number): Party {
    const p = this.parties.list[address - this.fleet.size];
    if (!p) throw new Error(`no party at address ${address}`);
    return p;
  }

  /** Traced instances have their whole story logged: a small fleet whole, a large one by the first five of each group; parties always. */
  traced(address: number): boolean {
    if (!this.isInstance(address)) return true;
    return this.fleet.wholeSize <= TRACE_WHOLE_FLEET || address - this.fleet.group(address).first < 5;
  }

  /** The id of an instance (cached: the ledger keys instances by it) or of a party. */
  id(address: number): string {
    if (!this.isInstance(address)) return this.party(address).id;
    let id = this.ids[address];
    if (id === undefined) {
      id = this.fleet.id(address);
      this.ids[address] = id;
    }
    return id;
  }

  /** The instance a ledger id names, or -1. */
  globalOf(instanceId: string): number {
    return this.fleet.globalOf(instanceId);
  }

  /** The driver of a model the fleet has instances of. */
  modelDriver(model: ModelName): ModelDriver {
    const driver = this.drivers[model];
    if (!driver) throw new Error(`the fleet has no ${model} instances`);
    return driver;
  }

  /** The driver of the machine at an address (an instance or a party). */
  driverAt(address: number): ModelDriver {
    if (address < this.fleet.size) return this.groupDrivers[this.fleet.groupIndex(address)] as ModelDriver;
    const driver = this.partyDriverAt[address - this.fleet.size];
    if (!driver) throw new Error(`no party at address ${address}`);
    return driver;
  }

  /** The machine's index within its driver. */
  localAt(address: number): number {
    return this.isInstance(address) ? this.fleet.local(address) : this.party(address).local;
  }

  /** The kind of machine at an address. */
  kindAt(address: number): MachineKind {
    return this.isInstance(address) ? this.fleet.group(address).model : this.party(address).kind;
  }

  driver(global: number): ModelDriver {
    return this.driverAt(global);
  }

  statusIndex(address: number): number {
    return this.driverAt(address).statusIndex(this.localAt(address));
  }

  status(address: number): string {
    return this.driverAt(address).statuses[this.statusIndex(address)] as string;
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

  /** What an instance's own users, devices and sessions consume now (machines read it through `env.usageOf`). */
  usageOf(global: number): Counts {
    return this.population(global).usage(this.member(global));
  }

  /** Makes the shared machines read this simulation's clock, ledger and fleet. */
  bind(): void {
    this.machines.bind(this.env);
  }

  /** Delivers an event to the machine at an address, and then everything its step sent. */
  deliver(address: number, event: EventObject & Record<string, unknown>, options?: DeliverOptions): Delivery {
    this.bind();
    return this.exchange.deliver(address, event, options);
  }

  /** Runs virtual time up to `tick`: the machines' timers and every queued task. */
  runUntil(tick: number): void {
    this.bind();
    this.backend.runUntil(tick);
  }

  /** Starts every instance in fleet order, then every party, and delivers what their entry sent. */
  startMachines(): void {
    this.bind();
    for (const g of this.fleet.groups) {
      const driver = this.modelDriver(g.model);
      const counter = this.counterOf[g.model] as StatusCounter;
      const inputOf = inputsFor(this, g);
      for (let i = 0; i < g.count; i++) {
        driver.start(g.firstLocal + i, inputOf(i));
        const s = driver.statusIndex(g.firstLocal + i);
        counter.counts[s] = (counter.counts[s] as number) + 1;
      }
    }
    for (const p of this.parties.list) (this.partyDrivers[p.kind] as ModelDriver).start(p.local, partyInput(this, p));
    this.exchange.settle();
  }

  private stepped(address: number, kind: MachineKind, report: StepReport): void {
    this.work.steps++;
    if (address < this.fleet.size && (report.holdingChanged || this.consistency.mode === 'every-step')) this.consistency.touch(address);
    const tick = this.backend.now();
    if (report.from !== report.to) {
      const counter = this.counterOf[kind as ModelName];
      if (counter) {
        counter.counts[report.from] = (counter.counts[report.from] as number) - 1;
        counter.counts[report.to] = (counter.counts[report.to] as number) + 1;
      }
    }
    if (report.changed && this.log.keeps(address)) {
      const driver = this.driverAt(address);
      const statuses = driver.statuses;
      this.log.add(address, {
        day: tick / TICKS_PER_DAY,
        instance: this.id(address),
        group: this.groupName(address),
        kind: 'transition',
        event: report.event.type,
        from: statuses[report.from],
        to: statuses[report.to],
        detail: driver.leaves(this.localAt(address)).join(', '),
        rules: [...report.rules],
      });
    }
    for (const o of this.observers) o.step?.(address, tick, report, kind);
  }

  /** The fleet group of an instance, or the kind of a party, as the log names it. */
  private groupName(address: number): string {
    return this.isInstance(address) ? this.fleet.group(address).spec.name : this.party(address).kind;
  }

  private emitted(address: number, event: EmittedEvent, checked: boolean): void {
    this.work.emitted++;
    // An effect or a request must have been checked with its step, or it could not be refused (DOMAIN.md §6).
    if (!checked && needsAdmission(event)) {
      const what =
        event.type === 'effect'
          ? `the ${event.effect.kind} effect`
          : event.type === 'message'
            ? `a ${event.event.type} request`
            : event.type;
      throw new WorldError(
        `${this.id(address)} emitted ${what} from a step that was not checked first: ` +
          'list the action that emits it in its machine with declareEffectful',
      );
    }
    this.exchange.emitted(address, event);
    // Alarms reach observers through `alarm`, with those the ledger and refused requests raise.
    if (event.type === 'alarm') return;
    const tick = this.backend.now();
    for (const o of this.observers) o.emitted?.(address, tick, event);
  }

  /** An alarm raised by a machine, or with a ledger effect or a refusal (CiscoLicenseOverDraft, CiscoLicenseRequestFailed…). */
  private alarm(address: number, event: AlarmEvent): void {
    this.metrics.alarm(event.name, address, event.cleared);
    if (this.log.keeps(address, true)) {
      const detail = event.cleared ? `${event.name} cleared` : event.name;
      this.record(address, { kind: event.cleared ? 'cleared' : 'alarm', event: event.name, detail, rules: [event.rule] });
    }
    const tick = this.backend.now();
    for (const o of this.observers) o.emitted?.(address, tick, event);
  }

  /** Records a refusal: by a machine, by the ledger or a party asked, or by the engine for an action that does not apply. */
  refused(address: number, given: string, rule: string | null, reason: string): void {
    const op = refusalOp(this.action, given);
    this.metrics.refusal(op, rule);
    this.refusals++;
    if (this.tally) {
      this.tally.refused++;
      const entry = this.tally.reasons.get(reason) ?? { reason, rule, count: 0 };
      entry.count++;
      this.tally.reasons.set(reason, entry);
    }
    if (this.log.keeps(address)) this.record(address, { kind: 'refusal', event: op, detail: reason, rules: rule ? [rule] : [] });
    const tick = this.backend.now();
    for (const o of this.observers) o.refused?.(address, tick, op, rule, reason);
  }

  private committed(address: number, event: EffectEvent, alarms: readonly AlarmEvent[], subject: number): void {
    // The instance it is about, whichever party emitted it (CSSM registers, a licence manager checks out).
    const about = 'instanceId' in event.effect ? this.globalOf(event.effect.instanceId) : -1;
    this.consistency.committed(event.effect, about >= 0 ? about : subject);
    for (const a of alarms) this.alarm(subject, a);
    const at = about >= 0 ? about : address;
    if (this.log.keeps(at, true))
      this.record(at, { kind: 'effect', event: event.effect.kind, detail: JSON.stringify(event.effect), rules: [event.rule] });
    const tick = this.backend.now();
    for (const o of this.observers) o.committed?.(address, tick, event);
  }

  private undelivered(_from: number, _message: MessageEvent): void {
    this.work.undelivered++;
  }

  /** Logs an alarm, refusal or effect (callers ask `log.keeps` first, to build nothing for a full log). */
  private record(
    address: number,
    entry: { kind: Exclude<LogEntry['kind'], 'transition'>; event: string; detail: string; rules: string[] },
  ): void {
    this.log.add(address, {
      day: this.backend.now() / TICKS_PER_DAY,
      instance: this.id(address),
      group: this.groupName(address),
      ...entry,
    });
  }
}
