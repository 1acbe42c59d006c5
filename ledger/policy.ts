import type { OverdraftRegime } from '../machines/overdraft.ts';
import { nodeLockedDefaults, smartLicensingDefaults } from '../machines/policy.ts';
import { type Capability, DEFAULT_DEVICE_UNITS, type DeviceUnitTable } from './deviceUnitTable.ts';
import { DEFAULT_TIER_TABLE, type TierTable } from './tierTable.ts';

/** The ledger's policy: how the back end counts. Every field defaults to DOMAIN.md's value. */
export interface LedgerPolicy {
  /** NL-7, §4: treatment of check-outs beyond the purchase (default: allowed and recorded). */
  overdraft: OverdraftRegime;
  /** SL-11: CSSM substitutes a higher tier for an exhausted one. */
  tierBorrowing: boolean;
  /** DLU-3: units of a softphone registered as a CUCM device. */
  softphoneUnits: number;
  /** DLU-4: secondaries per primary phone. */
  maxAdjunctSecondaries: number;
  /** DLU-4: the CUCM release adjunct licensing starts with. */
  adjunctMinimumCucmVersion: number;
  /** DLU-4: the device types that may be adjunct secondaries. */
  adjunctSecondaryTypes: readonly string[];
  /** DLU-2: units per Presence capability. */
  capabilityUnits: Readonly<Record<Capability, number>>;
  /** DLU-1: units per device type. */
  deviceUnits: DeviceUnitTable;
  /** SL-16: which tier a user or device needs. */
  tierTable: TierTable;
}

/** A partial ledger policy: any field may be left out; table entries merge over the default tables entry by entry. */
export type LedgerPolicyOverride = Partial<Omit<LedgerPolicy, 'tierTable'>> & { tierTable?: Partial<TierTable> };

/** The documented defaults. */
export const ledgerDefaults: LedgerPolicy = {
  overdraft: nodeLockedDefaults.overdraft,
  tierBorrowing: smartLicensingDefaults.tierBorrowing,
  softphoneUnits: nodeLockedDefaults.softphoneUnits,
  maxAdjunctSecondaries: nodeLockedDefaults.maxAdjunctSecondaries,
  adjunctMinimumCucmVersion: nodeLockedDefaults.adjunctMinimumCucmVersion,
  adjunctSecondaryTypes: nodeLockedDefaults.adjunctSecondaryTypes,
  capabilityUnits: nodeLockedDefaults.capabilityUnits,
  deviceUnits: DEFAULT_DEVICE_UNITS,
  tierTable: DEFAULT_TIER_TABLE,
};

/** The defaults with an override applied; table entries merge over the default tables. */
export function ledgerPolicy(override: LedgerPolicyOverride = {}): LedgerPolicy {
  return {
    overdraft: override.overdraft ?? ledgerDefaults.overdraft,
    tierBorrowing: override.tierBorrowing ?? ledgerDefaults.tierBorrowing,
    softphoneUnits: override.softphoneUnits ?? ledgerDefaults.softphoneUnits,
    maxAdjunctSecondaries: override.maxAdjunctSecondaries ?? ledgerDefaults.maxAdjunctSecondaries,
    adjunctMinimumCucmVersion: override.adjunctMinimumCucmVersion ?? ledgerDefaults.adjunctMinimumCucmVersion,
    adjunctSecondaryTypes: override.adjunctSecondaryTypes ?? ledgerDefaults.adjunctSecondaryTypes,
    capabilityUnits: override.capabilityUnits ?? ledgerDefaults.capabilityUnits,
    deviceUnits: { ...ledgerDefaults.deviceUnits, ...override.deviceUnits },
    tierTable: {
      ...ledgerDefaults.tierTable,
      ...override.tierTable,
      devices: { ...ledgerDefaults.tierTable.devices, ...override.tierTable?.devices },
      features: { ...ledgerDefaults.tierTable.features, ...override.tierTable?.features },
    },
  };
}
