import type { AdjunctRegistry, AdjunctSnapshot } from '../../ledger/adjunct.ts';
import { CAPABILITIES, GROUP_SOFTPHONE } from '../../ledger/deviceUnitTable.ts';
import type { Ledger } from '../../ledger/ledger.ts';
import type { Counts } from '../../ledger/licenceTypes.ts';
import { DLU } from '../../ledger/licenceTypes.ts';
import type { Refusal, Result } from '../../ledger/result.ts';
import { loadFields, type SavedFields, saveFields } from '../../ledger/snapshot.ts';
import type { NodeLockedGroup } from '../scenario.ts';
import type { GroupDraw } from './draw.ts';
import { type Population, scaled, TOO_MANY, tooMany } from './populations.ts';

const SOFTPHONE = GROUP_SOFTPHONE;

/** A change an administrator makes to one cluster's configured devices (DLU-1, DLU-4). */
export type DeviceChange =
  | { kind: 'add'; device: string; type: string }
  | { kind: 'attach'; secondary: string; primary: string }
  | { kind: 'detach'; secondary: string }
  | { kind: 'delete'; device: string };

/**
 * DLU-1..DLU-4 device by device (a group's `deviceModel: individual`): each
 * cluster's phones and softphones are named devices in an adjunct registry, so a
 * secondary is attached to one primary and every DLU-4 restriction is checked
 * where the administrator configures it. Devices are named `<type>#<n>`
 * (`7970#1`, `IP-Communicator#3`); a cluster's drawn softphones start as
 * secondaries of its phones where DLU-4 allows (largest phone first, up to
 * `maxAdjunctSecondaries` each), stand-alone otherwise, and so do softphones
 * added later. Growth by a share scales each device type and the users'
 * capabilities; devices change by name, or by type with `grow`/`remove` (the
 * newest first; a primary that has secondaries stays).
 */
export class DevicePopulation implements Population {
  private readonly registries: AdjunctRegistry[] = [];
  private readonly capabilities: Int32Array;
  private readonly previous: Array<{ registry: AdjunctSnapshot; cup: number; cupc: number } | null>;

  /** The devices of every instance (their registries' own snapshots), capabilities and undo records. */
  save(): SavedFields {
    return { ...saveFields(this, ['capabilities', 'previous']), registries: this.registries.map((r) => r.snapshot()) };
  }
  load(state: SavedFields): void {
    const { registries, ...fields } = state as SavedFields & { registries: AdjunctSnapshot[] };
    loadFields(this, fields);
    registries.forEach((r, i) => {
      this.registries[i]?.restore(r);
    });
  }

  constructor(
    private readonly group: NodeLockedGroup,
    draw: GroupDraw,
    private readonly ledger: Ledger,
  ) {
    this.capabilities = new Int32Array(group.count * 2);
    this.previous = new Array(group.count).fill(null);
    for (let i = 0; i < group.count; i++) {
      const registry = ledger.adjunctRegistry(group.cucmVersion);
      for (const [type, range] of Object.entries(group.phones)) {
        const n = draw.range(range);
        this.addDevices(registry, type, n);
      }
      this.capabilities[2 * i] = draw.range(group.capabilities.CUP ?? 0);
      this.capabilities[2 * i + 1] = draw.range(group.capabilities.CUPC ?? 0);
      this.addDevices(registry, SOFTPHONE, draw.range(group.softphones));
      this.registries.push(registry);
    }
  }

  /** Adds `count` devices of a type under the next free names; a softphone becomes a secondary where DLU-4 allows. */
  private addDevices(registry: AdjunctRegistry, type: string, count: number): void {
    const taken = new Set(registry.devicesOf(type));
    const primaries = type === SOFTPHONE ? this.primariesBySize(registry) : [];
    for (let k = 1, added = 0; added < count; k++) {
      const id = `${type}#${k}`;
      if (taken.has(id)) continue;
      const r = registry.addDevice(id, type);
      if (!r.ok) throw new Error(`${this.group.name}: ${r.reason}`);
      for (const primary of primaries) if (registry.associate(id, primary).ok) break;
      added++;
    }
  }

  /** Removes up to `count` devices of a type, the newest first; a primary that has secondaries stays. */
  private removeDevices(registry: AdjunctRegistry, type: string, count: number): boolean {
    let removed = 0;
    for (const id of registry.devicesOf(type).reverse()) {
      if (removed === count) break;
      if (registry.removeDevice(id).ok) removed++;
    }
    return removed > 0;
  }

