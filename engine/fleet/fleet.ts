import type { ModelName } from '../../machines/policyOverride.ts';
import { MODELS } from '../../machines/policyOverride.ts';
import type { FleetGroup } from '../scenario.ts';
import { type InstanceIdentity, identityOf, indexWidth, instanceId } from './identity.ts';

/** A fleet group placed in the fleet: its global and per-model index ranges. */
export interface PlacedGroup {
  index: number;
  spec: FleetGroup;
  model: ModelName;
  /** First fleet-wide index. */
  first: number;
  /** First index among the instances of its model. */
  firstLocal: number;
  count: number;
  /**
   * Its place in the whole scenario: its index among the groups and its first fleet-wide index there. The same as
   * `index` and `first` unless this fleet is a partition's (engine/partition/): every draw is made from these, so an
   * instance draws the same users, identity and shares in every partition of a run and in the whole run.
   */
  origin: { index: number; first: number };
}

/** Where a partition's groups sit in the whole scenario (engine/partition/), and the whole fleet's size. */
export interface FleetOrigins {
  groups: ReadonlyArray<{ index: number; first: number }>;
  size: number;
}

/**
 * Where every instance sits: fleet-wide indices in group order, with the
 * index among instances of the same model that the model's driver uses.
 */
export class Fleet {
  readonly groups: PlacedGroup[] = [];
  readonly size: number;
  /** Instances in the whole scenario's fleet (this fleet's, unless it is a partition's). */
  readonly wholeSize: number;
  /** Per model: fleet-wide index of each local index. */
  readonly globals: Record<ModelName, Int32Array>;
  private readonly groupOf: Uint16Array;
  private readonly localOf: Int32Array;
  private readonly identities = new Map<number, InstanceIdentity>();
  private readonly byName = new Map<string, PlacedGroup>();
  private lastId: string | null = null;
  private lastGlobal = -1;

  constructor(
    specs: readonly FleetGroup[],
    private readonly seed: number,
    origins?: FleetOrigins,
  ) {
    const perModel = Object.fromEntries(MODELS.map((m) => [m, 0])) as Record<ModelName, number>;
    let next = 0;
    specs.forEach((spec, index) => {
      const origin = origins?.groups[index] ?? { index, first: next };
      const placed = { index, spec, model: spec.model, first: next, firstLocal: perModel[spec.model], count: spec.count, origin };
      this.groups.push(placed);
      this.byName.set(spec.name, placed);
      next += spec.count;
      perModel[spec.model] += spec.count;
    });
    this.size = next;
    this.wholeSize = origins?.size ?? next;
    this.groupOf = new Uint16Array(next);
    this.localOf = new Int32Array(next);
    this.globals = Object.fromEntries(MODELS.map((m) => [m, new Int32Array(perModel[m])])) as Record<ModelName, Int32Array>;
    for (const g of this.groups) {
      const globals = this.globals[g.model];
      for (let i = 0; i < g.count; i++) {
        this.groupOf[g.first + i] = g.index;
        this.localOf[g.first + i] = g.firstLocal + i;
        globals[g.firstLocal + i] = g.first + i;
      }
    }
  }

  group(global: number): PlacedGroup {
    return this.groups[this.groupOf[global] as number] as PlacedGroup;
  }

  /** The instance's fleet-wide index in the whole scenario (what its draws are made from). */
  origin(global: number): number {
    const g = this.group(global);
    return g.origin.first + (global - g.first);
  }

  /** The instance at a fleet-wide index of the whole scenario, or -1 when it is not in this fleet (a partition's). */
  fromOrigin(origin: number): number {
    let lo = 0;
    let hi = this.groups.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const g = this.groups[mid] as PlacedGroup;
      if (origin < g.origin.first) hi = mid - 1;
      else if (origin >= g.origin.first + g.count) lo = mid + 1;
      else return g.first + (origin - g.origin.first);
    }
    return -1;
  }

  /** The index of the instance's group in `groups`. */
  groupIndex(global: number): number {
    return this.groupOf[global] as number;
  }

  local(global: number): number {
    return this.localOf[global] as number;
  }

  /** The instance's stable id, e.g. `east-clusters-0042`. */
  id(global: number): string {
    const g = this.group(global);
    return instanceId(g.spec.name, global - g.first, g.count);
  }

  /**
   * The instance an id names (the inverse of `id`, read off the id itself), or -1.
   * Asked for every effect an instance is named in, so it builds no string: the
   * digits after the last dash must be exactly as `id` writes them.
   */
  globalOf(id: string): number {
    if (id === this.lastId) return this.lastGlobal;
    const dash = id.lastIndexOf('-');
    const g = dash > 0 ? this.groupNamed(id, dash) : undefined;
    if (!g || id.length - dash - 1 !== indexWidth(g.count)) return -1;
    let i = 0;
    for (let k = dash + 1; k < id.length; k++) {
      const digit = id.charCodeAt(k) - 48;
      if (digit < 0 || digit > 9) return -1;
      i = i * 10 + digit;
    }
    if (i >= g.count) return -1;
    this.lastId = id;
    this.lastGlobal = g.first + i;
    return this.lastGlobal;
  }

  /** The group whose name is `id` up to `dash`: compared in place for a few groups, looked up for many. */
  private groupNamed(id: string, dash: number): PlacedGroup | undefined {
    if (this.groups.length > 8) return this.byName.get(id.slice(0, dash));
    for (const g of this.groups) if (g.spec.name.length === dash && id.startsWith(g.spec.name)) return g;
    return undefined;
  }

  /**
   * Hostname, MAC, UDI, serial and site, drawn on first use (faker seeded by scenario
   * seed and position). `mac`, the instance's current MAC where its model has one,
   * stands in for the drawn one: it changes over a run (NL-6), the rest does not.
   */
  identity(global: number, mac?: string): InstanceIdentity {
    let identity = this.identities.get(global);
    if (!identity) {
      const g = this.group(global);
      identity = identityOf(this.seed, g.origin.index, global - g.first, this.id(global));
      this.identities.set(global, identity);
    }
    return mac === undefined ? identity : { ...identity, mac };
  }
}
