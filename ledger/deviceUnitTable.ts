/**
 * What one device type costs in device licence units (DLU-1). `softphone` marks the
 * clients that, registered as a CUCM device, cost the policy's `softphoneUnits`
 * (DLU-3) and may be adjunct secondaries from CUCM 6.0 (DLU-4).
 */
export interface DeviceUnitEntry {
  units: number;
  softphone?: boolean;
  /** Where the figure comes from: the seed document, a Cisco support-forum DLU list, or an assumption. */
  source: 'seed' | 'forum' | 'assumed';
}

/** Device type → units. Data: a scenario overrides or extends it through the ledger policy. */
export type DeviceUnitTable = Readonly<Record<string, DeviceUnitEntry>>;

/**
 * The default table. 7920 = 4 and 7970 = 5 are the seed's (DLU-1); the 79xx figures
 * come from the DLU breakdown Cisco posted on its support forums for CallManager 5.x/6.x;
 * the rest are plausible assumptions a designer should check against the License Unit Calculator.
 */
export const DEFAULT_DEVICE_UNITS: DeviceUnitTable = {
  '7902': { units: 1, source: 'forum' },
  '7905': { units: 2, source: 'forum' },
  '7906': { units: 3, source: 'assumed' },
  '7911': { units: 3, source: 'forum' },
  '7912': { units: 3, source: 'forum' },
  '7920': { units: 4, source: 'seed' },
  '7921': { units: 4, source: 'assumed' },
  '7936': { units: 3, source: 'forum' },
  '7940': { units: 4, source: 'forum' },
  '7941': { units: 4, source: 'forum' },
  '7960': { units: 4, source: 'forum' },
  '7961': { units: 4, source: 'forum' },
  '7970': { units: 5, source: 'seed' },
  '7971': { units: 5, source: 'assumed' },
  '7985': { units: 5, source: 'assumed' },
  'ATA-186': { units: 1, source: 'assumed' },
  'ATA-188': { units: 1, source: 'assumed' },
  'analog-port': { units: 1, source: 'assumed' },
  'third-party-sip-basic': { units: 3, source: 'assumed' },
  'third-party-sip-advanced': { units: 6, source: 'assumed' },
  // DLU-3 / DLU-4: the three clients the Presence guide allows as adjunct secondaries.
  'IP-Communicator': { units: 3, softphone: true, source: 'seed' },
  'Personal-Communicator': { units: 3, softphone: true, source: 'seed' },
  'Mobile-Communicator': { units: 3, softphone: true, source: 'seed' },
};

/** The device type a node-locked group's softphones are (DLU-3, DLU-4): its `softphones` count. */
export const GROUP_SOFTPHONE = 'IP-Communicator';

/** The user capabilities of Unified Presence (DLU-2); their units are the node-locked policy's `capabilityUnits`. */
export const CAPABILITIES = ['CUP', 'CUPC'] as const;

/** A user capability of Unified Presence (DLU-2). */
export type Capability = (typeof CAPABILITIES)[number];
