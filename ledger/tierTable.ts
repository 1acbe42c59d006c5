import type { Tier } from './licenceTypes.ts';

/** The SL-16 mapping as data: device and feature tiers, and the tiers the device count demands. */
export interface TierTable {
  /** Device type → the tier it needs alone (unowned, or its owner's only device); `null`: needs none. */
  devices: Readonly<Record<string, Tier | null>>;
  /** Licensed user feature → the tier it needs (Mobility → Basic). */
  features: Readonly<Record<string, Tier>>;
  /** Tier a user with exactly two devices needs. */
  twoDevices: Tier;
  /** Tier a user with three or more devices needs. */
  manyDevices: Tier;
  /** Devices the `manyDevices` licence covers; each further one needs a licence of its own. */
  manyDevicesLimit: number;
}

const ENHANCED_DEVICES = [
  '3911',
  '3951',
  '6941',
  '6945',
  '6961',
  '7821',
  '7841',
  '7861',
  '7940',
  '7941',
  '7942',
  '7945',
  '7960',
  '7961',
  '7962',
  '7965',
  '7970',
  '7975',
  '8811',
  '8841',
  '8845',
  '8851',
  '8861',
  '8865',
  '8945',
  '8961',
  '9951',
  '9971',
  'E20',
  'EX60',
  'EX90',
  'DX80',
  'Jabber',
  'IP-Communicator',
  'third-party-sip',
] as const;

/**
 * The CUCM 12.5 feature guide's examples (6901 → Essential, 6921 → Basic, EX60 → Enhanced,
 * MGCP FXS ports → none) and the UCL device classes Cisco lists for the other types.
 */
export const DEFAULT_TIER_TABLE: TierTable = {
  devices: {
    analog: 'UCL-Essential',
    'ATA-186': 'UCL-Essential',
    'ATA-187': 'UCL-Essential',
    'ATA-190': 'UCL-Essential',
    '3905': 'UCL-Essential',
    '6901': 'UCL-Essential',
    '6911': 'UCL-Basic',
    '6921': 'UCL-Basic',
    '7811': 'UCL-Basic',
    ...Object.fromEntries(ENHANCED_DEVICES.map((t) => [t, 'UCL-Enhanced' as const])),
    // SL-16: MGCP FXS ports are not analog phones and need no licence.
    'MGCP-FXS': null,
  },
  features: { mobility: 'UCL-Basic' },
  twoDevices: 'UCL-EnhancedPlus',
  manyDevices: 'CUWL',
  manyDevicesLimit: 10,
};
