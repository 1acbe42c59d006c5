import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { heapLimitMiB } from '../../engine/heap.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface ChildReport {
  wallSeconds: number;
  peakRssMiB: number;
  steps: number;
}

/** What the partitioned benchmark measured. */
export interface PartitionBench {
  instances: number;
  parts: number;
  days: number;
  /** Wall time of every part, `concurrency` at a time, and of the merge after them. */
  wallSeconds: number;
  mergeSeconds: number;
  mergePeakRssMiB: number;
  largestPeakRssMiB: number;
  /** Seconds a part took alone (the first two, one after the other) and side by side (all, `concurrency` at a time). */
  partAloneSeconds: number;
  partSideBySideSeconds: number;
  /** How much faster `concurrency` parts at once get through the parts than one at a time. */
  speedUp: number;
  steps: number;
  shareBytes: number;
}

function child(args: string[], heapFor: number): Promise<ChildReport> {
  return new Promise((done, fail) => {
    const proc = fork(join(ROOT, 'bin/run-ts.js'), [join(ROOT, 'bench/partition/partitionChild.ts'), ...args], {
      cwd: ROOT,
      execArgv: [`--max-old-space-size=${heapLimitMiB(heapFor)}`],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let report: ChildReport | undefined;
    proc.on('message', (m) => {
      report = m as ChildReport;
    });
    proc.on('exit', (code) => (report && code === 0 ? done(report) : fail(new Error(`partition child ${args.join(' ')}: exit ${code}`))));
  });
}

/** Runs `todo` tasks, `concurrency` at a time, in order. */
async function pool<T>(todo: Array<() => Promise<T>>, concurrency: number): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  const lane = async () => {
    while (next < todo.length) {
      const k = next++;
      out[k] = await (todo[k] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return out;
}

/**
 * `npm run bench -- --partition`: the benchmark fleet (bench/scenario.ts: registration, an outage, growth, daily usage
 * reports) as `parts` virtual accounts, run as `parts` partitions in separate processes `concurrency` at a time, then
 * merged in a process of its own. The first two parts also run one after the other, for the speed-up.
 */
export async function partitionBench(instances: number, parts: number, concurrency: number): Promise<PartitionBench> {
  const dir = mkdtempSync(join(tmpdir(), 'licsim-partition-bench-'));
  try {
    const per = Math.ceil(instances / parts);
    const file = (i: number) => join(dir, `share-${i}.json`);
    const run = (i: number) => () => child(['run', String(instances), String(parts), String(i), String(parts), file(i)], per);
    const aloneStarted = performance.now();
    await pool([run(1), run(2)], 1);
    const partAloneSeconds = (performance.now() - aloneStarted) / 1000 / 2;
    const started = performance.now();
    const reports = await pool(
      Array.from({ length: parts }, (_, i) => run(i + 1)),
      concurrency,
    );
    const runSeconds = (performance.now() - started) / 1000;
    const merged = await child(['merge', String(instances), String(parts), ...reports.map((_, i) => file(i + 1))], per);
    const wallSeconds = (performance.now() - started) / 1000;
    const partSideBySideSeconds = runSeconds / parts;
    return {
      instances: per * parts,
      parts,
      days: 365,
      wallSeconds,
      mergeSeconds: merged.wallSeconds,
      mergePeakRssMiB: merged.peakRssMiB,
      largestPeakRssMiB: Math.max(...reports.map((r) => r.peakRssMiB)),
      partAloneSeconds,
      partSideBySideSeconds,
      speedUp: partAloneSeconds / partSideBySideSeconds,
      steps: merged.steps,
      shareBytes: reports.reduce((n, _, i) => n + statSync(file(i + 1)).size, 0),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
