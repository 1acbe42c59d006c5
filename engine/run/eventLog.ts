import type { LogEntry } from '../result.ts';

/**
 * The run's log of state changes, alarms, refusals and effects. State changes
 * and refusals of any instance are kept up to `limit`; past it, and for alarms
 * and ledger effects always, only those of traced instances (every instance of
 * a small fleet, the first few of each group of a large one): a large fleet's
 * log stays bounded and readable, yet every group keeps a full story. Alarms are
 * counted per day in the series whether logged or not; dropped entries are counted.
 */
export class EventLog {
  readonly entries: LogEntry[] = [];
  /** Fleet indices of the instances the kept entries name. */
  readonly named = new Set<number>();
  dropped = 0;

  constructor(
    private readonly limit: number,
    private readonly traced: (global: number) => boolean,
  ) {}

  /**
   * Whether an entry of this instance is kept: a state change or refusal, or with
   * `detail` an alarm or effect. An entry not kept is counted as dropped, so a
   * caller asks once, then builds and adds only what is kept.
   */
  keeps(global: number, detail = false): boolean {
    const kept = detail
      ? this.traced(global) && this.entries.length < this.limit * 2
      : this.entries.length < this.limit || (this.traced(global) && this.entries.length < this.limit * 2);
    if (!kept) this.dropped++;
    return kept;
  }

  add(global: number, entry: LogEntry): void {
    this.entries.push(entry);
    this.named.add(global);
  }
}
