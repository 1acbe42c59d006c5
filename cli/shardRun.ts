import type { ScenarioOutcome } from '../engine/result.ts';
import { formatNumber } from '../reports/html/format.ts';
import { plural } from '../reports/plural.ts';
import type { Timings } from '../reports/types.ts';
import type { LoadedScenario } from '../scenarios/loader/resolveScenario.ts';
import { blobPath, shardBlob, writeBlob } from './blob.ts';
import type { RunOptions } from './commands/run.ts';
import type { Colors } from './console/format.ts';
import { printable } from './console/printable.ts';
import { EXIT, UsageError } from './errors.ts';
import { cliIo } from './io.ts';
import { instanceDayCosts, planShard, type ShardPlan, shardText } from './shard.ts';
import { fileCosts, readShardCosts } from './shardCosts.ts';

/** A shard's plan and where its blob goes (`--out`, checked before anything runs). */
export interface ShardRun extends ShardPlan {
  blob: string;
  /** Scenarios the `--shard-costs` file does not list (their costs estimated from instance-days). */
  estimated: number;
}

/** The timings of a shard that ran nothing. */
export const emptyTimings: Timings = { schema: 'licsim/timings@1', seconds: 0, scenarios: [] };

/**
 * The share of `licsim run --shard i/n` among the scenarios matched (null without `--shard`), its blob's path
 * checked. `--shard-costs` without `--shard`, and `--write-shard-costs` with it (a shard sees part of the suite:
 * `licsim merge --write-shard-costs` sees all of it), are usage errors.
 */
export async function shardPlanOf(
  scenarios: readonly LoadedScenario[],
  options: Pick<RunOptions, 'shard' | 'shardCosts' | 'writeShardCosts' | 'out'>,
): Promise<ShardRun | null> {
  const { shard, shardCosts } = options;
  if (!shard) {
    if (shardCosts !== undefined) throw new UsageError('--shard-costs: only with --shard i/n (it says how to split the suite)');
    return null;
  }
  if (options.writeShardCosts !== undefined)
    throw new UsageError(
      '--write-shard-costs: a shard runs part of the suite; write the costs from a whole run, or with licsim merge --write-shard-costs',
    );
  const costs =
    shardCosts === undefined
      ? instanceDayCosts(scenarios)
      : await readShardCosts(shardCosts).then(({ entries, hash }) => fileCosts(scenarios, entries, hash));
  const plan = planShard(scenarios, costs, shard);
  return { ...plan, blob: await blobPath(options.out, shard), estimated: costs.estimated ?? 0 };
}

/** The console's line about the share: ` --shard 2/3: 2 of 6 scenarios, cost 1,234 of 5,000 (instance-days)`. */
export function shardLines(run: ShardRun, c: Colors): string[] {
  const share = `${run.positions.length} of ${plural(run.scenarios, 'scenario')}`;
  const cost = `cost ${formatNumber(run.cost)} of ${formatNumber(run.totalCost)} (${run.source})`;
  return [
    c.dim(` --shard ${shardText(run.shard)}: ${share}, ${cost}`),
    ...(run.estimated
      ? [c.dim(` --shard-costs: ${plural(run.estimated, 'scenario')} not listed there, estimated from instance-days`)]
      : []),
  ];
}

/**
 * Writes the shard's blob; returns the console's closing line naming it. `ran`: the places in the shard of the
 * scenarios that ran (all of them, unless --bail or --max-failures stopped the shard); the others count as not run.
 */
export async function writeShardBlob(
  run: ShardRun,
  inputs: string,
  outcomes: ScenarioOutcome[],
  timings: Timings,
  filtered: number | undefined,
  c: Colors,
  ran: readonly number[] = run.positions.map((_, i) => i),
): Promise<string> {
  const positions = ran.map((i) => run.positions[i] as number);
  const notRun = run.positions.length - positions.length;
  await writeBlob(run.blob, await shardBlob({ ...run, positions }, inputs, outcomes, timings, { filtered, notRun }));
  return ` ${c.bold('Blob')}          ${printable(run.blob)} (licsim merge puts the shards together)`;
}

/** A shard given no scenarios (more shards than the suite can fill): writes an empty blob, says so, exit 0. */
export async function emptyShard(run: ShardRun, inputs: string, filtered: number | undefined, silent: boolean, c: Colors): Promise<number> {
  const line = await writeShardBlob(run, inputs, [], emptyTimings, filtered, c, []);
  if (!silent) {
    const why = run.scenarios === 1 ? 'the one scenario went to another shard' : `all ${run.scenarios} scenarios went to other shards`;
    cliIo().stdout.write(` --shard ${shardText(run.shard)}: no scenarios to run (${why}); wrote an empty blob\n${line}\n`);
  }
  return EXIT.passed;
}
