import { toCounts, toVec } from './counts.ts';
import type { Counts } from './licenceTypes.ts';
import { giveUpOrder, keepOrder } from './lots.ts';
import { type Refusal, type Result, refusal } from './result.ts';
import { shortfallOf, withShortfall } from './shortfall.ts';
import { accountOf, type InstanceRecord, instanceOf, type LedgerState, type Lot, type LotHold, type Reservation, touch } from './state.ts';
import { allocationOf } from './status.ts';
import { addInto, at, bump, isZero, type Vec } from './vector.ts';

/** Where a reserved unit sits: unblocked (free), confirmed, or changing (SLR-5). */
type Slot = 'free' | 'held' | 'incoming' | 'outgoing';

/** An instance's reservation as a caller may read it. */
export interface ReservationView {
  accountId: string;
  code: string;
  installed: boolean;
  /** False while an update awaits its confirmation code in CSSM (SLR-5). */
  confirmed: boolean;
  nonOperational: boolean;
  /** SLR-7: the return code produced and not yet entered in CSSM, or null. */
  returnCode: string | null;
  reserved: Record<string, number>;
  incoming: Record<string, number>;
  outgoing: Record<string, number>;
  /** Usage above the instance's own reservation, no substitution (SL-11, SLR-9). */
  shortfall: Record<string, number>;
}

/** The deterministic authorization code number `seq` of an instance (SLR-3). */
export function authorizationCode(instanceId: string, seq: number): string {
  return `SLR-${instanceId}-${seq}`;
}

function slotOf(lot: Lot, hold: LotHold | undefined, slot: Slot): number {
  return slot === 'free' ? lot.free : (hold?.[slot] ?? 0);
}

/** Moves up to `n` units of type `t` between slots, lot by lot in `order`; keeps every aggregate in step. */
function move(instanceId: string, res: Reservation, t: number, n: number, from: Slot, to: Slot, order: (a: Lot, b: Lot) => number): void {
  if (n <= 0) return;
  const acc = res.account;
  const lots = acc.lots.filter((l) => l.active && l.type === t && slotOf(l, l.holds.get(instanceId), from) > 0).sort(order);
  let left = n;
  for (const lot of lots) {
    if (left === 0) break;
    let hold = lot.holds.get(instanceId);
    const take = Math.min(left, slotOf(lot, hold, from));
    if (hold === undefined) {
      hold = { held: 0, incoming: 0, outgoing: 0 };
      lot.holds.set(instanceId, hold);
    }
    for (const [slot, sign] of [
      [from, -take],
      [to, take],
    ] as const) {
      if (slot === 'free') lot.free += sign;
      else {
        hold[slot] += sign;
        bump(res[slot], t, sign);
        bump(slot === 'held' ? acc.held : acc.transit, t, sign);
      }
    }
    if (hold.held + hold.incoming + hold.outgoing === 0) lot.holds.delete(instanceId);
    left -= take;
  }
  touch(acc);
}

function typesOf(...vs: readonly Vec[]): number[] {
  return [...Array(Math.max(0, ...vs.map((v) => v.length))).keys()];
}

function blockedCounts(state: LedgerState, res: Reservation): Record<string, number> {
  const all: Vec = [];
  addInto(all, res.held);
  addInto(all, res.incoming);
  addInto(all, res.outgoing);
  return toCounts(state.types, all);
}

/** Releases everything an instance's reservation blocks, in transit included (SLR-7, SLR-8). */
function releaseAll(state: LedgerState, instanceId: string, rec: InstanceRecord, res: Reservation): Record<string, number> {
  const released = blockedCounts(state, res);
  withShortfall(rec, () => {
    for (const t of typesOf(res.held, res.incoming, res.outgoing)) {
      move(instanceId, res, t, at(res.held, t), 'held', 'free', giveUpOrder);
      move(instanceId, res, t, at(res.incoming, t), 'incoming', 'free', giveUpOrder);
      move(instanceId, res, t, at(res.outgoing, t), 'outgoing', 'free', giveUpOrder);
    }
    rec.reservation = null;
    rec.usage = null;
  });
  return released;
}

function shortOfAvailable(state: LedgerState, res: Reservation | null, accountAvailable: readonly number[], want: Vec): string | null {
  for (let t = 0; t < want.length; t++) {
    const basis = res === null ? 0 : at(res.held, t) + at(res.outgoing, t);
    const extra = Math.max(0, at(want, t) - basis - (res === null ? 0 : at(res.incoming, t)));
    if (extra > at(accountAvailable, t)) {
      return `${state.types.name(t)}: ${extra} more needed, ${at(accountAvailable, t)} available in the virtual account`;
    }
  }
  return null;
}

