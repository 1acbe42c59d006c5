import { LICSIM_VERSION } from '../reports/io/runId.ts';
import type { ParamValue } from '../sweep/params.ts';
import { type PointResult, pointLoaded } from '../sweep/pointRun.ts';
import type { SweepSpec } from '../sweep/spec.ts';
import { type BlobHeader, checkHeader, isObject, isWhole } from './blobHeader.ts';
import type { SweepCommandOptions } from './commands/sweep.ts';
import { UsageError } from './errors.ts';
import { assignShards, instanceDays, type Shard, splitId } from './shard.ts';
import { licsimSourceHash } from './sweepCache.ts';

export const SWEEP_BLOB_SCHEMA = 'licsim/sweep-blob@1';

/** What `licsim merge` runs the sweep again with: the file and the options that decide its points (not where it writes). */
export type SweepInputs = { file: string } & Pick<SweepCommandOptions, (typeof SWEEP_INPUTS)[number]>;

/** The sweep command's options that decide its points: what a shard's blob keeps for the merge. */
export const SWEEP_INPUTS = ['policy', 'param', 'samples', 'sampling', 'seeds', 'metric'] as const;

/** The inputs of a sweep as given: the file, and each option of {@link SWEEP_INPUTS} given (a list, when not empty). */
export function sweepInputs(file: string, options: SweepCommandOptions): SweepInputs {
  const given = SWEEP_INPUTS.filter((k) => {
    const v = options[k];
    return v !== undefined && (!Array.isArray(v) || v.length > 0);
  });
  return { file, ...Object.fromEntries(given.map((k) => [k, options[k]])) };
}

/**
 * What `licsim sweep --shard i/n` writes for `licsim merge`: the runs (a point at a seed) of its share, each with its
 * place among every sweep of the file, and what the merge needs to finish the sweep (the file and the options).
 */
export interface SweepBlob extends BlobHeader {
  schema: typeof SWEEP_BLOB_SCHEMA;
  sweep: SweepInputs;
  /** Runs (points × seeds) of every sweep of the file. */
  runs: number;
  /** The place of each point, ascending. */
  positions: number[];
  points: PointResult[];
}

/** One run of a sweep: a point at a seed, of one of the file's sweeps. */
export interface SweepRun {
  spec: SweepSpec;
  values: Record<string, ParamValue>;
  seed: number;
}

/** The file a sweep shard writes: `licsim-sweep-blob-2-of-3.json`. */
export const sweepBlobName = (shard: Shard): string => `licsim-sweep-blob-${shard.index}-of-${shard.total}.json`;

/** Every run of the file's sweeps, in the order the report lists them: sweep, then point, then seed. */
export const sweepRuns = (specs: readonly SweepSpec[]): SweepRun[] =>
  specs.flatMap((spec) => spec.points.flatMap((p) => spec.seeds.map((seed) => ({ spec, values: p.values, seed }))));

/**
 * A shard's runs: every run costed by its instance-days (a sweep of the fleet's size has points of very different
 * cost), split as `licsim run --shard` splits scenarios (cli/shard.ts assignShards). The same file and options give
 * the same split on every machine.
 */
export function planSweepShard(runs: readonly SweepRun[], shard: Shard): { positions: number[]; split: string } {
  const costed = runs.map((r, i) => ({
    file: r.spec.file,
    name: `${r.spec.name}\u0000${i}`,
    cost: instanceDays(pointLoaded(r.spec, r.values, r.seed)),
  }));
  return { positions: assignShards(costed, shard.total)[shard.index - 1] ?? [], split: splitId(costed, 'instance-days') };
}

/** The blob of a sweep shard. */
export async function sweepBlob(
  shard: Shard,
  plan: { positions: number[]; split: string },
  inputs: { id: string; sweep: SweepInputs; runs: number },
  points: PointResult[],
): Promise<SweepBlob> {
  return {
    schema: SWEEP_BLOB_SCHEMA,
    licsim: LICSIM_VERSION,
    code: await licsimSourceHash(),
    shard,
    split: plan.split,
    inputs: inputs.id,
    sweep: inputs.sweep,
    runs: inputs.runs,
    positions: plan.positions,
    points,
  };
}

/** A sweep blob's data checked; anything else is a UsageError naming the file and what it lacks. */
export function readSweepBlob(json: unknown, file: string): SweepBlob {
  const data = checkHeader(json, file, SWEEP_BLOB_SCHEMA, 'licsim sweep --shard i/n');
  const wrong = (what: string) => new UsageError(`${file}: not a licsim blob (licsim sweep --shard i/n writes them): ${what}`);
  const { sweep, positions, points } = data;
  if (!isObject(sweep) || typeof sweep.file !== 'string') throw wrong('expected "sweep": the file swept and its options');
  if (!isWhole(data.runs, 1)) throw wrong('expected "runs": the count of every sweep’s runs');
  if (!Array.isArray(points) || !points.every(isObject)) throw wrong('expected "points": a list of point results');
  if (!Array.isArray(positions) || positions.length !== points.length || !positions.every((p) => isWhole(p, 0)))
    throw wrong('expected "positions": one place per point');
  return data as unknown as SweepBlob;
}
