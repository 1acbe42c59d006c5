import type { Counts } from './effects.ts';
import type { Tick } from './time.ts';

/** One licence type of a VA as CSSM compares it (SL-7, SL-11): after tier borrowing, from the usage it was last told. */
export interface TypePosition {
  type: string;
  /** Units the VA owns for its own use (reserved and in-transit units excluded). */
  entitled: number;
  /** Reported consumption of the type not served after borrowing. */
  overdraft: number;
}

/**
 * Facts a machine's guards may read from the licensing back end (CSSM's records,
 * the licence files, the licence server). Read-only: every change the back end must
 * make is emitted by a machine as an `effect` and applied by whoever drives it.
 * Unknown ids answer "nothing" (0, false, undefined, []): a guard must not throw.
 */
export interface LicensingFacts {
  /** Sessions or seats still unclaimed on a licence (CS-2, CS-4). */
  freeSessions(licenseId: string): number;
  /** Whether a virtual account holds an unused export authorization licence (EX-1). */
  exportAuthorizationAvailable(accountId: string): boolean;
  /** The SLR authorization code CSSM last generated for an instance, if any (SLR-3, SLR-5). */
  reservationAuthorizationCode(instanceId: string): string | undefined;
  /** A VA's licence types as CSSM sees them: what it was last told against what it owns (SL-7). */
  accountPosition(accountId: string): readonly TypePosition[];
  /** Whether CSSM holds an instance in a VA (SL-8: until it is removed there). */
  holdsInstance(accountId: string, instanceId: string): boolean;
  /** CS-4, CS-7: a session licence's latest terms, as an activation or reactivation pulls them. */
  licenseTerms(licenseId: string): LicenseTerms;
  /** NL-5, NL-7: units of a type a licence file can still issue within its entitlement (0 when it is overdrawn). */
  licenceFileFree(accountId: string, type: string): number;
}

/** CS-7: when a licence expires (null: never) and which features it licenses. */
export interface LicenseTerms {
  expiresAt: Tick | null;
  features: readonly string[];
}

/** The terms of a licence that never expires and licenses no extra feature. */
export const PERPETUAL: LicenseTerms = Object.freeze({ expiresAt: null, features: Object.freeze([]) });

/**
 * What a machine needs from the world: a virtual clock, back-end facts, and what
 * an instance counts of itself. `usageOf` is the instance's own view of its users,
 * devices and sessions (the engine keeps them compactly on its behalf); `ref` is
 * the handle the instance was started with.
 */
export interface MachineEnv {
  now(): Tick;
  facts: LicensingFacts;
  usageOf(ref: number): Counts;
}

/** Facts for a back end that has nothing: no free sessions, no export licences, no records. */
export const NO_FACTS: LicensingFacts = {
  freeSessions: () => 0,
  exportAuthorizationAvailable: () => false,
  reservationAuthorizationCode: () => undefined,
  accountPosition: () => [],
  holdsInstance: () => false,
  licenseTerms: () => PERPETUAL,
  licenceFileFree: () => 0,
};

/** An instance that uses nothing. */
export const NO_USAGE = (): Counts => ({});
