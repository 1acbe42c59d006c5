import { isWhole, type Refusal, type Result, refusal } from './result.ts';
import { accountOf, type LedgerState, touch } from './state.ts';
import { allocationOf } from './status.ts';
import { at, bump } from './vector.ts';

/** Sessions an instance has claimed and the licence's unclaimed rest. */
export interface ClaimOutcome {
  claimed: number;
  added: number;
  free: number;
}

/** CS-2: sessions or seats of a licence nobody has claimed. */
export function freeSessions(state: LedgerState, licenseId: string): number {
  const acc = state.accounts.get(licenseId);
  if (acc === undefined || acc.kind !== 'sessionLicense') return 0;
  return at(allocationOf(state, acc).available, acc.sessionUnit);
}

/** Sessions an instance has claimed on a licence. */
export function claimedSessions(state: LedgerState, instanceId: string, licenseId: string): number {
  return accountOf(state, licenseId).claims.get(instanceId) ?? 0;
}

/**
 * CS-3: an activation claims `sessions` more for the instance, for good. Checks, in
 * order: the account is a session licence; sessions whole ≥ 1; that many are unclaimed
 * (CS-2 for a first claim, CS-4 for an increase).
 */
export function claim(state: LedgerState, instanceId: string, licenseId: string, sessions: number): Result<ClaimOutcome> {
  const refused = claimCheck(state, instanceId, licenseId, sessions);
  if (refused) return refused;
  const acc = accountOf(state, licenseId);
  const current = acc.claims.get(instanceId) ?? 0;
  const free = freeSessions(state, licenseId);
  acc.claims.set(instanceId, current + sessions);
  bump(acc.demand, acc.sessionUnit, sessions);
  touch(acc);
  return { ok: true, claimed: current + sessions, added: sessions, free: free - sessions };
}

/**
 * CS-4: (re)activation for a total of `sessions`: only the increase over the
 * instance's claim is taken from the free total; asking for the same or fewer takes nothing.
 */
export function activate(state: LedgerState, instanceId: string, licenseId: string, sessions: number): Result<ClaimOutcome> {
  const acc = accountOf(state, licenseId);
  if (acc.kind !== 'sessionLicense') return refusal('wrongAccountKind', 'CS-2', `${licenseId} is not a session licence`);
  if (!isWhole(sessions, 1)) return refusal('badCount', 'CS-2', 'sessions must be a whole number of at least 1');
  const current = acc.claims.get(instanceId) ?? 0;
  if (sessions <= current) {
    return { ok: true, claimed: current, added: 0, free: freeSessions(state, licenseId) };
  }
  return claim(state, instanceId, licenseId, sessions - current);
}

/** CS-3: deactivation; the claim is never returned to the pool. Checks: session licence; the instance has a claim. */
export function deactivate(state: LedgerState, instanceId: string, licenseId: string): Result<{ claimed: number }> {
  const acc = accountOf(state, licenseId);
  if (acc.kind !== 'sessionLicense') return refusal('wrongAccountKind', 'CS-3', `${licenseId} is not a session licence`);
  const current = acc.claims.get(instanceId);
  if (current === undefined) return refusal('notActivated', 'CS-3', `${instanceId} has claimed nothing on ${licenseId}`);
  return { ok: true, claimed: current };
}

/**
 * CS-1: an administrative rehost, confirmed by the old machine: what it claimed moves
 * off it, for the new machine's activation to claim (the total claimed does not grow).
 * Checks: session licence; the instance has a claim.
 */
export function rehost(state: LedgerState, instanceId: string, licenseId: string): Result<{ moved: number }> {
  const refused = rehostCheck(state, instanceId, licenseId);
  if (refused) return refused;
  const acc = accountOf(state, licenseId);
  const moved = acc.claims.get(instanceId) ?? 0;
  acc.claims.delete(instanceId);
  bump(acc.demand, acc.sessionUnit, -moved);
  touch(acc);
  return { ok: true, moved };
}

/** Checks of {@link rehost}. */
export function rehostCheck(state: LedgerState, instanceId: string, licenseId: string): Refusal | null {
  const acc = state.accounts.get(licenseId);
  if (acc === undefined || acc.kind !== 'sessionLicense')
    return refusal('wrongAccountKind', 'CS-1', `${licenseId} is not a session licence`);
  if (!acc.claims.has(instanceId)) return refusal('notActivated', 'CS-1', `${instanceId} has claimed nothing on ${licenseId}`);
  return null;
}

/** Checks of {@link claim}, in its order (an unknown licence is refused, not thrown). */
export function claimCheck(state: LedgerState, instanceId: string, licenseId: string, sessions: number): Refusal | null {
  const acc = state.accounts.get(licenseId);
  if (acc === undefined) return refusal('unknownAccount', 'CS-2', `there is no licence ${JSON.stringify(licenseId)}`);
  if (acc.kind !== 'sessionLicense') return refusal('wrongAccountKind', 'CS-2', `${licenseId} is not a session licence`);
  if (!isWhole(sessions, 1)) return refusal('badCount', 'CS-2', 'sessions must be a whole number of at least 1');
  const free = freeSessions(state, licenseId);
  if (free < sessions) {
    const current = acc.claims.get(instanceId) ?? 0;
    return refusal('insufficient', current === 0 ? 'CS-2' : 'CS-4', `${sessions} sessions asked, ${free} unclaimed on ${licenseId}`);
  }
  return null;
}
