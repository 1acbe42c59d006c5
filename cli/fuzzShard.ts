import type { SliceFuzz } from '../fuzz/mergeSlices.ts';
import type { Replayed } from '../fuzz/report.ts';
import { LICSIM_VERSION } from '../reports/io/runId.ts';
import { type BlobHeader, checkHeader, isObject } from './blobHeader.ts';
import { UsageError } from './errors.ts';
import type { Shard } from './shard.ts';
import { licsimSourceHash } from './sweepCache.ts';

export const FUZZ_BLOB_SCHEMA = 'licsim/fuzz-blob@1';

/** The campaign as the command line gave it: what every counterexample's header and the report say. */
export interface FuzzCampaign {
  seed: number;
  /** `--runs 200`, `--time 60s`, with ` --all` when given. */
  budget: string;
}

/**
 * What `licsim fuzz --shard i/n` writes for `licsim merge`: every scenario as this share searched it (its share of the
 * generated variants, fuzz/search.ts SearchSlice), and, from shard 1, the saved counterexamples it replayed.
 */
export interface FuzzBlob extends BlobHeader {
  schema: typeof FUZZ_BLOB_SCHEMA;
  campaign: FuzzCampaign;
  /** Verification files skipped (the console says so once, at the merge). */
  skipped: string[];
  /** Shard 1's replays of the saved counterexamples (empty in the others). */
  replayed: Replayed[];
  scenarios: SliceFuzz[];
}

/** The file a fuzz shard writes: `licsim-fuzz-blob-2-of-3.json`. */
export const fuzzBlobName = (shard: Shard): string => `licsim-fuzz-blob-${shard.index}-of-${shard.total}.json`;

/** A fuzz campaign's split: the generated variants dealt round robin, the same for every campaign of `total` shards. */
export const fuzzSplit = (total: number): string => `variants round robin over ${total}`;

/** The blob of a fuzz shard. */
export async function fuzzBlob(
  shard: Shard,
  inputs: string,
  campaign: FuzzCampaign,
  found: { skipped: string[]; replayed: Replayed[]; scenarios: SliceFuzz[] },
): Promise<FuzzBlob> {
  return {
    schema: FUZZ_BLOB_SCHEMA,
    licsim: LICSIM_VERSION,
    code: await licsimSourceHash(),
    shard,
    split: fuzzSplit(shard.total),
    inputs,
    campaign,
    ...found,
  };
}

/** A fuzz blob's data checked; anything else is a UsageError naming the file and what it lacks. */
export function readFuzzBlob(json: unknown, file: string): FuzzBlob {
  const data = checkHeader(json, file, FUZZ_BLOB_SCHEMA, 'licsim fuzz --shard i/n');
  const wrong = (what: string) => new UsageError(`${file}: not a licsim blob (licsim fuzz --shard i/n writes them): ${what}`);
  const { campaign, scenarios } = data;
  if (!isObject(campaign) || typeof campaign.seed !== 'number' || typeof campaign.budget !== 'string')
    throw wrong('expected "campaign": { seed, budget }');
  if (!Array.isArray(data.skipped) || !Array.isArray(data.replayed)) throw wrong('expected "skipped" and "replayed"');
  if (!Array.isArray(scenarios) || !scenarios.every((s) => isObject(s) && isObject(s.fuzz) && Array.isArray(s.names)))
    throw wrong('expected "scenarios": each scenario as the shard fuzzed it');
  return data as unknown as FuzzBlob;
}
