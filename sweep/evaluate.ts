import { linesAlong, spreadOf } from './lines.ts';
import type { ParamValue } from './params.ts';
import type { PointResult } from './pointRun.ts';
import type { SweepExpectation } from './spec.ts';

/** A sweep expectation's verdict, with the points that show it. */
export interface SweepVerdict {
  kind: SweepExpectation['kind'];
  title: string;
  passed: boolean;
  message: string;
  /** The points behind the verdict: a break of monotony (two neighbours), or the bisection's steps. */
  evidence: Array<{ point: string; seed: number; metric: string; value: number | null }>;
}

/**
 * monotone: along each line of the grid where only `param` varies (the other parameters
 * fixed), the metric (averaged over seeds) moves in `direction` from one value to the next.
 */
export function monotoneVerdict(e: Extract<SweepExpectation, { kind: 'monotone' }>, results: readonly PointResult[]): SweepVerdict {
  const ok = (a: number, b: number) =>
    e.direction === 'increasing' ? b > a : e.direction === 'decreasing' ? b < a : e.direction === 'nonIncreasing' ? b <= a : b >= a;
  let steps = 0;
  for (const { at } of linesAlong(results, e.param)) {
    const xs = [...at.keys()].sort((a, b) => a - b);
    for (let i = 1; i < xs.length; i++) {
      const [pa, pb] = [at.get(xs[i - 1] as number) ?? [], at.get(xs[i] as number) ?? []];
      const va = spreadOf(pa, e.metric).mean;
      const vb = spreadOf(pb, e.metric).mean;
      // A point where the metric does not apply (a first day never reached) has no value to order.
      if (va === null || vb === null) continue;
      steps++;
      if (!ok(va, vb)) {
        const at = (rs: PointResult[], v: number) => ({ point: rs[0]?.label ?? '', seed: rs[0]?.seed ?? 0, metric: e.metric, value: v });
        return {
          kind: e.kind,
          title: e.title,
          passed: false,
          message: `${e.metric} is not ${e.direction} in ${e.param}: ${va} at ${pa[0]?.label} then ${vb} at ${pb[0]?.label}`,
          evidence: [at(pa, va), at(pb, vb)],
        };
      }
    }
  }
  if (steps === 0)
    return {
      kind: e.kind,
      title: e.title,
      passed: false,
      message: `no two points differ in ${e.param} alone with ${e.metric} at both: nothing shows it ${e.direction} (sweep it on a grid)`,
      evidence: [],
    };
  return {
    kind: e.kind,
    title: e.title,
    passed: true,
    message: `${e.metric} is ${e.direction} in ${e.param} over ${steps} steps`,
    evidence: [],
  };
}

/**
 * smallest, by bisection: the least whole value of `param` within its range where the metric
 * is at most `atMostMetric`, assuming that once it holds it holds for every larger value
 * (checked at both ends); about log2(range) runs instead of the whole range. `run` runs the
 * base scenario with the parameter at a value (at the sweep's first seed).
 */
export async function smallestVerdict(
  e: Extract<SweepExpectation, { kind: 'smallest' }>,
  run: (value: ParamValue) => Promise<PointResult>,
): Promise<SweepVerdict> {
  const evidence: SweepVerdict['evidence'] = [];
  let notApplicable = false;
  const holds = async (x: number) => {
    const r = await run(x);
    const v = r.metrics[e.metric] ?? null;
    if (v === null) notApplicable = true;
    evidence.push({ point: r.label, seed: r.seed, metric: e.metric, value: v });
    return v !== null && v <= e.atMostMetric;
  };
  const name = `${e.param.path}`;
  if (!(await holds(e.max)))
    return {
      kind: e.kind,
      title: e.title,
      passed: false,
      message: notApplicable
        ? `${e.metric} does not apply at ${name} = ${e.max} (none reached it): no value in ${e.min}..${e.max} can be judged`
        : `${e.metric} stays above ${e.atMostMetric} up to ${name} = ${e.max}: no value in ${e.min}..${e.max} makes it hold`,
      evidence,
    };
  let [lo, hi] = [e.min, e.max];
  if (await holds(lo)) hi = lo;
  else
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (await holds(mid)) hi = mid;
      else lo = mid;
    }
  const passed = hi <= e.atMost;
  return {
    kind: e.kind,
    title: e.title,
    passed,
    message:
      `the smallest ${name} with ${e.metric} ≤ ${e.atMostMetric} is ${hi} ` +
      `(${passed ? 'at most' : 'above'} ${e.atMost}), found in ${evidence.length} runs`,
    evidence,
  };
}
