import { type DeviceUnitOptions, deviceUnitOptions, secondaryRefusal, unitsOfDevice } from './deviceUnits.ts';
import type { DeviceUnitTable } from './deviceUnitTable.ts';
import { type Result, refusal } from './result.ts';

interface Device {
  type: string;
  /** Units it costs on its own (DLU-1, DLU-3). */
  units: number;
  softphone: boolean;
  primary: string | null;
  secondaries: string[];
}

/** An {@link AdjunctRegistry}'s devices and units at one moment. */
export interface AdjunctSnapshot {
  units: number;
  devices: ReadonlyArray<readonly [string, Device]>;
}

/**
 * One cluster's devices with adjunct licensing (DLU-4): up to `maxAdjunctSecondaries`
 * softphones per primary phone at 1 unit each. Every refusal names the restriction.
 */
export class AdjunctRegistry {
  readonly #table: DeviceUnitTable;
  readonly #softphoneUnits: number;
  readonly #maxSecondaries: number;
  readonly #version: number;
  readonly #options: Required<DeviceUnitOptions>;
  readonly #devices = new Map<string, Device>();
  #units = 0;

  constructor(options: DeviceUnitOptions = {}) {
    const o = deviceUnitOptions(options);
    this.#table = o.table;
    this.#softphoneUnits = o.softphoneUnits;
    this.#maxSecondaries = o.maxAdjunctSecondaries;
    this.#version = o.cucmVersion;
    this.#options = o;
  }

  /** Units the cluster's devices consume now. */
  units(): number {
    return this.#units;
  }

  /** Units one device consumes now: 1 as a secondary, its table units otherwise. */
  unitsOf(id: string): number | undefined {
    const d = this.#devices.get(id);
    if (d === undefined) return undefined;
    return d.primary === null ? d.units : 1;
  }

  /** Secondaries of a primary. */
  secondariesOf(id: string): readonly string[] {
    return this.#devices.get(id)?.secondaries ?? [];
  }

  /** Adds a stand-alone device (DLU-1, DLU-3). */
  addDevice(id: string, type: string): Result<{ units: number }> {
    if (this.#devices.has(id)) return refusal('duplicateDevice', 'DLU-1', `device ${id} already exists`);
    const units = unitsOfDevice(type, this.#table, this.#softphoneUnits);
    if (units === undefined) return refusal('unknownDeviceType', 'DLU-1', `device type ${type} is not in the device unit table`);
    this.#devices.set(id, { type, units, softphone: this.#table[type]?.softphone === true, primary: null, secondaries: [] });
    this.#units += units;
    return { ok: true, units: this.#units };
  }

  /**
   * Makes `secondaryId` an adjunct of `primaryId`. Checks, in order: both exist;
   * CUCM ≥ 6.0; the secondary is IP/Personal/Mobile Communicator; the primary is a
   * stand-alone phone and the secondary stand-alone too; the primary consumes at
   * least as much as the secondary would alone; the primary has a free secondary slot.
   */
  associate(secondaryId: string, primaryId: string): Result<{ units: number }> {
    const secondary = this.#devices.get(secondaryId);
    const primary = this.#devices.get(primaryId);
    if (secondary === undefined || primary === undefined) {
      return refusal('unknownDevice', 'DLU-4', `device ${secondary === undefined ? secondaryId : primaryId} does not exist`);
    }
    const refused = secondaryRefusal(secondary.type, this.#version, this.#options);
    if (refused) return refused;
    if (primary.softphone || primary.primary !== null || secondary.primary !== null || secondary.secondaries.length > 0) {
      return refusal('notPrimary', 'DLU-4', `${primaryId} must be a stand-alone phone and ${secondaryId} a stand-alone softphone`);
    }
    if (primary.units < secondary.units) {
      return refusal(
        'primaryNotLargest',
        'DLU-4',
        `the primary must consume the most units: ${primaryId} costs ${primary.units}, ${secondaryId} ${secondary.units}`,
      );
    }
    if (primary.secondaries.length >= this.#maxSecondaries) {
      return refusal(
        'tooManySecondaries',
        'DLU-4',
        `${primaryId} already has ${primary.secondaries.length} secondaries (at most ${this.#maxSecondaries})`,
      );
    }
    primary.secondaries.push(secondaryId);
    secondary.primary = primaryId;
    this.#units += 1 - secondary.units;
    return { ok: true, units: this.#units };
  }

  /** Makes a secondary stand-alone again: it costs its table units. */
  dissociate(secondaryId: string): Result<{ units: number }> {
    const secondary = this.#devices.get(secondaryId);
    if (secondary === undefined) return refusal('unknownDevice', 'DLU-4', `device ${secondaryId} does not exist`);
    if (secondary.primary === null) return refusal('notPrimary', 'DLU-4', `${secondaryId} is not a secondary`);
    const primary = this.#devices.get(secondary.primary);
    if (primary !== undefined) primary.secondaries = primary.secondaries.filter((id) => id !== secondaryId);
    secondary.primary = null;
    this.#units += secondary.units - 1;
    return { ok: true, units: this.#units };
  }

  /** The devices of a type, in the order they were added. */
  devicesOf(type: string): string[] {
    return [...this.#devices].filter(([, d]) => d.type === type).map(([id]) => id);
  }

  /** The registry as it is now, for {@link restore} (an undone change). */
  snapshot(): AdjunctSnapshot {
    return { units: this.#units, devices: [...this.#devices].map(([id, d]) => [id, { ...d, secondaries: [...d.secondaries] }]) };
  }

  /** Puts the registry back as a {@link snapshot} found it. */
  restore(s: AdjunctSnapshot): void {
    this.#devices.clear();
    for (const [id, d] of s.devices) this.#devices.set(id, { ...d, secondaries: [...d.secondaries] });
    this.#units = s.units;
  }

  /** Deletes a device; a primary with secondaries is refused (DLU-4). */
  removeDevice(id: string): Result<{ units: number }> {
    const d = this.#devices.get(id);
    if (d === undefined) return refusal('unknownDevice', 'DLU-4', `device ${id} does not exist`);
    if (d.secondaries.length > 0) {
      return refusal('primaryHasSecondaries', 'DLU-4', `${id} is the primary of ${d.secondaries.join(', ')}; remove them first`);
    }
    if (d.primary !== null) this.dissociate(id);
    this.#devices.delete(id);
    this.#units -= d.units;
    return { ok: true, units: this.#units };
  }
}
