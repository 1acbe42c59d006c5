import { z } from 'zod';
import type { Counts } from '../../../machines/effects.ts';
import { EXPORT_AUTHORIZATION } from '../../../machines/effects.ts';
import type { Simulation } from '../../run/simulation.ts';
import { share } from '../../units.ts';
import { defineAction } from '../action.ts';

/** CSSM of a VA, as an address; undefined when the scenario has no such VA. */
function cssmOf(sim: Simulation, account: string): number | undefined {
  return sim.parties.find('cssm', account)?.address;
}

/** The VA whose CSSM holds the instance's reservation or registration, else its group's. */
function vaOf(sim: Simulation, global: number): string {
  const id = sim.id(global);
  return sim.ledger.reservation(id)?.accountId ?? sim.ledger.registration(id) ?? sim.fleet.group(global).spec.account;
}

/** An administrator's operation in CSSM for a targeted instance: refusals are recorded against the instance. */
function inCssm(sim: Simulation, global: number, account: string, op: string, event: { type: string } & Record<string, unknown>) {
  const cssm = cssmOf(sim, account);
  if (cssm === undefined) {
    sim.refused(global, op, null, `the scenario has no virtual account ${account}`);
    return null;
  }
  return sim.deliver(cssm, event, { subject: global, op });
}

/** SLR-3, SLR-5: what the administrator reserves: the instance's current usage plus a headroom share. */
function reservationCounts(sim: Simulation, global: number, headroom = 0): Counts {
  const usage = sim.usageOf(global);
  return Object.fromEntries(Object.entries(usage).map(([type, n]) => [type, Math.ceil(n * (1 + headroom))]));
}

const SMART = ['smart-licensing'] as const;

/** SL-8: "Remove registered product instance" in CSSM. */
export const removeInstance = defineAction({
  kind: 'remove-instance',
  doc: 'Remove registered product instance in CSSM: releases what CSSM still holds for it (SL-8)',
  rules: ['SL-8'],
  models: SMART,
  shape: { account: z.string().optional().describe('the VA to remove it from (default: the one holding it)') },
  resolve(raw, ctx, path) {
    if (raw.account !== undefined) ctx.account(raw.account, [...path, 'account'], 'virtual-account');
    return raw.account !== undefined ? { account: raw.account } : {};
  },
  apply(sim, global, p) {
    inCssm(sim, global, p.account ?? vaOf(sim, global), 'remove-instance', { type: 'REMOVE_INSTANCE', instanceId: sim.id(global) });
  },
});

const headroom = { headroom: share.optional().describe('SLR-3: reserve this share above the current usage') };

/** SLR-3: the request code becomes an authorization code in CSSM. */
export const slrAuthorize = defineAction({
  kind: 'slr-authorize',
  doc: 'in CSSM, turn the request code into an authorization code reserving the usage plus headroom (SLR-3)',
  rules: ['SLR-3'],
  models: SMART,
  shape: {
    ...headroom,
    exportControl: z.boolean().optional().describe('SL-3: reserve an export authorization with the licences (default false)'),
  },
  resolve: (raw) => raw,
  apply(sim, global, p) {
    const usage = reservationCounts(sim, global, p.headroom);
    const counts = p.exportControl ? { ...usage, [EXPORT_AUTHORIZATION]: 1 } : usage;
    inCssm(sim, global, sim.fleet.group(global).spec.account, 'slr-authorize', { type: 'RESERVE', instanceId: sim.id(global), counts });
  },
});

/** SLR-5: a changed reservation, in transit until confirmed. */
export const slrUpdate = defineAction({
  kind: 'slr-update',
  doc: 'in CSSM, change the reservation to the usage plus headroom; a new code, in transit until confirmed (SLR-5, SLR-11)',
  rules: ['SLR-5', 'SLR-11'],
  models: SMART,
  shape: headroom,
  resolve: (raw) => raw,
  apply(sim, global, p) {
    const counts = reservationCounts(sim, global, p.headroom);
    inCssm(sim, global, vaOf(sim, global), 'slr-update', { type: 'UPDATE_RESERVATION', instanceId: sim.id(global), counts });
  },
});

/** SLR-5: the confirmation code is entered in CSSM. */
export const slrConfirm = defineAction({
  kind: 'slr-confirm',
  doc: "enter the instance's confirmation code in CSSM: the update is no longer in transit (SLR-5)",
  rules: ['SLR-5'],
  models: SMART,
  shape: {},
  resolve: (raw) => raw,
  apply(sim, global) {
    const done = inCssm(sim, global, vaOf(sim, global), 'slr-confirm', { type: 'CONFIRM_RESERVATION', instanceId: sim.id(global) });
    if (done && !done.refusal) sim.deliver(global, { type: 'SLR_CONFIRMED' });
  },
});

/** SLR-7: the return code is entered in CSSM. */
export const slrReturnEntered = defineAction({
  kind: 'slr-return-entered',
  doc: "enter the instance's return code in CSSM: its reserved and in-transit licences are released (SLR-7)",
  rules: ['SLR-7'],
  models: SMART,
  shape: {},
  resolve: (raw) => raw,
  apply(sim, global) {
    inCssm(sim, global, vaOf(sim, global), 'slr-return-entered', { type: 'ENTER_RETURN_CODE', instanceId: sim.id(global) });
  },
});

/** SLR-8: support removes a non-operational instance. */
export const supportRemove = defineAction({
  kind: 'support-remove',
  doc: 'support (TAC) removes an instance that cannot return its reservation (SLR-8)',
  rules: ['SLR-8'],
  models: SMART,
  shape: {},
  resolve: (raw) => raw,
  apply(sim, global) {
    inCssm(sim, global, vaOf(sim, global), 'support-remove', { type: 'SUPPORT_REMOVE', instanceId: sim.id(global) });
  },
});

/** The latest authorization code CSSM generated for the instance, with the licences it reserves. */
function latestCode(sim: Simulation, global: number): { code: string; counts: Counts } {
  const view = sim.ledger.reservation(sim.id(global));
  if (!view) return { code: 'none', counts: {} };
  const counts: Record<string, number> = { ...view.reserved };
  for (const [type, n] of Object.entries(view.incoming)) counts[type] = (counts[type] ?? 0) + n;
  return { code: view.code, counts };
}

/** SLR-4, SLR-5: the administrator installs the code CSSM generated. */
export const slrInstall = defineAction({
  kind: 'slr-install',
  doc: 'reservation install with the latest authorization code CSSM generated (SLR-4, SLR-5)',
  rules: ['SLR-4', 'SLR-5'],
  models: SMART,
  shape: {},
  resolve: (raw) => raw,
  apply(sim, global) {
    const { code, counts } = latestCode(sim, global);
    sim.deliver(global, { type: 'SLR_INSTALL', code, counts });
  },
});

/** SLR-7: return-authorization for a code not yet installed. */
export const slrReturnAuthorization = defineAction({
  kind: 'slr-return-authorization',
  doc: 'return-authorization for an authorization code not yet installed (SLR-7)',
  rules: ['SLR-7'],
  models: SMART,
  shape: {},
  resolve: (raw) => raw,
  apply(sim, global) {
    sim.deliver(global, { type: 'SLR_RETURN_AUTHORIZATION', code: latestCode(sim, global).code });
  },
});
