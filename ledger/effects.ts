import type { LedgerEffect } from '../machines/effects.ts';
import type { AlarmEvent } from '../machines/emitted.ts';
import type { Tick } from '../machines/time.ts';
import { checkInCheck, checkInCounts, checkOutCheck, checkOutCounts, removeLicense } from './checkout.ts';
import { exportCheck, exportGrant, exportReturn } from './exports.ts';
import { advance } from './lots.ts';
import { migrate, migrateCheck } from './purchases.ts';
import {
  confirmCheck,
  confirmReservation,
  enterReturnCheck,
  enterReturnCode,
  installCheck,
  installReservation,
  markNonOperational,
  nonOperationalCheck,
  reserve,
  reserveCheck,
  returnCheck,
  returnReservation,
  supportRemove,
  supportRemoveCheck,
  updateCheck,
  updateReservation,
} from './reservations.ts';
import { type Refusal, type Result, refusal } from './result.ts';
import { claim, claimCheck, rehost, rehostCheck } from './sessions.ts';
import type { LedgerState } from './state.ts';
import {
  firstReportCheck,
  forwardStaged,
  move,
  moveCheck,
  recordCheck,
  recordReservedUsage,
  recordUsage,
  registerCheck,
  registerInstance,
  releaseCheck,
  releaseIfHeld,
  removeCheck,
  removeInstance,
  reservedUsageCheck,
  stageUsage,
  takeFirstReport,
} from './usage.ts';

/** The outcome of applying a machine's effect: which effect and the vendor alarms it raised, or why the back end refused it. */
export type EffectResult = Result<{ kind: LedgerEffect['kind']; alarms: readonly AlarmEvent[] }>;

const NONE: readonly AlarmEvent[] = Object.freeze([]);

/**
 * Whether the ledger would accept `effect` at `now`, without applying it (the clock
 * moves first, so TERM lots due by then have lapsed): null, or the refusal applying it
 * would give. The engine asks before a transition that emits the effect commits.
 */
export function checkEffect(state: LedgerState, effect: LedgerEffect, now: Tick): Refusal | null {
  advance(state, now);
  switch (effect.kind) {
    case 'register':
      return registerCheck(state, effect.instanceId, effect.accountId) ?? firstReportCheck(effect.report);
    case 'release':
      return releaseCheck(state, effect.instanceId, true);
    case 'move':
      return moveCheck(state, effect.instanceId, effect.accountId, effect.keepExport === true) ?? firstReportCheck(effect.report);
    case 'exportGrant':
      return exportCheck(state, effect.instanceId, effect.accountId, 'grant');
    case 'exportReturn':
      return exportCheck(state, effect.instanceId, effect.accountId, 'return');
    case 'reservationInstalled':
    case 'reservationConfirmationCode':
      return installCheck(state, effect.instanceId);
    case 'reservationReturnCode':
      return returnCheck(state, effect.instanceId);
    case 'enterReturnCode':
      return enterReturnCheck(state, effect.instanceId);
    case 'reservedUsage':
      return reservedUsageCheck(state, effect.instanceId, effect.usage);
    case 'nonOperational':
      return nonOperationalCheck(state, effect.instanceId);
    case 'reserve':
      return reserveCheck(state, effect.instanceId, effect.accountId, effect.counts);
    case 'updateReservation':
      return updateCheck(state, effect.instanceId, effect.counts);
    case 'confirmReservation':
      return confirmCheck(state, effect.instanceId);
    case 'supportRemove':
      return supportRemoveCheck(state, effect.instanceId);
    case 'migrate':
      return migrateCheck(state, effect.instanceId, effect.accountId, effect.counts);
    case 'claim':
      return claimCheck(state, effect.instanceId, effect.licenseId, effect.sessions);
    case 'rehost':
      return rehostCheck(state, effect.instanceId, effect.licenseId);
    case 'recordUsage':
    case 'stageUsage':
      return recordCheck(state, effect.instanceId, effect.accountId, effect.usage);
    case 'forwardStaged':
      return null;
    case 'removeInstance':
      return removeCheck(state, effect.instanceId, effect.accountId);
    case 'checkOut':
      return checkOutCheck(state, effect.accountId, effect.counts);
    case 'checkIn':
      return checkInCheck(state, effect.instanceId, effect.accountId, effect.counts);
    case 'removeLicense':
      return null;
    default:
      return unknownEffect(effect);
  }
}

