import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import pc from 'picocolors';
import type { SuiteResult } from '../../engine/result.ts';
import { ReportFolder, type Timings } from '../../reports/index.ts';
import { BLOB_SCHEMA, suiteBlob } from '../blob.ts';
import { isObject } from '../blobHeader.ts';
import { readBlobHead } from '../blobLines.ts';
import { scenarioLine, totals, verdictLines } from '../console/format.ts';
import { printable } from '../console/printable.ts';
import { EXIT, outDirUsage, UsageError } from '../errors.ts';
import { FUZZ_BLOB_SCHEMA, readFuzzBlob } from '../fuzzShard.ts';
import { cliIo, publishingIo } from '../io.ts';
import { type GivenBlob, mergeBlobs } from '../mergeBlobs.ts';
import { mergePartitionBlobs, PARTITION_BLOB_SCHEMA, readPartitionBlob } from '../partitionRun.ts';
import { checkCostsPath, writeShardCosts } from '../shardCosts.ts';
import { readSweepBlob, SWEEP_BLOB_SCHEMA } from '../sweepShard.ts';
import { mergeFuzz } from './fuzz.ts';
import { checkReportUrl } from './run.ts';
import { mergeSweep } from './sweep.ts';

export interface MergeOptions {
  out: string;
  /** Write into an --out folder holding files licsim did not write. */
  force?: boolean;
  /** Where the report folder is published (as `licsim run --report-url`). */
  reportUrl?: string;
  /** Also write the merged run's costs for later splits (as `licsim run --write-shard-costs`). */
  writeShardCosts?: string;
  color: boolean;
}

/** A kind of blob `licsim merge` puts together: its schema, the command that writes it, and its merge. */
interface BlobKind {
  schema: string;
  made: string;
  /** Options only this kind takes (given with another kind, they are usage errors). */
  options: ReadonlyArray<keyof MergeOptions>;
  merge(given: ReadonlyArray<{ file: string; json: unknown }>, options: MergeOptions): Promise<number>;
}

/** Every kind of blob, by its schema: a suite's shards, a sweep's and a fuzz campaign's. */
const BLOB_KINDS: readonly BlobKind[] = [
  {
    schema: BLOB_SCHEMA,
    made: 'licsim run --shard i/n',
    options: ['reportUrl', 'writeShardCosts'],
    merge: (given, options) =>
      mergeSuite(
        given.map(({ file, json }) => ({ file, blob: suiteBlob(json, file) })),
        options,
      ),
  },
  {
    schema: PARTITION_BLOB_SCHEMA,
    made: 'licsim run --partition i/n',
    options: ['reportUrl', 'writeShardCosts'],
    merge: async (given, options) => {
      const merged = await mergePartitionBlobs(given.map(({ file, json }) => ({ file, blob: readPartitionBlob(json, file) })));
      return writeMergedSuite(merged, `${merged.partitions} partition${merged.partitions > 1 ? 's' : ''}`, options);
    },
  },
  {
    schema: SWEEP_BLOB_SCHEMA,
    made: 'licsim sweep --shard i/n',
    options: [],
    merge: (given, options) =>
      mergeSweep(
        given.map(({ file, json }) => ({ file, blob: readSweepBlob(json, file) })),
        options,
      ),
  },
  {
    schema: FUZZ_BLOB_SCHEMA,
    made: 'licsim fuzz --shard i/n',
    options: [],
    merge: (given, options) =>
      mergeFuzz(
        given.map(({ file, json }) => ({ file, blob: readFuzzBlob(json, file) })),
        options,
      ),
  },
];

const FLAGS: Partial<Record<keyof MergeOptions, string>> = { reportUrl: '--report-url', writeShardCosts: '--write-shard-costs' };

/**
 * `licsim merge <blobs…>`: reads the blobs, checks that they are of one kind (a suite's `licsim run --shard`, a
 * sweep's or a fuzz campaign's `--shard`), and hands them to that kind's merge, which checks that they are every
 * shard of one split and writes the whole report (a suite's results.json is the unsharded run's).
 * Exit 0 when every expectation holds, 1 when any fails, 2 on bad blobs or usage.
 */
