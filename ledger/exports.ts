import { EXPORT_AUTHORIZATION } from './licenceTypes.ts';
import { type Refusal, type Result, refusal } from './result.ts';
import { accountOf, type LedgerState, touch } from './state.ts';
import { allocationOf } from './status.ts';
import { at, bump } from './vector.ts';

/**
 * EX-1: a registered instance takes one export authorization licence of its VA.
 * Checks, in order: the account is a VA; the instance is registered to it; an unused
 * export authorization licence is available.
 */
export function exportGrant(state: LedgerState, instanceId: string, accountId: string): Result<{ grants: number }> {
  const refused = exportCheck(state, instanceId, accountId, 'grant');
  if (refused) return refused;
  const acc = accountOf(state, accountId);
  const rec = state.instances.get(instanceId) as NonNullable<ReturnType<typeof state.instances.get>>;
  const t = state.types.index(EXPORT_AUTHORIZATION);
  rec.exportGrants += 1;
  bump(acc.demand, t, 1);
  touch(acc);
  return { ok: true, grants: rec.exportGrants };
}

/** EX-1: the instance gives an export authorization licence back. Checks: VA; registered to it; holds a grant. */
export function exportReturn(state: LedgerState, instanceId: string, accountId: string): Result<{ grants: number }> {
  const refused = exportCheck(state, instanceId, accountId, 'return');
  if (refused) return refused;
  const acc = accountOf(state, accountId);
  const rec = state.instances.get(instanceId) as NonNullable<ReturnType<typeof state.instances.get>>;
  rec.exportGrants -= 1;
  bump(acc.demand, state.types.index(EXPORT_AUTHORIZATION), -1);
  touch(acc);
  return { ok: true, grants: rec.exportGrants };
}

/** Checks of {@link exportGrant} and {@link exportReturn}, in their order. */
export function exportCheck(state: LedgerState, instanceId: string, accountId: string, what: 'grant' | 'return'): Refusal | null {
  const acc = state.accounts.get(accountId);
  if (acc === undefined) return refusal('unknownAccount', 'EX-1', `there is no account ${JSON.stringify(accountId)}`);
  if (acc.kind !== 'virtualAccount') return refusal('wrongAccountKind', 'EX-1', `${accountId} is not a virtual account`);
  const rec = state.instances.get(instanceId);
  if (rec === undefined || rec.account !== acc) return refusal('notRegistered', 'EX-1', `${instanceId} is not registered to ${accountId}`);
  if (what === 'return')
    return rec.exportGrants === 0 ? refusal('noExportGrant', 'EX-1', `${instanceId} holds no export authorization`) : null;
  if (at(allocationOf(state, acc).available, state.types.index(EXPORT_AUTHORIZATION)) < 1) {
    return refusal('noExportAuthorization', 'EX-1', `${accountId} holds no unused export authorization licence`);
  }
  return null;
}
