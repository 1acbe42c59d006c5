import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import pc from 'picocolors';
import {
  brokenWord,
  type CheckedFile,
  COUNTEREXAMPLE_DIR,
  outcomeText,
  type Replay,
  type ReportFile,
  replayCommand,
  runIdOf,
  VerifyFolder,
  verifyReportFiles,
  verifyResults,
} from '../../reports/index.ts';
import { plural } from '../../reports/plural.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import { formatProblem } from '../../scenarios/loader/problems.ts';
import { runLoaded } from '../../scenarios/run/runLoaded.ts';
import type { CheckOptions } from '../../verify/checker.ts';
import { counterexampleName, counterexampleScenario } from '../../verify/counterexample.ts';
import type { Exploration } from '../../verify/result.ts';
import type { Property, Verification } from '../../verify/spec.ts';
import type { Colors } from '../console/format.ts';
import { printable, printableLine } from '../console/printable.ts';
import { EXIT, outDirUsage, UsageError } from '../errors.ts';
import { cliIo } from '../io.ts';
import { loadAll } from '../loadAll.ts';
import { runOrdered } from '../pool/orderedPool.ts';
import { exploreUnit, VERIFY_WORKER, type VerifyProgress, type VerifyRequest } from '../pool/verifyWorker.ts';

export interface VerifyOptions {
  out: string;
  force?: boolean;
  maxStates?: number;
  /** Variants explored at once, on worker threads (one per core by default; 1: one after another, in this process). */
  jobs?: number;
  seed?: number;
  color: boolean;
}

type ProgressFigures = Parameters<NonNullable<CheckOptions['onProgress']>>[0];

