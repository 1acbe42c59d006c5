import type { LogEntry } from '../result.ts';

/**
 * Where an entry stands in a run's log: its tick, its unit's rank (engine/partition/units.ts) and its place among the
 * entries its unit offered. Units never exchange a message, so each unit offers the same entries in the same order
 * whether it runs alone (a partition) or with the others: the order (tick, unit, place) is the same in every
 * partition of a run and in the whole run, and a partition's log merges into the whole run's exactly.
 */
export interface LogKey {
  tick: number;
  unit: number;
  seq: number;
}

/** A kept entry, with its key and the address it names. */
export interface KeptEntry {
  key: LogKey;
  address: number;
  entry: LogEntry;
}

/** Key order: tick, then unit, then place within the unit. */
export const compareKeys = (a: LogKey, b: LogKey): number => a.tick - b.tick || a.unit - b.unit || a.seq - b.seq;

/**
 * A list of at most `cap` entries, the first by key: an entry after the last of a full list is not kept, one before
 * it pushes the last out. Entries come in by tick; within a tick, each unit's in order.
 */
export class FirstByKey {
  readonly kept: KeptEntry[] = [];
  constructor(readonly cap: number) {}

  /** Whether an entry with this key would be kept now (asked for every entry: it builds nothing). */
  wants(tick: number, unit: number, seq: number): boolean {
    if (this.kept.length < this.cap) return true;
    if (this.cap === 0) return false;
    const last = (this.kept[this.kept.length - 1] as KeptEntry).key;
    return tick < last.tick || (tick === last.tick && (unit < last.unit || (unit === last.unit && seq < last.seq)));
  }

  add(item: KeptEntry): void {
    let at = this.kept.length;
    while (at > 0 && compareKeys(item.key, (this.kept[at - 1] as KeptEntry).key) < 0) at--;
    this.kept.splice(at, 0, item);
    if (this.kept.length > this.cap) this.kept.pop();
  }
}

/** The first `cap` by key of lists each in key order (a k-way merge). */
export function firstOf(lists: ReadonlyArray<readonly KeptEntry[]>, cap: number): KeptEntry[] {
  return lists
    .flat()
    .sort((a, b) => compareKeys(a.key, b.key))
    .slice(0, cap);
}

/**
 * The run's log of state changes, alarms, refusals and effects. Of untraced instances, the state changes and refusals
 * first by key ({@link LogKey}) are kept up to `limit`; of traced instances (every instance of a small fleet, the first
 * few of each group of a large one, and the parties), every entry first by key up to twice that: a large fleet's log
 * stays bounded and readable, yet every group keeps a full story. Alarms are counted per day in the series whether
 * logged or not; entries not kept are counted. Both selections are "the first n by key", so a partitioned run's logs
 * merge into the whole run's exactly (engine/partition/merge.ts).
 */
export class EventLog {
  /** Untraced instances' state changes and refusals. */
  readonly untraced: FirstByKey;
  /** Traced instances' and parties' entries. */
  readonly traced: FirstByKey;
  /** Entries offered (kept or not). */
  offered = 0;
  private readonly seqOf: number[] = [];
  private pending: { key: LogKey; traced: boolean } | null = null;

  constructor(
    limit: number,
    private readonly isTraced: (global: number) => boolean,
    /** The unit rank of an address. */
    private readonly unitOf: (global: number) => number,
    /** The tick now. */
    private readonly now: () => number,
  ) {
    this.untraced = new FirstByKey(limit);
    this.traced = new FirstByKey(limit * 2);
  }

  /**
   * Whether an entry of this instance is kept: a state change or refusal, or with `detail` an alarm or effect. Every
   * entry asked about takes its place in its unit's order, kept or not, so a caller asks once, then builds and adds
   * only what is kept.
   */
  keeps(global: number, detail = false): boolean {
    this.offered++;
    const unit = this.unitOf(global);
    const seq = (this.seqOf[unit] ?? 0) + 1;
    this.seqOf[unit] = seq;
    const tick = this.now();
    const traced = this.isTraced(global);
    const kept = traced ? this.traced.wants(tick, unit, seq) : !detail && this.untraced.wants(tick, unit, seq);
    this.pending = kept ? { key: { tick, unit, seq }, traced } : null;
    return kept;
  }

  /** Adds the entry `keeps` was last asked about (and said yes to). */
  add(global: number, entry: LogEntry): void {
    const p = this.pending;
    if (!p) throw new Error('EventLog.add without keeps');
    this.pending = null;
    (p.traced ? this.traced : this.untraced).add({ key: p.key, address: global, entry });
  }

  /** The entries kept, in key order. */
  get entries(): LogEntry[] {
    return firstOf([this.untraced.kept, this.traced.kept], Number.POSITIVE_INFINITY).map((k) => k.entry);
  }

  /** Addresses the kept entries name. */
  get named(): Set<number> {
    return new Set([...this.untraced.kept, ...this.traced.kept].map((k) => k.address));
  }

  /** Entries offered and not kept. */
  get dropped(): number {
    return this.offered - this.untraced.kept.length - this.traced.kept.length;
  }
}
