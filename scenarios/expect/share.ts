import type { Evidence } from '../../engine/result.ts';
import type { Simulation } from '../../engine/run/simulation.ts';
import { EVIDENCE_LIMIT } from './monitor.ts';

/**
 * Where a row stands among a monitor's candidates: numbers compared in turn. A key names what happened by what is the
 * same in every partition of a run and in the whole run: its tick, the instance's place in the whole fleet
 * ({@link placeOf}), an account's place among the whole scenario's accounts. Two rows with equal keys come from one
 * instance (so from one partition) and keep the order they came in.
 */
export type RowKey = readonly number[];

/** Lexicographic order of keys. */
export function compareRowKeys(a: RowKey, b: RowKey): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d) return d;
  }
  return a.length - b.length;
}

/** A row of evidence with its key. */
export interface RankedRow {
  key: RowKey;
  evidence: Evidence;
}

/** A count by name, with the key of its first occurrence (a name's place among others when counts tie, or its order). */
export interface NamedCount {
  n: number;
  key: RowKey;
}

/**
 * What a monitor hands to a partition merge (engine/partition/): its counts, which add up; its candidate rows of
 * evidence, each list the first `cap` by key; its counts by name (refusal reasons, statuses), which add up per name.
 * A monitor's verdict is read from its share ({@link Monitor.judge}), so the verdict of merged shares is the one the
 * whole run gives.
 */
export interface MonitorShare {
  counts: Record<string, number>;
  lists: Record<string, { cap: number; rows: RankedRow[] }>;
  named: Record<string, Record<string, NamedCount>>;
}

/** The place of a machine in the whole run: an instance's in the whole fleet; a party's after the fleet, by unit, then address. */
export function placeOf(sim: Simulation, global: number): RowKey {
  return sim.isInstance(global) ? [sim.fleet.origin(global), 0] : [sim.fleet.wholeSize + sim.unitAt(global), global];
}

/** The key of what a machine did at a tick: the tick, then its place. */
export const eventKey = (sim: Simulation, global: number, tick: number): RowKey => [tick, ...placeOf(sim, global)];

/**
 * The first `cap` rows by key of what a monitor saw, kept as they come (the rows a run offers come in by tick): a row
 * after the last of a full list is not built, one before it pushes the last out; a row whose key equals others' goes
 * after them.
 *
 * @example
 * const late = new FirstRows();
 * if (late.wants(key)) late.add(key, evidenceOf(g));
 */
export class FirstRows {
  readonly rows: RankedRow[] = [];
  constructor(readonly cap: number = EVIDENCE_LIMIT) {}

  /** Whether a row with this key would be kept now. */
  wants(key: RowKey): boolean {
    if (this.rows.length < this.cap) return true;
    if (this.cap === 0) return false;
    return compareRowKeys(key, (this.rows[this.rows.length - 1] as RankedRow).key) < 0;
  }

  add(key: RowKey, evidence: Evidence): void {
    if (!this.wants(key)) return;
    let at = this.rows.length;
    while (at > 0 && compareRowKeys(key, (this.rows[at - 1] as RankedRow).key) < 0) at--;
    this.rows.splice(at, 0, { key, evidence });
    if (this.rows.length > this.cap) this.rows.pop();
  }

  /** The evidence kept, in key order. */
  get evidence(): Evidence[] {
    return this.rows.map((r) => r.evidence);
  }

  /** A copy (for `licsim verify`, which saves and restores a monitor's state). */
  copy(): FirstRows {
    const c = new FirstRows(this.cap);
    c.rows.push(...this.rows);
    return c;
  }

  get length(): number {
    return this.rows.length;
  }
}

/** Counts by name, each with its first key. */
export class NamedCounts {
  readonly byName: Record<string, NamedCount> = {};

  add(name: string, key: RowKey, n = 1): void {
    const had = this.byName[name];
    if (had) {
      had.n += n;
      if (compareRowKeys(key, had.key) < 0) had.key = key;
    } else this.byName[name] = { n, key };
  }

  get size(): number {
    return Object.keys(this.byName).length;
  }
}

/** The names of counts by name, in the order of their first keys. */
export function namesInOrder(named: Record<string, NamedCount> | undefined): Array<[string, number]> {
  return Object.entries(named ?? {})
    .sort((a, b) => compareRowKeys(a[1].key, b[1].key))
    .map(([name, c]) => [name, c.n]);
}

/** A share from a monitor's parts. */
export function shareOf(parts: {
  counts?: Record<string, number>;
  lists?: Record<string, FirstRows>;
  named?: Record<string, NamedCounts>;
}): MonitorShare {
  return {
    counts: { ...parts.counts },
    lists: Object.fromEntries(Object.entries(parts.lists ?? {}).map(([k, l]) => [k, { cap: l.cap, rows: [...l.rows] }])),
    named: Object.fromEntries(Object.entries(parts.named ?? {}).map(([k, c]) => [k, structuredClone(c.byName)])),
  };
}

/** The share of the whole run from its partitions' shares (each given once): counts added, lists the first by key. */
export function mergeMonitorShares(shares: readonly MonitorShare[]): MonitorShare {
  const counts: Record<string, number> = {};
  const lists: MonitorShare['lists'] = {};
  const named: MonitorShare['named'] = {};
  for (const s of shares) {
    for (const [k, v] of Object.entries(s.counts)) counts[k] = (counts[k] ?? 0) + v;
    for (const [k, l] of Object.entries(s.lists)) {
      const into = lists[k] ?? { cap: l.cap, rows: [] };
      lists[k] = into;
      into.rows.push(...l.rows);
    }
    for (const [k, byName] of Object.entries(s.named)) {
      const into = named[k] ?? {};
      named[k] = into;
      for (const [name, c] of Object.entries(byName)) {
        const had = into[name];
        if (!had) into[name] = { n: c.n, key: c.key };
        else {
          had.n += c.n;
          if (compareRowKeys(c.key, had.key) < 0) had.key = c.key;
        }
      }
    }
  }
  // A stable sort: rows with equal keys are one instance's, from one share, in the order it gave them.
  for (const l of Object.values(lists)) l.rows = l.rows.sort((a, b) => compareRowKeys(a.key, b.key)).slice(0, l.cap);
  return { counts, lists, named };
}

/** The evidence of a share's list (none when the share has no such list). */
export const rowsOf = (share: MonitorShare, list: string): Evidence[] => (share.lists[list]?.rows ?? []).map((r) => r.evidence);

/** A share's count (0 when absent). */
export const countOf = (share: MonitorShare, name: string): number => share.counts[name] ?? 0;

/** The share of a monitor whose verdict reads the run's result alone (merged exactly with the rest of the result). */
export const resultOnly = (): MonitorShare => ({ counts: {}, lists: {}, named: {} });
