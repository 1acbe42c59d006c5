/**
 * One measurement of the report bench in its own process, so its peak memory
 * is its own: `suiteChild.ts run|report <scenarios> <work folder> <checkout>`.
 * `run` writes the suite file (suiteFile.ts) and runs `licsim run` on it as the
 * command does (simulation on worker threads, then the report) into
 * `<work>/report`; `report` re-renders that run's results.json into
 * `<work>/rerender`: the report pipeline alone. `<checkout>` is the licsim
 * whose command and reports run (this one, or a baseline worktree).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RunOptions } from '../../cli/commands/run.ts';
import type { SuiteResult } from '../../engine/result.ts';
import { suiteFile } from './suiteFile.ts';

/** What the parent receives. */
export interface SuiteMeasurement {
  mode: 'run' | 'report';
  scenarios: number;
  wallSeconds: number;
  peakRssMiB: number;
  indexBytes: number;
  reportBytes: number;
  files: number;
  exitCode: number;
}

/** Bytes and number of the files below `dir` (not following links). */
async function folderSize(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    bytes += (await lstat(join(e.parentPath, e.name))).size;
    files++;
  }
  return { bytes, files };
}

const [mode, count, work, root] = process.argv.slice(2) as [SuiteMeasurement['mode'], string, string, string];
const scenarios = Number(count);
const load = <T>(rel: string): Promise<T> => import(pathToFileURL(join(root, rel)).href) as Promise<T>;
const out = join(work, mode === 'run' ? 'report' : 'rerender');
let exitCode = 0;
let started: number;
if (mode === 'run') {
  mkdirSync(join(work, 'suite'), { recursive: true });
  const file = join(work, 'suite', 'suite.yaml');
  writeFileSync(file, suiteFile(scenarios));
  const { runCommand } = await load<{ runCommand: (paths: string[], o: RunOptions) => Promise<number> }>('cli/commands/run.ts');
  started = performance.now();
  exitCode = await runCommand([file], { out, reporter: ['silent'], color: false, backend: 'compiled' });
} else if (mode === 'report') {
  type Reports = {
    readSuiteResult: (f: string) => Promise<SuiteResult>;
    writeReports: (s: SuiteResult, out: string, o: { env: Record<string, string> }) => Promise<unknown>;
  };
  const { readSuiteResult, writeReports } = await load<Reports>('reports/index.ts');
  started = performance.now();
  await writeReports(await readSuiteResult(join(work, 'report', 'results.json')), out, { env: {} });
} else throw new Error(`unknown mode ${mode}`);
const wallSeconds = (performance.now() - started) / 1000;
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
const { bytes, files } = await folderSize(out);
const indexBytes = (await lstat(join(out, 'index.html'))).size;
const m: SuiteMeasurement = { mode, scenarios, wallSeconds, peakRssMiB, indexBytes, reportBytes: bytes, files, exitCode };
if (process.send) process.send(m);
else process.stdout.write(`${JSON.stringify(m)}\n`);
