import { z } from 'zod';
import { buy } from '../../run/accounts.ts';
import { count, when } from '../../units.ts';
import { defineAction, reportOnce } from '../action.ts';

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
    reportOnce(outcome, buy(sim.ledger, p.account, p));
  },
});
