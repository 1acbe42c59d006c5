import { CLAIMS_NOTHING, type HoldingsClaim } from '../holdings.ts';
import type { Holding } from '../meta.ts';
import type { SessionClaimContext } from './types.ts';

/** CS-3: an activated installation holds its claim for good, deactivated or not; one never activated holds none. */
export function sessionClaimClaim(holds: Holding, context: Record<string, unknown>): HoldingsClaim {
  const c = context as unknown as SessionClaimContext;
  return { ...CLAIMS_NOTHING, sessions: { license: c.licenseId, count: holds === 'sessions' ? c.claimed : 0 } };
}
