import { createHash } from 'node:crypto';
import { InvalidArgumentError } from 'commander';
import { estimateRun } from '../engine/budget.ts';
import type { LoadedScenario } from '../scenarios/loader/resolveScenario.ts';

/** `--shard i/n`: this job runs share `index` (1-based) of `total`. */
export interface Shard {
  index: number;
  total: number;
}

/** What a suite's split is made of: each scenario's cost, in suite order, and where the costs came from. */
export interface SplitCosts {
  /** One per scenario of the whole run, in its order. */
  costs: number[];
  /** `instance-days`, or `events from <file> (sha256 …)` for a `--shard-costs` file (cli/shardCosts.ts). */
  source: string;
  /** With a costs file: the scenarios it does not list, whose costs are estimated from their instance-days. */
  estimated?: number;
}

/** One job's share of a split suite. */
export interface ShardPlan {
  shard: Shard;
  /** The split's identity: the same for every shard of the same split ({@link splitId}). */
  split: string;
  source: string;
  /** Places (in the whole run's order) of the scenarios this shard runs, ascending. */
  positions: number[];
  /** This shard's cost and the whole suite's, in the source's unit. */
  cost: number;
  totalCost: number;
  /** Scenarios in the whole run. */
  scenarios: number;
}

const SHARD = /^(\d+)\/(\d+)$/;

/**
 * `--shard i/n`: whole numbers with 1 ≤ i ≤ n (commander names the flag; exit 2).
 *
 * @example
 * parseShard('2/3'); // { index: 2, total: 3 }
 */
export function parseShard(value: string): Shard {
  const m = SHARD.exec(value);
  const index = Number(m?.[1]);
  const total = Number(m?.[2]);
  if (!m || !Number.isSafeInteger(index) || !Number.isSafeInteger(total))
    throw new InvalidArgumentError('expected i/n, two whole numbers with 1 ≤ i ≤ n, such as 1/3');
  if (total < 1 || index < 1 || index > total)
    throw new InvalidArgumentError(`expected i/n with 1 ≤ i ≤ n, such as 1/3; found ${index}/${total}`);
  return { index, total };
}

/** A shard as the user writes it: `2/3`. */
export const shardText = (shard: Shard): string => `${shard.index}/${shard.total}`;

/** A scenario's instance-days: instances × days, summed over its variants (engine/budget.ts estimates). */
export function instanceDays(scenario: LoadedScenario): number {
  return scenario.variants.reduce((n, v) => n + estimateRun(v.scenario).instanceDays, 0);
}

/** Costs from instance-days, when no `--shard-costs` file is given. */
export function instanceDayCosts(scenarios: readonly LoadedScenario[]): SplitCosts {
  return { costs: scenarios.map(instanceDays), source: 'instance-days' };
}

/** Code-unit order (never the locale's: every machine must sort alike). */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Splits scenarios into `total` shards by cost (greedy LPT): the scenarios sorted by cost, highest first, then by
 * file and name (then place), each given to the shard with the least cost so far (ties to the one with fewer scenarios,
 * then the lowest, so scenarios of no cost spread too). Returns
 * each shard's places in suite order. The same scenarios and costs give the same split on every machine.
 *
 * @example
 * assignShards([{ file: 'a', name: 'a', cost: 5 }, { file: 'b', name: 'b', cost: 3 }, { file: 'c', name: 'c', cost: 3 }], 2);
 * // [[0], [1, 2]]
 */
export function assignShards(scenarios: ReadonlyArray<{ file: string; name: string; cost: number }>, total: number): number[][] {
  const order = scenarios
    .map((_, i) => i)
    .sort((a, b) => {
      const x = scenarios[a] as { file: string; name: string; cost: number };
      const y = scenarios[b] as { file: string; name: string; cost: number };
      return y.cost - x.cost || byCodeUnits(x.file, y.file) || byCodeUnits(x.name, y.name) || a - b;
    });
  const load = new Array<number>(total).fill(0);
  const shards = Array.from({ length: total }, () => [] as number[]);
  for (const i of order) {
    let best = 0;
    for (let k = 1; k < total; k++) {
      const [a, b] = [load[k] as number, load[best] as number];
      if (a < b || (a === b && (shards[k]?.length ?? 0) < (shards[best]?.length ?? 0))) best = k;
    }
    shards[best]?.push(i);
    load[best] = (load[best] as number) + (scenarios[i]?.cost ?? 0);
  }
  return shards.map((s) => s.sort((a, b) => a - b));
}

/** The identity of a split: a hash of every scenario (file, name, cost) in suite order and the costs' source. */
export function splitId(scenarios: ReadonlyArray<{ file: string; name: string; cost: number }>, source: string): string {
  const list = scenarios.map((s) => [s.file, s.name, s.cost]);
  return createHash('sha256')
    .update(JSON.stringify({ source, scenarios: list }))
    .digest('hex')
    .slice(0, 16);
}

/** The share of `shard` in a suite of `scenarios` with these costs. */
export function planShard(scenarios: readonly LoadedScenario[], costs: SplitCosts, shard: Shard): ShardPlan {
  const costed = scenarios.map((s, i) => ({ file: s.file, name: s.name, cost: costs.costs[i] ?? 0 }));
  const positions = assignShards(costed, shard.total)[shard.index - 1] ?? [];
  const sum = (list: readonly number[]) => list.reduce((n, i) => n + (costed[i]?.cost ?? 0), 0);
  return {
    shard,
    split: splitId(costed, costs.source),
    source: costs.source,
    positions,
    cost: sum(positions),
    totalCost: sum(costed.map((_, i) => i)),
    scenarios: scenarios.length,
  };
}
