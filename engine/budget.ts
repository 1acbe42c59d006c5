import { countBelow, indexRanges } from './indexRanges.ts';
import type { Scenario, TimelineEntry } from './scenario.ts';
import { shareCount } from './share.ts';

/**
 * The stated limits of what licsim runs. Beyond them a document is refused when it is
 * read, with its location: they keep every later estimate finite and every array
 * allocatable.
 */
export const LIMITS = {
  /** The smallest repetition of a timeline entry (`every`), in days: one hour. */
  minEveryDays: 1 / 24,
  /** The longest run (`duration`), in days: 1,000 years of 365 days. */
  maxDays: 365_000,
  /** The largest fleet group (`count`); a run is further bounded by its memory estimate. */
  maxGroupSize: 1_000_000_000,
  /**
   * The largest count of one instance (its users, its devices of a type, its sessions),
   * drawn or grown: with fleets a machine can hold, every total stays an exact integer.
   */
  maxPerInstance: 1_000_000,
  /**
   * The largest results.json a run (all its scenarios) may write: the report is one
   * JSON text, and a string in V8 holds at most about 512 MiB.
   */
  maxReportBytes: 384 * 2 ** 20,
} as const;

/**
 * What a run costs, measured with `node` on the bench fleet (see the README's
 * *Limits*): resident memory per instance, per simulated day (series and samples) and
 * per timeline occurrence (its outcome and queued task), and throughput per simulated
 * instance-day and per delivered timeline event. Each is the larger of a quiet and a
 * loaded measurement, so an estimate errs high.
 */
export const MEASURED_COSTS = {
  baseBytes: 128 * 2 ** 20,
  bytesPerInstance: 1600,
  bytesPerDay: 3072,
  bytesPerOccurrence: 3072,
  instanceDaysPerSecond: 5_000_000,
  timelineEventsPerSecond: 500_000,
  /** results.json per simulated day (every series' value) and per timeline occurrence (its outcome), indented as written. */
  reportBytesPerDay: 640,
  reportBytesPerOccurrence: 512,
} as const;

/** A run's size and cost, estimated from its scenario before it runs. */
export interface RunEstimate {
  instances: number;
  days: number;
  /** Instances × days. */
  instanceDays: number;
  /** Timeline occurrences (every repetition of every entry). */
  occurrences: number;
  /** Events the timeline delivers to instances (occurrences × instances each reaches, at most). */
  timelineEvents: number;
  /** Peak resident memory of the run, in bytes. */
  memoryBytes: number;
  /** Wall-clock seconds, on a machine like the bench's. */
  seconds: number;
  /** What the run adds to results.json, in bytes. */
  reportBytes: number;
}

/**
 * How many times an entry occurs in a run of `days` (without listing them): on day
 * `at + k × every` for k = 0, 1, … while before the end of the run and not after `until`.
 */
export function occurrenceCount(entry: Pick<TimelineEntry, 'at' | 'every' | 'until'>, days: number): number {
  const { at, every, until } = entry;
  if (at >= days) return 0;
  if (!every) return 1;
  const day = (k: number) => at + k * every;
  const beyond = (d: number) => d >= days || (until !== undefined && d > until + 1e-9);
  let n = Math.floor((Math.min(until ?? days, days) - at) / every + 1e-9) + 1;
  while (n > 0 && beyond(day(n - 1))) n--;
  return Math.max(0, n);
}

/**
 * At most how many instances one occurrence of an entry reaches: its share of the instances its groups and
 * indices name, exactly as the run chooses it ({@link shareCount}); a status filter may reach fewer.
 */
function reachOf(scenario: Scenario, entry: TimelineEntry): number {
  const t = entry.target;
  const ranges = t.indices ? indexRanges(t.indices) : null;
  let n = 0;
  for (const g of scenario.fleet) {
    if (t.groups && !t.groups.includes(g.name)) continue;
    n += ranges ? countBelow(ranges, g.count) : g.count;
  }
  return t.fraction === undefined ? n : shareCount(n, t.fraction);
}

/**
 * The estimate of one run of a scenario.
 *
 * @example
 * estimateRun(scenario).memoryBytes; // 1.73e9 for a million instances over a year
 */
export function estimateRun(scenario: Scenario, costs = MEASURED_COSTS): RunEstimate {
  const instances = scenario.fleet.reduce((n, g) => n + g.count, 0);
  const days = Math.ceil(scenario.days);
  let occurrences = 0;
  let timelineEvents = 0;
  for (const entry of scenario.timeline) {
    const k = occurrenceCount(entry, scenario.days);
    occurrences += k;
    timelineEvents += k * reachOf(scenario, entry);
  }
  const instanceDays = instances * days;
  return {
    instances,
    days,
    instanceDays,
    occurrences,
    timelineEvents,
    memoryBytes: costs.baseBytes + instances * costs.bytesPerInstance + days * costs.bytesPerDay + occurrences * costs.bytesPerOccurrence,
    seconds: instanceDays / costs.instanceDaysPerSecond + timelineEvents / costs.timelineEventsPerSecond,
    reportBytes: days * costs.reportBytesPerDay + occurrences * costs.reportBytesPerOccurrence,
  };
}

/** What a run may use: memory (bytes) and timeline events. */
export interface RunBudget {
  maxMemoryBytes: number;
  maxEvents: number;
  /** A run estimated to take longer than this many seconds is announced with its estimate. */
  warnSeconds: number;
}

/** A run's estimate judged against a budget: refused (with the numbers), announced as long, or fine. */
export type BudgetVerdict = { kind: 'ok' } | { kind: 'long'; message: string } | { kind: 'refused'; message: string };

const MIB = 2 ** 20;
const GIB = 2 ** 30;
const TIB = 2 ** 40;

/** Bytes as a person reads them: 512 MiB, 2.2 GiB, 1.5 TiB. */
export function bytesText(bytes: number): string {
  if (bytes >= TIB) return `${(bytes / TIB).toFixed(1)} TiB`;
  return bytes >= GIB ? `${(bytes / GIB).toFixed(1)} GiB` : `${Math.ceil(bytes / MIB)} MiB`;
}

/** Seconds as a person reads them: 40 s, 12 min, 3.5 h. */
export function secondsText(seconds: number): string {
  if (seconds < 120) return `${Math.ceil(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

const count = (n: number) => n.toLocaleString('en-US');

/** The estimate in a line: its size, its memory and its time. */
export function estimateText(e: RunEstimate): string {
  const timeline = e.timelineEvents ? `, ${count(e.timelineEvents)} timeline events` : '';
  return (
    `${count(e.instances)} instances × ${count(e.days)} days${timeline}: ` +
    `about ${bytesText(e.memoryBytes)} and ${secondsText(e.seconds)}`
  );
}

/** Judges an estimate against a budget. */
export function judgeRun(e: RunEstimate, budget: RunBudget): BudgetVerdict {
  if (e.memoryBytes > budget.maxMemoryBytes)
    return {
      kind: 'refused',
      message: `${estimateText(e)}, more than the ${bytesText(budget.maxMemoryBytes)} it may use (--max-memory)`,
    };
  if (e.timelineEvents > budget.maxEvents)
    return {
      kind: 'refused',
      message: `${estimateText(e)}, more than the ${count(budget.maxEvents)} events it may deliver (--max-events)`,
    };
  if (e.seconds > budget.warnSeconds) return { kind: 'long', message: `a long run: ${estimateText(e)}` };
  return { kind: 'ok' };
}
