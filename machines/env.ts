import type { Tick } from './time.ts';

/**
 * Facts a machine's guards may read from the licensing back end (CSSM, the licence
 * manager, the licence server). Read-only: every change the back end must make is
 * emitted by the machine as an `effect` event and applied by whoever drives it.
 */
export interface LicensingFacts {
  /** Sessions or seats still unclaimed on a licence (CS-2, CS-4). */
  freeSessions(licenseId: string): number;
  /** Whether a virtual account holds an unused export authorization licence (EX-1). */
  exportAuthorizationAvailable(accountId: string): boolean;
  /** The SLR authorization code CSSM last generated for an instance, if any (SLR-3, SLR-5). */
  reservationAuthorizationCode(instanceId: string): string | undefined;
}

/** What a machine needs from the world: a virtual clock and back-end facts. */
export interface MachineEnv {
  now(): Tick;
  facts: LicensingFacts;
}

/** Facts for a back end that has nothing: no free sessions, no export licences. */
export const NO_FACTS: LicensingFacts = {
  freeSessions: () => 0,
  exportAuthorizationAvailable: () => false,
  reservationAuthorizationCode: () => undefined,
};
