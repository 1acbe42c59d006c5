import type { AlarmEvent } from '../machines/emitted.ts';
import { overdraftCeiling } from '../machines/overdraft.ts';
import type { LicenceType } from './licenceTypes.ts';
import { isWhole, refusal, type Result } from './result.ts';
import { accountOf, touch, type AccountState, type LedgerState } from './state.ts';
import { poolOf } from './status.ts';
import { at, bump, isZero } from './vector.ts';

const REQUEST_FAILED: AlarmEvent = { type: 'alarm', name: 'CiscoLicenseRequestFailed', rule: 'NL-8' };
const OVERDRAFT: AlarmEvent = { type: 'alarm', name: 'CiscoLicenseOverDraft', rule: 'NL-8' };

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
export function checkOut(state: LedgerState, instanceId: string, accountId: string, type: LicenceType, units: number): Result<CheckOutcome> {
  const acc = accountOf(state, accountId);
  if (acc.kind !== 'licenseFile') return refusal('wrongAccountKind', 'NL-7', `${accountId} is not a licence file`, [REQUEST_FAILED]);
  if (!isWhole(units, 1)) return refusal('badCount', 'NL-7', 'units must be a whole number of at least 1', [REQUEST_FAILED]);
  const t = state.types.index(type);
  // A licence file has no tiers and so no borrowing: one type's figures need no full allocation.
  const entitled = poolOf(acc, t);
  const allowance = overdraftCeiling(acc.overdraft, entitled) - entitled;
  const overdraft = Math.max(0, at(acc.demand, t) + units - entitled);
  if (overdraft > allowance) {
    return refusal(
      'overdraftLimit',
      'NL-7',
      `checking out ${units} ${type} would leave an overdraft of ${overdraft}; the ${acc.overdraft.mode} regime allows ${allowance} over ${entitled} entitled`,
      [REQUEST_FAILED],
    );
  }
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
