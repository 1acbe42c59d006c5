import { createHash } from 'node:crypto';
import { partitionPlan } from '../engine/partition/partitionScenario.ts';
import type { ScenarioOutcome, SuiteResult } from '../engine/result.ts';
import { formatNumber } from '../reports/html/format.ts';
import { LICSIM_VERSION } from '../reports/io/runId.ts';
import { plural } from '../reports/plural.ts';
import type { Timings } from '../reports/types.ts';
import type { LoadedScenario } from '../scenarios/loader/resolveScenario.ts';
import { mergePartitions, type VariantShare } from '../scenarios/run/partitioned.ts';
import { type BlobHeader, blobPathIn, checkHeader, type Given, isObject, shardSetProblems } from './blobHeader.ts';
import { BlobLines, BlobWriter } from './blobLines.ts';
import { type RunOptions, suiteRunId } from './commands/run.ts';
import type { Colors } from './console/format.ts';
import { printable } from './console/printable.ts';
import { EXIT, UsageError } from './errors.ts';
import { selectScenarios } from './filters.ts';
import { cliIo } from './io.ts';
import { batchError, loadEach } from './loadAll.ts';
import { loadPolicyFile } from './loadFile.ts';
import { runPool, ScenarioCrash } from './pool/pool.ts';
import { markCounterexample } from './replay.ts';
import { type Shard, shardText } from './shard.ts';
import { licsimSourceHash } from './sweepCache.ts';

export const PARTITION_BLOB_SCHEMA = 'licsim/partition-blob@1';

/** The options of `licsim run` that decide which scenarios a partitioned run holds and what they do: what its blob keeps for the merge. */
export const PARTITION_INPUTS = ['seed', 'policy', 'only', 'grep', 'grepInvert', 'tag', 'backend'] as const;

/** The paths and the options of {@link PARTITION_INPUTS} given: what the merge loads the scenarios again with. */
export type PartitionInputs = { paths: string[] } & Partial<Pick<RunOptions, (typeof PARTITION_INPUTS)[number]>>;

/**
 * The first line of what `licsim run --partition i/n` writes for `licsim merge`: what the merge needs to judge the
 * partitions (the paths and options, to load the scenarios again) and the scenarios it ran, in the run's order.
 * A line per scenario follows ({@link PartitionLine}), so that the merge holds one scenario of each blob at a time.
 */
export interface PartitionBlob extends BlobHeader {
  schema: typeof PARTITION_BLOB_SCHEMA;
  run: PartitionInputs;
  scenarios: Array<{ file: string; name: string }>;
}

