import { occurrenceCount } from '../../engine/budget.ts';
import type { Scenario } from '../../engine/scenario.ts';
import { sessionUnitOf } from '../../ledger/accounts.ts';
import type { ResolveContext } from './resolveScenario.ts';

const LARGEST = Number.MAX_SAFE_INTEGER;

/**
 * Every licence an account is given, added up per type as the ledger will add it: its
 * purchases, the parts of PAKs split into it and the purchases of the timeline (each
 * occurrence). The first count that takes a total past the largest integer licsim adds
 * exactly (2^53 − 1) is a problem where it is written; nothing is rounded silently.
 */
export function checkPurchaseTotals(ctx: ResolveContext, scenario: Pick<Scenario, 'accounts' | 'paks' | 'timeline' | 'days'>): void {
  const totals = new Map<string, number>();
  const reported = new Set<string>();
  const add = (account: string, type: string, count: number, times: number, path: Array<string | number>) => {
    const key = `${account}\u0000${type}`;
    const before = totals.get(key) ?? 0;
    // Compared before adding: the sum itself would already be rounded.
    if (times > 0 && count > (LARGEST - before) / times && !reported.has(key)) {
      reported.add(key);
      ctx.problem(
        path,
        `the ${type} licences of ${account} add up to more than ${LARGEST.toLocaleString('en-US')}, ` +
          'the largest total licsim counts exactly',
      );
    }
    totals.set(key, before + count * times);
  };
  scenario.accounts.forEach((a, i) => {
    a.purchases.forEach((p, j) => {
      add(a.id, p.type, p.count, 1, ['accounts', i, 'purchases', j, 'count']);
    });
  });
  (scenario.paks ?? []).forEach((pak, i) => {
    pak.split.forEach((part, j) => {
      for (const [type, n] of Object.entries(part.counts)) add(part.account, type, n, 1, ['paks', i, 'split', j, 'counts', type]);
    });
  });
  // The timeline's actions that credit an account: a purchase, and sessions added to a session licence (in its unit, CS-4).
  const unitOf = (id: string) => sessionUnitOf(scenario.accounts.find((a) => a.id === id));
  scenario.timeline.forEach((entry, k) => {
    const a = entry.action;
    const times = occurrenceCount(entry, scenario.days);
    if (a.kind === 'purchase') add(a.account, a.type, a.count, times, ['timeline', k, 'count']);
    else if (a.kind === 'add-sessions') add(a.account, unitOf(a.account), a.count, times, ['timeline', k, 'count']);
  });
}
