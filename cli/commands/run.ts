import { dirname } from 'node:path';
import pc from 'picocolors';
import type { ScenarioOutcome, SuiteResult } from '../../engine/result.ts';
import { OutDirError, ReportFolder, runIdOf, type Timings } from '../../reports/index.ts';
import { plural } from '../../reports/plural.ts';
import type { PolicyFile } from '../../scenarios/loader/policyFile.ts';
import type { Problem } from '../../scenarios/loader/problems.ts';
import type { LoadedScenario } from '../../scenarios/loader/resolveScenario.ts';
import { Baselines, baselineLines, baselineMode } from '../baseline.ts';
import { checkBudget, runBudget } from '../budget.ts';
import { type Colors, scenarioLine, totals, verdictLines } from '../console/format.ts';
import { printable } from '../console/printable.ts';
import { Progress } from '../console/progress.ts';
import { prunedLines, replayHeading, replayStatus, replayTotal, scenariosHeading } from '../console/replay.ts';
import { EXIT, outDirUsage, ReportedError, UsageError } from '../errors.ts';
import { filterLine, lastFailed, listLines, selectScenarios } from '../filters.ts';
import { cliIo, publishingIo } from '../io.ts';
import { batchError, loadEach } from '../loadAll.ts';
import { loadPolicyFile } from '../loadFile.ts';
import { runPool, ScenarioCrash } from '../pool/pool.ts';
import { fixedFiles, markCounterexample, prune } from '../replay.ts';
import { deliverReports, dot, reporterPlan } from '../reporters.ts';
import type { Shard } from '../shard.ts';
import { checkCostsPath, writeShardCosts } from '../shardCosts.ts';
import { emptyShard, shardLines, shardPlanOf, writeShardBlob } from '../shardRun.ts';

export interface RunOptions {
  out: string;
  /** `--policy FILE`: a policy file in place of every scenario's `policy:`. */
  policy?: string;
  /** Write into an --out folder holding files licsim did not write. */
  force?: boolean;
  seed?: number;
  only?: string[];
  /** `--grep` / `-t`: a regular expression on scenario names and expectation titles; `--grep-invert` leaves them out (cli/filters.ts). */
  grep?: string;
  grepInvert?: boolean;
  /** `--tag`: scenarios (or expectations) with one of these tags. */
  tag?: string[];
  /** `--last-failed`: only the scenarios that failed in the previous report in `out`. */
  lastFailed?: boolean;
  /** `--list`: print what would run, run nothing. */
  list?: boolean;
  /** `--max-failures N` / `--bail` (1): start no scenario once N have failed. */
  maxFailures?: number;
  bail?: boolean;
  /** `--reporter`: console, file and GitHub reporters (cli/reporters.ts); none named: default. */
  reporter: string[];
  /** `--output-file name=path`: where a file reporter's file goes (stdout without one). */
  outputFile?: string[];
  color: boolean;
  jobs?: number;
  backend: 'compiled' | 'actors';
  /** The most memory (bytes) and timeline events a run may use (defaults: cli/budget.ts). */
  maxMemory?: number;
  maxEvents?: number;
  /** Delete the saved counterexamples (cli/replay.ts) that now pass. */
  prune?: boolean;
  /**
   * Where the report folder is published (`--report-url`, an http(s) URL): summary.md and the GitHub job
   * summary link the report and its charts absolutely against it (reports/types.ts, ReportOptions.reportUrl).
   */
  reportUrl?: string;
  /** `--baseline`: check each scenario's key outcomes against `<stem>.baseline.json` beside its file (cli/baseline.ts). */
  baseline?: boolean;
  /** `--update-baseline`: write every baseline anew (implies --baseline). */
  updateBaseline?: boolean;
  /** `--shard i/n`: run this share of the suite (cli/shard.ts) and write its blob to `out` for `licsim merge`. */
  shard?: Shard;
  /** `--shard-costs FILE`: split by the events it lists (cli/shardCosts.ts), not by instance-days. */
  shardCosts?: string;
  /** `--write-shard-costs FILE`: write each scenario's events after the run, for later `--shard-costs`. */
  writeShardCosts?: string;
}

