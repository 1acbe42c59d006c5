/**
 * Deterministic randomness for the engine: no `Math.random()`. A stateless
 * hash of integers to [0, 1) decides per-instance choices, so selecting a
 * fraction of a fleet does not depend on the order instances are visited.
 * (Sequences, such as populations and identities, are drawn with faker
 * seeded from the scenario seed.)
 */

function mix32(seed: number): number {
  const a = Math.imul(seed ^ (seed >>> 16), 0x7feb352d);
  const b = Math.imul(a ^ (a >>> 15), 0x846ca68b);
  return (b ^ (b >>> 16)) >>> 0;
}

function step(h: number, k: number): number {
  return mix32(h ^ mix32(k | 0) ^ Math.floor(k / 0x100000000));
}

/** A uniform number in [0, 1) determined by the integers given (up to four). */
export function hashUnit(a: number, b: number, c?: number, d?: number): number {
  let h = step(step(0x9e3779b9, a), b);
  if (c !== undefined) h = step(h, c);
  if (d !== undefined) h = step(h, d);
  return h / 0x100000000;
}

/**
 * A small seeded generator (mulberry32) in faker's Randomizer shape: seeding is
 * O(1), where faker's default Mersenne Twister takes tens of microseconds, which
 * matters when every named instance seeds its own identity.
 */
export function fastRandomizer(): { next(): number; seed(seed: number | number[]): void } {
  let a = 0;
  return {
    next(): number {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    seed(seed: number | number[]): void {
      const parts = Array.isArray(seed) ? seed : [seed];
      a = Math.floor(hashUnit(parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 0) * 4294967296);
    },
  };
}
