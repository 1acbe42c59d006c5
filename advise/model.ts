import { isTier, TIERS, tierRank } from '../ledger/licenceTypes.ts';
import type { AccountDemand } from './demand.ts';
import type { TypePrice } from './prices.ts';

/** Between plans of equal cost, the one of lower tiers (a unit of a higher tier costs a millionth more): what a buyer would pick. */
const tieBreak = (type: string, lot: number) => (isTier(type) ? (tierRank(type) + 1) * lot * 1e-6 : 0);

/** What a plan must achieve over the horizon. */
export const TARGETS = ['zero-overdraft', 'no-enforcement'] as const;
export type Target = (typeof TARGETS)[number];

/** One purchase of a plan: lots of a type into an account at the start of a period, perpetual or for that period's term. */
export interface PlannedPurchase {
  account: string;
  type: string;
  period: number;
  units: number;
  kind: 'perpetual' | 'term';
  cost: number;
}

/** The integer program of a plan, in CPLEX LP format (HiGHS reads it), and how to read its columns back. */
export interface PlanModel {
  lp: string;
  columns: Map<string, Omit<PlannedPurchase, 'units' | 'cost'> & { lot: number; price: number }>;
}

export interface ModelInput {
  demands: readonly AccountDemand[];
  price: (type: string) => TypePrice;
  target: Target;
  /** Whether a higher tier may serve a lower tier's use (SL-11). */
  borrowing: boolean;
  /** Under no-enforcement, how many whole periods a shortfall may last before a purchase must cover it (within the overage period). */
  lag: number;
}

/**
 * The cheapest plan as an integer program. Per account, type t and period p, integer lots
 * b(t,p) bought perpetual at p's start and s(t,p) held on a term for p; what the account has in
 * p is what it owned plus lot × (Σ b(t,q≤p) + s(t,p)). Each period's demand must be met:
 * with tier borrowing, for every tier k the tiers k and above together cover the demand of
 * tiers k and above (a higher tier serves a lower one's demand: Hall's condition on a chain),
 * every other type on its own. Under no-enforcement, period p's supply need only meet the
 * demand of period p − lag (a shortfall is covered within the overage period). The objective
 * is the cost: price × lot per lot, perpetual once, term per period.
 */
export function planModel(input: ModelInput): PlanModel {
  const columns: PlanModel['columns'] = new Map();
  const objective: string[] = [];
  const rows: string[] = [];
  const general: string[] = [];
  input.demands.forEach((d, a) => {
    // Every tier may be bought, used or not: a higher tier may be the cheaper way to serve a lower one.
    const types = [...new Set([...TIERS, ...d.types])];
    const periods = d.demand[0]?.length ?? 0;
    const at = (values: number[][], type: string, p: number) => values[d.types.indexOf(type)]?.[p] ?? 0;
    /** Terms of the supply of `type` in period p (variables with their lot), for a row. */
    const supply = (type: string, p: number): string[] => {
      const price = input.price(type);
      const t = types.indexOf(type);
      const terms: string[] = [];
      if (price.perpetual !== null)
        for (let q = 0; q <= p; q++) {
          const name = `b_${a}_${t}_${q}`;
          if (!columns.has(name)) {
            columns.set(name, { account: d.account, type, period: q, kind: 'perpetual', lot: price.lot, price: price.perpetual });
            objective.push(`${price.perpetual * price.lot + tieBreak(type, price.lot)} ${name}`);
            general.push(name);
          }
          terms.push(`${price.lot} ${name}`);
        }
      if (price.term !== null) {
        const name = `s_${a}_${t}_${p}`;
        if (!columns.has(name)) {
          columns.set(name, { account: d.account, type, period: p, kind: 'term', lot: price.lot, price: price.term });
          objective.push(`${price.term * price.lot + tieBreak(type, price.lot)} ${name}`);
          general.push(name);
        }
        terms.push(`${price.lot} ${name}`);
      }
      return terms;
    };
    const groups: string[][] = [];
    const tiers = types.filter(isTier);
    if (input.borrowing) for (let k = 0; k < tiers.length; k++) groups.push(tiers.slice(k));
    else for (const t of tiers) groups.push([t]);
    for (const t of types.filter((x) => !isTier(x))) groups.push([t]);
    for (let p = 0; p < periods; p++) {
      const needed = input.target === 'no-enforcement' ? p - input.lag : p;
      if (needed < 0) continue;
      groups.forEach((group, g) => {
        const demand = group.reduce((n, t) => n + at(d.demand, t, needed), 0);
        const owned = group.reduce((n, t) => n + at(d.owned, t, p), 0);
        if (demand <= owned) return;
        const terms = group.flatMap((t) => supply(t, p));
        if (!terms.length) {
          rows.push(`r_${a}_${g}_${p}: 0 x_none >= ${demand - owned}`);
          return;
        }
        rows.push(`r_${a}_${g}_${p}: ${terms.join(' + ')} >= ${demand - owned}`);
      });
    }
  });
  const lp = [
    'Minimize',
    ` cost: ${objective.length ? objective.join(' + ') : '0 x_none'}`,
    'Subject To',
    ...(rows.length ? rows.map((r) => ` ${r}`) : [' r_none: 0 x_none >= 0']),
    'Bounds',
    ...[...columns.keys()].map((c) => ` ${c} >= 0`),
    ' x_none = 0',
    ...(general.length ? ['General', ` ${general.join(' ')}`] : []),
    'End',
  ].join('\n');
  return { lp, columns };
}
