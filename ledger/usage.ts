import type { FirstReport } from '../machines/effects.ts';
import { badCount, toCounts, toVec } from './counts.ts';
import type { Counts } from './licenceTypes.ts';
import { EXPORT_AUTHORIZATION } from './licenceTypes.ts';
import { type Refusal, type Result, refusal } from './result.ts';
import { withShortfall } from './shortfall.ts';
import { type AccountState, accountOf, type InstanceRecord, instanceOf, type LedgerState, touch } from './state.ts';
import { allocationOf } from './status.ts';
import { addInto, at, bump, type Vec } from './vector.ts';

function detach(state: LedgerState, rec: InstanceRecord, acc: AccountState): void {
  if (rec.usage !== null) addInto(acc.demand, rec.usage, -1);
  if (rec.exportGrants > 0) bump(acc.demand, state.types.index(EXPORT_AUTHORIZATION), -rec.exportGrants);
  touch(acc);
}

function attach(state: LedgerState, rec: InstanceRecord, acc: AccountState): void {
  if (rec.usage !== null) addInto(acc.demand, rec.usage);
  if (rec.exportGrants > 0) bump(acc.demand, state.types.index(EXPORT_AUTHORIZATION), rec.exportGrants);
  rec.account = acc;
  touch(acc);
}

/** A VA by id, or the refusal saying why it is not one. */
function virtualAccount(state: LedgerState, accountId: string, rule: Refusal['rule']): AccountState | Refusal {
  const acc = state.accounts.get(accountId);
  if (acc === undefined) return refusal('unknownAccount', rule, `there is no account ${JSON.stringify(accountId)}`);
  if (acc.kind !== 'virtualAccount') return refusal('wrongAccountKind', rule, `${accountId} is not a virtual account`);
  return acc;
}

const isRefusal = (x: object): x is Refusal => (x as { ok?: boolean }).ok === false;

/** Checks of {@link register}: a VA; the instance holds no reservation (SLR-1). */
export function registerCheck(state: LedgerState, instanceId: string, accountId: string): Refusal | null {
  const acc = virtualAccount(state, accountId, 'SL-4');
  if (isRefusal(acc)) return acc;
  const res = state.instances.get(instanceId)?.reservation ?? null;
  if (res?.returnCode) return refusal('returned', 'SLR-7', `${instanceId}'s return code ${res.returnCode} has not been entered in CSSM`);
  if (res) return refusal('reserved', 'SLR-1', `${instanceId} is in Specific License Reservation`);
  return null;
}

/**
 * SL-4: an instance registers to a VA (nothing is consumed until it reports). Checks,
 * in order: the account is a VA; the instance holds no reservation (SLR-1); it is not
 * registered to another VA (SL-9: that is `move`). Registering again to the same VA is a no-op.
 */
export function register(state: LedgerState, instanceId: string, accountId: string): Result<{ changed: boolean }> {
  const refused = registerCheck(state, instanceId, accountId);
  if (refused) return refused;
  const acc = accountOf(state, accountId);
  const rec = instanceOf(state, instanceId);
  if (rec.account === acc) return { ok: true, changed: false };
  if (rec.account !== null)
    return refusal('registeredElsewhere', 'SL-9', `${instanceId} is registered to ${rec.account.id}; reregister to move it`);
  attach(state, rec, acc);
  return { ok: true, changed: true };
}

/**
 * SL-4, SL-8: a product instance registers with a token of a VA. CSSM may still hold
 * it elsewhere (it deregistered while CSSM was unreachable): the registration takes it,
 * with its last report, to the VA of the token.
 */
export function registerInstance(state: LedgerState, instanceId: string, accountId: string): Result<{ changed: boolean }> {
  const rec = state.instances.get(instanceId);
  const r =
    rec?.account && rec.account.id !== accountId && !rec.reservation
      ? move(state, instanceId, accountId)
      : register(state, instanceId, accountId);
  if (r.ok) (state.instances.get(instanceId) as InstanceRecord).removedFrom = null;
  return r;
}

