import { z } from 'zod';
import { listOf } from '../../../engine/units.ts';
import { defineExpectation } from '../definition.ts';
import { names, variant } from '../fields.ts';
import { verdictOf } from '../monitor.ts';
import { countOf, FirstRows, rowsOf, shareOf } from '../share.ts';

/** ledgerBalanced: every day, for every account and type, owned = available + in use + reserved + in transit, and nothing is negative. */
export const ledgerBalanced = defineExpectation({
  kind: 'ledgerBalanced',
  doc: 'conservation holds at every day: owned = available + in use + reserved + in transit, nothing negative',
  schema: z.union([z.literal(true), z.strictObject({ accounts: names.optional(), ...variant })], {
    error: 'expected true or { accounts, variant }',
  }),
  resolve(body, x) {
    const accounts = body.accounts === undefined ? null : (listOf(body.accounts) as string[]);
    for (const a of accounts ?? []) x.account(a, [...x.path, 'accounts']);
    return { title: `the ledger balances every day${accounts ? ` for ${accounts.join(', ')}` : ''}`, accounts };
  },
  monitor(e) {
    let checks = 0;
    let failures = 0;
    const evidence = new FirstRows();
    return {
      day(day, sim) {
        for (const account of sim.scenario.accounts) {
          if (e.accounts && !e.accounts.includes(account.id)) continue;
          const place = sim.accountPlace(account.id);
          for (const [k, t] of sim.ledger.status(account.id).types.entries()) {
            checks++;
            const sum = t.available + t.inUse + t.reserved + t.inTransit;
            const negative = (['owned', 'available', 'inUse', 'reserved', 'inTransit', 'consumption', 'overdraft'] as const).filter(
              (k) => t[k] < 0,
            );
            if (sum === t.owned && !negative.length) continue;
            failures++;
            if (evidence.wants([day, place, k])) {
              const parts = `available ${t.available} + in use ${t.inUse} + reserved ${t.reserved} + in transit ${t.inTransit}`;
              const negatives = negative.length ? `; negative: ${negative.join(', ')}` : '';
              evidence.add([day, place, k], {
                day,
                value: sum,
                limit: t.owned,
                detail: `${account.id} ${t.type} on day ${day}: owned ${t.owned} but ${parts} = ${sum}${negatives}`,
              });
            }
          }
        }
      },
      share: () => shareOf({ counts: { checks, failures }, lists: { evidence } }),
      judge(share) {
        const checks = countOf(share, 'checks');
        const failures = countOf(share, 'failures');
        const message = failures
          ? `${failures} of ${checks} daily account-type checks did not balance`
          : `${checks} daily account-type checks balanced`;
        return verdictOf(e, failures === 0, message, ['SL-7', 'SLR-3', 'SLR-5', 'NL-7', 'CS-3'], rowsOf(share, 'evidence'));
      },
    };
  },
});
