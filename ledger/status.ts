import { type Allocation, allocate } from './allocation.ts';
import type { AccountKind, AccountState, LedgerState } from './state.ts';
import { at } from './vector.ts';

/** One licence type of an account. `owned = available + inUse + reserved + inTransit`. */
export interface TypeStatus {
  type: string;
  /** Active units (not lapsed, term started): purchased + granted. */
  owned: number;
  purchased: number;
  /** Units granted free at a 4.x migration (NL-10). */
  granted: number;
  /** Units blocked by confirmed reservations (SLR-3). */
  reserved: number;
  /** Units of reservation updates awaiting the confirmation code (SLR-5). */
  inTransit: number;
  /** Registered instances' last reports + checked-out units + claimed sessions + export grants. */
  consumption: number;
  /** Unreserved units serving consumption, this type's own and lower tiers' (SL-11). */
  inUse: number;
  /** Unreserved units nobody uses: what a new reservation, claim or grant may take. */
  available: number;
  /** Consumption of this type served by higher tiers. */
  borrowed: number;
  /** Units of this type serving lower tiers. */
  lent: number;
  /** Consumption unserved after borrowing (SL-7, NL-7). */
  overdraft: number;
  /** Σ over SLR instances of usage above their own reservation (no substitution, SL-11). */
  reservationShortfall: number;
}

/**
 * SLR-11: the overdraft the reports and expectations see: consumption the account
 * leaves unserved after tier borrowing plus reserved instances' use beyond their own
 * reservations ("Not Authorized – Reserved": overdraft of the reservation).
 */
export function reportedOverdraft(t: Pick<TypeStatus, 'overdraft' | 'reservationShortfall'>): number {
  return t.overdraft + t.reservationShortfall;
}

/** An account's position. */
export interface AccountStatus {
  id: string;
  kind: AccountKind;
  types: TypeStatus[];
  /** Σ overdraft over types. */
  overdraft: number;
  reservationShortfall: number;
  /** SL-7, SL-12: consumption above the VA after substitution (any overdraft). */
  outOfCompliance: boolean;
}

/** Units of type `t` that serve consumption: owned (purchased and granted) less those blocked by reservations. */
export function poolOf(acc: AccountState, t: number): number {
  return at(acc.purchased, t) + at(acc.granted, t) - at(acc.held, t) - at(acc.transit, t);
}

/** The account's allocation, recomputed in O(types) only after a change. */
export function allocationOf(state: LedgerState, acc: AccountState): Allocation {
  if (acc.cache !== null) return acc.cache;
  const n = state.types.size;
  const pool: number[] = [];
  for (let t = 0; t < n; t++) pool.push(poolOf(acc, t));
  const borrowing = acc.kind === 'virtualAccount' && acc.tierBorrowing;
  acc.cache = allocate(pool, acc.demand, n, borrowing ? state.tierOrder : null);
  return acc.cache;
}

/** One type's figures. */
export function typeStatus(state: LedgerState, acc: AccountState, t: number): TypeStatus {
  const a = allocationOf(state, acc);
  return {
    type: state.types.name(t),
    owned: at(acc.purchased, t) + at(acc.granted, t),
    purchased: at(acc.purchased, t),
    granted: at(acc.granted, t),
    reserved: at(acc.held, t),
    inTransit: at(acc.transit, t),
    consumption: at(acc.demand, t),
    inUse: at(a.inUse, t),
    available: at(a.available, t),
    borrowed: at(a.borrowed, t),
    lent: at(a.lent, t),
    overdraft: at(a.overdraft, t),
    reservationShortfall: at(acc.slrShort, t),
  };
}

// An account's status, kept with the allocation it was read from: any change of the account makes a new allocation
// (state.ts touch), read anew. A type first used by another account is zero here, and zero types are not listed.
const statusOf = new WeakMap<Allocation, Readonly<AccountStatus>>();

/** Every type the account has or uses (frozen: the same object until the account changes). */
export function accountStatus(state: LedgerState, acc: AccountState): AccountStatus {
  const a = allocationOf(state, acc);
  const known = statusOf.get(a);
  if (known) return known;
  const status = readStatus(state, acc, a);
  for (const t of status.types) Object.freeze(t);
  Object.freeze(status.types);
  statusOf.set(a, Object.freeze(status));
  return status;
}

function readStatus(state: LedgerState, acc: AccountState, a: Allocation): AccountStatus {
  const types: TypeStatus[] = [];
  let shortfall = 0;
  for (let t = 0; t < state.types.size; t++) {
    const s = typeStatus(state, acc, t);
    shortfall += s.reservationShortfall;
    if (s.owned !== 0 || s.consumption !== 0 || s.reservationShortfall !== 0 || s.inTransit !== 0) types.push(s);
  }
  return {
    id: acc.id,
    kind: acc.kind,
    types,
    overdraft: a.overdraftTotal,
    reservationShortfall: shortfall,
    outOfCompliance: a.overdraftTotal > 0,
  };
}
