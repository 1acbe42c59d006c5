import type { AccountDemand } from './demand.ts';
import type { PlannedPurchase, Target } from './model.ts';
import type { TypePrice } from './prices.ts';

/**
 * The naive plan: each account buys, on day 0, each type's own peak shortfall over the
 * horizon (no borrowing), in lots, perpetual where the type is sold perpetual, else on a
 * term for every period.
 */
export function naivePlan(
  demands: readonly AccountDemand[],
  price: (type: string) => TypePrice,
): { purchases: PlannedPurchase[]; cost: number } {
  const purchases: PlannedPurchase[] = [];
  for (const d of demands) {
    d.types.forEach((type, t) => {
      const short = Math.max(0, ...(d.demand[t] ?? []).map((x, p) => x - (d.owned[t]?.[p] ?? 0)));
      if (!short) return;
      const pr = price(type);
      const units = Math.ceil(short / pr.lot) * pr.lot;
      if (pr.perpetual !== null)
        purchases.push({ account: d.account, type, period: 0, units, kind: 'perpetual', cost: units * pr.perpetual });
      else
        for (let p = 0; p < (d.demand[t]?.length ?? 0); p++)
          purchases.push({ account: d.account, type, period: p, units, kind: 'term', cost: units * (pr.term ?? 0) });
    });
  }
  return { purchases, cost: purchases.reduce((n, p) => n + p.cost, 0) };
}

/** The scenario with the plan's purchases added (timeline entries) and the target as its one expectation, as YAML data. */
export function planScenario(
  written: Record<string, unknown>,
  purchases: readonly PlannedPurchase[],
  periodDays: number,
  target: Target,
  horizon: number,
): Record<string, unknown> {
  const { expect: _expect, sweep: _sweep, fuzz: _fuzz, compare: _compare, ...rest } = written;
  const timeline = [...((written.timeline as unknown[] | undefined) ?? [])];
  for (const p of purchases) {
    const at = `${p.period * periodDays}d`;
    const entry: Record<string, unknown> = { at, do: 'purchase', account: p.account, type: p.type, count: p.units };
    if (p.kind === 'term') entry.term = { start: at, end: `${(p.period + 1) * periodDays}d` };
    timeline.push(entry);
  }
  const expectation =
    target === 'zero-overdraft'
      ? { maxOverdraft: { max: 0, to: `${horizon - 1}d` } }
      : { never: { state: 'enforcement', to: `${horizon - 1}d` } };
  return { ...rest, name: `${String(written.name)} (advised plan)`, timeline, expect: [expectation] };
}
