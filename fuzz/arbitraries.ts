import fc from 'fast-check';
import type { EntrySpace, FleetSpace, FuzzSpace, InsertChoice, PolicySpace, PurchaseSpace } from './space.ts';
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
 * A fleet group's count or population within its range. A count is drawn in `[min, max]`
 * and shrinks toward `min` (the smallest fleet); a population value written as a number
 * shrinks toward it, one written as a range toward null (as written).
 *
 * @example
 * fc.sample(fleetValueArb({ group: 0, name: 'hq', key: 'count', min: 1, max: 5, original: 1 }), 1); // [4]
 */
export function fleetValueArb(f: FleetSpace): fc.Arbitrary<number | null> {
  if (f.key === 'count') return fc.integer({ min: f.min, max: f.max });
  if (f.original === null) return fc.option(fc.integer({ min: f.min, max: f.max }), { nil: null, freq: 3 });
  const original = f.original;
  return fc.integer({ min: f.min - original, max: f.max - original }).map(
    (d) => original + d,
    (v) => (v as number) - original,
  );
}

/**
 * A purchase's count, at most the one written and at least its `min`; shrinks toward the one written.
 *
 * @example
 * const bought = { path: ['timeline', 1, 'count'], where: 'timeline[1]', type: 'UCL-Enhanced', original: 10, min: 5 };
 * fc.sample(purchaseCountArb(bought), 1); // [7]
 */
export function purchaseCountArb(p: PurchaseSpace): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: p.original - p.min }).map(
    (less) => p.original - less,
    (v) => p.original - (v as number),
  );
}

/**
 * A variant of the scenario within its space: a change per entry, insertions, a value
 * per policy range, per fleet range and per purchase. Every piece shrinks toward the
 * original scenario (a fleet's count toward its smallest).
 *
 * @example
 * fc.sample(variantArb(space), 1); // [{ entries: [{ shift: 4, drop: false }], inserts: [], policy: [], fleet: [], purchases: [] }]
 */
export function variantArb(space: FuzzSpace): fc.Arbitrary<Variant> {
  return fc.record({
    entries: fc.tuple(...space.entries.map((e) => entryChangeArb(e, space.drop))),
    inserts: insertionsArb(space),
    policy: fc.tuple(...space.policy.map(policyValueArb)),
    fleet: fc.tuple(...space.fleet.map(fleetValueArb)),
    purchases: fc.tuple(...space.purchases.map(purchaseCountArb)),
  });
}