export async function mergeCommand(files: string[], options: MergeOptions): Promise<number> {
  const given: Array<{ file: string; json: unknown }> = [];
  for (const file of await blobFiles(files)) given.push({ file, json: await readBlobHead(file) });
  const [first] = given;
  if (!first) throw new UsageError(`no blobs given (${BLOB_KINDS.map((k) => k.made).join(', ')} write them)`);
  const schemaOf = (json: unknown) => (isObject(json) && typeof json.schema === 'string' ? json.schema : undefined);
  const kindOf = (g: { file: string; json: unknown }) => {
    const kind = BLOB_KINDS.find((k) => k.schema === schemaOf(g.json));
    if (!kind)
      throw new UsageError(
        `${g.file}: not a licsim blob: expected "schema": one of ${BLOB_KINDS.map((k) => `"${k.schema}" (${k.made})`).join(', ')}`,
      );
    return kind;
  };
  const kind = kindOf(first);
  const others = given.filter((g) => kindOf(g) !== kind);
  if (others.length)
    throw new UsageError(
      `cannot merge blobs of different kinds: ${first.file} is ${kind.made}'s`,
      others.map((g) => `${g.file} is ${kindOf(g).made}'s`),
    );
  for (const key of Object.keys(FLAGS) as Array<keyof MergeOptions>)
    if (options[key] !== undefined && !kind.options.includes(key))
      throw new UsageError(`${FLAGS[key]}: only for the blobs of licsim run --shard or --partition i/n; these are ${kind.made}'s`);
  return kind.merge(given, options);
}

/**
 * The merge of a suite's shards (cli/mergeBlobs.ts): writes the whole run's report through the same report folder
 * `licsim run` uses, so its results.json is the unsharded run's.
 */
async function mergeSuite(given: GivenBlob[], options: MergeOptions): Promise<number> {
  const merged = mergeBlobs(given);
  const shards = given[0]?.blob.shard.total ?? 0;
  return writeMergedSuite(merged, `${shards} shard${shards > 1 ? 's' : ''}`, options);
}

/** Writes a merged suite's report (`pieces`: what was merged, for the console) and says how it went, as `licsim run` does. */
async function writeMergedSuite(
  merged: { suite: SuiteResult; timings: Timings; runId: string },
  pieces: string,
  options: MergeOptions,
): Promise<number> {
  const c = pc.createColors(options.color);
  if (options.reportUrl !== undefined) checkReportUrl(options.reportUrl);
  if (options.writeShardCosts !== undefined) await checkCostsPath(options.writeShardCosts);
  const { suite, timings, runId } = merged;
  const folder = await outDirUsage(ReportFolder.open(options.out, { force: options.force ?? false }));
  let report: string;
  try {
    await outDirUsage(folder.begin(runId));
    const reportOptions = {
      runId,
      timings,
      ...publishingIo(),
      ...(options.reportUrl === undefined ? {} : { reportUrl: options.reportUrl }),
    };
    report = (await outDirUsage(folder.write(suite, reportOptions))).html;
  } finally {
    await folder.release();
  }
  for (const w of folder.warnings) cliIo().stderr.write(`${c.yellow('licsim:')} ${printable(w)}\n`);
  if (options.writeShardCosts !== undefined) await writeShardCosts(options.writeShardCosts, suite.scenarios);
  cliIo().stdout.write(` ${c.bold('Merged')}        ${pieces}\n`);
  // The failures again, as the shards printed them, so the merge job's log has them all in one place.
  for (const [i, o] of suite.scenarios.entries()) {
    if (o.passed) continue;
    cliIo().stdout.write(`${scenarioLine(o, c, timings.scenarios[i]?.seconds)}\n`);
    for (const v of o.verdicts) if (!v.passed) for (const line of verdictLines(v, c)) cliIo().stdout.write(`${line}\n`);
  }
  for (const line of totals(suite.scenarios, c, timings.seconds).slice(1)) cliIo().stdout.write(`${line}\n`);
  cliIo().stdout.write(` ${c.bold('Report')}        ${printable(report)}\n`);
  return suite.passed ? EXIT.passed : EXIT.failed;
}

const BLOB_FILE = /^licsim-(?:sweep-|fuzz-|partition-)?blob-\d+-of-\d+\.json$/;

/**
 * The blobs named: a file as it is, a folder as the blobs in it (`licsim-blob-<i>-of-<n>.json`, and the sweep's and
 * fuzz campaign's `licsim-sweep-blob-…`, `licsim-fuzz-blob-…`, in name order).
 */
async function blobFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const folder = await stat(path).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!folder) files.push(path);
    else for (const name of (await readdir(path)).filter((n) => BLOB_FILE.test(n)).sort()) files.push(join(path, name));
  }
  return files;
}
