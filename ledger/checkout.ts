import type { AlarmEvent } from '../machines/emitted.ts';
import { overdraftCeiling } from '../machines/overdraft.ts';
import { toCounts } from './counts.ts';
import type { Counts, LicenceType } from './licenceTypes.ts';
import { isWhole, type Refusal, type Result, refusal } from './result.ts';
import { type AccountState, accountOf, type LedgerState, touch } from './state.ts';
import { poolOf } from './status.ts';
import { at, bump, isZero } from './vector.ts';

const REQUEST_FAILED: AlarmEvent = { type: 'alarm', name: 'CiscoLicenseRequestFailed', rule: 'NL-8', cleared: false };
const OVERDRAFT: AlarmEvent = { type: 'alarm', name: 'CiscoLicenseOverDraft', rule: 'NL-8', cleared: false };

/** A check-out or check-in that went through. */
export interface CheckOutcome {
  /** Units of the type the instance now holds from this licence file. */
  held: number;
  /** The type's overdraft after the operation. */
  overdraft: number;
  alarms: readonly AlarmEvent[];
}

/** Adds checked-out units without any check (NL-10's migration grants units already in use). */
export function addCheckout(acc: AccountState, instanceId: string, t: number, units: number): number {
  let held = acc.checkouts.get(instanceId);
  if (held === undefined) {
    held = [];
    acc.checkouts.set(instanceId, held);
  }
  bump(held, t, units);
  bump(acc.demand, t, units);
  touch(acc);
  return at(held, t);
}

/**
 * NL-7: the licence manager issues `units` of `type` to an instance. The account's
 * overdraft regime bounds the overdraft: a check-out that would leave more overdraft
 * than the regime allows over the entitlement is refused with `CiscoLicenseRequestFailed`;
 * one that leaves any overdraft raises `CiscoLicenseOverDraft` (NL-8). Checks, in
 * order: the account is a licence file; units are whole and ≥ 1; the regime's ceiling.
 */
export function checkOut(
  state: LedgerState,
  instanceId: string,
  accountId: string,
  type: LicenceType,
  units: number,
): Result<CheckOutcome> {
  const acc = accountOf(state, accountId);
  if (acc.kind !== 'licenseFile') return refusal('wrongAccountKind', 'NL-7', `${accountId} is not a licence file`, [REQUEST_FAILED]);
  if (!isWhole(units, 1)) return refusal('badCount', 'NL-7', 'units must be a whole number of at least 1', [REQUEST_FAILED]);
  const t = state.types.index(type);
  const overdraft = overdraftAfter(acc, t, type, units);
  if (typeof overdraft !== 'number') return overdraft;
  const held = addCheckout(acc, instanceId, t, units);
  return { ok: true, held, overdraft, alarms: overdraft > 0 ? [OVERDRAFT] : [] };
}

/** NL-7: the licence manager reclaims units. Checks, in order: licence file; units whole ≥ 1; the instance holds them. */
export function checkIn(state: LedgerState, instanceId: string, accountId: string, type: LicenceType, units: number): Result<CheckOutcome> {
  const acc = accountOf(state, accountId);
  if (acc.kind !== 'licenseFile') return refusal('wrongAccountKind', 'NL-7', `${accountId} is not a licence file`);
  if (!isWhole(units, 1)) return refusal('badCount', 'NL-7', 'units must be a whole number of at least 1');
  const t = state.types.index(type);
  const held = acc.checkouts.get(instanceId);
  if (held === undefined || at(held, t) < units) {
    return refusal('notHeld', 'NL-7', `${instanceId} holds ${held === undefined ? 0 : at(held, t)} ${type}, cannot check in ${units}`);
  }
  bump(held, t, -units);
  bump(acc.demand, t, -units);
  if (isZero(held)) acc.checkouts.delete(instanceId);
  touch(acc);
  return { ok: true, held: at(held, t), overdraft: Math.max(0, at(acc.demand, t) - poolOf(acc, t)), alarms: [] };
}

/** Units of `type` an instance holds from a licence file. */
export function checkedOut(state: LedgerState, instanceId: string, accountId: string, type: LicenceType): number {
  const t = state.types.find(type);
  const held = accountOf(state, accountId).checkouts.get(instanceId);
  return t === undefined || held === undefined ? 0 : at(held, t);
}

/**
 * NL-7: the overdraft checking `units` of `type` (index `t`) out of the file would
 * leave, or the refusal of the file's regime when that is beyond what it allows. A
 * licence file has no tiers and so no borrowing: one type's figures need no full allocation.
 */
