import { type Capability, DEFAULT_DEVICE_UNITS, type DeviceUnitTable } from './deviceUnitTable.ts';
import { ledgerDefaults } from './policy.ts';
import { isWhole, type Result, refusal } from './result.ts';

/** A cluster's devices and users, as the License Unit Calculator sees them. */
export interface DevicePopulation {
  /** Devices registered on their own, by type (DLU-1; softphones cost `softphoneUnits`, DLU-3). */
  devices?: Readonly<Record<string, number>>;
  /** Softphones associated as adjunct secondaries of a primary phone, by type (DLU-4). */
  secondaries?: Readonly<Record<string, number>>;
  /** Users with each Presence capability (DLU-2). */
  capabilities?: Readonly<Partial<Record<Capability, number>>>;
}

/** Table and policy values the calculator uses; defaults are DOMAIN.md's. */
export interface DeviceUnitOptions {
  table?: DeviceUnitTable;
  /** DLU-3: units of a softphone registered as a CUCM device. */
  softphoneUnits?: number;
  /** DLU-4: secondaries per primary. */
  maxAdjunctSecondaries?: number;
  /** CUCM release, e.g. 5.1 or 6.0: adjunct licensing needs `adjunctMinimumCucmVersion` (DLU-4). */
  cucmVersion?: number;
  /** DLU-4: the CUCM release adjunct licensing starts with (6.0). */
  adjunctMinimumCucmVersion?: number;
  /** DLU-4: the device types that may be secondaries. */
  adjunctSecondaryTypes?: readonly string[];
  /** DLU-2: units per capability. */
  capabilityUnits?: Readonly<Record<Capability, number>>;
}

/** Units by origin. */
export interface DeviceUnitBreakdown {
  devices: number;
  secondaries: number;
  capabilities: number;
  total: number;
}

/** The options with DOMAIN.md's defaults filled in (the ledger policy's values). */
export function deviceUnitOptions(options: DeviceUnitOptions = {}): Required<DeviceUnitOptions> {
  const adjunctMinimumCucmVersion = options.adjunctMinimumCucmVersion ?? ledgerDefaults.adjunctMinimumCucmVersion;
  return {
    table: options.table ?? DEFAULT_DEVICE_UNITS,
    softphoneUnits: options.softphoneUnits ?? ledgerDefaults.softphoneUnits,
    maxAdjunctSecondaries: options.maxAdjunctSecondaries ?? ledgerDefaults.maxAdjunctSecondaries,
    // A cluster of unknown release is taken to be of the first release with adjunct licensing.
    cucmVersion: options.cucmVersion ?? adjunctMinimumCucmVersion,
    adjunctMinimumCucmVersion,
    adjunctSecondaryTypes: options.adjunctSecondaryTypes ?? ledgerDefaults.adjunctSecondaryTypes,
    capabilityUnits: options.capabilityUnits ?? ledgerDefaults.capabilityUnits,
  };
}

/** DLU-4: why a softphone of `type` cannot be an adjunct secondary on CUCM `version`, or null when it can. */
export function secondaryRefusal(
  type: string,
  version: number,
  o: Pick<Required<DeviceUnitOptions>, 'softphoneUnits' | 'adjunctMinimumCucmVersion' | 'adjunctSecondaryTypes'>,
): Result<never> | null {
  const { softphoneUnits, adjunctMinimumCucmVersion: minimum, adjunctSecondaryTypes: allowed } = o;
  if (version < minimum) {
    return refusal(
      'adjunctUnsupported',
      'DLU-4',
      `adjunct licensing needs CUCM ${minimum} or later (this is ${version}); ` + `a softphone costs ${softphoneUnits} units (DLU-3)`,
    );
  }
  if (!allowed.includes(type)) {
    return refusal('secondaryNotAllowed', 'DLU-4', `${type} cannot be a secondary; only ${allowed.join(', ') || 'no type'} can`);
  }
  return null;
}

/** Units one stand-alone device of `type` costs, or undefined for a type the table lacks (DLU-1, DLU-3). */
export function unitsOfDevice(
  type: string,
  table: DeviceUnitTable = DEFAULT_DEVICE_UNITS,
  softphoneUnits = ledgerDefaults.softphoneUnits,
): number | undefined {
  const entry = table[type];
  if (entry === undefined) return undefined;
  return entry.softphone === true ? softphoneUnits : entry.units;
}

/**
 * Device licence units a population consumes (DLU-1..DLU-4). Checks, in order:
 * counts are whole numbers; every device type is in the table; secondaries need
 * CUCM 6.0, an allowed type, and at most `maxAdjunctSecondaries` per primary phone.
 */
export function deviceUnits(population: DevicePopulation, options: DeviceUnitOptions = {}): Result<DeviceUnitBreakdown> {
  const o = deviceUnitOptions(options);
  const { table, softphoneUnits, maxAdjunctSecondaries: maxSecondaries, cucmVersion: version } = o;
  const devices = Object.entries(population.devices ?? {});
  const secondaries = Object.entries(population.secondaries ?? {});
  const capabilities = Object.entries(population.capabilities ?? {});
  for (const [type, n] of [...devices, ...secondaries, ...capabilities]) {
    if (n === undefined || !isWhole(n)) return refusal('badCount', 'DLU-1', `count of ${type} must be a whole number of 0 or more`);
  }
  let deviceTotal = 0;
  let primaries = 0;
  for (const [type, n] of devices) {
    const units = unitsOfDevice(type, table, softphoneUnits);
    if (units === undefined) return refusal('unknownDeviceType', 'DLU-1', `device type ${type} is not in the device unit table`);
    deviceTotal += units * n;
    if (table[type]?.softphone !== true) primaries += n;
  }
  let secondaryTotal = 0;
  for (const [type, n] of secondaries) {
    if (n === 0) continue;
    const refused = secondaryRefusal(type, version, o);
    if (refused) return refused;
    secondaryTotal += n;
  }
  if (secondaryTotal > primaries * maxSecondaries) {
    return refusal(
      'tooManySecondaries',
      'DLU-4',
      `${secondaryTotal} secondaries need ${Math.ceil(secondaryTotal / maxSecondaries)} primary phones; there are ${primaries}`,
    );
  }
  let capabilityTotal = 0;
  for (const [name, n] of capabilities) capabilityTotal += (o.capabilityUnits[name as Capability] ?? 1) * (n ?? 0);
  return {
    ok: true,
    devices: deviceTotal,
    secondaries: secondaryTotal,
    capabilities: capabilityTotal,
    total: deviceTotal + secondaryTotal + capabilityTotal,
  };
}
