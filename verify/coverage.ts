import type { AnyStateNode, AnyTransitionDefinition } from 'xstate';
import type { StepReport } from '../engine/backend/types.ts';
import { compileMachine } from '../engine/compile/compileMachine.ts';
import type { EngineObserver, MachineKind, Simulation } from '../engine/run/simulation.ts';
import { ALARMS, type EmittedEvent } from '../machines/emitted.ts';
import type { TransitionMeta } from '../machines/meta.ts';

/** Which statuses, rules and alarms of one kind of machine the exploration reached. */
export interface MachineCoverage {
  kind: MachineKind;
  statuses: Array<{ name: string; reached: boolean }>;
  /**
   * Every rule id the machine's states and transitions carry, then those of alarms it
   * raised that they do not carry; `fired` when a step taken carried it, or an alarm
   * raised or cleared carried it (SmartLicenseInEval raised fires SL-17, cleared SL-18).
   */
  rules: Array<{ id: string; fired: boolean }>;
  /** The alarms its instances raised (not only cleared), in the order `licsim list` gives them. */
  alarms: string[];
}

const ALARM_ORDER = new Map<string, number>(ALARMS.map((name, i) => [name, i]));
const byAlarm = (a: string, b: string) =>
  (ALARM_ORDER.get(a) ?? ALARMS.length) - (ALARM_ORDER.get(b) ?? ALARMS.length) || a.localeCompare(b);
const byRule = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** The set `key` holds in `map`, made empty when it holds none. */
function setOf<K, V>(map: Map<K, Set<V>>, key: K): Set<V> {
  let s = map.get(key);
  if (!s) {
    s = new Set();
    map.set(key, s);
  }
  return s;
}

/** The rule ids a machine's states and transitions carry, in document order. */
function rulesOf(nodes: readonly AnyStateNode[]): string[] {
  const out = new Set<string>();
  for (const node of nodes) {
    for (const r of (node.meta as { rules?: readonly string[] } | undefined)?.rules ?? []) out.add(r);
    const defs = [...node.transitions.values()].flat() as AnyTransitionDefinition[];
    for (const def of [...defs, ...((node.always as AnyTransitionDefinition[] | undefined) ?? [])])
      for (const r of (def.meta as TransitionMeta | undefined)?.rules ?? []) out.add(r);
  }
  return [...out];
}

/**
 * Records what the steps of an exploration reach: per kind of machine, the statuses
 * entered, the rule ids of the transitions taken (or states entered) and of the alarms
 * raised or cleared, and the alarms raised. A rule that never fires under the policy is
 * dead policy.
 */
export class CoverageWatch implements EngineObserver {
  private readonly statuses = new Map<MachineKind, Set<number>>();
  private readonly rules = new Map<MachineKind, Set<string>>();
  /** Per kind: the rules of the alarms raised or cleared (a subset of `rules`). */
  private readonly alarmRules = new Map<MachineKind, Set<string>>();
  private readonly alarms = new Map<MachineKind, Set<string>>();
  private sim: Simulation | null = null;

  start(sim: Simulation): void {
    this.sim = sim;
  }

  step(_address: number, _tick: number, report: StepReport, kind: MachineKind): void {
    setOf(this.statuses, kind).add(report.to);
    const r = setOf(this.rules, kind);
    for (const id of report.rules) r.add(id);
  }

  /** An alarm raised (or cleared) fires its rule; the engine gives the alarms of machines, the ledger and refusals here. */
  emitted(address: number, _tick: number, event: EmittedEvent): void {
    if (event.type !== 'alarm' || !this.sim) return;
    const kind = this.sim.kindAt(address);
    setOf(this.rules, kind).add(event.rule);
    setOf(this.alarmRules, kind).add(event.rule);
    if (!event.cleared) setOf(this.alarms, kind).add(event.name);
  }

  /** The statuses every machine is in now count as reached (the start, before any step). */
  noteCurrent(): void {
    const sim = this.sim;
    if (!sim) return;
    for (let a = 0; a < sim.fleet.size + sim.parties.list.length; a++) setOf(this.statuses, sim.kindAt(a)).add(sim.statusIndex(a));
  }

  /** The coverage table: every kind of machine the world has, its statuses, its rules and the alarms raised. */
  report(): MachineCoverage[] {
    const sim = this.sim;
    if (!sim) return [];
    const drivers = [...Object.entries(sim.drivers), ...Object.entries(sim.partyDrivers)];
    return drivers.map(([kind, driver]) => {
      const k = kind as MachineKind;
      const reached = this.statuses.get(k) ?? new Set<number>();
      const fired = this.rules.get(k) ?? new Set<string>();
      const table = compileMachine(driver.machine);
      // A status reached fires the rules its states carry.
      for (const i of reached) for (const id of driver.catalog[i]?.rules ?? []) fired.add(id);
      const carried = rulesOf(table.nodes);
      // An alarm's rule its states and transitions do not carry (an alarm raised by an action's code) is listed after theirs.
      const more = [...(this.alarmRules.get(k) ?? [])].filter((id) => !carried.includes(id)).sort(byRule);
      return {
        kind: k,
        statuses: driver.statuses.map((name, i) => ({ name, reached: reached.has(i) })),
        rules: [...carried, ...more].map((id) => ({ id, fired: fired.has(id) })),
        alarms: [...(this.alarms.get(k) ?? [])].sort(byAlarm),
      };
    });
  }
}

/**
 * The ticks at which some machine changed between `begin` and `end` (in order, once
 * each): its configuration, or what it remembers (as `signature` writes it). A step
 * that changes neither is not a change: the world after it is the world before it, a
 * little older.
 */
export class ChangeWatch implements EngineObserver {
  ticks: number[] = [];
  private readonly last: string[] = [];
  private sim: Simulation | null = null;
  private active = false;

  constructor(private readonly signature: (address: number) => string) {}

  start(sim: Simulation): void {
    this.sim = sim;
  }

  begin(): void {
    this.ticks = [];
    this.active = true;
    const sim = this.sim;
    if (!sim) return;
    for (let a = 0; a < sim.fleet.size + sim.parties.list.length; a++) this.last[a] = this.signature(a);
  }

  /** Stops watching (the steps after it are not the continuation's). */
  end(): void {
    this.active = false;
  }

  step(address: number, tick: number, report: StepReport): void {
    if (!this.active) return;
    const now = this.signature(address);
    const changed = report.changed || now !== this.last[address];
    this.last[address] = now;
    if (changed && this.ticks.at(-1) !== tick) this.ticks.push(tick);
  }
}
