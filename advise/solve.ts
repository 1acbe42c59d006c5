import type { Highs } from 'highs';
import * as highsModule from 'highs';

type Loader = () => Promise<Highs>;
/** HiGHS's loader: the CommonJS module's export, which Node gives as the default of an ES import. */
const highsLoader: Loader = (highsModule as unknown as { default?: Loader }).default ?? (highsModule as unknown as Loader);

import type { PlanModel, PlannedPurchase } from './model.ts';

let solver: Promise<Highs> | null = null;

/** Why a plan could not be found: what HiGHS said (infeasible: some demand no price can meet). */
export class PlanError extends Error {}

/**
 * The plan of a model, solved to optimality by HiGHS (the University of Edinburgh's MIP solver,
 * compiled to WebAssembly): the purchases with a positive number of lots, in period, account
 * and type order, and the total cost.
 */
export async function solvePlan(model: PlanModel): Promise<{ purchases: PlannedPurchase[]; cost: number }> {
  solver ??= highsLoader();
  const highs = await solver;
  const solution = highs.solve(model.lp, { output_flag: false, mip_rel_gap: 0 });
  if (solution.Status !== 'Optimal') throw new PlanError(`the solver found no plan: ${solution.Status}`);
  const purchases: PlannedPurchase[] = [];
  for (const [name, column] of model.columns) {
    const value = (solution.Columns as Record<string, { Primal?: number }>)[name]?.Primal ?? 0;
    const lots = Math.round(value);
    if (lots <= 0) continue;
    const { lot, price, ...rest } = column;
    purchases.push({ ...rest, units: lots * lot, cost: lots * lot * price });
  }
  purchases.sort((x, y) => x.period - y.period || x.account.localeCompare(y.account) || x.type.localeCompare(y.type));
  return { purchases, cost: purchases.reduce((n, p) => n + p.cost, 0) };
}