/** The checks of {@link reportUsage} and {@link recordUsage}: whole counts; registered to `accountId` (when given) or reserved. */
function reportCheck(state: LedgerState, instanceId: string, usage: Counts, accountId?: string): Vec | Refusal {
  const v = toVec(state.types, usage);
  if (typeof v === 'string') return refusal('badCount', 'SL-7', v);
  const rec = state.instances.get(instanceId);
  if (accountId !== undefined) {
    if (rec?.account?.id !== accountId)
      return refusal('notRegistered', 'SL-7', `CSSM holds no product instance ${instanceId} in ${accountId}`);
    return v;
  }
  if (rec === undefined || (rec.account === null && rec.reservation === null)) {
    return refusal('notRegistered', 'SL-7', `${instanceId} is neither registered nor reserved`);
  }
  return v;
}

/** Checks of a reserved instance's own usage record (SLR-11): whole counts; reserved, operational, not returned. */
export function reservedUsageCheck(state: LedgerState, instanceId: string, usage: Counts): Refusal | null {
  const bad = badCount(usage);
  if (bad !== null) return refusal('badCount', 'SLR-11', bad);
  const res = state.instances.get(instanceId)?.reservation ?? null;
  if (res === null) return refusal('noReservation', 'SLR-11', `${instanceId} has no reservation`);
  if (res.nonOperational) return refusal('nonOperational', 'SLR-8', `${instanceId} is not operational`);
  if (res.returnCode !== null) return refusal('returned', 'SLR-7', `${instanceId} returned its reservation`);
  return null;
}

/** SLR-11: a reserved instance's own record of its use, which its shortfall is measured against ({@link reservedUsageCheck}). */
export function recordReservedUsage(state: LedgerState, instanceId: string, usage: Counts): Result {
  const refused = reservedUsageCheck(state, instanceId, usage);
  if (refused) return refused;
  const rec = state.instances.get(instanceId) as InstanceRecord;
  withShortfall(rec, () => {
    rec.usage = toVec(state.types, usage) as Vec;
  });
  return { ok: true };
}

/**
 * SL-7: the instance's usage report replaces its previous one. A registered instance's
 * report is consumption of its VA; an SLR instance's is compared with its own
 * reservation only ({@link recordReservedUsage}). Checks, in order: counts are whole;
 * the instance is registered or reserved; a reserved instance is operational (SLR-8)
 * and has not returned its reservation (SLR-7).
 */
export function reportUsage(state: LedgerState, instanceId: string, usage: Counts): Result {
  const v = reportCheck(state, instanceId, usage);
  if (!Array.isArray(v)) return v;
  const rec = state.instances.get(instanceId) as InstanceRecord;
  const acc = rec.account;
  if (acc !== null) {
    replaceUsage(rec, acc, v);
    return { ok: true };
  }
  return recordReservedUsage(state, instanceId, usage);
}

function replaceUsage(rec: InstanceRecord, acc: AccountState, v: Vec): void {
  if (rec.usage !== null) addInto(acc.demand, rec.usage, -1);
  addInto(acc.demand, v);
  rec.usage = v;
  touch(acc);
}

/** Checks of {@link recordUsage} and {@link stageUsage}: whole counts; CSSM holds the instance in `accountId`. */
export function recordCheck(state: LedgerState, instanceId: string, accountId: string, usage: Counts): Refusal | null {
  const bad = badCount(usage);
  if (bad !== null) return refusal('badCount', 'SL-7', bad);
  if (state.instances.get(instanceId)?.account?.id !== accountId)
    return refusal('notRegistered', 'SL-7', `CSSM holds no product instance ${instanceId} in ${accountId}`);
  return null;
}

/**
 * SL-7: CSSM records report number `seq` of an instance it holds in `accountId`,
 * replacing the last one. An older report a satellite still holds for it is
 * dropped: its sync must not bring it back over this one (SL-10).
 */
