/**
 * Deterministic randomness for the engine: no `Math.random()`. A stateless
 * hash of integers to [0, 1) decides per-instance choices (so selecting a
 * fraction of a fleet does not depend on the order instances are visited),
 * and a small seeded generator draws sequences.
 */

function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
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

/** A stable 32-bit hash of a string (for seeding from names). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A seeded generator (mulberry32): `next()` in [0, 1). */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  return {
    next(): number {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    /** A whole number in [min, max]. */
    int(min: number, max: number): number {
      return min + Math.floor(this.next() * (max - min + 1));
    },
  };
}

/** Rounds `x` up or down with probability of its fraction, decided by `u` in [0, 1). */
export function stochasticRound(x: number, u: number): number {
  const floor = Math.floor(x);
  return u < x - floor ? floor + 1 : floor;
}
