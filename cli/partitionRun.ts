import { createHash } from 'node:crypto';
import { partitionPlan } from '../engine/partition/partitionScenario.ts';
import type { ScenarioOutcome, SuiteResult } from '../engine/result.ts';
import { formatNumber } from '../reports/html/format.ts';
import { LICSIM_VERSION } from '../reports/io/runId.ts';
import { plural } from '../reports/plural.ts';
import type { Timings } from '../reports/types.ts';
import type { LoadedScenario } from '../scenarios/loader/resolveScenario.ts';
import { mergePartitions, runLoadedPartition, type VariantShare } from '../scenarios/run/partitioned.ts';
import { type BlobHeader, blobPathIn, checkHeader, type Given, isObject, shardSetProblems, writeBlobFile } from './blobHeader.ts';
import { type RunOptions, suiteRunId } from './commands/run.ts';
import type { Colors } from './console/format.ts';
import { printable } from './console/printable.ts';
import { UsageError } from './errors.ts';
import { selectScenarios } from './filters.ts';
import { batchError, loadEach } from './loadAll.ts';
import { loadPolicyFile } from './loadFile.ts';
import { markCounterexample } from './replay.ts';
import { type Shard, shardText } from './shard.ts';
import { licsimSourceHash } from './sweepCache.ts';

export const PARTITION_BLOB_SCHEMA = 'licsim/partition-blob@1';

/** The options of `licsim run` that decide which scenarios a partitioned run holds and what they do: what its blob keeps for the merge. */
export const PARTITION_INPUTS = ['seed', 'policy', 'only', 'grep', 'grepInvert', 'tag', 'backend'] as const;

/** The paths and the options of {@link PARTITION_INPUTS} given: what the merge loads the scenarios again with. */
export type PartitionInputs = { paths: string[] } & Partial<Pick<RunOptions, (typeof PARTITION_INPUTS)[number]>>;

/**
 * What `licsim run --partition i/n` writes for `licsim merge`: per scenario (in the run's order), what partition i
 * of each of its variants saw (engine/partition/share.ts, scenarios/run/partitioned.ts), and what the merge needs to
 * judge them: the paths and options, to load the scenarios again.
 */
export interface PartitionBlob extends BlobHeader {
  schema: typeof PARTITION_BLOB_SCHEMA;
  run: PartitionInputs;
  scenarios: Array<{ file: string; name: string; seconds: number; variants: VariantShare[] }>;
}

/** The file a partition writes: `licsim-partition-blob-2-of-3.json`. */
export const partitionBlobName = (p: Shard): string => `licsim-partition-blob-${p.index}-of-${p.total}.json`;

/** The scenarios a partitioned run (or its merge) holds, as `licsim run` loads and picks them, and the run's id. */
async function loadRun(
  inputs: PartitionInputs,
): Promise<{ scenarios: LoadedScenario[]; saved: Set<string>; runId: string; filtered?: number }> {
  const policy = inputs.policy === undefined ? undefined : await loadPolicyFile(inputs.policy);
  const loaded = await loadEach(inputs.paths, {
    ...(inputs.seed === undefined ? {} : { seed: inputs.seed }),
    ...(policy ? { policy } : {}),
    replay: true,
  });
  const invalid = batchError(loaded);
  if (invalid) throw invalid;
  if (!loaded.scenarios.length) throw new UsageError(`no scenarios to run in ${inputs.paths.join(', ')}`);
  const selection = selectScenarios(loaded.scenarios, {
    ...(inputs.only ? { only: inputs.only } : {}),
    ...(inputs.grep === undefined ? {} : { grep: inputs.grep, grepInvert: inputs.grepInvert === true }),
    ...(inputs.tag ? { tags: inputs.tag } : {}),
    lastFailed: null,
  });
  const runId = suiteRunId(selection.scenarios, inputs, selection.said);
  return {
    scenarios: selection.scenarios,
    saved: new Set(loaded.counterexamples),
    runId,
    ...(selection.said.length ? { filtered: selection.filtered } : {}),
  };
}