/**
 * `licsim run`: loads every scenario (nothing runs if any file has a problem),
 * runs them on worker threads, prints a summary like a test runner and writes
 * the report. Saved counterexamples under the paths (cli/replay.ts) run first, with
 * their own seeds, and are reported apart; `--prune` deletes those that now pass.
 * Exit 0 when every expectation holds, 1 when any fails; problems in the files are
 * thrown (exit 2) after the report in `--out` was replaced by one saying the input was invalid.
 */
export async function runCommand(paths: string[], options: RunOptions): Promise<number> {
  const reporters = reporterPlan(options.reporter, options.outputFile);
  const c = pc.createColors(options.color);
  const silent = reporters.console === 'silent';
  const verbose = reporters.console === 'verbose';
  // The dot reporter: a character per scenario as it ends, its lines (a failure's) kept for after the dots.
  const dots = reporters.console === 'dot';
  const afterDots: string[] = [];
  if (options.reportUrl !== undefined) checkReportUrl(options.reportUrl);
  const started = performance.now();
  if (options.policy !== undefined && (options.baseline || options.updateBaseline))
    throw new UsageError(
      "--policy with --baseline or --update-baseline: a scenario's baseline holds the outcomes of its own policy " +
        '(run the policy file as a scenario of its own to keep its baseline)',
    );
  const policy = options.policy === undefined ? undefined : await loadPolicyFile(options.policy);
  const loaded = await loadEach(paths, {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(policy ? { policy } : {}),
    replay: true,
  });
  const invalid = batchError(loaded);
  if (invalid) {
    // Bad input (exit 2): the report says so, so no earlier report reads as the result of this run.
    if (invalid.exitCode === EXIT.usage) await reportInvalid(loaded.problems, options, invalid, c);
    throw invalid;
  }
  const { scenarios: all, verifications, ignored } = loaded;
  const saved = new Set(loaded.counterexamples);
  const skipped = skippedText(verifications.map((v) => v.file));
  if (!all.length) throw new UsageError(`no scenarios to run: ${skipped.summary}`);
  const previous = options.lastFailed ? await lastFailed(options.out) : null;
  const selection = selectScenarios(all, {
    ...(options.only ? { only: options.only } : {}),
    ...(options.grep === undefined ? {} : { grep: options.grep, grepInvert: options.grepInvert === true }),
    ...(options.tag ? { tags: options.tag } : {}),
    lastFailed: previous,
  });
  const matched = selection.scenarios;
  const filtered = selection.filtered;
  // Any filter given: the reports count what it left out.
  const only = selection.said.length > 0;
  if (options.list) {
    for (const line of listLines(selection, c)) cliIo().stdout.write(`${line}\n`);
    return EXIT.passed;
  }
  // What decides the results: the scenarios as loaded (with --seed applied) and the options that pick them (a shard's too).
  const mode = baselineMode(options);
  const runId = suiteRunId(matched, options, selection.said, mode);
  const plan = await shardPlanOf(matched, options);
  if (options.writeShardCosts !== undefined) await checkCostsPath(options.writeShardCosts);
  if (plan && !plan.positions.length) return emptyShard(plan, runId, only ? filtered : undefined, silent, c);
  const scenarios = plan ? plan.positions.map((i) => matched[i] as (typeof matched)[number]) : matched;
  const budget = runBudget(options);
  checkBudget(scenarios, budget, (line) => cliIo().stderr.write(`${c.yellow('licsim:')} ${printable(line)}\n`));
  // Saved counterexamples have no baselines; one that cannot be read stops the run here (exit 2).
  const notSaved = (s: { file: string }) => !saved.has(s.file);
  const baselines = mode ? await Baselines.load(all.filter(notSaved), scenarios.filter(notSaved), mode) : null;
  const checked: ScenarioOutcome[] = [];
  // A shard writes no report: its blob goes to --out (checked here, before anything runs) for licsim merge.
  const folder = plan ? null : await outDirUsage(ReportFolder.open(options.out, { force: options.force ?? false }));
  if (folder) {
    await outDirUsage(folder.begin(runId));
  }
  const say = (line: string) => !silent && progress.log(line);
  const totalsByScenario = scenarios.map((s) => s.variants.reduce((n, v) => n + Math.ceil(v.scenario.days), 0));
  const interactive = !silent && cliIo().stderr.isTTY === true && !cliIo().env.CI;
  const progress = new Progress(
    totalsByScenario,
    scenarios.map((s) => s.name),
    interactive,
    c,
  );
  if (folder?.tookOver)
    say(c.dim(` took over the lock of ${printable(options.out)} from licsim run pid ${folder.tookOver.pid}, which is no longer running`));
  if (ignored.length)
    say(c.dim(` skipped ${ignored.length} path${ignored.length > 1 ? 's' : ''} listed in .licsimignore: ${ignored.join(', ')}`));
  if (verifications.length) say(c.dim(` skipped ${skipped.summary}: ${printable(skipped.files)}`));
  if (loaded.policies.length)
    say(c.dim(` skipped ${plural(loaded.policies.length, 'policy file')} (--policy takes one): ${printable(loaded.policies.join(', '))}`));
  if (policy) say(c.dim(` ${printable(policyLine(policy, all))}`));
  if (only) say(c.dim(` ${filterLine(selection, all.length)}`));
  if (plan) for (const line of shardLines(plan, c)) say(line);
  // Counterexamples are first in `scenarios`: their lines come under their own heading in their order, the others' after them.
  const replaying = scenarios.filter((s) => saved.has(s.file)).length;
  const replayLines: Array<string[] | undefined> = [];
  let replayed = 0;
  const waiting: string[] = [];
  if (replaying) say(replayHeading(c));
  const startedAt = scenarios.map(() => 0);
  // Wall-clock seconds per scenario: the console's, and timings.json's (never results.json's).
  const seconds = scenarios.map(() => 0);
  const poolStarted = performance.now();
  const variantDays = scenarios.map(() => new Map<string, number>());
  let outcomes: ScenarioOutcome[];
  const maxFailures = options.maxFailures ?? (options.bail ? 1 : 0);
  let failures = 0;
  try {
    outcomes = await runPool(
      scenarios,
      {
        started: (i) => (startedAt[i] = performance.now()),
        progress: (i, variant, day) => {
          variantDays[i]?.set(variant, day);
          progress.update(
            i,
            [...(variantDays[i]?.values() ?? [])].reduce((a, b) => a + b, 0),
          );
        },
        done: (i, result) => {
          const outcome = baselines ? baselines.check(result) : result;
          if (baselines) checked[i] = outcome;
          if (!outcome.passed) failures++;
          const isSaved = i < replaying;
          seconds[i] = (performance.now() - (startedAt[i] ?? started)) / 1000;
          const line = scenarioLine(outcome, c, seconds[i] ?? 0);
          const lines = [isSaved ? `${line} ${replayStatus(outcome.passed, options.prune === true, c)}` : line];
          if (!outcome.passed || verbose) for (const v of outcome.verdicts) if (!v.passed || verbose) lines.push(...verdictLines(v, c));
          if (dots) {
            cliIo().stdout.write(dot(outcome.passed, c));
            if (!outcome.passed) afterDots.push(...lines);
            return;
          }
          if (!isSaved) {
            if (replayed < replaying) waiting.push(...lines);
            else for (const l of lines) say(l);
            return;
          }
          replayLines[i] = lines;
          for (; replayed < replaying && replayLines[replayed]; replayed++) for (const l of replayLines[replayed] ?? []) say(l);
          if (replayed === replaying) {
            say('');
            say(scenariosHeading(c));
            for (const l of waiting.splice(0)) say(l);
          }
        },
      },
      {
        ...(options.jobs ? { concurrency: options.jobs } : {}),
        backend: options.backend,
        memoryBytes: budget.maxMemoryBytes,
        // --bail / --max-failures: no scenario starts once enough have failed (those under way finish).
        ...(maxFailures ? { stop: () => failures >= maxFailures } : {}),
      },
    );
  } catch (error) {
    progress.stop();
    if (error instanceof ScenarioCrash) {
      const detail = error.detail.split('\n').map((l) => `${c.dim(printable(l))}\n`);
      cliIo().stderr.write(`${c.red('licsim crashed')} while running ${printable(error.message)}\n${detail.join('')}`);
      return EXIT.crashed;
    }
    throw error;
  }
  progress.stop();
  if (dots) cliIo().stdout.write(`\n${afterDots.map((l) => `${l}\n`).join('')}`);
  // What ran, in the suite's order (after --bail or --max-failures, not every scenario did).
  const ran = scenarios.flatMap((_, i) => (outcomes[i] === undefined ? [] : [i]));
  const notRun = scenarios.length - ran.length;
  const stopped = options.bail && !options.maxFailures ? '--bail' : `--max-failures ${maxFailures}`;
  if (notRun) say(c.yellow(` ${plural(notRun, 'scenario')} not run: ${plural(failures, 'scenario')} failed (${stopped})`));
  const timings: Timings = {
    schema: 'licsim/timings@1',
    seconds: milliRounded((performance.now() - poolStarted) / 1000),
    scenarios: ran.map((i) => {
      const s = scenarios[i] as (typeof scenarios)[number];
      return { file: s.file, name: s.name, seconds: milliRounded(seconds[i] ?? 0) };
    }),
  };
  outcomes = ran.map((i) => checked[i] ?? (outcomes[i] as ScenarioOutcome)).map((o) => (saved.has(o.file) ? markCounterexample(o) : o));
  const suite: SuiteResult = {
    schema: 'licsim/suite-result@1',
    passed: outcomes.every((o) => o.passed),
    scenarios: outcomes,
    ...(only ? { filtered } : {}),
    ...(notRun ? { notRun } : {}),
  };
  const reportOptions = {
    runId,
    timings,
    ...(options.reportUrl === undefined ? {} : { reportUrl: options.reportUrl }),
    // The github reporter publishes as under GitHub Actions wherever it runs.
    ...publishingIo(reporters.github ? { GITHUB_ACTIONS: 'true' } : {}),
  };
  const files = folder ? await outDirUsage(folder.write(suite, reportOptions)) : null;
  await folder?.release();
  if (files) await deliverReports(reporters, dirname(files.html), (text) => cliIo().stdout.write(text));
  for (const w of folder?.warnings ?? []) cliIo().stderr.write(`${c.yellow('licsim:')} ${printable(w)}\n`);
  const blobLine = plan ? await writeShardBlob(plan, runId, outcomes, timings, only ? filtered : undefined, c, ran) : null;
  if (options.writeShardCosts !== undefined) await writeShardCosts(options.writeShardCosts, outcomes);
  const baselinesWritten = baselines ? await baselines.write() : [];
  const fixed = fixedFiles(loaded.counterexamples, all, outcomes);
  const failing = outcomes.filter((o) => o.counterexample && !o.passed).length;
  const pruned = options.prune ? await prune(fixed, paths) : [];
  if (!silent) {
    const skippedLine = verifications.length ? skipped.summary : '';
    const lines = totals(outcomes, c, (performance.now() - started) / 1000, skippedLine);
    // The counterexamples' line goes after the scenarios' and expectations' (lines[0] is blank).
    lines.splice(3, 0, ...replayTotal({ failing, fixed: fixed.length }, options.prune === true, c));
    if (options.prune) lines.push(...prunedLines(pruned, loaded.counterexamples.length, c));
    if (baselines) lines.push(...baselineLines(baselinesWritten, c));
    for (const line of lines) cliIo().stdout.write(`${line}\n`);
    cliIo().stdout.write(files ? ` ${c.bold('Report')}        ${printable(files.html)}\n` : `${blobLine}\n`);
  }
  return suite.passed ? EXIT.passed : EXIT.failed;
}

