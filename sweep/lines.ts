import type { ParamValue } from './params.ts';
import type { PointResult } from './pointRun.ts';

/** The points of a sweep where one parameter alone varies: the other parameters' values, and the points at each value of it. */
export interface SweepLine {
  /** The other parameters' values (path, value), as the points give them. */
  others: Array<[string, ParamValue]>;
  /** The points (one per seed) at each value of the parameter. */
  at: Map<number, PointResult[]>;
}

/**
 * A sweep's points as lines along `param`: one per combination of the other parameters'
 * values, in the order the points first give it (what monotone checks and the charts draw).
 *
 * @example
 * linesAlong(points, 'smart-licensing.overageDays')[0].at.get(30); // the points at 30 days, one per seed
 */
export function linesAlong(points: readonly PointResult[], param: string): SweepLine[] {
  const lines = new Map<string, SweepLine>();
  for (const p of points) {
    const others = Object.entries(p.values).filter(([k]) => k !== param);
    const key = JSON.stringify(others);
    const line = lines.get(key) ?? { others, at: new Map<number, PointResult[]>() };
    const x = Number(p.values[param]);
    line.at.set(x, [...(line.at.get(x) ?? []), p]);
    lines.set(key, line);
  }
  return [...lines.values()];
}

/** A metric over points (a point's seeds): its mean, lowest and highest value; null where it applies at none of them. */
export function spreadOf(points: readonly PointResult[], metric: string): { mean: number | null; min: number | null; max: number | null } {
  const xs = points.map((p) => p.metrics[metric] ?? null).filter((v): v is number => v !== null);
  if (!xs.length) return { mean: null, min: null, max: null };
  return { mean: xs.reduce((a, b) => a + b, 0) / xs.length, min: Math.min(...xs), max: Math.max(...xs) };
}
