import { checkoutsOf } from './checkout.ts';
import { authorizationCode } from './reservations.ts';
import type { LedgerState } from './state.ts';

/** What the ledger holds for one instance (DOMAIN.md §6), for the `consistent` monitor to compare with its state. */
export interface LedgerHoldings {
  /** The VA whose CSSM holds the instance, or null. */
  registeredTo: string | null;
  /** The number of the last report that reached CSSM or the instance's satellite (0: none). */
  reportSeq: number;
  /** The VA whose CSSM removed it since it last registered (SL-8), or null. */
  removedFrom: string | null;
  /**
   * Its reservation: the latest code, the code the instance installed (maybe an earlier one), whether it can still return
   * it, and the return code it produced (SLR-7: its licences stay blocked until that is entered in CSSM), or null.
   */
  reservation: { code: string; installedCode: string | null; nonOperational: boolean; returnCode: string | null } | null;
  /** Units checked out to it, per licence file. */
  units: Record<string, Record<string, number>>;
  /** Sessions or seats it claimed, per licence. */
  sessions: Record<string, number>;
}

/** The ledger's side of an instance's holdings; units and sessions from the accounts `only` names, or all. */
export function holdingsOf(state: LedgerState, instanceId: string, only?: readonly string[]): LedgerHoldings {
  const rec = state.instances.get(instanceId);
  const res = rec?.reservation ?? null;
  const sessions: Record<string, number> = {};
  const accounts = only ? only.map((id) => state.accounts.get(id)).filter((a) => a !== undefined) : state.accounts.values();
  for (const acc of accounts) {
    const n = acc.claims.get(instanceId);
    if (n !== undefined && n > 0) sessions[acc.id] = n;
  }
  return {
    registeredTo: rec?.account?.id ?? null,
    reportSeq: rec?.reportSeq ?? 0,
    removedFrom: rec?.removedFrom ?? null,
    reservation:
      res === null
        ? null
        : {
            code: authorizationCode(instanceId, res.seq),
            installedCode: res.installedSeq > 0 ? authorizationCode(instanceId, res.installedSeq) : null,
            nonOperational: res.nonOperational,
            returnCode: res.returnCode,
          },
    units: checkoutsOf(state, instanceId, only),
    sessions,
  };
}