/**
 * SLR-3: CSSM reserves `counts` for an instance and blocks them for everyone else.
 * Checks, in order: the account is a VA; the instance is not registered (SLR-1) and
 * holds no reservation; counts are whole and not all zero; each is available.
 */
export function reserve(state: LedgerState, instanceId: string, accountId: string, counts: Counts): Result<{ code: string }> {
  const refused = reserveCheck(state, instanceId, accountId, counts);
  if (refused) return refused;
  const acc = accountOf(state, accountId);
  const rec = instanceOf(state, instanceId);
  const want = toVec(state.types, counts) as Vec;
  const seq = ++rec.codeSeq;
  const res: Reservation = {
    account: acc,
    held: [],
    incoming: [],
    outgoing: [],
    seq,
    installedSeq: 0,
    confirmedSeq: seq,
    nonOperational: false,
    returnCode: null,
  };
  withShortfall(rec, () => {
    rec.reservation = res;
    for (let t = 0; t < want.length; t++) move(instanceId, res, t, at(want, t), 'free', 'held', keepOrder);
  });
  return { ok: true, code: authorizationCode(instanceId, seq) };
}

/**
 * SLR-5: CSSM changes a reservation to `counts` (the whole new reservation) and issues
 * a new code. Relative to the last confirmed counts, an increase is blocked as
 * incoming and a decrease stays blocked as outgoing until `confirm`. Checks, in
 * order: a reservation exists; the instance is operational (SLR-8); counts are
 * whole; the increase is available.
 */
export function updateReservation(state: LedgerState, instanceId: string, counts: Counts): Result<{ code: string }> {
  const refused = updateCheck(state, instanceId, counts);
  if (refused) return refused;
  const rec = instanceOf(state, instanceId);
  const res = rec.reservation as Reservation;
  const want = toVec(state.types, counts) as Vec;
  withShortfall(rec, () => {
    for (const t of typesOf(want, res.held, res.incoming, res.outgoing)) {
      const n = at(want, t);
      const basis = at(res.held, t) + at(res.outgoing, t);
      const incoming = at(res.incoming, t);
      const outgoing = at(res.outgoing, t);
      if (n >= basis) {
        move(instanceId, res, t, outgoing, 'outgoing', 'held', keepOrder);
        if (incoming > n - basis) move(instanceId, res, t, incoming - (n - basis), 'incoming', 'free', giveUpOrder);
        else move(instanceId, res, t, n - basis - incoming, 'free', 'incoming', keepOrder);
      } else {
        move(instanceId, res, t, incoming, 'incoming', 'free', giveUpOrder);
        const target = basis - n;
        if (target > outgoing) move(instanceId, res, t, target - outgoing, 'held', 'outgoing', giveUpOrder);
        else move(instanceId, res, t, outgoing - target, 'outgoing', 'held', keepOrder);
      }
    }
    res.seq = ++rec.codeSeq;
  });
  return { ok: true, code: authorizationCode(instanceId, res.seq) };
}

/**
 * SLR-4, SLR-5: the instance installs its latest code and produces a confirmation code.
 * Checks, in order: a reservation exists; operational; `code` (when given) is the
 * latest; the latest is not installed already.
 */
export function installReservation(state: LedgerState, instanceId: string, code?: string): Result<{ confirmationCode: string }> {
  const refused = installCheck(state, instanceId, code);
  if (refused) return refused;
  const rec = instanceOf(state, instanceId);
  const res = rec.reservation as Reservation;
  withShortfall(rec, () => {
    res.installedSeq = res.seq;
  });
  return { ok: true, confirmationCode: `SLRC-${instanceId}-${res.seq}` };
}

/**
 * SLR-5: the confirmation code is entered in CSSM: incoming units become reserved,
 * outgoing ones return to the pool. Checks, in order: a reservation exists; an update
 * awaits confirmation; the instance installed it.
 */
export function confirmReservation(state: LedgerState, instanceId: string): Result<{ reserved: Record<string, number> }> {
  const refused = confirmCheck(state, instanceId);
  if (refused) return refused;
  const rec = instanceOf(state, instanceId);
  const res = rec.reservation as Reservation;
  withShortfall(rec, () => {
    for (const t of typesOf(res.incoming, res.outgoing)) {
      move(instanceId, res, t, at(res.incoming, t), 'incoming', 'held', keepOrder);
      move(instanceId, res, t, at(res.outgoing, t), 'outgoing', 'free', giveUpOrder);
    }
    res.confirmedSeq = res.seq;
  });
  return { ok: true, reserved: toCounts(state.types, res.held) };
}

/**
 * SLR-7: the instance produces a return code, "which removes the Authorization Code":
 * it no longer uses the reservation (its shortfall ends), but CSSM still blocks every
 * licence it reserved or has in transit until the code is entered there
 * ({@link enterReturnCode}). Checks: a reservation exists; the instance is operational
 * (SLR-8); it has not produced a return code already.
 */
