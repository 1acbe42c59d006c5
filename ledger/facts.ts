import type { LicensingFacts, TypePosition } from '../machines/env.ts';
import { licenseTerms } from './licenceTerms.ts';
import { EXPORT_AUTHORIZATION } from './licenceTypes.ts';
import { authorizationCode } from './reservations.ts';
import { freeSessions } from './sessions.ts';
import type { LedgerState } from './state.ts';
import { allocationOf, poolOf } from './status.ts';
import { holdsInstance } from './usage.ts';
import { at } from './vector.ts';

const NOTHING: readonly TypePosition[] = Object.freeze([]);

/** SL-7: a VA's types as CSSM compares them: entitled for its own use, and the reported consumption left unserved after borrowing. */
function accountPosition(state: LedgerState, accountId: string): readonly TypePosition[] {
  const acc = state.accounts.get(accountId);
  if (acc === undefined || acc.kind !== 'virtualAccount') return NOTHING;
  const a = allocationOf(state, acc);
  const out: TypePosition[] = [];
  for (let t = 0; t < state.types.size; t++) {
    const entitled = poolOf(acc, t);
    const overdraft = at(a.overdraft, t);
    if (entitled !== 0 || overdraft !== 0) out.push({ type: state.types.name(t), entitled, overdraft });
  }
  return out;
}

/**
 * The ledger seen by a machine's guards (machines/env.ts). Read-only; unknown ids answer
 * "nothing" (0, false, undefined, []) like `NO_FACTS`, since a guard must not throw.
 */
export function ledgerFacts(state: LedgerState): LicensingFacts {
  return {
    freeSessions: (licenseId) => freeSessions(state, licenseId),
    exportAuthorizationAvailable: (accountId) => {
      const acc = state.accounts.get(accountId);
      const t = state.types.find(EXPORT_AUTHORIZATION);
      if (acc === undefined || acc.kind !== 'virtualAccount' || t === undefined) return false;
      return at(allocationOf(state, acc).available, t) >= 1;
    },
    reservationAuthorizationCode: (instanceId) => {
      const res = state.instances.get(instanceId)?.reservation ?? null;
      return res === null ? undefined : authorizationCode(instanceId, res.seq);
    },
    accountPosition: (accountId) => accountPosition(state, accountId),
    holdsInstance: (accountId, instanceId) => holdsInstance(state, accountId, instanceId),
    licenseTerms: (licenseId) => licenseTerms(state, licenseId),
    licenceFileFree: (accountId, type) => {
      const acc = state.accounts.get(accountId);
      const t = state.types.find(type);
      if (acc === undefined || acc.kind !== 'licenseFile' || t === undefined) return 0;
      return Math.max(0, poolOf(acc, t) - at(acc.demand, t));
    },
  };
}
