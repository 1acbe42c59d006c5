import { countBelow as countNamed, forEachIndex, type IndexRanges, indexRanges } from './indexRanges.ts';
import { hashUnit } from './random.ts';
import type { Scenario, Target } from './scenario.ts';

/**
 * How many of `n` instances a share `f` reaches: n × f rounded half up (20 × 12.5 % = 2.5
 * reaches 3). A share written as a percentage is read as a binary fraction (14.5 % is
 * 0.14499…), so the product is nudged by far less than any written share can move it
 * before it is rounded: 100 × 14.5 % reaches 15, as written.
 *
 * @example
 * shareCount(20, 0.25); // 5
 * shareCount(20, 0.125); // 3
 */
export function shareCount(n: number, f: number): number {
  return Math.min(n, Math.max(0, Math.floor(n * f + 0.5 + Math.max(1, n) * 1e-12)));
}

/** The instances a target's groups and indices name (before its share and status), in fleet order. */
function forEachCandidate(
  scenario: Scenario,
  groups: ReadonlySet<string> | null,
  ranges: IndexRanges | null,
  visit: (g: number) => void,
): void {
  let first = 0;
  for (const g of scenario.fleet) {
    const base = first;
    first += g.count;
    if (groups && !groups.has(g.name)) continue;
    if (ranges) forEachIndex(ranges, g.count, (i) => visit(base + i));
    else for (let i = 0; i < g.count; i++) visit(base + i);
  }
}

/** The candidates of one target (its groups and indices) ranked once: their hashes, sorted, and each share chosen so far. */
interface Ranking {
  groups: ReadonlySet<string> | null;
  ranges: IndexRanges | null;
  /** hashUnit(seed, global) of every candidate, ascending. */
  sorted: Float64Array;
  /** The instances chosen, by how many. */
  chosen: Map<number, Int32Array>;
}

/** Rankings per scenario, by seed, fleet and target: a scenario changed in place is ranked anew. */
const rankings = new WeakMap<Scenario, Map<string, Ranking>>();

function rankingOf(scenario: Scenario, target: Target): Ranking {
  const groups = target.groups ? new Set(target.groups) : null;
  const ranges = target.indices ? indexRanges(target.indices) : null;
  const key = JSON.stringify([scenario.seed, scenario.fleet.map((g) => [g.name, g.count]), groups ? [...groups].sort() : null, ranges]);
  let byKey = rankings.get(scenario);
  if (!byKey) {
    byKey = new Map();
    rankings.set(scenario, byKey);
  }
  const known = byKey.get(key);
  if (known) return known;
  let n = 0;
  for (const g of scenario.fleet) if (!groups || groups.has(g.name)) n += ranges ? countNamed(ranges, g.count) : g.count;
  const sorted = new Float64Array(n);
  let at = 0;
  forEachCandidate(scenario, groups, ranges, (g) => {
    sorted[at++] = hashUnit(scenario.seed, g);
  });
  const ranking: Ranking = { groups, ranges, sorted: sorted.sort(), chosen: new Map() };
  byKey.set(key, ranking);
  return ranking;
}

/** How many of the ascending `sorted` are below `x`. */
function countBelow(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The instances a share of a target reaches, in fleet order, before its `status:`
 * filter: of the n instances its groups and indices name, the round(n × f)
 * ({@link shareCount}) ranked lowest by hashUnit(seed, global index), ties by global
 * index. They depend only on the scenario (its seed and fleet), so every entry with
 * the same share names the same instances (an outage's end reaches those its start
 * did), a smaller share is part of a larger one, and any part of a run can compute
 * them alone. The ranking is made once per scenario and target, each share once.
 *
 * @example
 * shareOf(scenario, { fraction: 0.25 }).length; // 5 of a fleet of 20
 */
export function shareOf(scenario: Scenario, target: Target): Int32Array {
  const ranking = rankingOf(scenario, target);
  const n = ranking.sorted.length;
  const k = shareCount(n, target.fraction ?? 1);
  const known = ranking.chosen.get(k);
  if (known) return known;
  const out = new Int32Array(k);
  if (k > 0) {
    const threshold = ranking.sorted[k - 1] as number;
    // The candidates ranked strictly below the k-th, and of those tied with it the first in fleet order.
    let ties = k - countBelow(ranking.sorted, threshold);
    let at = 0;
    forEachCandidate(scenario, ranking.groups, ranking.ranges, (g) => {
      const h = hashUnit(scenario.seed, g);
      if (h < threshold || (h === threshold && ties-- > 0)) out[at++] = g;
    });
  }
  ranking.chosen.set(k, out);
  return out;
}
