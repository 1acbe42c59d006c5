import type { UsageSeries } from '../../engine/result.ts';
import { allocate } from '../../ledger/allocation.ts';
import { TIERS } from '../../ledger/licenceTypes.ts';

/**
 * One licence type of an account, day by day, split as the ledger serves it (SL-11,
 * ledger/allocation.ts): its consumption served by its own units, by higher tiers'
 * (borrowed) or by none (overdraft), and its units in use, for its own consumption and
 * lent to lower tiers. `inUse` is what the HTML accounts table calls In use (the
 * ledger's `inUse`): the chart and the table read one definition.
 */
export interface UsageBands {
  account: string;
  type: string;
  consumption: readonly number[];
  entitlement: readonly number[];
  /** Consumption served by this type's own units: min(consumption, entitlement). */
  own: number[];
  /** Units of this type serving lower tiers' consumption. */
  lent: number[];
  /** Units of this type in use: own + lent (the accounts table's In use). */
  inUse: number[];
  /** Consumption served by higher tiers (the series' `borrowed`). */
  borrowed: number[];
  /** Consumption served by no one: consumption − own − borrowed (the overdraft, reserved instances' shortfall aside). */
  unserved: number[];
  /** Entitlement + borrowed: what covers the consumption; above it is overdraft. */
  covered: number[];
  /** The higher tiers that lent on the days this type borrowed, lowest first. */
  lenders: string[];
}

const at = (values: readonly number[], d: number) => values[d] ?? 0;

/**
 * The bands of every (account, type) of a run's usage series, in their order. Each day
 * the account's entitlements (its pool: owned less reserved and in transit) and
 * consumptions are allocated again with the ledger's own {@link allocate}, with tier
 * borrowing on the days the series shows some (a day without borrowing allocates the
 * same either way), so lending, which the series do not keep, is the ledger's.
 *
 * @example
 * usageBands(result.series.usage).find((b) => b.type === 'CUWL')?.inUse.at(-1); // 8760: 8528 own + 232 lent
 */
export function usageBands(usage: readonly UsageSeries[]): UsageBands[] {
  const byAccount = new Map<string, UsageSeries[]>();
  for (const u of usage) byAccount.set(u.account, [...(byAccount.get(u.account) ?? []), u]);
  const bands = new Map<UsageSeries, UsageBands>();
  for (const series of byAccount.values()) {
    const n = series.length;
    const days = Math.max(...series.map((u) => u.consumption.length));
    const tierOrder = TIERS.map((tier) => series.findIndex((u) => u.type === tier)).filter((i) => i >= 0);
    const out = series.map(
      (u): UsageBands => ({
        account: u.account,
        type: u.type,
        consumption: u.consumption,
        entitlement: u.entitlement,
        own: [],
        lent: [],
        inUse: [],
        borrowed: [],
        unserved: [],
        covered: [],
        lenders: [],
      }),
    );
    const lenders = series.map(() => new Set<number>());
    for (let d = 0; d < days; d++) {
      const borrowing = series.some((u) => at(u.borrowed, d) > 0);
      const pool = series.map((u) => at(u.entitlement, d));
      const demand = series.map((u) => at(u.consumption, d));
      const a = allocate(pool, demand, n, borrowing ? tierOrder : null);
      for (let t = 0; t < n; t++) {
        const b = out[t] as UsageBands;
        const own = Math.min(at(pool, t), at(demand, t));
        b.own.push(own);
        b.lent.push(at(a.lent, t));
        b.inUse.push(at(a.inUse, t));
        b.borrowed.push(at(a.borrowed, t));
        b.unserved.push(at(a.overdraft, t));
        b.covered.push(at(pool, t) + at(a.borrowed, t));
        if (at(a.borrowed, t) > 0) {
          const rank = tierOrder.indexOf(t);
          for (const h of tierOrder.slice(rank + 1)) if (at(a.lent, h) > 0) (lenders[t] as Set<number>).add(h);
        }
      }
    }
    series.forEach((u, t) => {
      const b = out[t] as UsageBands;
      b.lenders = tierOrder.filter((h) => lenders[t]?.has(h)).map((h) => series[h]?.type as string);
      bands.set(u, b);
    });
  }
  return usage.map((u) => bands.get(u) as UsageBands);
}