/**
 * The id of a suite's run: a hash of the scenarios as loaded (with --seed applied) and the options that pick them and
 * decide their results. A shard's, a partition's and the merge's are the whole run's.
 */
export function suiteRunId(
  matched: readonly LoadedScenario[],
  options: Pick<RunOptions, 'seed' | 'only' | 'grep' | 'grepInvert' | 'tag'>,
  said: readonly string[],
  mode: ReturnType<typeof baselineMode> = null,
): string {
  return runIdOf(matched, {
    seed: options.seed ?? null,
    only: options.only ?? null,
    ...(options.grep === undefined ? {} : { grep: options.grep, grepInvert: options.grepInvert === true }),
    ...(said.includes('--last-failed') ? { lastFailed: true } : {}),
    ...(options.tag ? { tag: options.tag } : {}),
    ...(mode ? { baseline: mode } : {}),
  });
}

/** Seconds to the millisecond (timings.json and junit.xml show no more). */
const milliRounded = (seconds: number) => Math.round(seconds * 1000) / 1000;

/** `--report-url` is where the report folder is published: an absolute http(s) URL, else a usage error (exit 2). */
export function checkReportUrl(value: string): void {
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    throw new UsageError(
      `--report-url: expected an absolute http(s) URL such as https://ci.example/artifacts/report/, found ${JSON.stringify(value)}`,
    );
}

