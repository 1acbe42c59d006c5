import type { ModelName, PolicyByModel } from './policyOverride.ts';

/** A named starting point for a model's policy: overrides of the documented defaults. */
export interface PolicyPreset<M extends ModelName> {
  description: string;
  overrides: Partial<PolicyByModel[M]>;
}

/** Presets per model; the first of each is the documented default. */
export const PRESETS: { [M in ModelName]: Record<string, PolicyPreset<M>> } = {
  'smart-licensing': {
    'cucm-14': { description: 'CUCM 12.5/14 as documented: 90-day overage periods (SL-12, SL-13)', overrides: {} },
    'cucm-12': {
      description: 'older releases: 60-day overage period (SL-12)',
      overrides: { overageDays: 60, authorizationExpiredOverageDays: 60 },
    },
    'strict-enforcement': {
      description: 'no overage after authorization expiry, registration expiry straight to enforcement (SL-13, SL-14)',
      overrides: { authorizationExpiredOverage: false, registrationExpiredFallback: 'enforcement' },
    },
    'no-borrowing': { description: 'CSSM substitutes no higher tier (SL-11 switched off)', overrides: { tierBorrowing: false } },
  },
  'node-locked': {
    'cup-7': { description: 'Cisco Unified Presence 7.x as documented (NL-1..NL-6), overdraft allowed and recorded', overrides: {} },
    'cucm-5-strict': {
      description:
        'CallManager 5.x: the licence manager refuses check-outs beyond the purchase, an allowance of 0 (NL-7); ' +
        "a new first node needs a new licence file at once, no grace (NL-13); a fresh install has no evaluation (NL-1 is CUP's)",
      overrides: { overdraft: { mode: 'none' }, rehostGraceDays: 0, freshInstall: 'unlicensed' },
    },
    'flexnet-overdraft-10': {
      description: 'a FlexNet-style OVERDRAFT of 10 units (§4)',
      overrides: { overdraft: { mode: 'count', units: 10 } },
    },
    'keygen-125': {
      description: 'Keygen-style overage up to 1.25× the purchase (§4)',
      overrides: { overdraft: { mode: 'multiple', factor: 1.25 } },
    },
  },
  'session-claim': {
    'call-services-3.6': { description: 'Unified Call Services / Studio as documented (CS-1..CS-6)', overrides: {} },
  },
};

/** The preset names of a model, the documented default first. */
export function presetNames(model: ModelName): [string, ...string[]] {
  return Object.keys(PRESETS[model]) as [string, ...string[]];
}