  /** Phones that may take secondaries, the largest first (DLU-4: the primary consumes the most). */
  private primariesBySize(registry: AdjunctRegistry): string[] {
    const table = this.ledger.policy.deviceUnits;
    return Object.keys(this.group.phones)
      .filter((type) => table[type]?.softphone !== true)
      .sort((a, b) => (table[b]?.units ?? 0) - (table[a]?.units ?? 0) || a.localeCompare(b))
      .flatMap((type) => registry.devicesOf(type));
  }

  usage(i: number): Counts {
    // DLU-2: the capabilities priced by the ledger's calculator, as for a group counted in aggregate.
    const priced = this.ledger.deviceUnits({
      capabilities: { CUP: this.capabilities[2 * i] as number, CUPC: this.capabilities[2 * i + 1] as number },
    });
    if (!priced.ok) throw new Error(`${this.group.name}: ${priced.reason}`);
    return { [DLU]: (this.registries[i] as AdjunctRegistry).units() + priced.capabilities };
  }

  scale(i: number, factor: number, u: number): boolean | Refusal {
    const registry = this.registries[i] as AdjunctRegistry;
    const counts = [...this.deviceTypes().map((type) => registry.devicesOf(type).length), ...this.capabilityCounts(i)];
    if (counts.some((n) => tooMany(scaled(n, factor, u)))) return TOO_MANY;
    this.remember(i);
    let changed = false;
    for (const type of this.deviceTypes()) {
      const n = registry.devicesOf(type).length;
      const d = scaled(n, factor, u) - n;
      if (d > 0) this.addDevices(registry, type, d);
      changed = (d < 0 ? this.removeDevices(registry, type, -d) : d > 0) || changed;
    }
    for (const k of [2 * i, 2 * i + 1]) {
      const before = this.capabilities[k] as number;
      const after = scaled(before, factor, u);
      this.capabilities[k] = after;
      changed ||= after !== before;
    }
    return changed;
  }

  add(i: number, users: number, devices: Readonly<Record<string, number>>): boolean | Refusal {
    const registry = this.registries[i] as AdjunctRegistry;
    const [cup = 0, cupc = 0] = this.capabilityCounts(i);
    const after = Object.entries(devices).map(([given, count]) => {
      const capability = (CAPABILITIES as readonly string[]).indexOf(given);
      const before = capability >= 0 ? [cup, cupc][capability] : registry.devicesOf(given === 'softphone' ? SOFTPHONE : given).length;
      return (before ?? 0) + count;
    });
    if ([...after, cup + (devices.CUP ?? 0) + users].some(tooMany)) return TOO_MANY;
    this.remember(i);
    let changed = false;
    for (const [given, count] of Object.entries(devices)) {
      const capability = (CAPABILITIES as readonly string[]).indexOf(given);
      if (capability >= 0) {
        const k = 2 * i + capability;
        const after = Math.max(0, (this.capabilities[k] as number) + count);
        changed = after !== this.capabilities[k] || changed;
        this.capabilities[k] = after;
        continue;
      }
      const type = given === 'softphone' ? SOFTPHONE : given;
      if (count > 0) this.addDevices(registry, type, count);
      changed = (count < 0 ? this.removeDevices(registry, type, -count) : count > 0) || changed;
    }
    if (users) {
      this.capabilities[2 * i] = Math.max(0, (this.capabilities[2 * i] as number) + users);
      changed = true;
    }
    return changed;
  }

  /** The device types a cluster of the group counts: its phones' and the softphone. */
  private deviceTypes(): string[] {
    return [...Object.keys(this.group.phones), SOFTPHONE];
  }

  /** The instance's users with each Presence capability: CUP, CUPC. */
  private capabilityCounts(i: number): [number, number] {
    return [this.capabilities[2 * i] as number, this.capabilities[2 * i + 1] as number];
  }

  /** DLU-1, DLU-4: applies an administrator's change, or the refusal that names the restriction it breaks. */
  configure(i: number, change: DeviceChange): Result {
    this.remember(i);
    const registry = this.registries[i] as AdjunctRegistry;
    switch (change.kind) {
      case 'add':
        return registry.addDevice(change.device, change.type);
      case 'attach':
        return registry.associate(change.secondary, change.primary);
      case 'detach':
        return registry.dissociate(change.secondary);
      case 'delete':
        return registry.removeDevice(change.device);
    }
  }

  undo(i: number): void {
    const p = this.previous[i];
    if (!p) return;
    (this.registries[i] as AdjunctRegistry).restore(p.registry);
    this.capabilities[2 * i] = p.cup;
    this.capabilities[2 * i + 1] = p.cupc;
  }

  private remember(i: number): void {
    this.previous[i] = {
      registry: (this.registries[i] as AdjunctRegistry).snapshot(),
      cup: this.capabilities[2 * i] as number,
      cupc: this.capabilities[2 * i + 1] as number,
    };
  }
}
