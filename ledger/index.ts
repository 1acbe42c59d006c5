/**
 * The licence ledger: the back end the lifecycle machines talk to (issue 3).
 *
 * Accounts are CSSM virtual accounts, node-locked licence files or session/seat licences.
 * Each holds lots (purchases, PAK parts, free migration units), perpetual or TERM.
 * Per account and type: `owned = available + inUse + reserved + inTransit`, where
 * - owned: units of lots whose term has started and not ended (SLR-10: a TERM lot lapses at its end tick);
 * - reserved / inTransit: units blocked by SLR reservations, confirmed / awaiting the confirmation code (SLR-3, SLR-5);
 * - inUse: unreserved units serving consumption (registered reports, check-outs, claims, export grants),
 *   the type's own consumption first, then lower tiers' by borrowing (SL-11, VAs only, policy switch);
 * - available: the rest; overdraft = consumption left unserved after borrowing.
 * SLR instances never borrow: their usage is compared with their own reservation (reservation shortfall).
 * Business refusals are `Result`s `{ ok: false, code, rule, reason, alarms }`; programmer errors
 * (an account id never opened, or opened twice) throw `LedgerUsageError`.
 */

export type { AccountSpec } from './accounts.ts';
export * from './adjunct.ts';
export { type Allocation, allocate } from './allocation.ts';
export type { CheckOutcome } from './checkout.ts';
export * from './deviceUnits.ts';
export * from './deviceUnitTable.ts';
export type { EffectResult } from './effects.ts';
export type { LedgerHoldings } from './holdings.ts';
export { Ledger } from './ledger.ts';
export * from './licenceTypes.ts';
export type { LotView } from './lots.ts';
export * from './policy.ts';
export type { PakSplit, Term } from './purchases.ts';
export type { ReservationView } from './reservations.ts';
export * from './result.ts';
export type { ClaimOutcome } from './sessions.ts';
export type { AccountKind, LotSource } from './state.ts';
export type { AccountStatus, TypeStatus } from './status.ts';
export { reportedOverdraft } from './status.ts';
export * from './tierTable.ts';
export * from './userLicence.ts';