export function returnReservation(state: LedgerState, instanceId: string): Result<{ returnCode: string }> {
  const refused = returnCheck(state, instanceId);
  if (refused) return refused;
  const rec = instanceOf(state, instanceId);
  const res = rec.reservation as Reservation;
  const returnCode = `SLRR-${instanceId}-${res.seq}`;
  withShortfall(rec, () => {
    res.returnCode = returnCode;
    rec.usage = null;
  });
  return { ok: true, returnCode };
}

/**
 * SLR-7: return-authorization for the latest code, not yet installed: a return code as
 * {@link returnReservation} produces. Checks: a reservation exists; operational; not
 * returned; `code` is the latest; not installed.
 */
export function returnAuthorization(state: LedgerState, instanceId: string, code: string): Result<{ returnCode: string }> {
  const refused = returnCheck(state, instanceId);
  if (refused) return refused;
  const res = instanceOf(state, instanceId).reservation as Reservation;
  if (code !== authorizationCode(instanceId, res.seq))
    return refusal('unknownCode', 'SLR-7', `${code} is not the latest code of ${instanceId}`);
  if (res.installedSeq === res.seq) return refusal('installed', 'SLR-7', 'the code is installed; use reservation return');
  return returnReservation(state, instanceId);
}

/**
 * SLR-7: the return code is entered in CSSM: everything the reservation blocks,
 * reserved and in transit, is released and the instance leaves the VA. Checks: a
 * reservation exists; the instance produced a return code.
 */
export function enterReturnCode(state: LedgerState, instanceId: string): Result<{ returnCode: string; released: Record<string, number> }> {
  const refused = enterReturnCheck(state, instanceId);
  if (refused) return refused;
  const rec = instanceOf(state, instanceId);
  const res = rec.reservation as Reservation;
  return { ok: true, returnCode: res.returnCode as string, released: releaseAll(state, instanceId, rec, res) };
}

/** Checks of {@link enterReturnCode}: a reservation; its return code produced (SLR-7). */
export function enterReturnCheck(state: LedgerState, instanceId: string): Refusal | null {
  const res = state.instances.get(instanceId)?.reservation ?? null;
  if (res === null) return refusal('noReservation', 'SLR-7', `CSSM holds no reservation of ${instanceId}`);
  if (res.returnCode === null)
    return refusal('noReturnCode', 'SLR-7', `${instanceId} has produced no return code; its licences stay reserved`);
  return null;
}

/** SLR-7: a returned reservation (its code not yet entered in CSSM) takes no further change. */
function returnedRefusal(res: Reservation, instanceId: string): Refusal | null {
  if (res.returnCode === null) return null;
  return refusal('returned', 'SLR-7', `${instanceId} returned its reservation (${res.returnCode}); enter the return code in CSSM`);
}

/** SLR-8: the instance is gone (RMA, destroyed VM): its licences stay blocked until `supportRemove`. */
export function markNonOperational(state: LedgerState, instanceId: string): Result {
  const refused = nonOperationalCheck(state, instanceId);
  if (refused) return refused;
  (instanceOf(state, instanceId).reservation as Reservation).nonOperational = true;
  return { ok: true };
}

/** SLR-8: support (TAC) removes a non-operational instance; everything it blocked is released. */
export function supportRemove(state: LedgerState, instanceId: string): Result<{ released: Record<string, number> }> {
  const refused = supportRemoveCheck(state, instanceId);
  if (refused) return refused;
  const rec = instanceOf(state, instanceId);
  return { ok: true, released: releaseAll(state, instanceId, rec, rec.reservation as Reservation) };
}

/** Checks of {@link supportRemove}: a reservation exists; the instance cannot return it itself (SLR-8). */
export function supportRemoveCheck(state: LedgerState, instanceId: string): Refusal | null {
  const res = state.instances.get(instanceId)?.reservation ?? null;
  if (res === null) return refusal('noReservation', 'SLR-8', `${instanceId} has no reservation`);
  if (!res.nonOperational)
    return refusal('operational', 'SLR-8', `${instanceId} is operational: it returns its reservation itself (SLR-7)`);
  return null;
}

/** The instance's reservation, or null. */
export function reservationView(state: LedgerState, instanceId: string): ReservationView | null {
  const rec = state.instances.get(instanceId);
  const res = rec?.reservation ?? null;
  if (rec === undefined || res === null) return null;
  return {
    accountId: res.account.id,
    code: authorizationCode(instanceId, res.seq),
    installed: res.installedSeq === res.seq,
    confirmed: res.confirmedSeq === res.seq,
    nonOperational: res.nonOperational,
    returnCode: res.returnCode,
    reserved: toCounts(state.types, res.held),
    incoming: toCounts(state.types, res.incoming),
    outgoing: toCounts(state.types, res.outgoing),
    shortfall: toCounts(state.types, shortfallOf(rec)),
  };
}