function overdraftAfter(acc: AccountState, t: number, type: LicenceType, units: number): number | Refusal {
  const entitled = poolOf(acc, t);
  const allowance = overdraftCeiling(acc.overdraft, entitled) - entitled;
  const overdraft = Math.max(0, at(acc.demand, t) + units - entitled);
  if (overdraft <= allowance) return overdraft;
  return refusal(
    'overdraftLimit',
    'NL-7',
    `checking out ${units} ${type} would leave an overdraft of ${overdraft}; ` +
      `the ${acc.overdraft.mode} regime allows ${allowance} over ${entitled} entitled`,
    [REQUEST_FAILED],
  );
}

/** A licence file by id, or why it is not one. */
function licenceFile(state: LedgerState, accountId: string): AccountState | Refusal {
  const acc = state.accounts.get(accountId);
  if (acc === undefined)
    return refusal('unknownAccount', 'NL-7', `there is no licence file ${JSON.stringify(accountId)}`, [REQUEST_FAILED]);
  if (acc.kind !== 'licenseFile') return refusal('wrongAccountKind', 'NL-7', `${accountId} is not a licence file`, [REQUEST_FAILED]);
  return acc;
}

const refused = (x: object): x is Refusal => (x as { ok?: boolean }).ok === false;

/** Checks of {@link checkOutCounts}: a licence file; whole counts; every type within the file's regime (NL-7). */
export function checkOutCheck(state: LedgerState, accountId: string, counts: Counts): Refusal | null {
  const acc = licenceFile(state, accountId);
  if (refused(acc)) return acc;
  for (const [type, units] of Object.entries(counts)) {
    if (!isWhole(units, 1)) return refusal('badCount', 'NL-7', 'units must be a whole number of at least 1', [REQUEST_FAILED]);
    const overdraft = overdraftAfter(acc, state.types.index(type), type, units);
    if (typeof overdraft !== 'number') return overdraft;
  }
  return null;
}

/** NL-7: the licence manager issues `counts` to a server, all or nothing; overdraft raises CiscoLicenseOverDraft (NL-8). */
export function checkOutCounts(
  state: LedgerState,
  instanceId: string,
  accountId: string,
  counts: Counts,
): Result<{ alarms: readonly AlarmEvent[] }> {
  const no = checkOutCheck(state, accountId, counts);
  if (no) return no;
  const acc = accountOf(state, accountId);
  let overdraft = 0;
  for (const [type, units] of Object.entries(counts)) {
    const t = state.types.index(type);
    addCheckout(acc, instanceId, t, units);
    overdraft += Math.max(0, at(acc.demand, t) - poolOf(acc, t));
  }
  return { ok: true, alarms: overdraft > 0 ? [OVERDRAFT] : [] };
}

/** Checks of {@link checkInCounts}: a licence file; whole counts; the server holds them. */
export function checkInCheck(state: LedgerState, instanceId: string, accountId: string, counts: Counts): Refusal | null {
  const acc = licenceFile(state, accountId);
  if (refused(acc)) return refusal(acc.code, acc.rule, acc.reason);
  const held = acc.checkouts.get(instanceId);
  for (const [type, units] of Object.entries(counts)) {
    if (!isWhole(units, 1)) return refusal('badCount', 'NL-7', 'units must be a whole number of at least 1');
    const t = state.types.find(type);
    const has = t === undefined || held === undefined ? 0 : at(held, t);
    if (has < units) return refusal('notHeld', 'NL-7', `${instanceId} holds ${has} ${type}, cannot check in ${units}`);
  }
  return null;
}

/** NL-7: the licence manager reclaims `counts` from a server, all or nothing. */
export function checkInCounts(state: LedgerState, instanceId: string, accountId: string, counts: Counts): Result {
  const no = checkInCheck(state, instanceId, accountId, counts);
  if (no) return no;
  for (const [type, units] of Object.entries(counts)) checkIn(state, instanceId, accountId, type, units);
  return { ok: true };
}

/** NL-6: the server's licence file is removed, and every unit it had checked out from it with it. */
export function removeLicense(state: LedgerState, instanceId: string, accountId: string): Result<{ released: Record<string, number> }> {
  const acc = state.accounts.get(accountId);
  const held = acc?.checkouts.get(instanceId);
  if (acc === undefined || held === undefined) return { ok: true, released: {} };
  const released = toCounts(state.types, held);
  for (const [type, units] of Object.entries(released)) checkIn(state, instanceId, accountId, type, units);
  return { ok: true, released };
}

/** Units a server holds from each licence file it has checked out from. */
export function checkoutsOf(state: LedgerState, instanceId: string, only?: readonly string[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  const accounts = only ? only.map((id) => state.accounts.get(id)).filter((a) => a !== undefined) : state.accounts.values();
  for (const acc of accounts) {
    const held = acc.checkouts.get(instanceId);
    if (held !== undefined && !isZero(held)) out[acc.id] = toCounts(state.types, held);
  }
  return out;
}
