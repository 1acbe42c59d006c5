import type { AdjunctRegistry, AdjunctSnapshot } from '../../ledger/adjunct.ts';
import type { Ledger } from '../../ledger/ledger.ts';
import type { Counts } from '../../ledger/licenceTypes.ts';
import { DLU } from '../../ledger/licenceTypes.ts';
import type { Result } from '../../ledger/result.ts';
import type { NodeLockedGroup } from '../scenario.ts';
import type { GroupDraw } from './draw.ts';
import { type Population, scaled } from './populations.ts';

/** The device type a node-locked group's softphones are (DLU-3, DLU-4). */
export const SOFTPHONE = 'IP-Communicator';

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
 * `maxAdjunctSecondaries` each), stand-alone otherwise. Growth by a share
 * scales the users' capabilities; devices change by name, or by type with
 * `grow`/`remove` (stand-alone devices, the newest removed first).
 */
export class DevicePopulation implements Population {
  private readonly registries: AdjunctRegistry[] = [];
  private readonly capabilities: Int32Array;
  private readonly previous: Array<{ registry: AdjunctSnapshot; cup: number; cupc: number } | null>;

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
        for (let k = 1; k <= n; k++) must(registry.addDevice(`${type}#${k}`, type), group.name);
      }
      this.capabilities[2 * i] = draw.range(group.capabilities.CUP ?? 0);
      this.capabilities[2 * i + 1] = draw.range(group.capabilities.CUPC ?? 0);
      const softphones = draw.range(group.softphones);
      const primaries = this.primariesBySize(registry);
      for (let k = 1; k <= softphones; k++) {
        const id = `${SOFTPHONE}#${k}`;
        must(registry.addDevice(id, SOFTPHONE), group.name);
        for (const primary of primaries) if (registry.associate(id, primary).ok) break;
      }
      this.registries.push(registry);
    }
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
    const units = this.ledger.policy.capabilityUnits;
    const capabilities = (this.capabilities[2 * i] as number) * units.CUP + (this.capabilities[2 * i + 1] as number) * units.CUPC;
    return { [DLU]: (this.registries[i] as AdjunctRegistry).units() + capabilities };
  }

  /** Units of one configured device now (1 as a secondary), or undefined. */
  unitsOf(i: number, device: string): number | undefined {
    return (this.registries[i] as AdjunctRegistry).unitsOf(device);
  }

  scale(i: number, factor: number, u: number): boolean {
    this.remember(i);
    let changed = false;
    for (const k of [2 * i, 2 * i + 1]) {
      const before = this.capabilities[k] as number;
      const after = scaled(before, factor, u);
      this.capabilities[k] = after;
      changed ||= after !== before;
    }
    return changed;
  }

  add(i: number, users: number, devices: Readonly<Record<string, number>>): boolean {
    this.remember(i);
    const registry = this.registries[i] as AdjunctRegistry;
    let changed = false;
    for (const [given, count] of Object.entries(devices)) {
      const type = given === 'softphone' ? SOFTPHONE : given;
      if (count > 0) {
        const taken = new Set(registry.devicesOf(type));
        for (let k = 1, added = 0; added < count; k++) {
          if (taken.has(`${type}#${k}`)) continue;
          const r = registry.addDevice(`${type}#${k}`, type);
          if (!r.ok) throw new Error(`${this.group.name}: ${r.reason}`);
          added++;
        }
        changed = true;
      } else {
        for (const id of registry.devicesOf(type).reverse().slice(0, -count)) changed = registry.removeDevice(id).ok || changed;
      }
    }
    if (users) {
      this.capabilities[2 * i] = Math.max(0, (this.capabilities[2 * i] as number) + users);
      changed = true;
    }
    return changed;
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

function must(r: Result, group: string): void {
  if (!r.ok) throw new Error(`${group}: ${r.reason}`);
}
