import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SuiteMeasurement } from './suiteChild.ts';

const HERE = fileURLToPath(new URL('../..', import.meta.url));

/** One line of the report bench: a suite size, the checkout measured, `licsim run` and the re-rendered report alone. */
export interface SuiteRow {
  scenarios: number;
  checkout: 'this' | 'baseline';
  run: SuiteMeasurement;
  report: SuiteMeasurement;
}

/** One measurement in its own process (bench/suite/suiteChild.ts), with `root`'s licsim. */
function measure(mode: 'run' | 'report', scenarios: number, work: string, root: string): Promise<SuiteMeasurement> {
  return new Promise((resolve, reject) => {
    const child = join(HERE, 'bench/suite/suiteChild.ts');
    const proc = fork(join(HERE, 'bin/run-ts.js'), [child, mode, String(scenarios), work, root], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: SuiteMeasurement | undefined;
    proc.on('message', (m) => {
      result = m as SuiteMeasurement;
    });
    proc.on('exit', (code) => (result && code === 0 ? resolve(result) : reject(new Error(`suite ${mode} ${scenarios}: exit ${code}`))));
  });
}

const round = (x: number, digits = 2) => Number(x.toFixed(digits));
const mib = (bytes: number) => round(bytes / 2 ** 20, 2);

/**
 * The report bench: for each size, `licsim run` on a suite of that many tiny
 * scenarios (the suite's time and peak memory as a user sees them), then its
 * results.json re-rendered (the report pipeline alone), each in its own
 * process; with `baseline`, the same with that checkout's licsim, in turn.
 * Prints a table and returns the rows.
 */
export async function suiteBench(sizes: readonly number[], baseline: string | null): Promise<SuiteRow[]> {
  const rows: SuiteRow[] = [];
  for (const scenarios of sizes) {
    for (const [checkout, root] of [['this', HERE], ...(baseline ? [['baseline', baseline]] : [])] as Array<
      [SuiteRow['checkout'], string]
    >) {
      const work = await mkdtemp(join(tmpdir(), `licsim-suite-${scenarios}-`));
      process.stderr.write(`suite of ${scenarios} (${checkout}): run… `);
      const run = await measure('run', scenarios, work, root);
      process.stderr.write(`${round(run.wallSeconds)} s; report alone… `);
      const report = await measure('report', scenarios, work, root);
      process.stderr.write(`${round(report.wallSeconds)} s\n`);
      rows.push({ scenarios, checkout, run, report });
      await rm(work, { recursive: true, force: true });
    }
  }
  console.table(
    rows.map((r) => ({
      scenarios: r.scenarios,
      ...(baseline ? { checkout: r.checkout } : {}),
      'run s': round(r.run.wallSeconds),
      'run peak RSS MiB': Math.round(r.run.peakRssMiB),
      'report s': round(r.report.wallSeconds),
      'report peak RSS MiB': Math.round(r.report.peakRssMiB),
      'index.html MiB': mib(r.run.indexBytes),
      'report MiB': mib(r.run.reportBytes),
      files: r.run.files,
    })),
  );
  return rows;
}
