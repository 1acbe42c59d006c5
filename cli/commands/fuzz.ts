import { randomInt } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import pc from 'picocolors';
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
import type { FuzzTarget } from '../../fuzz/targets.ts';
import { plural } from '../../reports/plural.ts';
import { formatProblem, type Problem } from '../../scenarios/loader/problems.ts';
import { verdictLines } from '../console/format.ts';
import { printable, printableLine } from '../console/printable.ts';
import { prunedLines, replayTotal } from '../console/replay.ts';
import { discover } from '../discover.ts';
import { EXIT, ReportedError, UsageError } from '../errors.ts';
import { cliIo } from '../io.ts';
import { FUZZ_WORKER, type FuzzRequest } from '../pool/fuzzWorker.ts';
import { runOrdered } from '../pool/orderedPool.ts';
import { fixedFiles, prune, replayOrder } from '../replay.ts';
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
 */
export async function fuzzCommand(paths: string[], options: FuzzCommandOptions): Promise<number> {
  const c = pc.createColors(options.color);
  const timeMs = options.time === undefined ? undefined : timeLimit(options.time);
  if (options.runs !== undefined && options.runs < 1) throw new UsageError('--runs: expected a whole number of at least 1');
  if (options.jobs === 0) throw new UsageError('--jobs: expected a whole number of at least 1');
  const budget = { ...(options.runs !== undefined ? { runs: options.runs } : {}), ...(timeMs !== undefined ? { timeMs } : {}) };
  const seed = options.seed ?? randomInt(0, 2 ** 31 - 1);
  const { targets, skipped, saved } = await targetsOf(paths);
  const say = (line: string) => cliIo().stdout.write(`${printableLine(line)}\n`);
  if (skipped.length)
    say(c.dim(` skipped ${plural(skipped.length, 'verification file')} (licsim verify checks them): ${printable(skipped.join(', '))}`));
  say(c.dim(` licsim fuzz: seed ${seed}, ${budgetText(budget)}${options.all ? ', --all' : ''}`));
  const replayedOutcomes = replaySaved(saved.scenarios, { backend: options.backend ?? 'compiled', prune: options.prune === true, c, say });
  const fuzzed: ScenarioFuzz[] = [];
  await mkdir(options.out, { recursive: true });
  const fuzzOptions = { ...budget, seed, backend: options.backend ?? 'compiled', all: options.all === true } as const;
  const record = async (target: FuzzTarget, f: ScenarioFuzz) => {
    fuzzed.push(f);
    const written: string[][] = [];
    for (const x of f.counterexamples) {
      const files: string[] = [];
      const inOut = join(options.out, x.name);
      await mkdir(dirname(inOut), { recursive: true });
      await writeFile(inOut, x.text);
      files.push(inOut);
      if (options.save) {
        const beside = join(dirname(target.file), 'counterexamples', basename(x.name));
        await mkdir(dirname(beside), { recursive: true });
        await writeFile(beside, x.text);
        files.push(beside);
      }
      written.push(files);
    }
    for (const line of scenarioLines(f, written, c)) say(line);
  };
  const jobs = Math.max(1, Math.min(options.jobs || availableParallelism(), targets.length));
  if (jobs === 1) for (const target of targets) await record(target, fuzzScenario(target, fuzzOptions));
  else await fuzzOnWorkers(targets, jobs, fuzzOptions, record);
  const savedFiles = [...new Set(saved.scenarios.map((s) => s.file))];
  const pruned = options.prune ? await prune(fixedFiles(savedFiles, saved.scenarios, replayedOutcomes), paths) : [];
  const replayed = replayedOutcomes.map((o) => ({ file: o.file, name: o.name, passed: o.passed, pruned: pruned.includes(o.file) }));
  const report = { seed, budget: `${budgetText(budget)}${options.all ? ' --all' : ''}`, replayed };
  await writeFile(join(options.out, 'results.json'), `${JSON.stringify(fuzzResults(fuzzed, report), null, 2)}\n`);
  await writeFile(join(options.out, 'summary.md'), fuzzSummary(fuzzed, { ...report, out: options.out }));
  await writeFile(join(options.out, 'junit.xml'), fuzzJunitXml(fuzzed, { ...report, out: options.out }));
  await writeFile(join(options.out, 'index.html'), fuzzHtml(fuzzed, { ...report, out: options.out }));
  const found = fuzzed.reduce((n, f) => n + f.counterexamples.length, 0);
  say('');
  const verdict = found ? c.red(`${plural(found, 'counterexample')} found`) : c.green('no expectation broken');
  say(` ${c.bold('Fuzzed')}   ${plural(fuzzed.length, 'scenario')}: ${verdict} (seed ${seed})`);
  const failing = replayed.filter((r) => !r.passed).length;
  for (const line of replayTotal({ failing, fixed: replayed.length - failing }, options.prune === true, c)) say(line);
  if (options.prune) for (const line of prunedLines(pruned, replayed.length, c)) say(line);
  say(` ${c.bold('Report')}   ${printable(join(options.out, 'index.html'))}, ${printable(join(options.out, 'summary.md'))}`);
  return found || failing ? EXIT.failed : EXIT.passed;
}
