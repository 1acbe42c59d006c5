import type { FuzzSpace } from './space.ts';

/** How one written timeline entry is changed: moved by whole days, or dropped. */
export interface EntryChange {
  shift: number;
  drop: boolean;
}

/** An inserted action: which of the space's insertable actions, on which whole day. */
export interface Insertion {
  choice: number;
  day: number;
}

/**
 * One variant of a scenario: a change per written timeline entry (in order), the
 * actions inserted, and a value per policy range of the space (in order). The
 * original scenario is every shift 0, nothing dropped, nothing inserted and every
 * policy value the original.
 */
export interface Variant {
  entries: EntryChange[];
  inserts: Insertion[];
  policy: number[];
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
  };
}

/** How many things a variant changes: shifted or dropped entries, insertions, policy values off the original. */
export function changeCount(space: FuzzSpace, v: Variant): number {
  const entries = v.entries.filter((e) => e.drop || e.shift !== 0).length;
  const policy = v.policy.filter((value, i) => value !== space.policy[i]?.original).length;
  return entries + v.inserts.length + policy;
}
