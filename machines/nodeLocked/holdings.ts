import { CLAIMS_NOTHING, type HoldingsClaim } from '../holdings.ts';
import type { Holding } from '../meta.ts';
import type { NodeLockedContext } from './types.ts';

/** NL-7: a licensed server holds the units its licence manager checked out to it; any other holds none. */
export function nodeLockedClaim(holds: Holding, context: Record<string, unknown>): HoldingsClaim {
  const c = context as unknown as NodeLockedContext;
  return { ...CLAIMS_NOTHING, units: holds === 'units' ? { account: c.accountId, counts: c.held } : { account: c.accountId, counts: {} } };
}