/** The split's identity: every scenario's units per partition (the same scenarios split the same way on every machine). */
function splitOf(scenarios: readonly LoadedScenario[], total: number): string {
  const parts = scenarios.map((s) => s.variants.map((v) => partitionPlan(v.scenario, total).parts));
  return `units:${createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16)}`;
}

/**
 * `licsim run <paths> --partition i/n`: runs partition i of every scenario (the instances of the units assigned to
 * it, engine/partition/) in this process, and writes what it saw to its blob in `out`. It judges nothing: the
 * verdicts come from `licsim merge`, which puts every partition's blob together (exit 0 unless the input is bad).
 */
export async function partitionRunCommand(
  inputs: PartitionInputs,
  p: Shard,
  out: string,
  c: Colors,
  write: (line: string) => void,
): Promise<number> {
  const { scenarios, runId } = await loadRun(inputs);
  const file = await blobPathIn(out, partitionBlobName(p), p, '--partition');
  const started = performance.now();
  const backend = inputs.backend ?? 'compiled';
  const ran: PartitionBlob['scenarios'] = [];
  let instances = 0;
  let whole = 0;
  for (const s of scenarios) {
    const t0 = performance.now();
    const variants = runLoadedPartition(s, p, { backend });
    const seconds = Math.round(performance.now() - t0) / 1000;
    ran.push({ file: s.file, name: s.name, seconds, variants });
    const [first] = variants;
    const mine = first?.run.result.scenario.instances ?? 0;
    const all = s.variants[0]?.scenario.fleet.reduce((n, g) => n + g.count, 0) ?? 0;
    instances += mine;
    whole += all;
    write(
      `${c.dim(' ◦')} ${printable(s.name)} ${c.dim(`(${formatNumber(mine)} of ${formatNumber(all)} instances) ${seconds.toFixed(1)} s`)}`,
    );
  }
  const blob: PartitionBlob = {
    schema: PARTITION_BLOB_SCHEMA,
    licsim: LICSIM_VERSION,
    code: await licsimSourceHash(),
    shard: p,
    split: splitOf(scenarios, p.total),
    inputs: runId,
    run: inputs,
    scenarios: ran,
  };
  await writeBlobFile(file, blob);
  const seconds = (performance.now() - started) / 1000;
  write('');
  write(
    ` ${c.bold('Partition')}     ${shardText(p)}: ${formatNumber(instances)} of ${formatNumber(whole)} instances ` +
      `of ${plural(scenarios.length, 'scenario')}`,
  );
  write(` ${c.bold('Duration')}      ${seconds.toFixed(1)} s`);
  write(` ${c.bold('Blob')}          ${printable(file)} (licsim merge puts the partitions together and gives the verdicts)`);
  return 0;
}

/** A partition blob's data checked (after readBlobJson); anything else is a UsageError naming the file and what it lacks. */
export function readPartitionBlob(json: unknown, file: string): PartitionBlob {
  const data = checkHeader(json, file, PARTITION_BLOB_SCHEMA, 'licsim run --partition i/n');
  const wrong = (what: string) => new UsageError(`${file}: not a licsim blob (licsim run --partition i/n writes them): ${what}`);
  const { run, scenarios } = data;
  if (!isObject(run) || !Array.isArray(run.paths) || !run.paths.every((p) => typeof p === 'string'))
    throw wrong('expected "run": { paths, … }, the paths and options of the run');
  if (!Array.isArray(scenarios) || !scenarios.every((s) => isObject(s) && typeof s.name === 'string' && Array.isArray(s.variants)))
    throw wrong('expected "scenarios": per scenario its name and the shares of its variants');
  return data as unknown as PartitionBlob;
}

/**
 * The merge of a run's partitions: checks they are every partition of one split of the same inputs, loads the
 * scenarios again from the paths the blobs name (in this checkout: it must hold the same files, which the run id
 * checks), and judges each scenario from the merged shares. The suite and timings `licsim run` would give whole.
 */
