import type { Evidence, RunResult, Verdict } from '../../engine/result.ts';
import type { EngineObserver, Simulation } from '../../engine/run/simulation.ts';
import { ticksToDays } from '../../machines/time.ts';
import { windowTicks } from './days.ts';
import type { ExpectationBase } from './definition.ts';
import type { Quantifier } from './resolve.ts';
import { eventKey, FirstRows, type MonitorShare } from './share.ts';

/**
 * An expectation watching a run. When the run ends it gives its share (what it saw, as counts and the first rows of
 * evidence by key), and its verdict is read from a share: its own (a whole run), or the merge of the shares of a
 * scenario's partitions (engine/partition/), which is the whole run's.
 */
export interface Monitor extends EngineObserver {
  /** What the monitor saw of the run that just ended. */
  share(result: RunResult): MonitorShare;
  /**
   * The verdict from a share and the run's result. It reads nothing but its arguments and the expectation (a merge
   * asks it of a monitor that watched no run).
   */
  judge(share: MonitorShare, result: RunResult): Verdict;
  /** Present when the expectation can be a `licsim verify` property: checked along every explored path. */
  check?: Checkable;
}

/**
 * What `licsim verify` needs of a monitor to check it on every path of a world it
 * explores: whether the run so far already breaks it for good (a safety verdict,
 * decided on a prefix), and its state, saved and restored as the checker forks
 * the world, and summarised for the state's fingerprint.
 */
export interface Checkable {
  /** The run so far breaks the expectation, whatever follows. */
  failed(): boolean;
  /** A copy of the monitor's state (the checker keeps it with a world state). */
  save(): unknown;
  /** Puts back a state `save` returned. */
  load(state: unknown): void;
  /**
   * The monitor's state for the fingerprint, with every instant written relative to
   * `now` (ticks before it), so that two states a time shift apart are one state.
   */
  key(now: number): string;
}

/** The verdict of a monitor on the run it watched. */
export const verdictOfRun = (m: Monitor, result: RunResult): Verdict => m.judge(m.share(result), result);

/** Evidence rows a verdict keeps (the rest are counted in the message). */
export const EVIDENCE_LIMIT = 5;

/** The day of a tick as evidence gives it: fractional, to a thousandth (a minute is 0.0007 days). */
export const evidenceDay = (tick: number) => Math.round(ticksToDays(tick) * 1000) / 1000;

/** Which instances an expectation looks at: its fleet groups, or all. */
export class Scope {
  private inScope: Uint8Array | null = null;
  size = 0;
  constructor(
    private readonly e: Pick<ExpectationBase, 'groups' | 'instances'>,
    /** Whether the back-end parties (licence managers, CSSM, satellites) are in scope too, when no groups or instances are named. */
    private readonly parties = false,
  ) {}

  bind(sim: Simulation): void {
    const inScope = new Uint8Array(sim.fleet.size + sim.parties.list.length);
    this.inScope = inScope;
    const { groups, instances } = this.e;
    for (const g of sim.fleet.groups) {
      if (groups && !groups.includes(g.spec.name)) continue;
      if (!instances) inScope.fill(1, g.first, g.first + g.count);
      else
        for (const [first, last] of instances.indices)
          if (first < g.count) inScope.fill(1, g.first + first, g.first + Math.min(last + 1, g.count));
    }
    for (const id of instances?.ids ?? []) {
      const global = sim.fleet.globalOf(id);
      if (global >= 0 && (!groups || groups.includes(sim.fleet.group(global).spec.name))) inScope[global] = 1;
    }
    // `size` counts instances: parties are in scope, not counted as the fleet.
    this.size = inScope.subarray(0, sim.fleet.size).reduce((n, x) => n + x, 0);
    if (this.parties && !groups && !instances) inScope.fill(1, sim.fleet.size);
  }

  has(global: number): boolean {
    return this.inScope?.[global] === 1;
  }
}

/** Occurrences among the instances in scope between day `from` and day `by`: how many, and the first few as evidence. */
export class WindowTally {
  readonly scope: Scope;
  /** The first occurrences by key (tick, then the machine's place in the whole run). */
  readonly seen = new FirstRows();
  count = 0;
  private sim: Simulation | null = null;
  private readonly from: number;
  private readonly by: number;

  constructor(e: Pick<ExpectationBase, 'groups' | 'instances'>, fromDay: number, byDay: number, parties = false) {
    this.scope = new Scope(e, parties);
    const { first, last } = windowTicks(fromDay, byDay);
    this.from = first;
    this.by = last;
  }

  bind(sim: Simulation): void {
    this.sim = sim;
    this.scope.bind(sim);
  }

  /** Whether an occurrence at `tick` by instance `global` falls in the window and the scope. */
  covers(global: number, tick: number): boolean {
    return tick >= this.from && tick <= this.by && this.scope.has(global);
  }

  /** Counts an occurrence (already known to be covered), keeping its evidence while under the limit. */
  record(global: number, tick: number, value: Evidence['value'], detail: (day: number) => string): void {
    this.count++;
    if (!this.sim) return;
    const key = eventKey(this.sim, global, tick);
    if (this.seen.wants(key)) this.seen.add(key, this.evidence(global, tick, value, detail));
  }

  /** The evidence of an occurrence at `tick` by the machine at `global`. */
  evidence(global: number, tick: number, value: Evidence['value'], detail: (day: number) => string): Evidence {
    const day = evidenceDay(tick);
    return { instance: this.sim ? this.sim.id(global) : String(global), day, value, detail: detail(day) };
  }
}

/** Whether `satisfied` of `total` instances meet a quantifier, and how many were needed. */
export function quantified(q: Quantifier, satisfied: number, total: number): { passed: boolean; needed: number } {
  const needed = q.kind === 'all' ? total : q.kind === 'any' ? Math.min(1, total) : Math.ceil(q.share * total);
  return { passed: satisfied >= needed, needed };
}

/** Whether `n` meets every bound given (an absent bound holds). */
export function withinBounds(n: number, b: { equals?: number; atLeast?: number; atMost?: number }): boolean {
  return (
    (b.equals === undefined || n === b.equals) && (b.atLeast === undefined || n >= b.atLeast) && (b.atMost === undefined || n <= b.atMost)
  );
}

/** A verdict for an expectation. */
export function verdictOf(
  e: Pick<ExpectationBase, 'title' | 'source'> & { kind: string },
  passed: boolean,
  message: string,
  rules: readonly string[],
  evidence: Evidence[],
): Verdict {
  return { kind: e.kind, title: e.title, passed, message, rules: [...new Set(rules)], evidence, source: e.source };
}
