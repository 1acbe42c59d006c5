import { fastRandomizer } from '../engine/random.ts';
import type { ParamValue, SweepParam } from './params.ts';
import { pointLabel } from './pointRun.ts';

/** One point of a sweep: a value for each swept parameter (by path), with a label for tables and files. */
export interface SweepPoint {
  values: Record<string, ParamValue>;
  /** `overageDays=30, graceDays=10`: the values, as the point's name. */
  label: string;
}

const labelOf = pointLabel;

/** Every combination of the parameters' values, the first parameter varying slowest. */
export function gridPoints(params: readonly SweepParam[]): SweepPoint[] {
  let rows: Array<Record<string, ParamValue>> = [{}];
  for (const p of params) rows = rows.flatMap((row) => p.values.map((v) => ({ ...row, [p.path]: v })));
  return rows.map((values) => ({ values, label: labelOf(params, values) }));
}

/** The whole numbers a parameter's range or values can be sampled from. */
function bounds(p: SweepParam): { min: number; max: number } | null {
  if (p.range) return { min: Math.ceil(p.range.min), max: Math.floor(p.range.max) };
  return null;
}

/**
 * `n` points drawn from the parameters: a ranged one uniformly among its whole numbers
 * (`random`), or one from each of n equal strata in a random order per parameter
 * (`latin-hypercube`, McKay et al.), a listed one among its values; seeded, so the same
 * seed gives the same points. Points drawn twice are kept once.
 */
export function sampledPoints(params: readonly SweepParam[], n: number, method: 'random' | 'latin-hypercube', seed: number): SweepPoint[] {
  const random = fastRandomizer();
  random.seed([seed, 0x5eed]);
  const columns = params.map((p): ParamValue[] => {
    const b = bounds(p);
    const pick = (u: number): ParamValue =>
      b ? Math.min(b.max, b.min + Math.floor(u * (b.max - b.min + 1))) : (p.values[Math.floor(u * p.values.length)] as ParamValue);
    if (method === 'random') return Array.from({ length: n }, () => pick(random.next()));
    const strata = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      [strata[i], strata[j]] = [strata[j] as number, strata[i] as number];
    }
    return strata.map((s) => pick((s + random.next()) / n));
  });
  const seen = new Set<string>();
  const points: SweepPoint[] = [];
  for (let i = 0; i < n; i++) {
    const values = Object.fromEntries(params.map((p, k) => [p.path, columns[k]?.[i] as ParamValue]));
    const key = JSON.stringify(values);
    if (seen.has(key)) continue;
    seen.add(key);
    points.push({ values, label: labelOf(params, values) });
  }
  return points;
}
