import type { OverdraftRegime } from '../machines/overdraft.ts';
import type { Tick } from '../machines/time.ts';
import { type SEATS, SESSIONS } from './licenceTypes.ts';
import { LedgerUsageError } from './result.ts';
import type { AccountKind, AccountState, LedgerState } from './state.ts';

/** What opening an account needs; regime and borrowing default to the ledger policy's. */
export interface AccountSpec {
  id: string;
  kind: AccountKind;
  /** The smart account a VA belongs to (informational). */
  smartAccount?: string;
  overdraft?: OverdraftRegime;
  tierBorrowing?: boolean;
  /** A session licence counts `sessions` (Call Services, CS-2) or `seats` (Studio, CS-1). */
  unit?: typeof SESSIONS | typeof SEATS;
  /** CS-7: a session licence's expiry (absent: it never expires) and its features. */
  expiresAt?: Tick;
  features?: readonly string[];
}

/** The unit a session licence counts: its own, else sessions (CS-2). */
export function sessionUnitOf(spec: Pick<AccountSpec, 'unit'> | undefined): typeof SESSIONS | typeof SEATS {
  return spec?.unit ?? SESSIONS;
}

/** Opens an account; opening an id twice is a programmer error and throws. */
export function openAccount(state: LedgerState, spec: AccountSpec): AccountState {
  if (state.accounts.has(spec.id)) throw new LedgerUsageError(`account ${JSON.stringify(spec.id)} is already open`);
  const acc: AccountState = {
    id: spec.id,
    kind: spec.kind,
    smartAccount: spec.smartAccount ?? null,
    overdraft: spec.overdraft ?? state.policy.overdraft,
    tierBorrowing: spec.tierBorrowing ?? state.policy.tierBorrowing,
    sessionUnit: state.types.index(sessionUnitOf(spec)),
    expiresAt: spec.expiresAt ?? null,
    features: [...(spec.features ?? [])],
    lots: [],
    purchased: [],
    granted: [],
    held: [],
    transit: [],
    demand: [],
    slrShort: [],
    checkouts: new Map(),
    claims: new Map(),
    migrated: new Set(),
    nextEvent: Infinity,
    cache: null,
  };
  state.accounts.set(spec.id, acc);
  return acc;
}
