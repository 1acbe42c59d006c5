import type { FuzzSpace } from './space.ts';

/** How one written timeline entry is changed: moved by whole days, or dropped; `only`: its fraction target narrowed to this instance. */
export interface EntryChange {
  shift: number;
  drop: boolean;
  only?: string;
}

/** An inserted action: which of the space's insertable actions, on which whole day. */
export interface Insertion {
  choice: number;
  day: number;
}

/**
 * One variant of a scenario: a change per written timeline entry (in order), the
 * actions inserted, a value per policy range, per fleet range and per purchase of the
 * space (in order). The original scenario is every shift 0, nothing dropped, nothing
 * inserted and every value the original.
 */
export interface Variant {
  entries: EntryChange[];
  inserts: Insertion[];
  policy: number[];
  /** A value per fleet range of the space (in order): a number, or null for what is written. */
  fleet: Array<number | null>;
  /** A count per purchase of the space that may be smaller (in order). */
  purchases: number[];
}

/**
 * The variant that changes nothing: the scenario as written.
 *
 * @example
 * identity(space); // { entries: [{ shift: 0, drop: false }, …], inserts: [], policy: [90] }
 */
export function identity(space: FuzzSpace): Variant {
  return {
    entries: space.entries.map(() => ({ shift: 0, drop: false })),
    inserts: [],
    policy: space.policy.map((p) => p.original),
    fleet: space.fleet.map((f) => f.original),
    purchases: space.purchases.map((p) => p.original),
  };
}

/** Whether a fleet value of a variant is what the scenario says (null: as written). */
export function fleetUnchanged(f: { original: number | null }, value: number | null | undefined): boolean {
  return value === null || value === undefined || value === f.original;
}

/** How many things a variant changes: shifted or dropped entries, insertions, policy, fleet and purchase values off the original. */
export function changeCount(space: FuzzSpace, v: Variant): number {
  const entries = v.entries.filter((e) => e.drop || e.shift !== 0).length;
  const policy = v.policy.filter((value, i) => value !== space.policy[i]?.original).length;
  const fleet = v.fleet.filter((value, i) => !fleetUnchanged(space.fleet[i] ?? { original: null }, value)).length;
  const purchases = v.purchases.filter((value, i) => value !== space.purchases[i]?.original).length;
  return entries + v.inserts.length + policy + fleet + purchases;
}