export function recordUsage(state: LedgerState, instanceId: string, accountId: string, usage: Counts, seq: number): Result {
  const v = reportCheck(state, instanceId, usage, accountId);
  if (!Array.isArray(v)) return v;
  const rec = state.instances.get(instanceId) as InstanceRecord;
  replaceUsage(rec, rec.account as AccountState, v);
  rec.reportSeq = seq;
  rec.staged = null;
  return { ok: true };
}

/** Checks of {@link takeFirstReport}: whole counts. */
export function firstReportCheck(report: FirstReport): Refusal | null {
  const bad = badCount(report.usage);
  return bad === null ? null : refusal('badCount', 'SL-7', bad);
}

/**
 * SL-4, SL-7, SL-10: the usage report a registration carried, once the instance is
 * registered: recorded by CSSM, or held by the satellite it came through.
 */
export function takeFirstReport(state: LedgerState, instanceId: string, accountId: string, report: FirstReport): Result {
  return report.heldBy === null
    ? recordUsage(state, instanceId, accountId, report.usage, report.seq)
    : stageUsage(state, report.heldBy, instanceId, accountId, report.usage, report.seq);
}

/** SL-10: a satellite holds report `seq` of an instance until it next syncs; a newer report replaces it. */
export function stageUsage(
  state: LedgerState,
  satelliteId: string,
  instanceId: string,
  accountId: string,
  usage: Counts,
  seq: number,
): Result {
  const v = reportCheck(state, instanceId, usage, accountId);
  if (!Array.isArray(v)) return v;
  const rec = state.instances.get(instanceId) as InstanceRecord;
  rec.staged = { satelliteId, account: rec.account as AccountState, usage: v };
  rec.reportSeq = seq;
  if (rec.listedBy !== satelliteId) {
    rec.listedBy = satelliteId;
    let held = state.satellites.get(satelliteId);
    if (!held) {
      held = [];
      state.satellites.set(satelliteId, held);
    }
    held.push(rec);
  }
  return { ok: true };
}

/**
 * SL-10: at a sync CSSM takes every report the satellite holds. A report of an
 * instance CSSM no longer holds in that VA (removed meanwhile) is dropped and counted.
 */
export function forwardStaged(state: LedgerState, satelliteId: string): Result<{ forwarded: number; dropped: number }> {
  const held = state.satellites.get(satelliteId);
  let forwarded = 0;
  let dropped = 0;
  for (const rec of held ?? []) {
    if (rec.listedBy === satelliteId) rec.listedBy = null;
    const staged = rec.staged;
    if (staged?.satelliteId !== satelliteId) continue;
    rec.staged = null;
    if (rec.account === staged.account) {
      replaceUsage(rec, staged.account, staged.usage);
      forwarded++;
    } else {
      dropped++;
    }
  }
  if (held) held.length = 0;
  return { ok: true, forwarded, dropped };
}

/** Checks of {@link deregister}: not reserved (SLR-7); registered (unless `orNothing`: then nothing held is fine). */
export function releaseCheck(state: LedgerState, instanceId: string, orNothing = false): Refusal | null {
  const rec = state.instances.get(instanceId);
  if (rec?.reservation != null) return refusal('reserved', 'SLR-7', `${instanceId} leaves by reservation return, not deregistration`);
  if (!orNothing && (rec === undefined || rec.account === null)) return refusal('notRegistered', 'SL-8', `${instanceId} is not registered`);
  return null;
}

/**
 * SL-8, SL-14: what an instance's deregistration (or a lapsed registration) tells
 * CSSM: release what it holds, if it still holds the instance; if it was removed
 * there meanwhile, there is nothing to release.
 */
export function releaseIfHeld(state: LedgerState, instanceId: string): Result<{ released: Record<string, number> }> {
  const rec = state.instances.get(instanceId);
  if (rec !== undefined && rec.account === null && rec.reservation === null) return { ok: true, released: {} };
  return deregister(state, instanceId);
}

