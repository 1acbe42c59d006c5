import type { RunResult, UsageSeries } from '../../engine/result.ts';

/** The rules an account kind's consumption and overdraft come from. */
export const ACCOUNT_RULES: Readonly<Record<string, readonly string[]>> = {
  'virtual-account': ['SL-7', 'SL-11', 'SL-12'],
  'license-file': ['NL-7'],
  'session-license': ['CS-2'],
};

/** The usage series of an account (any, when null) and a licence type (every type, when null). */
export function usageSeries(result: RunResult, account: string | null, type: string | null): UsageSeries[] {
  return result.series.usage.filter((u) => (!account || u.account === account) && (!type || u.type === type));
}

/**
 * The daily samples a window reads: `from` and `to` in days, each sample being the
 * end of its day; a whole `to` ends the window before its own day, as `to: 30d`
 * ends a 30-day run. Clamped to the run.
 */
export function sampleDays(from: number, to: number, days: number): { first: number; last: number } {
  return { first: Math.max(0, Math.floor(from)), last: Math.min(days - 1, Math.ceil(to) - (Number.isInteger(to) ? 1 : 0)) };
}
