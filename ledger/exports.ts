import { EXPORT_AUTHORIZATION } from './licenceTypes.ts';
import { refusal, type Result } from './result.ts';
import { allocationOf } from './status.ts';
import { accountOf, touch, type LedgerState } from './state.ts';
import { at, bump } from './vector.ts';

/**
 * EX-1: a registered instance takes one export authorization licence of its VA.
 * Checks, in order: the account is a VA; the instance is registered to it; an unused
 * export authorization licence is available.
 */
export function exportGrant(state: LedgerState, instanceId: string, accountId: string): Result<{ grants: number }> {
  const acc = accountOf(state, accountId);
  if (acc.kind !== 'virtualAccount') return refusal('wrongAccountKind', 'EX-1', `${accountId} is not a virtual account`);
  const rec = state.instances.get(instanceId);
  if (rec === undefined || rec.account !== acc) return refusal('notRegistered', 'EX-1', `${instanceId} is not registered to ${accountId}`);
  const t = state.types.index(EXPORT_AUTHORIZATION);
  if (at(allocationOf(state, acc).available, t) < 1) {
    return refusal('noExportAuthorization', 'EX-1', `${accountId} holds no unused export authorization licence`);
  }
  rec.exportGrants += 1;
  bump(acc.demand, t, 1);
  touch(acc);
  return { ok: true, grants: rec.exportGrants };
}

/** EX-1: the instance gives an export authorization licence back. Checks: VA; registered to it; holds a grant. */
export function exportReturn(state: LedgerState, instanceId: string, accountId: string): Result<{ grants: number }> {
  const acc = accountOf(state, accountId);
  if (acc.kind !== 'virtualAccount') return refusal('wrongAccountKind', 'EX-1', `${accountId} is not a virtual account`);
  const rec = state.instances.get(instanceId);
  if (rec === undefined || rec.account !== acc) return refusal('notRegistered', 'EX-1', `${instanceId} is not registered to ${accountId}`);
  if (rec.exportGrants === 0) return refusal('noExportGrant', 'EX-1', `${instanceId} holds no export authorization`);
  rec.exportGrants -= 1;
  bump(acc.demand, state.types.index(EXPORT_AUTHORIZATION), -1);
  touch(acc);
  return { ok: true, grants: rec.exportGrants };
}
