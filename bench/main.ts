/**
 * `npm run bench [-- --json FILE] [--sizes 10000,100000,1000000] [--actors 10000] [--repeat 3]
 *                   [--actors-repeat 5] [--baseline DIR]`
 * `npm run bench -- --suite 1000 [--baseline DIR] [--json FILE]`
 * `npm run bench -- --fuzz [--fuzz-instances 10,1000] [--fuzz-runs 2000] [--json FILE]`
 * `npm run bench -- --sweep [--sweep-instances 10000] [--sweep-jobs 2] [--json FILE]`
 * `npm run bench -- --advise [--json FILE]`
 * `npm run bench -- --partition [--partition-instances 10000000] [--partition-parts 10] [--partition-jobs 2] [--json FILE]`
 * `npm run bench -- --verify [--verify-events 0,1,2,3] [--verify-days 730] [--verify-instances 1,2,3]
 *                   [--verify-instance-events 2] [--verify-max-states 200000] [--json FILE]`
 *
 * Runs, on the same generated fleet and timeline (bench/scenario.ts), each in
 * its own child process so its peak memory is its own: licsim's engine at each
 * size, the hand-written switch reducer at each size, and one XState actor per
 * instance on fake timers at the actors size. Each reports its median time of
 * `repeat` runs (`actors-repeat` at the actors size, engine and actors both) and
 * the largest peak memory. `--baseline DIR` also runs the engine of another
 * checkout (a git worktree of the previous commit), its runs alternating with
 * this one's so both meet the same machine, and reports the ratio. Prints a
 * table and writes JSON.
 *
 * `--suite N[,M…]` runs the report bench instead (bench/suite/suiteBench.ts):
 * `licsim run` on a suite of N tiny scenarios, then its report re-rendered
 * alone, measuring wall time, peak RSS, index.html's size and the report's.
 *
 * `--fuzz` runs the fuzz search bench instead (bench/fuzzSearch/fuzzBench.ts): licsim
 * fuzz's search in this process at each fleet size, against plain runs, and the bundled
 * example found and shrunk.
 *
 * `--verify` runs the verification bench instead (bench/verify/verifyBench.ts):
 * licsim verify on one smart-licensing instance over 2 years at each bound of
 * events, then on 1, 2 and 3 instances.
 */
import { fork } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { heapLimitMiB } from '../engine/heap.ts';
import { adviseBench } from './advise/adviseBench.ts';
import { fuzzBench } from './fuzzSearch/fuzzBench.ts';
import { partitionBench } from './partition/partitionBench.ts';
import { suiteBench } from './suite/suiteBench.ts';
import { sweepBench } from './sweep/sweepBench.ts';
import { verifyBench } from './verify/verifyBench.ts';

interface Measurement {
  contender: string;
  instances: number;
  days: number;
  events: number;
  wallSeconds: number;
  peakRssMiB: number;
}

const OPTIONS = {
  json: { type: 'string' },
  sizes: { type: 'string', default: '10000,100000,1000000' },
  actors: { type: 'string', default: '10000' },
  repeat: { type: 'string', default: '3' },
  'actors-repeat': { type: 'string', default: '5' },
  baseline: { type: 'string' },
  suite: { type: 'string' },
  verify: { type: 'boolean' },
  fuzz: { type: 'boolean' },
  sweep: { type: 'boolean' },
  advise: { type: 'boolean' },
  partition: { type: 'boolean' },
  'partition-instances': { type: 'string', default: '10000000' },
  'partition-parts': { type: 'string', default: '10' },
  'partition-jobs': { type: 'string', default: '2' },
  'sweep-instances': { type: 'string', default: '10000' },
  'sweep-jobs': { type: 'string', default: '2' },
  'fuzz-instances': { type: 'string', default: '10,1000' },
  'fuzz-runs': { type: 'string', default: '2000' },
  'verify-events': { type: 'string', default: '0,1,2,3' },
  'verify-days': { type: 'string', default: '730' },
  'verify-instances': { type: 'string', default: '1,2,3' },
  'verify-instance-events': { type: 'string', default: '2' },
  'verify-max-states': { type: 'string', default: '200000' },
} as const;
function flags(): ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'] {
  try {
    return parseArgs({ options: OPTIONS }).values;
  } catch (error) {
    console.error(`bench: ${(error as Error).message}`);
    process.exit(2);
  }
}
const values = flags();
/** A flag's whole numbers, or exit 2 naming the flag. */
function counts(flag: string, text: string, min: number): number[] {
  const parsed = text.split(',').map((t) => Number(t.trim()));
  if (parsed.some((n) => !Number.isInteger(n) || n < min)) {
    console.error(`bench: --${flag} must be whole numbers ≥ ${min} (comma separated); got '${text}'`);
    process.exit(2);
  }
  return parsed;
}
const sizes = counts('sizes', values.sizes as string, 1);
const [actorsSize = 0] = counts('actors', values.actors as string, 0);
const [repeat = 1] = counts('repeat', values.repeat as string, 1);
const [actorsRepeat = 1] = counts('actors-repeat', values['actors-repeat'] as string, 1);
const HERE = fileURLToPath(new URL('..', import.meta.url));
const baseline = values.baseline === undefined ? null : resolve(values.baseline);
if (baseline !== null && !existsSync(join(baseline, 'bench/child.ts'))) {
  console.error(`bench: --baseline ${values.baseline}: no bench/child.ts there (give a checkout of licsim, e.g. a git worktree)`);
  process.exit(2);
}
if (values.suite !== undefined) {
  const results = await suiteBench(counts('suite', values.suite, 1), baseline);
  const report = { node: process.version, cpus: (await import('node:os')).cpus().length, ...(baseline ? { baseline } : {}), results };
  if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
  process.exit(0);
}

