import { randomInt } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import pc from 'picocolors';
import { counterexampleName } from '../../fuzz/fuzzScenario.ts';
import {
  type Backend,
  budgetText,
  fuzzHtml,
  fuzzJunitXml,
  fuzzResults,
  fuzzScenario,
  fuzzSummary,
  readTargets,
  type ScenarioFuzz,
  stepLine,
} from '../../fuzz/index.ts';
import { mergeSlices, type SliceFuzz } from '../../fuzz/mergeSlices.ts';
import type { Replayed } from '../../fuzz/report.ts';
import type { FuzzTarget } from '../../fuzz/targets.ts';
import { runIdOf } from '../../reports/io/runId.ts';
import { plural } from '../../reports/plural.ts';
import { formatProblem, type Problem } from '../../scenarios/loader/problems.ts';
import { blobPathIn, type Given, shardSetProblems, writeBlobFile } from '../blobHeader.ts';
import { verdictLines } from '../console/format.ts';
import { printable, printableLine } from '../console/printable.ts';
import { prunedLines, replayTotal } from '../console/replay.ts';
import { discover } from '../discover.ts';
import { EXIT, ReportedError, UsageError } from '../errors.ts';
import { type FuzzBlob, type FuzzCampaign, fuzzBlob, fuzzBlobName } from '../fuzzShard.ts';
import { cliIo } from '../io.ts';
import { FUZZ_WORKER, type FuzzRequest } from '../pool/fuzzWorker.ts';
import { runOrdered } from '../pool/orderedPool.ts';
import { fixedFiles, prune, replayOrder } from '../replay.ts';
import { type Shard, shardText } from '../shard.ts';
import { loadSaved, replaySaved, type SavedLoad } from './fuzzReplay.ts';