const seconds = (s: number) => `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
const grouped = (n: number) => n.toLocaleString('en-US');

/**
 * `licsim verify`: loads every file named (nothing is checked if any has a problem),
 * explores every variant of each verification file within its bounds, --jobs at once
 * on worker threads (one per core by default; with 1, one after another in this
 * process), prints a line per variant and per property in file then variant order
 * whatever order they finish in, writes each counterexample as a scenario and the report. Exit 0 when every property's outcome is
 * what its file expects, 1 when any is not (or is unknown: cut short by --max-states).
 */
export async function verifyCommand(paths: string[], options: VerifyOptions): Promise<number> {
  const c = pc.createColors(options.color);
  const started = performance.now();
  const { scenarios, verifications, ignored } = await loadAll(paths, options.seed === undefined ? {} : { seed: options.seed });
  const scenarioFiles = [...new Set(scenarios.map((s) => s.file))];
  const skipped = scenarioFiles.length
    ? `${plural(scenarioFiles.length, 'scenario file')} (licsim run runs ${scenarioFiles.length === 1 ? 'it' : 'them'})`
    : '';
  if (!verifications.length)
    throw new UsageError(
      `no verification files to check (a verification file has verify: at its top)${skipped ? `: skipped ${skipped}` : ''}`,
    );
  const folder = await outDirUsage(VerifyFolder.open(options.out, { force: options.force ?? false }));
  const say = (line: string) => cliIo().stdout.write(`${printableLine(line)}\n`);
  // What decides the results: the files as loaded (with --seed applied) and the bounds given.
  const runId = runIdOf(verifications, { command: 'verify', seed: options.seed ?? null, maxStates: options.maxStates ?? null });
  await outDirUsage(folder.begin(runId));
  if (folder.tookOver)
    say(c.dim(` took over the lock of ${printable(options.out)} from pid ${folder.tookOver.pid}, which is no longer running`));
  if (ignored.length) say(c.dim(` skipped ${plural(ignored.length, 'path')} listed in .licsimignore: ${printable(ignored.join(', '))}`));
  if (skipped) say(c.dim(` Skipped ${skipped}: ${printable(scenarioFiles.join(', '))}`));

  const progress = new ProgressLine(cliIo().stderr.isTTY === true && !cliIo().env.CI, c);
  const texts = await Promise.all(verifications.map((v) => readFile(v.file, 'utf8')));
  const checked = verifications.map((verification) => ({
    verification,
    explorations: [] as Exploration[],
    counterexampleFiles: new Map<string, Map<number, string>>(),
  })) satisfies CheckedFile[];
  const counterexamples: ReportFile[] = [];
  const replays = new Map<string, Replay>();
  const names = new Set<string>();
  // A unit's exploration, reported (its lines, its counterexamples) in unit order: by file, then by variant.
  const report = (unit: Unit, x: Exploration) => {
    const v = unit.verification;
    const variant = v.world.variants[unit.variant] as Verification['world']['variants'][number];
    const file = checked[unit.file] as (typeof checked)[number];
    file.explorations.push(x);
    const byProperty = new Map<number, string>();
    file.counterexampleFiles.set(variant.label, byProperty);
    for (const verdict of x.verdicts) {
      if (!verdict.counterexample) continue;
      const name = unique(names, counterexampleName(v, variant.label, v.properties[verdict.property] as Property));
      const path = `${COUNTEREXAMPLE_DIR}/${name}`;
      const yaml = counterexampleScenario(v, texts[unit.file] as string, x, verdict);
      byProperty.set(verdict.property, path);
      counterexamples.push({ path, data: yaml });
      replays.set(path, replay(yaml, path, variant.label));
    }
    const mark = x.verdicts.every((d) => d.passed) ? c.green('✓') : c.red('✗');
    const figures = `${grouped(x.states)} states, ${grouped(x.distinct)} distinct, depth ${x.depth}${x.complete ? '' : ', cut short'}`;
    say(
      ` ${mark} ${c.dim(`${printable(v.file)} ›`)} ${printable(v.name)}${printable(unit.label)} ` +
        c.dim(`(${figures}) ${seconds(x.seconds)}`),
    );
    for (const verdict of x.verdicts)
      for (const line of propertyLines(v, verdict.property, byProperty.get(verdict.property), x, options, c)) say(line);
  };
  const units: Unit[] = verifications.flatMap((verification, file) =>
    verification.world.variants.map((variant, index) => ({
      file,
      verification,
      variant: index,
      label: verification.world.variants.length > 1 || variant.label !== 'run' ? ` [variant ${variant.label}]` : '',
    })),
  );
  const jobs = Math.max(1, Math.min(options.jobs || availableParallelism(), units.length));
  try {
    await exploreUnits(units, jobs, options.maxStates, progress, report);
  } catch (error) {
    progress.clear();
    if (!(error instanceof VerifyCrash)) throw error;
    const detail = error.detail.split('\n').filter(Boolean);
    cliIo().stderr.write(
      `${c.red('licsim crashed')} while checking ${printable(error.message)} (a bug: please report it with the stack below)\n` +
        detail.map((l) => `${c.dim(printable(l))}\n`).join(''),
    );
    await folder.release();
    return EXIT.crashed;
  }

  const results = verifyResults(checked, runId, {
    ...(options.maxStates === undefined ? {} : { maxStates: options.maxStates }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
  await outDirUsage(folder.write(verifyReportFiles(results, counterexamples, replays), runId));
  await folder.release();
  for (const w of folder.warnings) cliIo().stderr.write(`${c.yellow('licsim:')} ${printable(w)}\n`);
  const verdicts = results.files.flatMap((f) => f.variants.flatMap((x) => x.properties));
  const failed = verdicts.filter((p) => !p.passed).length;
  const counts = [verdicts.length - failed ? c.green(`${verdicts.length - failed} passed`) : '', failed ? c.red(`${failed} failed`) : '']
    .filter(Boolean)
    .join(', ');
  say('');
  say(` ${c.bold('Properties')}    ${counts} ${c.dim(`(${verdicts.length})`)}`);
  if (skipped) say(` ${c.bold('Skipped')}       ${skipped}`);
  say(` ${c.bold('Duration')}      ${((performance.now() - started) / 1000).toFixed(1)} s`);
  say(` ${c.bold('Report')}        ${printable(join(folder.out, 'index.html'))}`);
  return results.passed ? EXIT.passed : EXIT.failed;
}

/** One variant of one verification file: what a worker explores. */
interface Unit {
  /** Index of its file among the verifications. */
  file: number;
  verification: Verification;
  /** Index of its variant in the file's world. */
  variant: number;
  /** ` [variant x]` where the file compares variants, else empty. */
  label: string;
}

/** A unit licsim crashed exploring (a bug, not a failed property): named by its file, name and variant. */
export class VerifyCrash extends Error {
  constructor(
    unit: Unit,
    message: string,
    readonly detail: string,
  ) {
    super(`${unit.verification.file} › ${unit.verification.name}${unit.label}: ${message}`);
  }
}

/**
 * Explores every unit, `jobs` at once: in this process one after another when `jobs`
 * is 1, on worker threads otherwise (each worker explores the units it is given one at
 * a time, under tsx's loader as licsim run's pool does). Whatever order they finish
 * in, `report` gets them in unit order (a unit finished early waits for those before
 * it), so the lines, the counterexample names and the results are those of a
 * sequential run. The progress line sums the figures of the units under way. The
 * first crash stops every worker and is thrown as a {@link VerifyCrash}.
 */
async function exploreUnits(
  units: readonly Unit[],
  jobs: number,
  maxStates: number | undefined,
  progress: ProgressLine,
  report: (unit: Unit, x: Exploration) => void,
): Promise<void> {
  const request = (unit: Unit): VerifyRequest => ({
    verification: unit.verification,
    variant: unit.variant,
    ...(maxStates === undefined ? {} : { maxStates }),
  });
  const nameOf = (unit: Unit) => `${unit.verification.name}${unit.label}`;
  if (jobs <= 1) {
    for (const unit of units) {
      let x: Exploration;
      try {
        x = exploreUnit(request(unit), (p) => progress.show(nameOf(unit), p));
      } catch (error) {
        throw new VerifyCrash(unit, (error as Error)?.message ?? String(error), (error as Error)?.stack ?? '');
      } finally {
        progress.clear();
      }
      report(unit, x);
    }
    return;
  }
  const running = new Map<number, VerifyProgress>();
  const show = () => {
    const under = [...running.entries()];
    const sum = under.reduce(
      (a, [, p]) => ({
        states: a.states + p.states,
        distinct: a.distinct + p.distinct,
        depth: Math.max(a.depth, p.depth),
        seconds: Math.max(a.seconds, p.seconds),
      }),
      { states: 0, distinct: 0, depth: 0, seconds: 0 },
    );
    const named = under.map(([i]) => nameOf(units[i] as Unit));
    progress.show(named.length > 1 ? `${named.length} at once: ${named.join(', ')}` : (named[0] ?? ''), sum);
  };
  await runOrdered<VerifyRequest, Exploration, VerifyProgress>({
    entry: new URL('../pool/verifyWorker.ts', import.meta.url),
    role: VERIFY_WORKER,
    jobs,
    count: units.length,
    request: (i) => request(units[i] as Unit),
    progress: (i, p) => {
      running.set(i, p);
      show();
    },
    finished: (i) => {
      running.delete(i);
      progress.clear();
      if (running.size) show();
    },
    done: (i, x) => {
      progress.clear();
      report(units[i] as Unit, x);
    },
    crash: (i, message, stack) => new VerifyCrash(units[i] as Unit, message, stack),
  });
}

/** A property's lines under its variant: mark, name, outcome and rules; for a counterexample its steps and its file. */
function propertyLines(
  v: Verification,
  index: number,
  file: string | undefined,
  x: Exploration,
  options: VerifyOptions,
  c: Colors,
): string[] {
  const verdict = x.verdicts.find((d) => d.property === index);
  const p = v.properties[index] as Property;
  if (!verdict) return [];
  const outcome = outcomeText({ outcome: verdict.outcome, expectViolated: p.expectViolated });
  const rules = p.rules.length ? c.dim(` [${printable(p.rules.join(', '))}]`) : '';
  const mark = verdict.passed ? c.green('✓') : c.red('✗');
  const lines = [`     ${mark} ${printable(p.name)} — ${verdict.passed ? outcome : c.yellow(outcome)}${rules}`];
  const cx = verdict.counterexample;
  if (cx) {
    if (!cx.steps.length) lines.push(c.dim('       no event: the fixed timeline alone breaks it'));
    for (const [i, s] of cx.steps.entries())
      lines.push(c.dim(`       ${i + 1}. day ${s.day}: ${printable(v.alphabet[s.event]?.label ?? '?')}`));
    lines.push(c.dim(`       ${brokenWord(p.check.kind)} ${cx.day}`));
    if (file) lines.push(c.dim(`       replay: ${printable(replayCommand(join(options.out, file)))}`));
  }
  return lines;
}

/** `name`, or `name-2.yaml`, `-3`… when a counterexample of another file already has it. */
function unique(names: Set<string>, name: string): string {
  let candidate = name;
  for (let k = 2; names.has(candidate); k++) candidate = name.replace(/\.yaml$/, `-${k}.yaml`);
  names.add(candidate);
  return candidate;
}

/** Runs a counterexample's scenario as `licsim run` would (it holds the seed checked), for the page's evidence. */
function replay(yaml: string, file: string, variant: string): Replay {
  try {
    const loaded = parseScenarios(yaml, file);
    if (!loaded.ok) return { error: loaded.problems.map(formatProblem).join('; ') };
    const scenario = loaded.scenarios[0];
    if (!scenario) return { error: 'the counterexample scenario holds no scenario' };
    return { outcome: runLoaded(scenario), variant };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** How often the progress line is rewritten at most: the checker reports every few states, which may be many a second. */
export const PROGRESS_INTERVAL_MS = 200;

/** Where the progress line goes: stderr and the clock, by default. */
export interface ProgressTerminal {
  write(text: string): void;
  now(): number;
  columns(): number;
}

const STDERR: ProgressTerminal = {
  write: (text) => cliIo().stderr.write(text),
  now: () => performance.now(),
  columns: () => cliIo().stderr.columns || 120,
};

/**
 * The progress of an exploration on one stderr line, rewritten in place (on a terminal
 * outside CI only): states explored, distinct, depth and states per second. Rewritten
 * at most every {@link PROGRESS_INTERVAL_MS}, however often the checker reports.
 */
export class ProgressLine {
  private last = Number.NEGATIVE_INFINITY;
  private shown = false;

  constructor(
    private readonly interactive: boolean,
    private readonly c: Colors,
    private readonly terminal: ProgressTerminal = STDERR,
  ) {}

  show(name: string, p: ProgressFigures): void {
    if (!this.interactive) return;
    const now = this.terminal.now();
    if (now - this.last < PROGRESS_INTERVAL_MS) return;
    this.last = now;
    const rate = p.seconds > 0 ? Math.round(p.states / p.seconds) : 0;
    const figures = `${grouped(p.states)} states, ${grouped(p.distinct)} distinct, depth ${p.depth}, ${grouped(rate)} states/s`;
    const columns = this.terminal.columns();
    const text = `${figures} — ${printable(name)}`;
    // The figures first, the name cut to the terminal's width: the line never wraps, so \r rewrites all of it.
    const shown = [...text].length > columns - 4 ? `${[...text].slice(0, Math.max(10, columns - 5)).join('')}…` : text;
    this.terminal.write(`\r\x1b[K ${this.c.cyan('⋯')} ${shown}`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) this.terminal.write('\r\x1b[K');
    this.shown = false;
    this.last = Number.NEGATIVE_INFINITY;
  }
}
