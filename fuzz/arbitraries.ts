import fc from 'fast-check';
import type { EntrySpace, FuzzSpace, InsertChoice, PolicySpace } from './space.ts';
import type { EntryChange, Insertion, Variant } from './variant.ts';

/** The most actions a variant inserts. */
export const MAX_INSERTS = 3;

/** One draw in this many drops an entry (when the space allows drops). */
export const DROP_ONE_IN = 8;

/**
 * How far an entry moves: a whole number of days within its bounds, shrinking toward 0
 * (fast-check's integers shrink toward 0 when it lies in the range, as it does here).
 *
 * @example
 * fc.sample(shiftArb({ index: 0, kind: 'purchase', day: 30, minShift: -5, maxShift: 5 }), 3); // e.g. [3, -5, 0]
 */
export function shiftArb(entry: EntrySpace): fc.Arbitrary<number> {
  return fc.integer({ min: entry.minShift, max: entry.maxShift });
}

/**
 * Whether an entry is dropped: now and then when allowed (one draw in {@link DROP_ONE_IN}),
 * never otherwise; it shrinks toward kept (the integer behind it shrinks toward 0).
 *
 * @example
 * fc.sample(dropArb(true), 8); // mostly false
 */
export function dropArb(allowed: boolean): fc.Arbitrary<boolean> {
  return allowed ? fc.integer({ min: 0, max: DROP_ONE_IN - 1 }).map((n) => n === DROP_ONE_IN - 1) : fc.constant(false);
}

/**
 * The change of one entry: its shift and whether it is dropped; shrinks toward unchanged.
 *
 * @example
 * fc.sample(entryChangeArb(entry, false), 1); // [{ shift: -2, drop: false }]
 */
export function entryChangeArb(entry: EntrySpace, drop: boolean): fc.Arbitrary<EntryChange> {
  return fc.record({ shift: shiftArb(entry), drop: dropArb(drop) });
}

/**
 * One inserted action: which insertable action, on a whole day of the run; shrinks
 * toward the first action on day 0.
 *
 * @example
 * fc.sample(insertionArb([{ kind: 'link-down', written: { do: 'link-down' } }], 60), 1); // [{ choice: 0, day: 41 }]
 */
export function insertionArb(choices: readonly InsertChoice[], days: number): fc.Arbitrary<Insertion> {
  return fc.record({
    choice: fc.integer({ min: 0, max: choices.length - 1 }),
    day: fc.integer({ min: 0, max: Math.max(0, Math.ceil(days) - 1) }),
  });
}

/**
 * The insertions of a variant: up to {@link MAX_INSERTS}, none when nothing may be
 * inserted; shrinks toward none.
 *
 * @example
 * fc.sample(insertionsArb(space), 1); // [[{ choice: 0, day: 12 }]]
 */
export function insertionsArb(space: FuzzSpace): fc.Arbitrary<Insertion[]> {
  if (!space.inserts.length) return fc.constant([]);
  return fc.array(insertionArb(space.inserts, space.days), { maxLength: MAX_INSERTS });
}

/**
 * A policy value within its range, drawn as an offset from the original so that it
 * shrinks toward the original value.
 *
 * @example
 * fc.sample(policyValueArb({ model: 'smart-licensing', key: 'overageDays', min: 30, max: 120, original: 90 }), 1); // [57]
 */
export function policyValueArb(p: PolicySpace): fc.Arbitrary<number> {
  return fc.integer({ min: p.min - p.original, max: p.max - p.original }).map(
    (d) => p.original + d,
    (v) => (v as number) - p.original,
  );
}

/**
 * A variant of the scenario within its space: a change per entry, insertions, a value
 * per policy range. Every piece shrinks toward the original scenario.
 *
 * @example
 * fc.sample(variantArb(space), 1); // [{ entries: [{ shift: 4, drop: false }], inserts: [], policy: [] }]
 */
export function variantArb(space: FuzzSpace): fc.Arbitrary<Variant> {
  return fc.record({
    entries: fc.tuple(...space.entries.map((e) => entryChangeArb(e, space.drop))),
    inserts: insertionsArb(space),
    policy: fc.tuple(...space.policy.map(policyValueArb)),
  });
}
