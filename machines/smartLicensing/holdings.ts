import { CLAIMS_NOTHING, type HoldingsClaim } from '../holdings.ts';
import type { Holding } from '../meta.ts';
import type { SmartLicensingContext } from './types.ts';

/** SL-4, SL-7, SL-8, SLR-4: a registered instance is held in its VA with its last report; a reserved one holds its code. */
export function smartLicensingClaim(holds: Holding, context: Record<string, unknown>): HoldingsClaim {
  const c = context as unknown as SmartLicensingContext;
  return {
    ...CLAIMS_NOTHING,
    registration: holds === 'registration' && c.accountId !== null ? { account: c.accountId, reportsSent: c.reportsSent } : null,
    orphanedIn: holds === 'registration' ? null : c.orphanedIn,
    reservation: holds === 'reservation' && c.installedAuthorizationCode !== null ? { code: c.installedAuthorizationCode } : null,
  };
}
