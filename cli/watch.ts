import { spawn } from 'node:child_process';
import { existsSync, type FSWatcher, watch } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import pc from 'picocolors';
import type { SuiteResult } from '../engine/result.ts';
import { plural } from '../reports/plural.ts';
import type { Colors } from './console/format.ts';
import { printable } from './console/printable.ts';
import { discover } from './discover.ts';
import { UsageError } from './errors.ts';
import { cliIo } from './io.ts';

/** The project's own source folders: a change in any of them (a machine, a policy preset, the engine) re-runs everything. */
export const SOURCE_FOLDERS = ['machines', 'engine', 'ledger', 'scenarios/expect', 'scenarios/loader'] as const;
/** Changes arriving within this many milliseconds of each other are one change (an editor writes a file in several steps). */
export const SETTLE_MS = 150;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'licsim.js');
const YAML = /\.ya?ml$/i;

export interface WatchOptions {
  out: string;
  color: boolean;
  /** The run's own flags, passed on to each run (everything but --watch). */
  args: readonly string[];
  /** Where the one-line summaries go (a terminal by default). */
  write?: (line: string) => void;
  /** Stops watching when it resolves (tests; a terminal stops with Ctrl-C). */
  until?: Promise<void>;
}

/**
 * The flags of a `licsim run --watch` command line that each run gets: every option as
 * written (with its value), without the paths and `--watch`. Which options take a value
 * is read from the command's own definitions.
 *
 * @example
 * passedOn(runCommand, ['scenarios/', '--out', 'rep', '--watch', '--force']); // ['--out', 'rep', '--force']
 */
export function passedOn(command: Pick<Command, 'options'>, tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (token === '--watch') continue;
    if (!token.startsWith('-') || token === '-') continue;
    out.push(token);
    if (token.includes('=')) continue;
    const option = command.options.find((o) => o.long === token || o.short === token);
    if (option && (option.required || option.optional) && i + 1 < tokens.length) out.push(tokens[++i] as string);
  }
  return out;
}

/** What one run did, read from its results.json. */
export interface RunSummary {
  scenarios: number;
  failed: number;
  expectations: number;
  expectationsFailed: number;
  invalid: boolean;
}

/** Reads the summary of the run a results.json holds. */
export async function summaryOf(resultsFile: string): Promise<RunSummary | null> {
  try {
    const suite = JSON.parse(await readFile(resultsFile, 'utf8')) as SuiteResult & { invalid?: true };
    const verdicts = suite.scenarios.flatMap((s) => s.verdicts);
    return {
      scenarios: suite.scenarios.length,
      failed: suite.scenarios.filter((s) => !s.passed).length,
      expectations: verdicts.length,
      expectationsFailed: verdicts.filter((v) => !v.passed).length,
      invalid: suite.invalid === true,
    };
  } catch {
    return null;
  }
}

/**
 * The one line a watched run ends with: the time, what changed, the counts, the seconds.
 *
 * @example
 * watchLine({ scenarios: 3, failed: 1, expectations: 9, expectationsFailed: 2, invalid: false }, ['a.yaml'], 1.2, '10:01:02', c);
 * // '[10:01:02] a.yaml changed: 3 scenarios, 1 failed; 9 expectations, 2 failed (1.2 s)'
 */
export function watchLine(s: RunSummary | null, changed: readonly string[], seconds: number, time: string, c: Colors): string {
  const what = changed.length
    ? `${printable(changed.slice(0, 3).join(', '))}${changed.length > 3 ? ` and ${changed.length - 3} more` : ''} changed`
    : 'first run';
  const counts = !s
    ? c.red('no report written (see above)')
    : s.invalid
      ? c.red('input invalid: nothing was run')
      : `${plural(s.scenarios, 'scenario')}, ${s.failed ? c.red(`${s.failed} failed`) : c.green('all passed')}; ` +
        `${plural(s.expectations, 'expectation')}, ` +
        `${s.expectationsFailed ? c.red(`${s.expectationsFailed} failed`) : c.green('all passed')}`;
  return `${c.dim(`[${time}]`)} ${what}: ${counts} ${c.dim(`(${seconds.toFixed(1)} s)`)}`;
}

/** Runs `licsim run` on `files` in a fresh process (so a changed machine is the one that runs), its own output shown. */
function runOnce(files: readonly string[], options: WatchOptions): Promise<void> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, 'run', ...files, ...options.args], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', () => done());
    child.on('error', () => done());
  });
}

/**
 * `licsim run --watch`: runs the scenarios once, then again whenever they change: a
 * changed scenario file re-runs that file alone; a change in the project's machines,
 * engine, ledger or expectations (SOURCE_FOLDERS) re-runs everything. Each run is a
 * fresh `licsim run` (its usual output and report), followed by one summary line.
 */
export async function watchRuns(paths: readonly string[], options: WatchOptions): Promise<number> {
  const c = pc.createColors(options.color);
  const write = options.write ?? ((line: string) => cliIo().stdout.write(`${line}\n`));
  const found = await discover(paths);
  if (found.missing.length) throw new UsageError(`no such file or folder: ${found.missing.join(', ')}`);
  const resultsFile = join(options.out, 'results.json');
  const time = () => new Date().toTimeString().slice(0, 8);
  const run = async (files: readonly string[], changed: readonly string[]) => {
    const started = performance.now();
    await runOnce(files, options);
    write(watchLine(await summaryOf(resultsFile), changed, (performance.now() - started) / 1000, time(), c));
  };
  await run(paths, []);
  write(c.dim(` watching ${printable(paths.join(', '))} and licsim's own source; Ctrl-C stops`));

  const pending = new Set<string>();
  let sourceChanged = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const flush = () => {
    timer = null;
    const changed = [...pending].sort();
    const everything = sourceChanged;
    pending.clear();
    sourceChanged = false;
    running = running.then(async () => {
      const files = everything ? [...paths] : changed.filter((f) => existsSync(f));
      if (files.length) await run(files, everything ? ['licsim source', ...changed] : changed);
    });
  };
  const changedFile = (file: string, source: boolean) => {
    if (source) sourceChanged = true;
    else if (YAML.test(file)) pending.add(file);
    else return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, SETTLE_MS);
  };

  const watchers: FSWatcher[] = [];
  for (const p of paths) {
    const folder = (await stat(p)).isDirectory();
    const w = watch(p, { recursive: folder }, (_event, name) => {
      if (name) changedFile(folder ? join(p, name.toString()) : p, false);
    });
    watchers.push(w);
  }
  for (const f of SOURCE_FOLDERS) {
    const dir = join(ROOT, f);
    if (!existsSync(dir)) continue;
    watchers.push(
      watch(
        dir,
        { recursive: true },
        (_event, name) => name && /\.ts$/.test(name.toString()) && changedFile(relative(ROOT, join(dir, name.toString())), true),
      ),
    );
  }
  await (options.until ?? new Promise<void>((stop) => process.once('SIGINT', () => stop())));
  for (const w of watchers) w.close();
  if (timer) clearTimeout(timer);
  await running;
  return 0;
}