/** A scenario's line of a partition blob: what partition i of each of its variants saw (scenarios/run/partitioned.ts). */
export interface PartitionLine {
  seconds: number;
  variants: VariantShare[];
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
  options: { jobs?: number } = {},
): Promise<number> {
  const { scenarios, runId } = await loadRun(inputs);
  const file = await blobPathIn(out, partitionBlobName(p), p, '--partition');
  const started = performance.now();
  const backend = inputs.backend ?? 'compiled';
  const blob: PartitionBlob = {
    schema: PARTITION_BLOB_SCHEMA,
    licsim: LICSIM_VERSION,
    code: await licsimSourceHash(),
    shard: p,
    split: splitOf(scenarios, p.total),
    inputs: runId,
    run: inputs,
    scenarios: scenarios.map((s) => ({ file: s.file, name: s.name })),
  };
  // A line per scenario, in the run's order, written as soon as every scenario before it is written: the partition
  // holds only the shares of scenarios that ended early. Each runs on a worker whose heap is sized for its share.
  const writer = new BlobWriter(file);
  await writer.line(blob);
  let instances = 0;
  let whole = 0;
  const startedAt = scenarios.map(() => 0);
  const ended = new Map<number, PartitionLine>();
  let written = 0;
  let writing = Promise.resolve();
  const flush = async () => {
    for (let line = ended.get(written); line; line = ended.get(written)) {
      ended.delete(written);
      const s = scenarios[written] as LoadedScenario;
      written++;
      await writer.line(line);
      const mine = line.variants[0]?.run.result.scenario.instances ?? 0;
      const all = s.variants[0]?.scenario.fleet.reduce((n, g) => n + g.count, 0) ?? 0;
      instances += mine;
      whole += all;
      const counts = `(${formatNumber(mine)} of ${formatNumber(all)} instances) ${line.seconds.toFixed(1)} s`;
      write(`${c.dim(' ◦')} ${printable(s.name)} ${c.dim(counts)}`);
    }
  };
  try {
    await runPool(
      scenarios,
      {
        started: (i) => {
          startedAt[i] = performance.now();
        },
        progress: () => undefined,
        done: () => undefined,
        shares(i, variants) {
          ended.set(i, { seconds: Math.round(performance.now() - (startedAt[i] ?? started)) / 1000, variants });
          writing = writing.then(flush);
        },
      },
      { ...(options.jobs ? { concurrency: options.jobs } : {}), backend, partition: p },
    );
    await writing;
  } catch (error) {
    await writer.abandon();
    if (error instanceof ScenarioCrash) {
      const detail = error.detail.split('\n').map((l) => `${c.dim(printable(l))}\n`);
      cliIo().stderr.write(`${c.red('licsim crashed')} while running ${printable(error.message)}\n${detail.join('')}`);
      return EXIT.crashed;
    }
    throw error;
  }
  await writer.done();
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

/** A partition blob's first line checked (cli/blobLines.ts readBlobHead); else a UsageError naming the file and what it lacks. */
export function readPartitionBlob(json: unknown, file: string): PartitionBlob {
  const data = checkHeader(json, file, PARTITION_BLOB_SCHEMA, 'licsim run --partition i/n');
  const wrong = (what: string) => new UsageError(`${file}: not a licsim blob (licsim run --partition i/n writes them): ${what}`);
  const { run, scenarios } = data;
  if (!isObject(run) || !Array.isArray(run.paths) || !run.paths.every((p) => typeof p === 'string'))
    throw wrong('expected "run": { paths, … }, the paths and options of the run');
  if (!Array.isArray(scenarios) || !scenarios.every((s) => isObject(s) && typeof s.name === 'string'))
    throw wrong('expected "scenarios": the file and name of each scenario it ran');
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
  for (const { file, blob } of blobs)
    if (blob.scenarios.length !== scenarios.length || blob.scenarios.some((held, i) => held.name !== scenarios[i]?.name))
      throw new UsageError(`${file}: holds other scenarios than ${ref.run.paths.join(', ')} does now`);
  // Streamed: one scenario of every blob at a time, merged, then let go (the merged outcomes are the report's).
  const readers: BlobLines[] = [];
  const outcomes: ScenarioOutcome[] = [];
  const seconds: number[] = [];
  try {
    for (const { file } of blobs) readers.push(await BlobLines.open(file));
    for (const [i, s] of scenarios.entries()) {
      const lines: PartitionLine[] = [];
      for (const r of readers) {
        const line = await r.next();
        if (!isObject(line) || !Array.isArray(line.variants) || line.variants.length !== s.variants.length)
          throw new UsageError(`${r.file}: line ${i + 2} holds no share of every variant of scenario "${s.name}"`);
        lines.push(line as unknown as PartitionLine);
      }
      const outcome = mergePartitions(
        s,
        lines.map((l) => l.variants),
        { backend: ref.run.backend ?? 'compiled' },
      );
      outcomes.push(saved.has(s.file) ? markCounterexample(outcome) : outcome);
      seconds.push(Math.round(lines.reduce((n, l) => n + (typeof l.seconds === 'number' ? l.seconds : 0), 0) * 1000) / 1000);
    }
  } finally {
    for (const r of readers) r.close();
  }
  const timings: Timings = {
    schema: 'licsim/timings@1',
    seconds: Math.round(seconds.reduce((a, b) => a + b, 0) * 1000) / 1000,
    scenarios: scenarios.map((s, i) => ({ file: s.file, name: s.name, seconds: seconds[i] ?? 0 })),
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
const PARTITION_OWN = ['partition', 'out', 'color', 'jobs'];

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
        '(it takes --seed, --policy, --only, --grep, --grep-invert, --tag, --backend, --jobs and --out; ' +
        'licsim merge gives the verdicts and the report)',
    );
  return { paths, ...Object.fromEntries(PARTITION_INPUTS.filter((k) => opts[k] !== undefined).map((k) => [k, opts[k]])) };
}
