import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScenarioOutcome } from '../engine/result.ts';
import { writeFileAtomic } from '../reports/io/atomicWrite.ts';
import { creatableAt, mkdirBelow } from '../reports/io/fileSystems.ts';
import { REPORT_FILES } from '../reports/io/layout.ts';
import { LICSIM_VERSION } from '../reports/io/runId.ts';
import type { Timings } from '../reports/types.ts';
import { outDirUsage, UsageError } from './errors.ts';
import { type Shard, type ShardPlan, shardText } from './shard.ts';

export const BLOB_SCHEMA = 'licsim/shard-blob@1';

/**
 * What `licsim run --shard i/n` writes for `licsim merge`: the shard's outcomes exactly as results.json holds them,
 * where each goes in the whole run, its timings, and what merge checks (the shard, the split, the inputs, the version).
 */
export interface ShardBlob {
  schema: typeof BLOB_SCHEMA;
  /** licsim's version (package.json). */
  licsim: string;
  shard: Shard;
  /** The split's identity (cli/shard.ts splitId) and where its costs came from. */
  split: string;
  costSource: string;
  /** The whole run's id (reports/io/runId.ts over the loaded scenarios, --seed and --only): what an unsharded run carries. */
  inputs: string;
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

/** The folder a shard writes its blob to when `--out` is not given. */
export const BLOB_DIR = 'licsim-blob';

/** The blob of a shard's run. */
export function shardBlob(
  plan: ShardPlan,
  inputs: string,
  outcomes: ScenarioOutcome[],
  timings: Timings,
  counts: { filtered: number | undefined; notRun: number },
): ShardBlob {
  return {
    schema: BLOB_SCHEMA,
    licsim: LICSIM_VERSION,
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

/**
 * Checks, before anything runs, that the blob can be written into `out` (a folder, made if missing, on an ordinary
 * file system, writable, not a report folder: a blob there would be a file licsim's report did not write). Exit 2 naming `--out`.
 */
export async function blobPath(out: string, shard: Shard): Promise<string> {
  const file = join(out, blobName(shard));
  const { base, missing } = await outDirUsage(creatableAt(file, '--out', out));
  const manifest = await readFile(join(out, REPORT_FILES.manifest)).then(
    () => true,
    () => false,
  );
  if (manifest)
    throw new UsageError(
      `--out ${out} is a report folder (licsim run wrote it); ` +
        `--shard ${shardText(shard)} writes its blob to a folder of its own, such as --out ${BLOB_DIR}`,
    );
  await mkdirBelow(base, missing);
  return file;
}

/** Writes a blob (atomically: a reader sees no blob or the whole one). */
export async function writeBlob(file: string, blob: ShardBlob): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(blob)}\n`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isWhole = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= min;

/** Reads a blob `licsim run --shard` wrote; anything else is a UsageError naming the file and what it lacks. */
export async function readBlob(file: string): Promise<ShardBlob> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: ${code ? `cannot read it (${code})` : `not a licsim blob: not JSON (${(error as Error).message})`}`);
  }
  const wrong = (what: string) => new UsageError(`${file}: not a licsim blob (licsim run --shard i/n writes them): ${what}`);
  if (!isObject(data) || data.schema !== BLOB_SCHEMA) throw wrong(`expected "schema": "${BLOB_SCHEMA}"`);
  const { shard, positions, outcomes, timings } = data;
  if (typeof data.licsim !== 'string') throw wrong('expected "licsim": its version');
  if (!isObject(shard) || !isWhole(shard.total, 1) || !isWhole(shard.index, 1) || shard.index > shard.total)
    throw wrong('expected "shard": { index, total } with 1 ≤ index ≤ total');
  if (typeof data.split !== 'string' || typeof data.inputs !== 'string' || typeof data.costSource !== 'string')
    throw wrong('expected "split", "costSource" and "inputs"');
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

/** `--out` of a shard: as given, else {@link BLOB_DIR} (licsim-report is a report folder's default, not a blob's). */
export function shardOut(opts: { shard?: Shard }, command: { getOptionValueSource(key: string): string | undefined }): { out?: string } {
  return opts.shard && command.getOptionValueSource('out') === 'default' ? { out: BLOB_DIR } : {};
}
