import { z } from 'zod';
import { buy } from '../../run/accounts.ts';
import { count, when } from '../../units.ts';
import { defineAction } from '../action.ts';

/** A purchase into an account, perpetual or for a term (SLR-10). */
export const purchase = defineAction({
  kind: 'purchase',
  doc: 'buy `count` licences of `type` into `account`, perpetual or for a term (SLR-10)',
  rules: ['SLR-10'],
  models: [],
  shape: {
    account: z.string({ error: 'expected the id of an account' }),
    type: z.string({ error: 'expected a licence type' }),
    count,
    term: z.strictObject({ start: when, end: when }).optional(),
  },
  resolve(raw, ctx, path) {
    ctx.account(raw.account, [...path, 'account']);
    return { account: raw.account, ...ctx.purchase(raw, path) };
  },
  applyOnce(sim, p, _entry, outcome) {
    const result = buy(sim.ledger, p.account, p);
    outcome.reached = 1;
    if (!result.ok) {
      outcome.refused = 1;
      outcome.reasons = [{ reason: result.reason, rule: result.rule, count: 1 }];
    }
  },
});
