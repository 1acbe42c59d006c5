import { type LicenseTerms, type LicensingFacts, PERPETUAL } from '../../machines/env.ts';
import type { SmartLicensingPolicy } from '../../machines/policy.ts';
import { mustOverridePolicy } from '../../machines/policyOverride.ts';
import { createSmartLicensingMachine } from '../../machines/smartLicensing/machine.ts';
import type { SmartLicensingInput } from '../../machines/smartLicensing/types.ts';
import { startActor } from './actorHarness.ts';

/** Back-end facts a test can change as it goes. */
export function mutableFacts() {
  const free = new Map<string, number>();
  const exportLicences = new Set<string>();
  const codes = new Map<string, string>();
  const terms = new Map<string, LicenseTerms>();
  const facts: LicensingFacts & {
    free: typeof free;
    exportLicences: typeof exportLicences;
    codes: typeof codes;
    terms: typeof terms;
  } = {
    free,
    exportLicences,
    codes,
    terms,
    freeSessions: (licenseId) => free.get(licenseId) ?? 0,
    exportAuthorizationAvailable: (accountId) => exportLicences.has(accountId),
    reservationAuthorizationCode: (instanceId) => codes.get(instanceId),
    accountPosition: () => [],
    // CSSM holds every instance (none was removed there).
    holdsInstance: () => true,
    licenseTerms: (licenseId) => terms.get(licenseId) ?? PERPETUAL,
    licenceFileFree: () => 0,
  };
  return facts;
}

/** A Smart Licensing actor on a fake clock, with policy overrides. */
export function smartActor(
  overrides: Partial<SmartLicensingPolicy> = {},
  input: Partial<Omit<SmartLicensingInput, 'policy'>> = {},
  facts: LicensingFacts = mutableFacts(),
) {
  const policy = mustOverridePolicy('smart-licensing', overrides);
  return startActor(createSmartLicensingMachine, { policy, instanceId: 'cucm-1', ...input }, facts);
}

export const REGISTER = { type: 'REGISTER', accountId: 'va-east', exportAllowed: true } as const;
