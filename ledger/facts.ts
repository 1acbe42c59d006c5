import type { LicensingFacts } from '../machines/env.ts';
import { EXPORT_AUTHORIZATION } from './licenceTypes.ts';
import { authorizationCode } from './reservations.ts';
import { freeSessions } from './sessions.ts';
import { allocationOf } from './status.ts';
import type { LedgerState } from './state.ts';
import { at } from './vector.ts';

/**
 * The ledger seen by a machine's guards (machines/env.ts). Read-only; unknown ids answer
 * "nothing" (0, false, undefined) like `NO_FACTS`, since a guard must not throw.
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
  };
}
