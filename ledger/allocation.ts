import { at } from './vector.ts';

/**
 * How an account's pool serves its consumption, per type index.
 * - `pool`: owned active units not blocked by reservations.
 * - `inUse`: pool units serving consumption, own type's first, then lower tiers' (lent).
 * - `available`: pool − inUse.
 * - `borrowed`: consumption of this type served by higher tiers (SL-11).
 * - `overdraft`: consumption left unserved.
 */
export interface Allocation {
  pool: number[];
  inUse: number[];
  available: number[];
  borrowed: number[];
  lent: number[];
  overdraft: number[];
  overdraftTotal: number;
}

/**
 * Serves `demand` from `pool` for `n` types. Each type first uses its own units; then,
 * when `tierOrder` (lowest tier first) is given, short tiers borrow from higher tiers
 * with spare units (SL-11). Short tiers are served from the highest down, each from
 * the nearest higher tier first: the highest short tier has the fewest tiers able to
 * help, so serving it first never leaves a unit unserved that another order would serve.
 */
export function allocate(pool: readonly number[], demand: readonly number[], n: number, tierOrder: readonly number[] | null): Allocation {
  const out: Allocation = {
    pool: new Array<number>(n).fill(0),
    inUse: new Array<number>(n).fill(0),
    available: new Array<number>(n).fill(0),
    borrowed: new Array<number>(n).fill(0),
    lent: new Array<number>(n).fill(0),
    overdraft: new Array<number>(n).fill(0),
    overdraftTotal: 0,
  };
  for (let t = 0; t < n; t++) {
    const p = at(pool, t);
    const d = at(demand, t);
    const own = Math.min(p, d);
    out.pool[t] = p;
    out.available[t] = p - own;
    out.overdraft[t] = d - own;
  }
  if (tierOrder !== null) {
    for (let i = tierOrder.length - 1; i >= 0; i--) {
      const t = tierOrder[i] ?? 0;
      for (let j = i + 1; j < tierOrder.length && at(out.overdraft, t) > 0; j++) {
        const h = tierOrder[j] ?? 0;
        const take = Math.min(at(out.overdraft, t), at(out.available, h));
        if (take === 0) continue;
        out.overdraft[t] = at(out.overdraft, t) - take;
        out.borrowed[t] = at(out.borrowed, t) + take;
        out.available[h] = at(out.available, h) - take;
        out.lent[h] = at(out.lent, h) + take;
      }
    }
  }
  for (let t = 0; t < n; t++) {
    out.inUse[t] = at(out.pool, t) - at(out.available, t);
    out.overdraftTotal += at(out.overdraft, t);
  }
  return out;
}
