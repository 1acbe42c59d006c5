import type { ScenarioOutcome } from '../engine/result.ts';
import { LICSIM_VERSION } from '../reports/io/runId.ts';
import type { Timings } from '../reports/types.ts';
import { type BlobHeader, blobPathIn, checkHeader, isObject, isWhole, readBlobJson, writeBlobFile } from './blobHeader.ts';
import { UsageError } from './errors.ts';
import type { Shard, ShardPlan } from './shard.ts';
import { licsimSourceHash } from './sweepCache.ts';

export const BLOB_SCHEMA = 'licsim/shard-blob@1';

/**
 * What `licsim run --shard i/n` writes for `licsim merge`: the shard's outcomes exactly as results.json holds them,
 * where each goes in the whole run, its timings, and what merge checks (the shard, the split, the inputs, the version).
 */
export interface ShardBlob extends BlobHeader {
  schema: typeof BLOB_SCHEMA;
  /** Where the split's costs came from. */
  costSource: string;
  /** Scenarios in the whole run. */
  scenarios: number;
  /** With a filter (`--only`, `--grep`, …): the scenarios it left out of the whole run (results.json `filtered`). */
  filtered?: number;
  /** Scenarios of this shard that --bail or --max-failures kept from starting (results.json `notRun`); absent when none. */
  notRun?: number;
  /** The place in the whole run of each outcome, ascending. */
  positions: number[];
  outcomes: ScenarioOutcome[];
  /** This shard's timings.json (its scenarios in its order). */
  timings: Timings;
}

/** The file a shard writes in its `--out` folder: `licsim-blob-2-of-3.json` (every shard's can share one folder). */
export const blobName = (shard: Shard): string => `licsim-blob-${shard.index}-of-${shard.total}.json`;

/** The blob of a shard's run. */
export async function shardBlob(
  plan: ShardPlan,
  inputs: string,
  outcomes: ScenarioOutcome[],
  timings: Timings,
  counts: { filtered: number | undefined; notRun: number },
): Promise<ShardBlob> {
  return {
    schema: BLOB_SCHEMA,
    licsim: LICSIM_VERSION,
    code: await licsimSourceHash(),
    shard: plan.shard,
    split: plan.split,
    costSource: plan.source,
    inputs,
    scenarios: plan.scenarios,
    ...(counts.filtered === undefined ? {} : { filtered: counts.filtered }),
    ...(counts.notRun ? { notRun: counts.notRun } : {}),
    positions: plan.positions,
    outcomes,
    timings,
  };
}

/** Checks, before anything runs, that the shard's blob can be written into `out` (exit 2 naming `--out`). */
export const blobPath = (out: string, shard: Shard): Promise<string> => blobPathIn(out, blobName(shard), shard);

/** Writes a blob (atomically: a reader sees no blob or the whole one). */
export const writeBlob = (file: string, blob: ShardBlob): Promise<void> => writeBlobFile(file, blob);

/** Reads a blob `licsim run --shard` wrote; anything else is a UsageError naming the file and what it lacks. */
export async function readBlob(file: string): Promise<ShardBlob> {
  return suiteBlob(await readBlobJson(file), file);
}

/** A suite blob's data checked (after {@link readBlobJson}); anything else is a UsageError naming the file and what it lacks. */
export function suiteBlob(json: unknown, file: string): ShardBlob {
  const data = checkHeader(json, file, BLOB_SCHEMA, 'licsim run --shard i/n');
  const wrong = (what: string) => new UsageError(`${file}: not a licsim blob (licsim run --shard i/n writes them): ${what}`);
  const { positions, outcomes, timings } = data;
  if (typeof data.costSource !== 'string') throw wrong('expected "costSource"');
  if (!isWhole(data.scenarios, 0)) throw wrong('expected "scenarios": the whole run’s count');
  if (data.filtered !== undefined && !isWhole(data.filtered, 0)) throw wrong('expected "filtered" to be a count');
  if (data.notRun !== undefined && !isWhole(data.notRun, 1)) throw wrong('expected "notRun" to be a count');
  if (!Array.isArray(outcomes) || !outcomes.every(isObject)) throw wrong('expected "outcomes": a list of scenario outcomes');
  if (!Array.isArray(positions) || positions.length !== outcomes.length || !positions.every((p) => isWhole(p, 0)))
    throw wrong('expected "positions": one place per outcome');
  if (!isObject(timings) || !Array.isArray(timings.scenarios) || timings.scenarios.length !== outcomes.length)
    throw wrong('expected "timings": one per outcome');
  return data as unknown as ShardBlob;
}
