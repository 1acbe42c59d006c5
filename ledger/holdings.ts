import { checkoutsOf } from './checkout.ts';
import { authorizationCode } from './reservations.ts';
import type { LedgerState } from './state.ts';

/** What the ledger holds for one instance (DOMAIN.md §6), for the `consistent` monitor to compare with its state. */
export interface LedgerHoldings {
  /** The VA whose CSSM holds the instance, or null. */
  registeredTo: string | null;
  /** The number of the last report that reached CSSM or the instance's satellite (0: none). */
  reportSeq: number;
  /** Its reservation: the latest code, whether the instance installed it, whether it can still return it. */
  reservation: { code: string; installed: boolean; nonOperational: boolean } | null;
  /** Units checked out to it, per licence file. */
  units: Record<string, Record<string, number>>;
  /** Sessions or seats it claimed, per licence. */
  sessions: Record<string, number>;
}

/** The ledger's side of an instance's holdings. */
export function holdingsOf(state: LedgerState, instanceId: string): LedgerHoldings {
  const rec = state.instances.get(instanceId);
  const res = rec?.reservation ?? null;
  const sessions: Record<string, number> = {};
  for (const acc of state.accounts.values()) {
    const n = acc.claims.get(instanceId);
    if (n !== undefined && n > 0) sessions[acc.id] = n;
  }
  return {
    registeredTo: rec?.account?.id ?? null,
    reportSeq: rec?.reportSeq ?? 0,
    reservation:
      res === null ? null : { code: authorizationCode(instanceId, res.seq), installed: res.installedSeq === res.seq, nonOperational: res.nonOperational },
    units: checkoutsOf(state, instanceId),
    sessions,
  };
}