/**
 * A run stopped on problems in its files (exit 2): replaces the report in `--out` by one that
 * says the input was invalid and lists them (reports/html/invalidPage.ts and its kin), with the
 * same folder, lock and manifest as any report, and under GitHub Actions annotates each problem
 * and writes the job summary. An --out licsim may not write (another run's, files licsim did not
 * write without --force, …) is left as it is: the problems are reported with a line saying so.
 */
async function reportInvalid(problems: Problem[], options: RunOptions, error: ReportedError, c: Colors): Promise<void> {
  const suite: SuiteResult = { schema: 'licsim/suite-result@1', passed: false, scenarios: [], invalid: true, problems };
  const runId = runIdOf({ problems }, { seed: options.seed ?? null, only: options.only ?? null });
  try {
    const folder = await ReportFolder.open(options.out, { force: options.force ?? false });
    try {
      await folder.write(suite, { runId, ...publishingIo(), ...(options.reportUrl === undefined ? {} : { reportUrl: options.reportUrl }) });
    } finally {
      await folder.release();
    }
    for (const w of folder.warnings) cliIo().stderr.write(`${c.yellow('licsim:')} ${printable(w)}\n`);
  } catch (refused) {
    if (!(refused instanceof OutDirError)) throw refused;
    throw new ReportedError(error.message, [...error.lines, `no report was written: ${refused.message}`], error.exitCode);
  }
}

/** What --policy did: the file, and the scenarios whose own policy: it replaced. */
export function policyLine(policy: PolicyFile, scenarios: readonly LoadedScenario[]): string {
  const replaced = scenarios.filter((s) => s.policyReplaced).map((s) => s.name);
  const what = policy.description ? ` (${policy.description.trim()})` : '';
  return replaced.length
    ? `--policy ${policy.file}${what}: the policy of every scenario; it replaces the policy: of ${replaced.join(', ')}`
    : `--policy ${policy.file}${what}: the policy of every scenario`;
}

/** The verification files a run skips, said for a person: `2 verification files (licsim verify checks them)`, and their names. */
function skippedText(files: readonly string[]): { summary: string; files: string } {
  const one = files.length === 1;
  return {
    summary: `${files.length} verification file${one ? '' : 's'} (licsim verify checks ${one ? 'it' : 'them'})`,
    files: files.join(', '),
  };
}
