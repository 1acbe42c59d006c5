import type { AnyStateNode, AnyTransitionDefinition } from 'xstate';
import type { StepReport } from '../engine/backend/types.ts';
import { compileMachine } from '../engine/compile/compileMachine.ts';
import type { EngineObserver, MachineKind, Simulation } from '../engine/run/simulation.ts';
import type { TransitionMeta } from '../machines/meta.ts';

/** Which statuses and rules of one kind of machine the exploration reached. */
export interface MachineCoverage {
  kind: MachineKind;
  statuses: Array<{ name: string; reached: boolean }>;
  /** Every rule id the machine's states and transitions carry; `fired` when a step taken carried it. */
  rules: Array<{ id: string; fired: boolean }>;
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
 * entered and the rule ids of the transitions taken (or states entered). A rule that
 * never fires under the policy is dead policy.
 */
export class CoverageWatch implements EngineObserver {
  private readonly statuses = new Map<MachineKind, Set<number>>();
  private readonly rules = new Map<MachineKind, Set<string>>();
  private sim: Simulation | null = null;

  start(sim: Simulation): void {
    this.sim = sim;
  }

  step(_address: number, _tick: number, report: StepReport, kind: MachineKind): void {
    let s = this.statuses.get(kind);
    if (!s) {
      s = new Set();
      this.statuses.set(kind, s);
    }
    s.add(report.to);
    let r = this.rules.get(kind);
    if (!r) {
      r = new Set();
      this.rules.set(kind, r);
    }
    for (const id of report.rules) r.add(id);
  }

  /** The statuses every machine is in now count as reached (the start, before any step). */
  noteCurrent(): void {
    const sim = this.sim;
    if (!sim) return;
    for (let a = 0; a < sim.fleet.size + sim.parties.list.length; a++) {
      const kind = sim.kindAt(a);
      let s = this.statuses.get(kind);
      if (!s) {
        s = new Set();
        this.statuses.set(kind, s);
      }
      s.add(sim.statusIndex(a));
    }
  }

  /** The coverage table: every kind of machine the world has, its statuses and its rules. */
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
      return {
        kind: k,
        statuses: driver.statuses.map((name, i) => ({ name, reached: reached.has(i) })),
        rules: rulesOf(table.nodes).map((id) => ({ id, fired: fired.has(id) })),
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
