import type { FuzzSpace } from './space.ts';
import type { Variant } from './variant.ts';

/** What the scenario-aware pass did: the variant it ended with and how many variants it ran. */
export interface ShrinkPass {
  variant: Variant;
  tries: number;
}

/** The simpler variants to try after `v`, one change at a time: each removal, each step toward the original. */
export function* simplerVariants(space: FuzzSpace, v: Variant): Generator<Variant> {
  const withEntry = (i: number, shift: number, drop: boolean): Variant => ({
    ...v,
    entries: v.entries.map((e, k) => (k === i ? { shift, drop } : e)),
  });
  // Fewest timeline entries first (when the space lets entries go), then fewest insertions.
  if (space.drop) for (let i = 0; i < v.entries.length; i++) if (!v.entries[i]?.drop) yield withEntry(i, 0, true);
  for (let i = 0; i < v.inserts.length; i++) yield { ...v, inserts: v.inserts.filter((_, k) => k !== i) };
  for (let i = 0; i < v.entries.length; i++) {
    const e = v.entries[i];
    if (!e || e.drop || e.shift === 0) continue;
    yield withEntry(i, 0, false);
    yield withEntry(i, e.shift - Math.sign(e.shift), false);
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
 * timeline entry (when drops are allowed) and each insertion, undoing each shift and
 * policy change or bringing it one day nearer the original, and keeps a change when
 * `sameFailure` says the same expectation still fails; repeats until nothing is kept. A dropped entry comes out with shift 0.
 *
 * @example
 * finalPass(space, shrunk, (v) => evaluate(doc(v)).failure?.key === key); // { variant, tries: 4 }
 */
export function finalPass(space: FuzzSpace, start: Variant, sameFailure: (v: Variant) => boolean): ShrinkPass {
  let variant = start;
  let tries = 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (const candidate of simplerVariants(space, variant)) {
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
