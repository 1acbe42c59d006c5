import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import pc from 'picocolors';
import { ReportFolder } from '../../reports/index.ts';
import { readBlob } from '../blob.ts';
import { scenarioLine, totals, verdictLines } from '../console/format.ts';
import { printable } from '../console/printable.ts';
import { EXIT, outDirUsage } from '../errors.ts';
import { cliIo, publishingIo } from '../io.ts';
import { type GivenBlob, mergeBlobs } from '../mergeBlobs.ts';
import { checkCostsPath, writeShardCosts } from '../shardCosts.ts';
import { checkReportUrl } from './run.ts';

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

/**
 * `licsim merge <blobs…>`: checks that the blobs are every shard of one split run (cli/mergeBlobs.ts) and writes the
 * whole run's report through the same report folder `licsim run` uses: its results.json is the unsharded run's.
 * Exit 0 when every expectation holds, 1 when any fails, 2 on bad blobs or usage.
 */
export async function mergeCommand(files: string[], options: MergeOptions): Promise<number> {
  const c = pc.createColors(options.color);
  if (options.reportUrl !== undefined) checkReportUrl(options.reportUrl);
  if (options.writeShardCosts !== undefined) await checkCostsPath(options.writeShardCosts);
  const given: GivenBlob[] = [];
  for (const file of await blobFiles(files)) given.push({ file, blob: await readBlob(file) });
  const { suite, timings, runId } = mergeBlobs(given);
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
  const shards = given[0]?.blob.shard.total ?? 0;
  cliIo().stdout.write(` ${c.bold('Merged')}        ${shards} shard${shards > 1 ? 's' : ''}\n`);
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

const BLOB_FILE = /^licsim-blob-\d+-of-\d+\.json$/;

/** The blobs named: a file as it is, a folder as the blobs in it (`licsim-blob-<i>-of-<n>.json`, in name order). */
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
