import type { RunResult } from '../engine/result.ts';
import { isTier, TIERS, tierRank } from '../ledger/licenceTypes.ts';

/** One account's position per period: for each type, the most in use on any day and the least owned on any day. */
export interface AccountDemand {
  account: string;
  /** Types in the order of TIERS (lowest first), then the others by name. */
  types: string[];
  /** demand[t][p]: the most units of type t in use on a day of period p. */
  demand: number[][];
  /** owned[t][p]: the fewest units of type t the account owned on a day of period p (its own purchases). */
  owned: number[][];
}

const rank = (t: string) => (isTier(t) ? tierRank(t) : TIERS.length);

/**
 * Each virtual account's demand and ownership per period of `periodDays` over `horizon` days,
 * from a run where nothing was refused (engine/outcomes: consumption is what the fleet used).
 */
export function accountDemands(result: RunResult, periodDays: number, horizon: number): AccountDemand[] {
  const periods = Math.ceil(horizon / periodDays);
  const accounts = [...new Set(result.series.usage.filter((u) => u.kind === 'virtual-account').map((u) => u.account))];
  return accounts.map((account) => {
    const usage = result.series.usage
      .filter((u) => u.account === account)
      .sort((a, b) => rank(a.type) - rank(b.type) || a.type.localeCompare(b.type));
    const per = (values: readonly number[], pick: (xs: number[]) => number) =>
      Array.from({ length: periods }, (_, p) => {
        const days = values.slice(p * periodDays, Math.min(horizon, (p + 1) * periodDays));
        return days.length ? pick(days) : 0;
      });
    return {
      account,
      types: usage.map((u) => u.type),
      demand: usage.map((u) => per(u.consumption, (xs) => Math.max(...xs))),
      owned: usage.map((u) => per(u.entitlement, (xs) => Math.min(...xs))),
    };
  });
}