/**
 * SL-8: deregistration releases everything the instance used, its export grants
 * included, at once. Checks: not reserved (SLR-7: a reserved instance returns its
 * reservation); registered.
 */
export function deregister(state: LedgerState, instanceId: string): Result<{ released: Record<string, number> }> {
  const refused = releaseCheck(state, instanceId);
  if (refused) return refused;
  const rec = state.instances.get(instanceId) as InstanceRecord;
  const acc = rec.account as AccountState;
  const released = toCounts(state.types, rec.usage ?? []);
  if (rec.exportGrants > 0) released[EXPORT_AUTHORIZATION] = (released[EXPORT_AUTHORIZATION] ?? 0) + rec.exportGrants;
  detach(state, rec, acc);
  rec.account = null;
  rec.usage = null;
  rec.staged = null;
  rec.exportGrants = 0;
  return { ok: true, released };
}

/** Checks of {@link removeInstance}: CSSM holds the instance in `accountId`. */
export function removeCheck(state: LedgerState, instanceId: string, accountId: string): Refusal | null {
  if (state.instances.get(instanceId)?.account?.id !== accountId) {
    return refusal('notRegistered', 'SL-8', `CSSM holds no product instance ${instanceId} in ${accountId}`);
  }
  return null;
}

/** SL-8: "Remove registered product instance": CSSM releases what it held for the instance in `accountId`. */
export function removeInstance(state: LedgerState, instanceId: string, accountId: string): Result<{ released: Record<string, number> }> {
  const refused = removeCheck(state, instanceId, accountId);
  if (refused) return refused;
  const r = deregister(state, instanceId);
  if (r.ok) (state.instances.get(instanceId) as InstanceRecord).removedFrom = accountId;
  return r;
}

/** Whether CSSM holds the instance in `accountId` (SL-8). */
export function holdsInstance(state: LedgerState, accountId: string, instanceId: string): boolean {
  return state.instances.get(instanceId)?.account?.id === accountId;
}

/** Checks of {@link move}: the target is a VA; not reserved; registered; a kept export grant finds a free licence there (EX-1). */
export function moveCheck(state: LedgerState, instanceId: string, accountId: string, keepExport = false): Refusal | null {
  const to = virtualAccount(state, accountId, 'SL-9');
  if (isRefusal(to)) return to;
  const rec = state.instances.get(instanceId);
  if (rec?.reservation != null) return refusal('reserved', 'SLR-1', `${instanceId} is in Specific License Reservation`);
  if (rec === undefined || rec.account === null) return refusal('notRegistered', 'SL-9', `${instanceId} is not registered; register it`);
  const free = at(allocationOf(state, to).available, state.types.index(EXPORT_AUTHORIZATION));
  if (keepExport && rec.account !== to && rec.exportGrants > free) {
    return refusal('noExportAuthorization', 'EX-1', `${accountId} has no free export authorization for the grant ${instanceId} keeps`);
  }
  return null;
}

/**
 * SL-9: reregistration with another VA's token moves the instance's report there; its
 * export grants go back to the old VA (EX-1's default: the instance's export state
 * starts again in the new VA), or move with it (`keepExport`, EX-1's `moved`). Checks,
 * in order: the target is a VA; the instance is not reserved; it is registered; a grant
 * kept finds a free export authorization in the new VA. Moving to its own VA is a no-op.
 */
export function move(state: LedgerState, instanceId: string, accountId: string, keepExport = false): Result<{ changed: boolean }> {
  const refused = moveCheck(state, instanceId, accountId, keepExport);
  if (refused) return refused;
  const to = accountOf(state, accountId);
  const rec = state.instances.get(instanceId) as InstanceRecord;
  const from = rec.account as AccountState;
  if (from === to) return { ok: true, changed: false };
  detach(state, rec, from);
  if (!keepExport) rec.exportGrants = 0;
  attach(state, rec, to);
  return { ok: true, changed: true };
}
