import type { FuzzSpace } from './space.ts';
import type { Variant } from './variant.ts';

/** What the scenario-aware pass did: the variant it ended with and how many variants it ran. */
export interface ShrinkPass {
  variant: Variant;
  tries: number;
}

/**
 * The simpler variants to try after `v`, one change at a time: each removal, each fraction target narrowed to one of
 * `instances` (those the failure names), each step toward the original.
 */
export function* simplerVariants(space: FuzzSpace, v: Variant, instances: readonly string[] = []): Generator<Variant> {
  const withEntry = (i: number, shift: number, drop: boolean, only?: string): Variant => ({
    ...v,
    entries: v.entries.map((e, k) => (k === i ? { shift, drop, ...(only === undefined ? {} : { only }) } : e)),
  });
  // Fewest timeline entries first (when the space lets entries go), then fewest insertions.
  if (space.drop) for (let i = 0; i < v.entries.length; i++) if (!v.entries[i]?.drop) yield withEntry(i, 0, true);
  for (let i = 0; i < v.inserts.length; i++) yield { ...v, inserts: v.inserts.filter((_, k) => k !== i) };
  // A fraction of the fleet narrowed to the single instance that matters: one the failure names.
  for (let i = 0; i < v.entries.length; i++) {
    const e = v.entries[i];
    if (!e || e.drop || e.only !== undefined || !space.entries[i]?.fraction) continue;
    for (const only of instances) yield { ...v, entries: v.entries.map((x, k) => (k === i ? { ...x, only } : x)) };
  }
  for (let i = 0; i < v.entries.length; i++) {
    const e = v.entries[i];
    if (!e || e.drop || e.shift === 0) continue;
    yield withEntry(i, 0, false, e.only);
    yield withEntry(i, e.shift - Math.sign(e.shift), false, e.only);
  }
  // The smallest fleet: each count toward its range's least; each population value toward the written one.
  for (let i = 0; i < v.fleet.length; i++) {
    const f = space.fleet[i];
    const value = v.fleet[i];
    if (!f || value === null || value === undefined) continue;
    const goal = f.key === 'count' ? f.min : f.original;
    if (goal === null) yield { ...v, fleet: v.fleet.map((x, k) => (k === i ? null : x)) };
    else if (value !== goal) {
      yield { ...v, fleet: v.fleet.map((x, k) => (k === i ? goal : x)) };
      yield { ...v, fleet: v.fleet.map((x, k) => (k === i ? value - Math.sign(value - goal) : x)) };
    }
  }
  for (let i = 0; i < v.purchases.length; i++) {
    const value = v.purchases[i] as number;
    const original = space.purchases[i]?.original ?? value;
    if (value === original) continue;
    yield { ...v, purchases: v.purchases.map((x, k) => (k === i ? original : x)) };
    // Fewer changes for the same shortfall: this purchase as written, another of its type smaller by as much.
    for (let j = 0; j < v.purchases.length; j++) {
      const other = space.purchases[j];
      if (j === i || !other || other.type !== space.purchases[i]?.type) continue;
      const less = Math.max(other.min, (v.purchases[j] as number) - (original - value));
      if (less !== v.purchases[j]) yield { ...v, purchases: v.purchases.map((x, k) => (k === i ? original : k === j ? less : x)) };
    }
    yield { ...v, purchases: v.purchases.map((x, k) => (k === i ? x + 1 : x)) };
  }
  for (let i = 0; i < v.policy.length; i++) {
    const value = v.policy[i] as number;
    const original = space.policy[i]?.original ?? value;
    if (value === original) continue;
    yield { ...v, policy: v.policy.map((x, k) => (k === i ? original : x)) };
    yield { ...v, policy: v.policy.map((x, k) => (k === i ? x - Math.sign(x - original) : x)) };
  }
}

/**
 * The scenario-aware pass after fast-check's shrinking: tries removing each remaining
 * timeline entry (when drops are allowed) and each insertion, narrowing each fraction
 * target to one of `instances` (those the failure's evidence names, at most a few), undoing each shift and
 * policy change or bringing it one day nearer the original, bringing each fleet count
 * to its least (else one nearer) and each population value and purchase back to the written one (else one nearer;
 * or another purchase of its type smaller by as much), and keeps a change when
 * `sameFailure` says the same expectation still fails; repeats until nothing is kept. A dropped entry comes out with shift 0.
 *
 * @example
 * finalPass(space, shrunk, (v) => evaluate(doc(v)).failure?.key === key); // { variant, tries: 4 }
 */
export function finalPass(
  space: FuzzSpace,
  start: Variant,
  sameFailure: (v: Variant) => boolean,
  instances: readonly string[] = [],
): ShrinkPass {
  let variant = start;
  let tries = 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (const candidate of simplerVariants(space, variant, instances)) {
      tries++;
      if (sameFailure(candidate)) {
        variant = candidate;
        changed = true;
        break;
      }
    }
  }
  // A dropped entry's shift says nothing: written as none.
  return { variant: { ...variant, entries: variant.entries.map((e) => (e.drop ? { shift: 0, drop: true } : e)) }, tries };
}
