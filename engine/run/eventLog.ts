import type { LogEntry } from '../result.ts';

/**
 * The run's log of state changes, alarms, refusals and effects. It keeps every
 * entry up to `limit`; past it, only entries of traced instances (the first few
 * of each group), so a large fleet's log stays bounded yet every group keeps a
 * full story. Dropped entries are counted.
 */
export class EventLog {
  readonly entries: LogEntry[] = [];
  dropped = 0;

  constructor(
    private readonly limit: number,
    private readonly traced: (global: number) => boolean,
  ) {}

  /** Whether an entry of this instance would be kept (so callers can skip building it). */
  wants(global: number): boolean {
    return this.entries.length < this.limit || (this.traced(global) && this.entries.length < this.limit * 2);
  }

  add(global: number, entry: LogEntry): void {
    if (this.wants(global)) this.entries.push(entry);
    else this.dropped++;
  }
}
