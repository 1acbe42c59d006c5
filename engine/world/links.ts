import { loadFields, type SavedFields, type Snapshotting, saveFields } from '../../ledger/snapshot.ts';

/** How an instance reaches its licensing back end (SL-10): directly, through an HTTP proxy, or through a satellite. */
export const LINK_PATHS = ['direct', 'proxy', 'satellite'] as const;
export type LinkPath = (typeof LINK_PATHS)[number];

const SATELLITE = LINK_PATHS.indexOf('satellite');

/**
 * Whether each instance can reach CSSM or its satellite: part of the world's state
 * (DOMAIN.md §6), not of any machine. The engine changes it on the timeline's
 * link actions and tells the instance; the router reads it to deliver messages.
 */
export class Links implements Snapshotting<SavedFields> {
  /** 1 while the instance's link is up. */
  readonly up: Uint8Array;
  /** Index into LINK_PATHS. */
  readonly path: Uint8Array;
  /** The satellite (party table index) a satellite path goes through, else -1. */
  readonly satellite: Int32Array;
  /** Per satellite, the instances whose path goes through it. */
  private readonly attached = new Map<number, Set<number>>();

  constructor(size: number) {
    this.up = new Uint8Array(size).fill(1);
    this.path = new Uint8Array(size);
    this.satellite = new Int32Array(size).fill(-1);
  }

  /** Sets an instance's path (and satellite, for a satellite path). */
  route(instance: number, path: LinkPath, satellite: number): void {
    const before = this.satellite[instance] as number;
    if (before >= 0) this.attached.get(before)?.delete(instance);
    this.path[instance] = LINK_PATHS.indexOf(path);
    this.satellite[instance] = path === 'satellite' ? satellite : -1;
    if (path === 'satellite') {
      let set = this.attached.get(satellite);
      if (!set) {
        set = new Set();
        this.attached.set(satellite, set);
      }
      set.add(instance);
    }
  }

  save(): SavedFields {
    return saveFields(this, ['up', 'path', 'satellite', 'attached']);
  }
  load(state: SavedFields): void {
    loadFields(this, state);
  }

  viaSatellite(instance: number): boolean {
    return this.path[instance] === SATELLITE;
  }

  isUp(instance: number): boolean {
    return this.up[instance] === 1;
  }

  /** The instances behind a satellite, in the order they were attached. */
  behind(satellite: number): ReadonlySet<number> {
    return this.attached.get(satellite) ?? EMPTY;
  }
}

const EMPTY: ReadonlySet<number> = new Set();