/** Checks of {@link installReservation}, in its order. */
export function installCheck(state: LedgerState, instanceId: string, code?: string): Refusal | null {
  const res = state.instances.get(instanceId)?.reservation ?? null;
  if (res === null) return refusal('noReservation', 'SLR-4', `${instanceId} has no authorization code`);
  if (res.nonOperational) return refusal('nonOperational', 'SLR-8', `${instanceId} is not operational`);
  const returned = returnedRefusal(res, instanceId);
  if (returned) return returned;
  if (code !== undefined && code !== authorizationCode(instanceId, res.seq)) {
    return refusal('unknownCode', 'SLR-3', `${code} is not the latest authorization code of ${instanceId}`);
  }
  if (res.installedSeq === res.seq) return refusal('installed', 'SLR-5', 'the latest authorization code is already installed');
  return null;
}

/** Checks of {@link returnReservation}: a reservation; operational (SLR-8). */
export function returnCheck(state: LedgerState, instanceId: string): Refusal | null {
  const res = state.instances.get(instanceId)?.reservation ?? null;
  if (res === null) return refusal('noReservation', 'SLR-7', `${instanceId} has no reservation to return`);
  if (res.nonOperational) return refusal('nonOperational', 'SLR-8', `${instanceId} cannot produce a return code; support must remove it`);
  return returnedRefusal(res, instanceId);
}

/** Checks of {@link markNonOperational}: a reservation exists. */
export function nonOperationalCheck(state: LedgerState, instanceId: string): Refusal | null {
  const res = state.instances.get(instanceId)?.reservation ?? null;
  return res === null ? refusal('noReservation', 'SLR-8', `${instanceId} has no reservation`) : null;
}

/** Checks of {@link reserve}, in its order (an unknown account is refused, not thrown). */
export function reserveCheck(state: LedgerState, instanceId: string, accountId: string, counts: Counts): Refusal | null {
  const acc = state.accounts.get(accountId);
  if (acc === undefined) return refusal('unknownAccount', 'SLR-3', `there is no account ${JSON.stringify(accountId)}`);
  if (acc.kind !== 'virtualAccount') return refusal('wrongAccountKind', 'SLR-3', `${accountId} is not a virtual account`);
  const rec = state.instances.get(instanceId);
  if (rec?.account) return refusal('alreadyRegistered', 'SLR-1', `${instanceId} is registered; reservation needs an unregistered instance`);
  if (rec?.reservation?.returnCode) {
    return refusal('returned', 'SLR-7', `${instanceId}'s return code ${rec.reservation.returnCode} has not been entered in CSSM`);
  }
  if (rec?.reservation) return refusal('alreadyReserved', 'SLR-5', `${instanceId} already has a reservation; update it instead`);
  const want = toVec(state.types, counts);
  if (typeof want === 'string') return refusal('badCount', 'SLR-3', want);
  if (isZero(want)) return refusal('badCount', 'SLR-3', 'a reservation must reserve at least one licence');
  const short = shortOfAvailable(state, null, allocationOf(state, acc).available, want);
  return short === null ? null : refusal('insufficient', 'SLR-3', short);
}

/** Checks of {@link updateReservation}, in its order. */
export function updateCheck(state: LedgerState, instanceId: string, counts: Counts): Refusal | null {
  const res = state.instances.get(instanceId)?.reservation ?? null;
  if (res === null) return refusal('noReservation', 'SLR-5', `${instanceId} has no reservation`);
  if (res.nonOperational) return refusal('nonOperational', 'SLR-8', `${instanceId} is not operational; support must remove it`);
  const returned = returnedRefusal(res, instanceId);
  if (returned) return returned;
  const want = toVec(state.types, counts);
  if (typeof want === 'string') return refusal('badCount', 'SLR-5', want);
  const short = shortOfAvailable(state, res, allocationOf(state, res.account).available, want);
  return short === null ? null : refusal('insufficient', 'SLR-11', short);
}

/** Checks of {@link confirmReservation}, in its order. */
export function confirmCheck(state: LedgerState, instanceId: string): Refusal | null {
  const res = state.instances.get(instanceId)?.reservation ?? null;
  if (res === null) return refusal('noReservation', 'SLR-5', `${instanceId} has no reservation`);
  const returned = returnedRefusal(res, instanceId);
  if (returned) return returned;
  if (res.confirmedSeq === res.seq) return refusal('nothingInTransit', 'SLR-5', 'no reservation update is in transit');
  if (res.installedSeq !== res.seq)
    return refusal('notInstalled', 'SLR-5', 'the instance has not installed the new code, so there is no confirmation code');
  return null;
}
