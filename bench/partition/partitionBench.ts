import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accountsFleetYaml } from './fleet.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What one licsim command the bench ran took: its wall time, its process's peak RSS, its exit code and its console. */
interface CommandRun {
  wallSeconds: number;
  peakRssMiB: number;
  code: number;
  stdout: string;
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
  /** The bytes of every partition's blob. */
  blobBytes: number;
  /** The merge's verdicts: expectations passed of all. */
  passed: string;
}

/** Runs `licsim <args>` as its own process (this checkout's), its peak RSS read at its exit (bench/partition/peakRss.mjs). */
function licsim(args: string[], dir: string, name: string): Promise<CommandRun> {
  const peakFile = join(dir, `${name}.peak`);
  const started = performance.now();
  return new Promise((done, fail) => {
    const proc = spawn(
      process.execPath,
      ['--import', join(ROOT, 'bench/partition/peakRss.mjs'), join(ROOT, 'bin/licsim.js'), ...args, '--no-color'],
      { cwd: dir, env: { ...process.env, LICSIM_BENCH_PEAK_FILE: peakFile, CI: '' }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let stdout = '';
    proc.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    proc.on('error', fail);
    proc.on('exit', (code) => {
      const wallSeconds = (performance.now() - started) / 1000;
      try {
        done({ wallSeconds, peakRssMiB: Number(readFileSync(peakFile, 'utf8')) / 1024, code: code ?? 1, stdout });
      } catch (error) {
        fail(new Error(`licsim ${args.join(' ')}: exit ${code}, no peak RSS (${(error as Error).message})`));
      }
    });
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
 * reports) as a scenario file of `parts` virtual accounts with expectations over the whole fleet, run by the commands
 * a CI matrix runs: `licsim run <file> --partition i/parts` as `parts` processes, `concurrency` at a time, then
 * `licsim merge` in a process of its own (the verdicts and the whole report). The first two partitions also run one
 * after the other, for the speed-up.
 */
export async function partitionBench(instances: number, parts: number, concurrency: number): Promise<PartitionBench> {
  const dir = mkdtempSync(join(tmpdir(), 'licsim-partition-bench-'));
  try {
    writeFileSync(join(dir, 'fleet.yaml'), accountsFleetYaml(instances, parts));
    const run = (i: number, out: string) => () =>
      licsim(['run', 'fleet.yaml', '--partition', `${i}/${parts}`, '--jobs', '1', '--out', out], dir, `part-${i}-${out}`).then((r) => {
        if (r.code !== 0) throw new Error(`partition ${i}/${parts}: exit ${r.code}\n${r.stdout}`);
        return r;
      });
    const aloneStarted = performance.now();
    await pool([run(1, 'alone'), run(2, 'alone')], 1);
    const partAloneSeconds = (performance.now() - aloneStarted) / 1000 / 2;
    const started = performance.now();
    const reports = await pool(
      Array.from({ length: parts }, (_, i) => run(i + 1, 'blobs')),
      concurrency,
    );
    const runSeconds = (performance.now() - started) / 1000;
    const merged = await licsim(['merge', 'blobs', '--out', 'report'], dir, 'merge');
    if (merged.code > 1) throw new Error(`merge: exit ${merged.code}\n${merged.stdout}`);
    const wallSeconds = (performance.now() - started) / 1000;
    const partSideBySideSeconds = runSeconds / parts;
    const blobs = join(dir, 'blobs');
    return {
      instances: Math.ceil(instances / parts) * parts,
      parts,
      days: 365,
      wallSeconds,
      mergeSeconds: merged.wallSeconds,
      mergePeakRssMiB: merged.peakRssMiB,
      largestPeakRssMiB: Math.max(...reports.map((r) => r.peakRssMiB)),
      partAloneSeconds,
      partSideBySideSeconds,
      speedUp: partAloneSeconds / partSideBySideSeconds,
      blobBytes: readdirSync(blobs).reduce((n, f) => n + statSync(join(blobs, f)).size, 0),
      passed: /Expectations\s+(.*)/.exec(merged.stdout)?.[1]?.trim() ?? '?',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
