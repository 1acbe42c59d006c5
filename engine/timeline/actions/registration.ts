import { z } from 'zod';
import { daysToTicks } from '../../../machines/time.ts';
import { when } from '../../units.ts';
import { defineAction } from '../action.ts';

/** SL-4: register with a token of the group's VA, or of `account`. */
export const register = defineAction({
  kind: 'register',
  doc:
    "register with a product-instance token (of the group's VA or `account`), " +
    'allowing export control unless exportControl: false (SL-3, SL-4)',
  rules: ['SL-3', 'SL-4'],
  models: ['smart-licensing'],
  shape: {
    account: z.string().optional().describe("the VA of the token (default: the group's)"),
    exportControl: z.boolean().default(true).describe('SL-3: the token allows export-controlled functionality'),
    tokenExpires: when.optional().describe('SL-4: the day the token id itself expires'),
  },
  resolve(raw, ctx, path) {
    if (raw.account !== undefined) ctx.account(raw.account, [...path, 'account'], 'virtual-account');
    return {
      exportControl: raw.exportControl,
      ...(raw.account !== undefined ? { account: raw.account } : {}),
      ...(raw.tokenExpires !== undefined ? { tokenExpiresDay: ctx.day(raw.tokenExpires, [...path, 'tokenExpires']) } : {}),
    };
  },
  apply(sim, global, p) {
    sim.deliver(global, {
      type: 'REGISTER',
      accountId: p.account ?? sim.fleet.group(global).spec.account,
      exportAllowed: p.exportControl,
      ...(p.tokenExpiresDay !== undefined ? { tokenExpiresAt: daysToTicks(p.tokenExpiresDay) } : {}),
    });
  },
});

/** SL-9: reregister with a token of another VA. */
export const reregister = defineAction({
  kind: 'reregister',
  doc: 'reregister with a token of another VA: the instance moves there (SL-9)',
  rules: ['SL-9'],
  models: ['smart-licensing'],
  shape: { account: z.string({ error: 'expected the id of a virtual account' }), exportControl: z.boolean().default(true) },
  resolve(raw, ctx, path) {
    ctx.account(raw.account, [...path, 'account'], 'virtual-account');
    return { account: raw.account, exportControl: raw.exportControl };
  },
  apply(sim, global, p) {
    sim.deliver(global, { type: 'REREGISTER', accountId: p.account, exportAllowed: p.exportControl });
  },
});
