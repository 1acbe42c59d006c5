import { type LicenseTerms, PERPETUAL } from '../machines/env.ts';
import type { Tick } from '../machines/time.ts';
import { type Refusal, type Result, refusal } from './result.ts';
import type { AccountState, LedgerState } from './state.ts';

/** CS-7: a session licence's latest terms (a licence that never expires for anything else or unknown). */
export function licenseTerms(state: LedgerState, licenseId: string): LicenseTerms {
  const acc = state.accounts.get(licenseId);
  if (acc === undefined || acc.kind !== 'sessionLicense') return PERPETUAL;
  return { expiresAt: acc.expiresAt, features: acc.features };
}

function sessionLicense(state: LedgerState, licenseId: string): AccountState | Refusal {
  const acc = state.accounts.get(licenseId);
  if (acc === undefined) return refusal('unknownAccount', 'CS-7', `there is no licence ${JSON.stringify(licenseId)}`);
  if (acc.kind !== 'sessionLicense') return refusal('wrongAccountKind', 'CS-7', `${licenseId} is not a session licence`);
  return acc;
}

const isRefusal = (x: AccountState | Refusal): x is Refusal => 'ok' in x;

/**
 * CS-7: the account representative extends a licence to `until`. Installations see it
 * only when they next reactivate. Checks, in order: a session licence; `until` later
 * than its current expiry (a licence that never expires cannot be extended) and than `now`.
 */
export function extendLicense(state: LedgerState, licenseId: string, until: Tick, now: Tick = state.now): Result<{ expiresAt: Tick }> {
  const acc = sessionLicense(state, licenseId);
  if (isRefusal(acc)) return acc;
  if (acc.expiresAt === null) return refusal('badTerm', 'CS-7', `${licenseId} never expires`);
  if (until <= acc.expiresAt) return refusal('badTerm', 'CS-7', 'an extension must move the expiry later');
  if (until <= now) return refusal('badTerm', 'CS-7', 'an extension must end after today');
  acc.expiresAt = until;
  return { ok: true, expiresAt: until };
}

/** CS-7: the account representative adds a feature to a licence. Checks: a session licence; the feature is new. */
export function addFeature(state: LedgerState, licenseId: string, feature: string): Result {
  const acc = sessionLicense(state, licenseId);
  if (isRefusal(acc)) return acc;
  if (acc.features.includes(feature)) return refusal('duplicateFeature', 'CS-7', `${licenseId} already licenses ${feature}`);
  acc.features = [...acc.features, feature];
  return { ok: true };
}
