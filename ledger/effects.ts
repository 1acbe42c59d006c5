import type { LedgerEffect } from '../machines/emitted.ts';
import type { Tick } from '../machines/time.ts';
import { exportGrant, exportReturn } from './exports.ts';
import { advance } from './lots.ts';
import { installReservation, returnReservation } from './reservations.ts';
import { refusal, type Result } from './result.ts';
import { claim } from './sessions.ts';
import type { LedgerState } from './state.ts';
import { deregister, move, register } from './usage.ts';

/** The outcome of applying a machine's effect: which effect, or why the back end refused it. */
export type EffectResult = Result<{ kind: LedgerEffect['kind'] }>;

function tagged(kind: LedgerEffect['kind'], r: Result): EffectResult {
  // The result is the caller's own fresh object: tag it in place rather than copy it on every effect.
  if (r.ok) (r as { kind?: LedgerEffect['kind'] }).kind = kind;
  return r as EffectResult;
}

/**
 * Applies a `LedgerEffect` a machine emitted for `instanceId` at `now` (the clock moves
 * first, so TERM lots due by then have lapsed). `reservationInstalled` and
 * `reservationConfirmationCode` mark the latest code installed (the machine checked it);
 * `reservationReturnCode` releases the reservation (return and return-authorization alike).
 */
export function applyEffect(state: LedgerState, instanceId: string, effect: LedgerEffect, now: Tick): EffectResult {
  advance(state, now);
  switch (effect.kind) {
    case 'register':
      return tagged(effect.kind, register(state, instanceId, effect.accountId));
    case 'release':
      return tagged(effect.kind, deregister(state, instanceId));
    case 'move':
      return tagged(effect.kind, move(state, instanceId, effect.accountId));
    case 'exportGrant':
      return tagged(effect.kind, exportGrant(state, instanceId, effect.accountId));
    case 'exportReturn':
      return tagged(effect.kind, exportReturn(state, instanceId, effect.accountId));
    case 'reservationInstalled':
    case 'reservationConfirmationCode':
      return tagged(effect.kind, installReservation(state, instanceId));
    case 'reservationReturnCode':
      return tagged(effect.kind, returnReservation(state, instanceId));
    case 'claim':
      return tagged(effect.kind, claim(state, instanceId, effect.licenseId, effect.sessions));
    default:
      return unknownEffect(effect);
  }
}

function unknownEffect(effect: never): EffectResult {
  return refusal('unknownType', null, `unknown ledger effect ${JSON.stringify(effect)}`);
}
