import type { StatusGroup } from '../../machines/meta.ts';

/** When instances entered a status group: how many entries, the first and the last day one happened. */
export interface GroupEntries {
  entries: number;
  first: number;
  last: number;
}

/** A warning alarm's lead before the losses it announces (DOMAIN.md SL-17; WARNINGS in machines/emitted.ts). */
export interface WarningLead {
  alarm: string;
  /** Losses this alarm was the first warning of. */
  losses: number;
  /** Days from the warning to the loss: the shortest, the median (lower middle) and the longest. */
  min: number;
  median: number;
  max: number;
}

/** Overdraft or borrowing of one licence type of one account: its peak (units, with the first day of it) and its integral. */
export interface TypeAmount {
  account: string;
  type: string;
  peak: number;
  peakDay: number;
  /** Units × days: the sum of the end-of-day amounts. */
  unitDays: number;
}

/**
 * A run's outcomes (engine/outcomes/): what a designer compares between policies.
 * Each scalar metric of {@link OUTCOME_METRICS} is read from these.
 */
export interface Outcomes {
  /** Instance-days per status group: the sum over days of the instances whose status is in the group at the end of the day. */
  instanceDays: Partial<Record<StatusGroup, number>>;
  /** Entries into each status group by a change of status (day 0's initial statuses not counted); groups never entered are absent. */
  entered: Partial<Record<StatusGroup, GroupEntries>>;
  /** Overdraft per account and type (consumption unserved plus reservation shortfall), types that ever had some. */
  overdraft: TypeAmount[];
  /** Overdraft of every account and type together, per day (null when there was none). */
  totalOverdraft: Omit<TypeAmount, 'account' | 'type'> | null;
  /** Use of a type served by a higher tier's licences (tier borrowing, SL-11), per account and the type served. */
  borrowed: TypeAmount[];
  /** Borrowing of every account and type together, per day (null when there was none). */
  totalBorrowed: Omit<TypeAmount, 'account' | 'type'> | null;
  /** Refused operations by operation and rule, over the run. */
  refusals: Array<{ operation: string; rule: string | null; count: number }>;
  /** Alarms raised and cleared over the run, by name. */
  alarms: Array<{ name: string; raised: number; cleared: number }>;
  /** Losses (entries into enforcement or expired), and how far ahead a warning alarm announced them. */
  losses: { count: number; unwarned: number; leads: WarningLead[] };
}
