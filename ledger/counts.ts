import type { Counts } from './licenceTypes.ts';
import { isWhole } from './result.ts';
import type { TypeRegistry, Vec } from './vector.ts';

/** The message of the first entry of `counts` that is not a whole number ≥ 0, or null (allocates nothing). */
export function badCount(counts: Counts): string | null {
  for (const key in counts) {
    const n = counts[key];
    if (n === undefined || !isWhole(n)) return `${key} must be a whole number of 0 or more (got ${String(n)})`;
  }
  return null;
}

/**
 * Counts to a vector, or the message of the first entry that is not a whole number ≥ 0. The vector is as long as its
 * last non-zero type and no longer: CSSM keeps one per instance (its last usage report), and an array grown by
 * pushes keeps room for 17 numbers (≈ 180 bytes more per instance, 180 MB in a million).
 */
export function toVec(types: TypeRegistry, counts: Counts): Vec | string {
  let length = 0;
  for (const key in counts) {
    const n = counts[key];
    if (n === undefined || !isWhole(n)) return `${key} must be a whole number of 0 or more (got ${String(n)})`;
    if (n !== 0) length = Math.max(length, types.index(key) + 1);
  }
  const v: Vec = new Array<number>(length).fill(0);
  for (const key in counts) {
    const n = counts[key] as number;
    if (n !== 0) v[types.index(key)] = (v[types.index(key)] as number) + n;
  }
  return v;
}

/** A vector back to counts, without zero entries. */
export function toCounts(types: TypeRegistry, v: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (let t = 0; t < v.length; t++) {
    const n = v[t] ?? 0;
    if (n !== 0) out[types.name(t)] = n;
  }
  return out;
}
