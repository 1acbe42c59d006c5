/**
 * `npm run bench [-- --json FILE] [--sizes 10000,100000,1000000] [--actors 10000] [--repeat 3]`
 *
 * Runs, on the same generated fleet and timeline (bench/scenario.ts), each in
 * its own child process so its peak memory is its own: licsim's engine at each
 * size, the hand-written switch reducer at each size, and one XState actor per
 * instance on fake timers at the actors size. The engine and the reducer run
 * `repeat` times and report their median time (and the largest peak memory);
 * the 20-second actor baseline runs once. Prints a table and writes JSON.
 */
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { heapLimitMiB } from '../engine/heap.ts';

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
const runTs = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url));
const child = fileURLToPath(new URL('./child.ts', import.meta.url));

function measure(contender: string, instances: number): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const proc = fork(runTs, [child, contender, String(instances)], {
      execArgv: [`--max-old-space-size=${heapLimitMiB(instances)}`],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: Measurement | undefined;
    proc.on('message', (m) => (result = m as Measurement));
    proc.on('exit', (code) => (result && code === 0 ? resolve(result) : reject(new Error(`${contender} ${instances}: exit ${code}`))));
  });
}

/** The median-time run of `repeat` (every run's peak memory kept: the largest is reported). */
async function measureMedian(contender: string, instances: number): Promise<Measurement & { runs: number[] }> {
  const runs: Measurement[] = [];
  for (let i = 0; i < repeat; i++) runs.push(await measure(contender, instances));
  const sorted = [...runs].sort((a, b) => a.wallSeconds - b.wallSeconds);
  const median = sorted[Math.floor((sorted.length - 1) / 2)] as Measurement;
  return { ...median, peakRssMiB: Math.max(...runs.map((r) => r.peakRssMiB)), runs: runs.map((r) => r.wallSeconds) };
}

/** One size's line of the report: the engine's median run, the reducer's and (small sizes) the actors'. */
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
  speedupVsActors?: number;
  actors?: { eventsSent: number; wallSeconds: number; peakRssMiB: number };
}

const rows: BenchRow[] = [];
const round = (x: number, digits = 2) => Number(x.toFixed(digits));
for (const instances of sizes) {
  process.stderr.write(`engine ${instances}… `);
  const engine = await measureMedian('engine', instances);
  process.stderr.write(`${round(engine.wallSeconds)} s; reducer… `);
  const reducer = await measureMedian('reducer', instances);
  process.stderr.write(`${round(reducer.wallSeconds)} s`);
  let actors: Measurement | undefined;
  if (instances === actorsSize) {
    process.stderr.write('; actors… ');
    actors = await measure('actors', instances);
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
    reducer: {
      events: reducer.events,
      wallSeconds: round(reducer.wallSeconds),
      wallSecondsRuns: reducer.runs.map((x) => round(x)),
      peakRssMiB: Math.round(reducer.peakRssMiB),
    },
    ...(actors
      ? {
          speedupVsActors: round(actors.wallSeconds / engine.wallSeconds, 1),
          actors: { eventsSent: actors.events, wallSeconds: round(actors.wallSeconds), peakRssMiB: Math.round(actors.peakRssMiB) },
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
    'actors s': r.actors?.wallSeconds ?? '',
    'speed-up vs actors': r.speedupVsActors ?? '',
  })),
);
const report = { node: process.version, cpus: (await import('node:os')).cpus().length, repeat, results: rows };
if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