export async function mergePartitionBlobs(
  given: readonly Given<PartitionBlob>[],
): Promise<{ suite: SuiteResult; timings: Timings; runId: string; partitions: number }> {
  const problems = shardSetProblems(
    given,
    {
      inputs: 'merge the partitions of one run (the same scenario files, --seed, --policy and filters)',
      split: 'merge the partitions of one split (the same scenarios split the same way)',
    },
    (b) => b.split,
    { noun: 'partition', flag: '--partition' },
  );
  if (problems.length)
    throw new UsageError(`these blobs are not every partition of one run (${plural(problems.length, 'problem')})`, problems);
  const blobs = [...given].sort((a, b) => a.blob.shard.index - b.blob.shard.index);
  const ref = (blobs[0] as Given<PartitionBlob>).blob;
  const { scenarios, saved, runId, filtered } = await loadRun(ref.run);
  if (runId !== ref.inputs)
    throw new UsageError(
      `the scenarios in ${ref.run.paths.join(', ')} are not those the partitions ran (run id ${runId}, the blobs' ${ref.inputs}): ` +
        'merge in a checkout with the same scenario files',
    );
  const outcomes: ScenarioOutcome[] = scenarios.map((s, i) => {
    const parts = blobs.map(({ file, blob }) => {
      const held = blob.scenarios[i];
      if (!held || held.name !== s.name || held.variants.length !== s.variants.length)
        throw new UsageError(`${file}: holds no share of scenario "${s.name}" at place ${i + 1}`);
      return held.variants;
    });
    const outcome = mergePartitions(s, parts, { backend: ref.run.backend ?? 'compiled' });
    return saved.has(s.file) ? markCounterexample(outcome) : outcome;
  });
  const seconds = (i: number) => blobs.reduce((n, b) => n + (b.blob.scenarios[i]?.seconds ?? 0), 0);
  const timings: Timings = {
    schema: 'licsim/timings@1',
    seconds: Math.round(scenarios.reduce((n, _, i) => n + seconds(i), 0) * 1000) / 1000,
    scenarios: scenarios.map((s, i) => ({ file: s.file, name: s.name, seconds: Math.round(seconds(i) * 1000) / 1000 })),
  };
  const suite: SuiteResult = {
    schema: 'licsim/suite-result@1',
    passed: outcomes.every((o) => o.passed),
    scenarios: outcomes,
    ...(filtered === undefined ? {} : { filtered }),
  };
  return { suite, timings, runId, partitions: ref.shard.total };
}

/** The options `--partition` takes besides those of {@link PARTITION_INPUTS}. */
const PARTITION_OWN = ['partition', 'out', 'color'];

/**
 * The inputs of `licsim run --partition` from the command line; any other option given is a usage error naming it (a
 * partition judges nothing and writes no report: what the others do belongs to the merge, or to a whole run).
 */
export function partitionInputs(
  paths: string[],
  opts: Record<string, unknown>,
  command: { options: ReadonlyArray<{ long?: string; attributeName(): string }>; getOptionValueSource(key: string): string | undefined },
): PartitionInputs {
  const allowed = new Set<string>([...PARTITION_INPUTS, ...PARTITION_OWN]);
  const refused = command.options.filter(
    (o) => command.getOptionValueSource(o.attributeName()) === 'cli' && !allowed.has(o.attributeName()),
  );
  if (refused.length)
    throw new UsageError(
      `${refused.map((o) => o.long).join(', ')}: not with --partition i/n, which runs a part of each scenario and judges nothing ` +
        '(it takes --seed, --policy, --only, --grep, --grep-invert, --tag, --backend and --out; ' +
        'licsim merge gives the verdicts and the report)',
    );
  return { paths, ...Object.fromEntries(PARTITION_INPUTS.filter((k) => opts[k] !== undefined).map((k) => [k, opts[k]])) };
}
