import type { ScenarioOutcome, SuiteResult } from '../engine/result.ts';
import type { Timings } from '../reports/types.ts';
import type { ShardBlob } from './blob.ts';
import { type Given, shardSetProblems } from './blobHeader.ts';
import { UsageError } from './errors.ts';
import { shardText } from './shard.ts';

/** A suite blob and the file it was read from (what every message names). */
export type GivenBlob = Given<ShardBlob>;

/** The whole run, put back together: what an unsharded `licsim run` would have reported. */
export interface MergedRun {
  suite: SuiteResult;
  timings: Timings;
  /** The whole run's id (the blobs' `inputs`), so every file of the merged report carries the unsharded run's. */
  runId: string;
}

/**
 * Puts the shards of one run back together after checking them: all of one licsim version, inputs, shard count and
 * split, and every shard 1..n given exactly once. Every problem is reported at once (a UsageError naming each blob).
 * The outcomes go back to their places in the whole run, so results.json is the unsharded run's, byte for byte.
 */
export function mergeBlobs(given: readonly GivenBlob[]): MergedRun {
  const [first] = given;
  if (!first) throw new UsageError('no blobs given (licsim run --shard i/n writes them)');
  const ref = first.blob;
  const problems = shardSetProblems(
    given,
    {
      inputs: 'every shard must load the same scenarios with the same --seed and --only',
      split: 'every shard must split by the same costs (--shard-costs)',
    },
    (b) => `${b.split} (${b.costSource})`,
  );
  if (problems.length) throw new UsageError(`cannot merge ${given.length} blob${given.length > 1 ? 's' : ''}`, problems);
  const outcomes = new Array<ScenarioOutcome | undefined>(ref.scenarios);
  const seconds = new Array<Timings['scenarios'][number] | undefined>(ref.scenarios);
  for (const { file, blob } of given)
    for (const [k, place] of blob.positions.entries()) {
      if (place >= ref.scenarios || outcomes[place])
        throw new UsageError(`${file}: shard ${shardText(blob.shard)} places a scenario at ${place}, which is taken or beyond the run`);
      outcomes[place] = blob.outcomes[k];
      seconds[place] = blob.timings.scenarios[k];
    }
  const placed = outcomes.filter((o): o is ScenarioOutcome => o !== undefined);
  // Scenarios a shard's --bail or --max-failures kept from starting are counted, as an unsharded run counts them.
  const notRun = given.reduce((n, g) => n + (g.blob.notRun ?? 0), 0);
  if (placed.length + notRun !== ref.scenarios)
    throw new UsageError(
      `the blobs hold ${placed.length} of the run's ${ref.scenarios} scenarios and say ${notRun} did not run (a blob was edited?)`,
    );
  const suite: SuiteResult = {
    schema: 'licsim/suite-result@1',
    passed: placed.every((o) => o.passed),
    scenarios: placed,
    ...(ref.filtered === undefined ? {} : { filtered: ref.filtered }),
    ...(notRun ? { notRun } : {}),
  };
  const timings: Timings = {
    schema: 'licsim/timings@1',
    // Shards run side by side: the run took as long as its longest shard.
    seconds: Math.max(...given.map((g) => g.blob.timings.seconds)),
    scenarios: seconds.filter((t): t is Timings['scenarios'][number] => t !== undefined),
  };
  return { suite, timings, runId: ref.inputs };
}