if (values.fuzz) {
  const [runs = 2000] = counts('fuzz-runs', values['fuzz-runs'], 1);
  const results = await fuzzBench(counts('fuzz-instances', values['fuzz-instances'], 1), runs);
  const report = { node: process.version, cpus: (await import('node:os')).cpus().length, results };
  if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
  process.exit(0);
}

if (values.partition) {
  const [instances = 10_000_000] = counts('partition-instances', values['partition-instances'], 1);
  const [parts = 10] = counts('partition-parts', values['partition-parts'], 1);
  const [jobs = 2] = counts('partition-jobs', values['partition-jobs'], 1);
  const m = await partitionBench(instances, parts, jobs);
  console.log(
    `partition: ${m.instances} instances × ${m.days} days in ${m.parts} partitions, ${jobs} at a time: ` +
      `${m.wallSeconds.toFixed(1)} s (merge ${m.mergeSeconds.toFixed(1)} s, ${m.mergePeakRssMiB.toFixed(0)} MiB); ` +
      `largest partition ${m.largestPeakRssMiB.toFixed(0)} MiB; ` +
      `a part ${m.partAloneSeconds.toFixed(1)} s alone, ${m.partSideBySideSeconds.toFixed(1)} s side by side: ` +
      `speed-up ${m.speedUp.toFixed(2)}×; ` +
      `blobs ${(m.blobBytes / 2 ** 20).toFixed(1)} MiB; expectations ${m.passed}`,
  );
  if (values.json) writeFileSync(values.json, `${JSON.stringify({ node: process.version, ...m }, null, 2)}\n`);
  process.exit(0);
}

if (values.advise) {
  const m = await adviseBench();
  console.log(
    `advise: national fleet, ${m.purchases} purchases, cost ${m.cost} against ${m.naiveCost} naive; ` +
      `solved in ${m.solveSeconds} s (aim ≤ 5 s), ${m.wallSeconds.toFixed(1)} s in all; replay ${m.replayPassed ? 'passed' : 'FAILED'}`,
  );
  const report = { node: process.version, cpus: (await import('node:os')).cpus().length, results: m };
  if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
  process.exit(0);
}

if (values.sweep) {
  const [instances = 10_000] = counts('sweep-instances', values['sweep-instances'], 1);
  const [jobs = 2] = counts('sweep-jobs', values['sweep-jobs'], 1);
  const m = await sweepBench(instances, jobs);
  console.log(
    `sweep: ${m.points} points of ${m.instances} instances × ${m.days} days on ${m.jobs} worker threads: ${m.wallSeconds.toFixed(1)} s ` +
      `(${m.pointsPerMinute.toFixed(1)} points/min); with one point added: ${m.addedPointSeconds.toFixed(1)} s ` +
      `(${m.addedPointInPoints.toFixed(2)} points' cost)`,
  );
  const report = { node: process.version, cpus: (await import('node:os')).cpus().length, results: m };
  if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
  process.exit(0);
}

if (values.verify) {
  const one = (flag: 'verify-days' | 'verify-instance-events' | 'verify-max-states', min: number) =>
    counts(flag, values[flag], min)[0] as number;
  const results = await verifyBench({
    events: counts('verify-events', values['verify-events'], 0),
    days: one('verify-days', 1),
    instances: counts('verify-instances', values['verify-instances'], 1),
    instanceEvents: one('verify-instance-events', 0),
    maxStates: one('verify-max-states', 1),
  });
  const report = { node: process.version, cpus: (await import('node:os')).cpus().length, results };
  if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
  process.exit(0);
}

/** One run of a contender in its own process, in the checkout at `root`. */
function measure(contender: string, instances: number, root = HERE): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const proc = fork(join(root, 'bin/run-ts.js'), [join(root, 'bench/child.ts'), contender, String(instances)], {
      cwd: root,
      execArgv: [`--max-old-space-size=${heapLimitMiB(instances)}`],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: Measurement | undefined;
    proc.on('message', (m) => {
      result = m as Measurement;
    });
    proc.on('exit', (code) => (result && code === 0 ? resolve(result) : reject(new Error(`${contender} ${instances}: exit ${code}`))));
  });
}

