import type { Counts } from './licenceTypes.ts';
import { EXPORT_AUTHORIZATION } from './licenceTypes.ts';
import { toCounts, toVec } from './counts.ts';
import { refusal, type Result } from './result.ts';
import { withShortfall } from './shortfall.ts';
import { accountOf, instanceOf, touch, type AccountState, type InstanceRecord, type LedgerState } from './state.ts';
import { addInto, bump } from './vector.ts';

function detach(state: LedgerState, rec: InstanceRecord, acc: AccountState): void {
  if (rec.usage !== null) addInto(acc.demand, rec.usage, -1);
  if (rec.exportGrants > 0) bump(acc.demand, state.types.index(EXPORT_AUTHORIZATION), -rec.exportGrants);
  touch(acc);
}

function attach(state: LedgerState, rec: InstanceRecord, acc: AccountState): void {
  if (rec.usage !== null) addInto(acc.demand, rec.usage);
  if (rec.exportGrants > 0) bump(acc.demand, state.types.index(EXPORT_AUTHORIZATION), rec.exportGrants);
  rec.account = acc;
  touch(acc);
}

/**
 * SL-4: an instance registers to a VA (nothing is consumed until it reports). Checks,
 * in order: the account is a VA; the instance holds no reservation (SLR-1); it is not
 * registered to another VA (SL-9: that is `move`). Registering again to the same VA is a no-op.
 */
export function register(state: LedgerState, instanceId: string, accountId: string): Result<{ changed: boolean }> {
  const acc = accountOf(state, accountId);
  if (acc.kind !== 'virtualAccount') return refusal('wrongAccountKind', 'SL-4', `${accountId} is not a virtual account`);
  const rec = instanceOf(state, instanceId);
  if (rec.reservation !== null) return refusal('reserved', 'SLR-1', `${instanceId} is in Specific License Reservation`);
  if (rec.account === acc) return { ok: true, changed: false };
  if (rec.account !== null) return refusal('registeredElsewhere', 'SL-9', `${instanceId} is registered to ${rec.account.id}; reregister to move it`);
  attach(state, rec, acc);
  return { ok: true, changed: true };
}

/**
 * SL-7: the instance's usage report replaces its previous one. A registered instance's
 * report is consumption of its VA; an SLR instance's is compared with its own
 * reservation only. Checks, in order: counts are whole; the instance is registered or
 * reserved; a reserved instance is operational (SLR-8).
 */
export function reportUsage(state: LedgerState, instanceId: string, usage: Counts): Result {
  const v = toVec(state.types, usage);
  if (typeof v === 'string') return refusal('badCount', 'SL-7', v);
  const rec = state.instances.get(instanceId);
  if (rec === undefined || (rec.account === null && rec.reservation === null)) {
    return refusal('notRegistered', 'SL-7', `${instanceId} is neither registered nor reserved`);
  }
  const acc = rec.account;
  if (acc !== null) {
    if (rec.usage !== null) addInto(acc.demand, rec.usage, -1);
    addInto(acc.demand, v);
    rec.usage = v;
    touch(acc);
    return { ok: true };
  }
  if (rec.reservation?.nonOperational === true) return refusal('nonOperational', 'SLR-8', `${instanceId} is not operational`);
  withShortfall(rec, () => {
    rec.usage = v;
  });
  return { ok: true };
}

/**
 * SL-8: deregistration releases everything the instance used, its export grants
 * included, at once. Checks: not reserved (SLR-7: a reserved instance returns its
 * reservation); registered.
 */
export function deregister(state: LedgerState, instanceId: string): Result<{ released: Record<string, number> }> {
  const rec = state.instances.get(instanceId);
  if (rec?.reservation != null) return refusal('reserved', 'SLR-7', `${instanceId} leaves by reservation return, not deregistration`);
  const acc = rec?.account ?? null;
  if (rec === undefined || acc === null) return refusal('notRegistered', 'SL-8', `${instanceId} is not registered`);
  const released = toCounts(state.types, rec.usage ?? []);
  if (rec.exportGrants > 0) released[EXPORT_AUTHORIZATION] = (released[EXPORT_AUTHORIZATION] ?? 0) + rec.exportGrants;
  detach(state, rec, acc);
  rec.account = null;
  rec.usage = null;
  rec.exportGrants = 0;
  return { ok: true, released };
}

/**
 * SL-9: reregistration with another VA's token moves the instance's report and export
 * grants there. Checks, in order: the target is a VA; the instance is not reserved;
 * it is registered. Moving to its own VA is a no-op.
 */
export function move(state: LedgerState, instanceId: string, accountId: string): Result<{ changed: boolean }> {
  const to = accountOf(state, accountId);
  if (to.kind !== 'virtualAccount') return refusal('wrongAccountKind', 'SL-9', `${accountId} is not a virtual account`);
  const rec = state.instances.get(instanceId);
  if (rec?.reservation != null) return refusal('reserved', 'SLR-1', `${instanceId} is in Specific License Reservation`);
  const from = rec?.account ?? null;
  if (rec === undefined || from === null) return refusal('notRegistered', 'SL-9', `${instanceId} is not registered; register it`);
  if (from === to) return { ok: true, changed: false };
  detach(state, rec, from);
  attach(state, rec, to);
  return { ok: true, changed: true };
}