function tagged(kind: LedgerEffect['kind'], r: Result, alarms: readonly AlarmEvent[] = NONE): EffectResult {
  if (!r.ok) return r;
  // The result is the operation's own fresh object (its details kept): tag it in place rather than copy it.
  const out = r as Result & { kind: LedgerEffect['kind']; alarms: readonly AlarmEvent[] };
  out.kind = kind;
  out.alarms = alarms;
  return out;
}

/**
 * Applies a `LedgerEffect` a machine emitted at `now` (the clock moves first, so TERM
 * lots due by then have lapsed). `reservationInstalled` and `reservationConfirmationCode`
 * mark the latest code installed (the machine checked it); `reservationReturnCode`
 * produces the return code (return and return-authorization alike) and only
 * `enterReturnCode` (CSSM) releases the reservation (SLR-7).
 */
export function applyEffect(state: LedgerState, effect: LedgerEffect, now: Tick): EffectResult {
  advance(state, now);
  switch (effect.kind) {
    case 'register':
      return registered(effect, registerInstance(state, effect.instanceId, effect.accountId), state);
    case 'release':
      return tagged(effect.kind, releaseIfHeld(state, effect.instanceId));
    case 'move':
      return registered(effect, move(state, effect.instanceId, effect.accountId, effect.keepExport === true), state);
    case 'exportGrant':
      return tagged(effect.kind, exportGrant(state, effect.instanceId, effect.accountId));
    case 'exportReturn':
      return tagged(effect.kind, exportReturn(state, effect.instanceId, effect.accountId));
    case 'reservationInstalled':
    case 'reservationConfirmationCode':
      return tagged(effect.kind, installReservation(state, effect.instanceId));
    case 'reservationReturnCode':
      return tagged(effect.kind, returnReservation(state, effect.instanceId));
    case 'enterReturnCode':
      return tagged(effect.kind, enterReturnCode(state, effect.instanceId));
    case 'reservedUsage':
      return tagged(effect.kind, recordReservedUsage(state, effect.instanceId, effect.usage));
    case 'nonOperational':
      return tagged(effect.kind, markNonOperational(state, effect.instanceId));
    case 'reserve':
      return tagged(effect.kind, reserve(state, effect.instanceId, effect.accountId, effect.counts));
    case 'updateReservation':
      return tagged(effect.kind, updateReservation(state, effect.instanceId, effect.counts));
    case 'confirmReservation':
      return tagged(effect.kind, confirmReservation(state, effect.instanceId));
    case 'supportRemove':
      return tagged(effect.kind, supportRemove(state, effect.instanceId));
    case 'migrate':
      return tagged(effect.kind, migrate(state, effect.instanceId, effect.accountId, effect.counts));
    case 'claim':
      return tagged(effect.kind, claim(state, effect.instanceId, effect.licenseId, effect.sessions));
    case 'rehost':
      return tagged(effect.kind, rehost(state, effect.instanceId, effect.licenseId));
    case 'recordUsage':
      return tagged(effect.kind, recordUsage(state, effect.instanceId, effect.accountId, effect.usage, effect.seq));
    case 'stageUsage':
      return tagged(effect.kind, stageUsage(state, effect.satelliteId, effect.instanceId, effect.accountId, effect.usage, effect.seq));
    case 'forwardStaged':
      return tagged(effect.kind, forwardStaged(state, effect.satelliteId));
    case 'removeInstance':
      return tagged(effect.kind, removeInstance(state, effect.instanceId, effect.accountId));
    case 'checkOut': {
      const r = checkOutCounts(state, effect.instanceId, effect.accountId, effect.counts);
      return tagged(effect.kind, r, r.ok ? r.alarms : NONE);
    }
    case 'checkIn':
      return tagged(effect.kind, checkInCounts(state, effect.instanceId, effect.accountId, effect.counts));
    case 'removeLicense':
      return tagged(effect.kind, removeLicense(state, effect.instanceId, effect.accountId));
    default:
      return unknownEffect(effect);
  }
}

function unknownEffect(effect: never): Refusal {
  return refusal('unknownType', null, `unknown ledger effect ${JSON.stringify(effect)}`);
}

/** A registration or move that committed takes the report it carried (SL-4, SL-7). */
function registered(effect: Extract<LedgerEffect, { kind: 'register' | 'move' }>, r: Result, state: LedgerState): EffectResult {
  return tagged(effect.kind, r.ok ? takeFirstReport(state, effect.instanceId, effect.accountId, effect.report) : r);
}