interface Median extends Measurement {
  runs: number[];
}

/** The median-time run of these (every run's peak memory kept: the largest is reported). */
function median(runs: readonly Measurement[]): Median {
  const sorted = [...runs].sort((a, b) => a.wallSeconds - b.wallSeconds);
  const mid = sorted[Math.floor((sorted.length - 1) / 2)] as Measurement;
  return { ...mid, peakRssMiB: runs.reduce((m, r) => Math.max(m, r.peakRssMiB), 0), runs: runs.map((r) => r.wallSeconds) };
}

/** `times` runs of each of `runs`, taken in turn (a, b, a, b, …) so that all meet the same machine. */
async function alternating(times: number, runs: ReadonlyArray<() => Promise<Measurement>>): Promise<Median[]> {
  const all: Measurement[][] = runs.map(() => []);
  for (let i = 0; i < times; i++) for (const [k, run] of runs.entries()) all[k]?.push(await run());
  return all.map(median);
}

/** One size's line of the report: the engine's median run, the reducer's, the baseline's and (one size) the actors'. */
interface BenchRow {
  instances: number;
  days: number;
  events: number;
  wallSeconds: number;
  wallSecondsRuns: number[];
  peakRssMiB: number;
  eventsPerSecond: number;
  ratioVsReducer: number;
  reducer: { events: number; wallSeconds: number; wallSecondsRuns: number[]; peakRssMiB: number };
  ratioVsBaseline?: number;
  baseline?: { events: number; wallSeconds: number; wallSecondsRuns: number[]; peakRssMiB: number };
  speedupVsActors?: number;
  actors?: { eventsSent: number; wallSeconds: number; wallSecondsRuns: number[]; peakRssMiB: number };
}

const rows: BenchRow[] = [];
const round = (x: number, digits = 2) => Number(x.toFixed(digits));
const brief = (m: Median) => ({
  events: m.events,
  wallSeconds: round(m.wallSeconds),
  wallSecondsRuns: m.runs.map((x) => round(x)),
  peakRssMiB: Math.round(m.peakRssMiB),
});
for (const instances of sizes) {
  const withActors = instances === actorsSize;
  const times = withActors ? actorsRepeat : repeat;
  process.stderr.write(`${instances}: engine${baseline ? ' and baseline' : ''} ×${times}… `);
  const [engine, base] = (await alternating(times, [
    () => measure('engine', instances),
    ...(baseline ? [() => measure('engine', instances, baseline)] : []),
  ])) as [Median, Median | undefined];
  process.stderr.write(`${round(engine.wallSeconds)} s${base ? ` (baseline ${round(base.wallSeconds)} s)` : ''}; reducer… `);
  const [reducer] = (await alternating(repeat, [() => measure('reducer', instances)])) as [Median];
  process.stderr.write(`${round(reducer.wallSeconds)} s`);
  let actors: Median | undefined;
  if (withActors) {
    process.stderr.write(`; actors ×${actorsRepeat}… `);
    [actors] = (await alternating(actorsRepeat, [() => measure('actors', instances)])) as [Median];
    process.stderr.write(`${round(actors.wallSeconds)} s`);
  }
  process.stderr.write('\n');
  rows.push({
    instances,
    days: engine.days,
    events: engine.events,
    wallSeconds: round(engine.wallSeconds),
    wallSecondsRuns: engine.runs.map((x) => round(x)),
    peakRssMiB: Math.round(engine.peakRssMiB),
    eventsPerSecond: Math.round(engine.events / engine.wallSeconds),
    ratioVsReducer: round(engine.wallSeconds / reducer.wallSeconds),
    reducer: brief(reducer),
    ...(base ? { ratioVsBaseline: round(engine.wallSeconds / base.wallSeconds), baseline: brief(base) } : {}),
    ...(actors
      ? {
          speedupVsActors: round(actors.wallSeconds / engine.wallSeconds, 1),
          actors: { ...brief(actors), eventsSent: actors.events },
        }
      : {}),
  });
}
console.table(
  rows.map((r) => ({
    instances: r.instances,
    days: r.days,
    events: r.events,
    'wall s': r.wallSeconds,
    'peak RSS MiB': r.peakRssMiB,
    'reducer s': r.reducer.wallSeconds,
    '× reducer': r.ratioVsReducer,
    ...(baseline ? { 'baseline s': r.baseline?.wallSeconds ?? '', '× baseline': r.ratioVsBaseline ?? '' } : {}),
    'actors s': r.actors?.wallSeconds ?? '',
    'speed-up vs actors': r.speedupVsActors ?? '',
  })),
);
const report = {
  node: process.version,
  cpus: (await import('node:os')).cpus().length,
  repeat,
  actorsRepeat,
  ...(baseline ? { baseline } : {}),
  results: rows,
};
if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