export interface FuzzCommandOptions {
  runs?: number;
  /** A time such as 60s, 10m, 1h (the search stops when it is up). */
  time?: string;
  seed?: number;
  out: string;
  save?: boolean;
  /** Keep searching after the first counterexample and collect every distinct failure. */
  all?: boolean;
  backend?: Backend;
  /** Delete the saved counterexamples (replayed first, never fuzzed) that now pass. */
  prune?: boolean;
  /** Scenarios fuzzed at once on worker threads (default: one per core, at most one per scenario; 1: in this process). */
  jobs?: number;
  /** `--shard i/n`: search this share of every scenario's variants and write its blob to `out` for `licsim merge`. */
  shard?: Shard;
  color: boolean;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * A search time as written on the command line, in milliseconds.
 *
 * @example
 * timeLimit('10m'); // 600000
 */
export function timeLimit(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim());
  if (!m || Number(m[1]) <= 0) throw new UsageError(`--time: expected a time like 60s, 10m or 1h, found "${text}"`);
  return Number(m[1]) * (UNITS[m[2] as string] as number);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Every scenario of the files named, and the saved counterexamples among them (cli/replay.ts: replayed
 * first, not fuzzed), or the problems of the files (exit 2); verification files are skipped.
 */
async function targetsOf(paths: readonly string[]): Promise<{ targets: FuzzTarget[]; skipped: string[]; saved: SavedLoad }> {
  if (!paths.length) throw new UsageError('no scenario files or folders given');
  const found = await discover(paths);
  if (found.missing.length) throw new UsageError(`no such file or folder: ${found.missing.join(', ')}`);
  if (!found.files.length) throw new UsageError(`no scenario files (*.yaml, *.yml) in ${paths.join(', ')}`);
  const order = replayOrder(found.files, paths);
  const saved = await loadSaved(order.counterexamples);
  const targets: FuzzTarget[] = [];
  const skipped: string[] = [...saved.verifications];
  const problems: Problem[] = [...saved.problems];
  for (const file of order.files.slice(order.counterexamples.length)) {
    const read = await readTargets(file);
    if (read.kind === 'problems') problems.push(...read.problems);
    else if (read.kind === 'verification') skipped.push(file);
    else targets.push(...read.targets);
  }
  if (problems.length)
    throw new ReportedError(
      `${plural(problems.length, 'problem')} in ${plural(new Set(problems.map((p) => p.file)).size, 'scenario file')}; nothing was fuzzed`,
      problems.map(formatProblem),
      EXIT.usage,
    );
  if (!targets.length && !saved.scenarios.length) throw new UsageError(`no scenarios to fuzz in ${paths.join(', ')}`);
  return { targets, skipped, saved };
}

/** The console lines of one fuzzed scenario: the search, and each counterexample's expectation, steps, files and replay command. */
function scenarioLines(f: ScenarioFuzz, written: string[][], c: ReturnType<typeof pc.createColors>): string[] {
  const where = `${c.dim(`${printable(f.file)} ›`)} ${printable(f.name)}`;
  const r = f.result;
  if (!f.checked) return [` ${c.yellow('-')} ${where} ${c.dim('— no expectations to break, nothing run')}`];
  if (!f.counterexamples.length) {
    const rate = r.searchMs > 0 ? ` (${Math.round((r.runs * 1000) / r.searchMs)} runs/s)` : '';
    const refused = r.invalid ? `, ${r.invalid} refused by the loader` : '';
    return [
      ` ${c.green('✓')} ${where} ${c.dim(`— ${plural(r.runs, 'run')} in ${seconds(r.searchMs)}${rate}${refused}, no expectation broken`)}`,
    ];
  }
  const shrinkRuns = f.counterexamples.reduce((n, x) => n + x.found.shrinkRuns, 0);
  const head = r.all
    ? `— ${plural(f.counterexamples.length, 'distinct counterexample')} in ${plural(r.runs, 'run')} (${seconds(r.searchMs)}), `
    : `— counterexample after ${plural(r.runs, 'run')} (${seconds(r.searchMs)}), `;
  const lines = [` ${c.red('✗')} ${where} ${c.dim(`${head}shrunk in ${seconds(r.shrinkMs)} (${plural(shrinkRuns, 'run')})`)}`];
  f.counterexamples.forEach((x, i) => {
    const { source: _source, ...verdict } = x.found.failure.verdict;
    lines.push(
      ...verdictLines(verdict, c),
      '     Steps from the original:',
      ...(x.steps.length ? x.steps.map((s) => `       ${stepLine(s)}`) : ['       none: the scenario as written fails']),
    );
    const files = written[i] ?? [];
    for (const w of files) lines.push(`     ${c.dim('Written')}  ${printable(w)}`);
    if (files[0]) lines.push(`     ${c.dim('Replay')}   licsim run ${printable(files[0])}`);
  });
  return lines;
}

/**
 * Fuzzes the scenarios on `jobs` worker threads, each from the same seed as in this
 * process; `record` gets them in scenario order, one after another, so the console,
 * the files and the results are those of `--jobs 1`.
 */
async function fuzzOnWorkers(
  targets: readonly FuzzTarget[],
  jobs: number,
  options: FuzzRequest['options'],
  record: (target: FuzzTarget, f: ScenarioFuzz) => Promise<void>,
): Promise<void> {
  // A target's place among its file's scenarios: the worker reads the file anew and takes that one.
  const index = targets.map((t, i) => targets.slice(0, i).filter((o) => o.file === t.file).length);
  let recorded = Promise.resolve();
  // A failure to write one scenario's files is licsim's: kept, the pool let finish, then thrown.
  let failed: { error: unknown } | null = null;
  await runOrdered<FuzzRequest, ScenarioFuzz, never>({
    entry: new URL('../pool/fuzzWorker.ts', import.meta.url),
    role: FUZZ_WORKER,
    jobs,
    count: targets.length,
    request: (i) => ({ file: (targets[i] as FuzzTarget).file, index: index[i] as number, options }),
    done: (i, f) => {
      recorded = recorded
        .then(() => (failed ? undefined : record(targets[i] as FuzzTarget, f)))
        .catch((error: unknown) => {
          failed ??= { error };
        });
    },
    crash: (i, message, stack) =>
      new Error(`${(targets[i] as FuzzTarget).file} › ${(targets[i] as FuzzTarget).name}: ${message}\n${stack}`),
  });
  await recorded;
  if (failed) throw (failed as { error: unknown }).error;
}

/**
 * `licsim fuzz`: generates variants of each scenario within its `fuzz:` block (or the
 * defaults), runs them in this process and stops at the first broken expectation (with
 * --all goes on and collects each distinct failure), shrinks it, and writes the minimal counterexample as a scenario under
 * `<out>/counterexamples/` (and, with --save, beside the scenario), with results.json,
 * summary.md and junit.xml. Exit 0 when nothing broke, 1 when a counterexample was found.
 * With `--shard i/n` it searches its share of every scenario's variants and writes a blob for `licsim merge` instead.
 */
export async function fuzzCommand(paths: string[], options: FuzzCommandOptions): Promise<number> {
  const c = pc.createColors(options.color);
  const timeMs = options.time === undefined ? undefined : timeLimit(options.time);
  if (options.runs !== undefined && options.runs < 1) throw new UsageError('--runs: expected a whole number of at least 1');
  if (options.jobs === 0) throw new UsageError('--jobs: expected a whole number of at least 1');
  const { shard } = options;
  if (shard && options.seed === undefined)
    throw new UsageError(`--shard ${shardText(shard)} needs --seed: every shard searches its share of one search, from one seed`);
  if (shard && (options.save || options.prune))
    throw new UsageError(
      `--shard with ${options.save ? '--save' : '--prune'}: a shard writes only its blob; ` +
        'licsim merge writes the counterexamples (copy them from its counterexamples/ to save them)',
    );
  const budget = { ...(options.runs !== undefined ? { runs: options.runs } : {}), ...(timeMs !== undefined ? { timeMs } : {}) };
  const seed = options.seed ?? randomInt(0, 2 ** 31 - 1);
  const { targets, skipped, saved } = await targetsOf(paths);
  const blobFile = shard ? await blobPathIn(options.out, fuzzBlobName(shard), shard) : null;
  const say = (line: string) => cliIo().stdout.write(`${printableLine(line)}\n`);
  if (skipped.length)
    say(c.dim(` skipped ${plural(skipped.length, 'verification file')} (licsim verify checks them): ${printable(skipped.join(', '))}`));
  const campaign = { seed, budget: `${budgetText(budget)}${options.all ? ' --all' : ''}` };
  say(c.dim(` licsim fuzz: seed ${seed}, ${campaign.budget}${shard ? `, --shard ${shardText(shard)}` : ''}`));
  // A shard's replays: shard 1 replays the saved counterexamples, once for the campaign.
  const replaying = !shard || shard.index === 1 ? saved.scenarios : [];
  const replayedOutcomes = replaySaved(replaying, { backend: options.backend ?? 'compiled', prune: options.prune === true, c, say });
  const fuzzed: ScenarioFuzz[] = [];
  const fuzzOptions = {
    ...budget,
    seed,
    backend: options.backend ?? 'compiled',
    all: options.all === true,
    ...(shard ? { slice: shard } : {}),
  } as const;
  const record = shard
    ? async (_target: FuzzTarget, f: ScenarioFuzz) => {
        fuzzed.push(f);
        for (const line of scenarioLines(f, [], c)) say(line);
      }
    : async (target: FuzzTarget, f: ScenarioFuzz) => {
        fuzzed.push(f);
        for (const line of scenarioLines(f, await writeCounterexamples(f, options.out, options.save ? target.file : null), c)) say(line);
      };
  if (!shard) await mkdir(options.out, { recursive: true });
  const jobs = Math.max(1, Math.min(options.jobs || availableParallelism(), targets.length));
  if (jobs === 1) for (const target of targets) await record(target, fuzzScenario(target, fuzzOptions));
  else await fuzzOnWorkers(targets, jobs, fuzzOptions, record);
  const savedFiles = [...new Set(saved.scenarios.map((s) => s.file))];
  const pruned = options.prune ? await prune(fixedFiles(savedFiles, saved.scenarios, replayedOutcomes), paths) : [];
  const replayed = replayedOutcomes.map((o) => ({ file: o.file, name: o.name, passed: o.passed, pruned: pruned.includes(o.file) }));
  if (shard && blobFile) {
    const scenarios = fuzzed.map((f, i) => ({ fuzz: f, names: namesOf(targets[i] as FuzzTarget, f) }));
    await writeBlobFile(
      blobFile,
      await fuzzBlob(shard, fuzzInputs(targets, saved, campaign, options), campaign, { skipped, replayed, scenarios }),
    );
    say(` ${c.bold('Blob')}     ${printable(blobFile)} (licsim merge puts the shards together)`);
    return fuzzed.some((f) => f.counterexamples.length) || replayed.some((r) => !r.passed) ? EXIT.failed : EXIT.passed;
  }
  return fuzzReport(fuzzed, { ...campaign, replayed, out: options.out, prune: options.prune === true, pruned }, c);
}

/** Writes a scenario's counterexamples under `out` (and beside `file`, with --save); the paths written, per counterexample. */
async function writeCounterexamples(f: ScenarioFuzz, out: string, besideOf: string | null): Promise<string[][]> {
  const written: string[][] = [];
  for (const x of f.counterexamples) {
    const files: string[] = [];
    const inOut = join(out, x.name);
    await mkdir(dirname(inOut), { recursive: true });
    await writeFile(inOut, x.text);
    files.push(inOut);
    if (besideOf) {
      const beside = join(dirname(besideOf), 'counterexamples', basename(x.name));
      await mkdir(dirname(beside), { recursive: true });
      await writeFile(beside, x.text);
      files.push(beside);
    }
    written.push(files);
  }
  return written;
}

/** The names a shard's counterexamples take in the merged campaign: as its first, or as a further one (fuzz/mergeSlices.ts). */
const namesOf = (target: FuzzTarget, f: ScenarioFuzz) =>
  f.counterexamples.map((x) => ({
    first: counterexampleName(target, x.found.failure, true),
    further: counterexampleName(target, x.found.failure, false),
  }));

/** A campaign's id: the scenarios searched and replayed (their files' text), the seed, the budget and the engine. */
function fuzzInputs(targets: readonly FuzzTarget[], saved: SavedLoad, campaign: FuzzCampaign, options: FuzzCommandOptions): string {
  const scenarios = targets.map((t) => [t.file, t.name, t.text]);
  return runIdOf(
    { scenarios, saved: saved.scenarios.map((s) => [s.file, s.name]) },
    { ...campaign, backend: options.backend ?? 'compiled', command: 'fuzz' },
  );
}

/** What the report of a campaign says besides its scenarios. */
interface CampaignReport extends FuzzCampaign {
  replayed: Replayed[];
  out: string;
  prune: boolean;
  pruned: string[];
}

/** Writes a campaign's results.json, summary.md, junit.xml and index.html, and prints its totals; the exit code. */
async function fuzzReport(fuzzed: readonly ScenarioFuzz[], r: CampaignReport, c: ReturnType<typeof pc.createColors>): Promise<number> {
  const say = (line: string) => cliIo().stdout.write(`${printableLine(line)}\n`);
  const report = { seed: r.seed, budget: r.budget, replayed: r.replayed };
  await mkdir(r.out, { recursive: true });
  await writeFile(join(r.out, 'results.json'), `${JSON.stringify(fuzzResults(fuzzed, report), null, 2)}\n`);
  await writeFile(join(r.out, 'summary.md'), fuzzSummary(fuzzed, { ...report, out: r.out }));
  await writeFile(join(r.out, 'junit.xml'), fuzzJunitXml(fuzzed, { ...report, out: r.out }));
  await writeFile(join(r.out, 'index.html'), fuzzHtml(fuzzed, { ...report, out: r.out }));
  const found = fuzzed.reduce((n, f) => n + f.counterexamples.length, 0);
  say('');
  const verdict = found ? c.red(`${plural(found, 'counterexample')} found`) : c.green('no expectation broken');
  say(` ${c.bold('Fuzzed')}   ${plural(fuzzed.length, 'scenario')}: ${verdict} (seed ${r.seed})`);
  const failing = r.replayed.filter((x) => !x.passed).length;
  for (const line of replayTotal({ failing, fixed: r.replayed.length - failing }, r.prune, c)) say(line);
  if (r.prune) for (const line of prunedLines(r.pruned, r.replayed.length, c)) say(line);
  say(` ${c.bold('Report')}   ${printable(join(r.out, 'index.html'))}, ${printable(join(r.out, 'summary.md'))}`);
  return found || failing ? EXIT.failed : EXIT.passed;
}

/**
 * `licsim merge` of fuzz blobs: checks that they are every shard of one campaign, puts each scenario's search back
 * together (fuzz/mergeSlices.ts: what the campaign in one process finds), writes the counterexamples and the report.
 * Exit 0 when nothing broke, 1 when a counterexample was found.
 */
export async function mergeFuzz(given: readonly Given<FuzzBlob>[], options: { out: string; color: boolean }): Promise<number> {
  const c = pc.createColors(options.color);
  const problems = shardSetProblems(given, {
    inputs: 'every shard must search the same scenarios with the same --seed, --runs or --time, --all and --backend',
    split: 'every shard must be one of the same --shard i/n',
  });
  const [first] = given;
  if (!first || problems.length) throw new UsageError(`cannot merge ${plural(given.length, 'blob')}`, problems);
  const byIndex = [...given].sort((a, b) => a.blob.shard.index - b.blob.shard.index);
  const ref = first.blob;
  const say = (line: string) => cliIo().stdout.write(`${printableLine(line)}\n`);
  if (ref.skipped.length)
    say(
      c.dim(
        ` skipped ${plural(ref.skipped.length, 'verification file')} (licsim verify checks them): ${printable(ref.skipped.join(', '))}`,
      ),
    );
  say(c.dim(` licsim fuzz: seed ${ref.campaign.seed}, ${ref.campaign.budget}, merged from ${plural(given.length, 'shard')}`));
  const fuzzed = ref.scenarios.map((_, i) => mergeSlices(byIndex.map((g) => g.blob.scenarios[i] as SliceFuzz)));
  for (const f of fuzzed) for (const line of scenarioLines(f, await writeCounterexamples(f, options.out, null), c)) say(line);
  const replayed = byIndex[0]?.blob.replayed ?? [];
  return fuzzReport(fuzzed, { ...ref.campaign, replayed, out: options.out, prune: false, pruned: [] }, c);
}
