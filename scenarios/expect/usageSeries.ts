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
