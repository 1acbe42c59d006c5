import { plural } from '../reports/plural.ts';
import type { PolicyFile } from '../scenarios/loader/policyFile.ts';
import { formatProblem, type Problem } from '../scenarios/loader/problems.ts';
import type { LoadedScenario } from '../scenarios/loader/resolveScenario.ts';
import type { Verification } from '../verify/spec.ts';
import { errorLines } from './console/printable.ts';
import { discover } from './discover.ts';
import { EXIT, ReportedError, UsageError } from './errors.ts';
import { loadFile } from './loadFile.ts';
import { replayOrder } from './replay.ts';

/** A file licsim failed on while reading it: a bug in licsim, reported against the file. */
export interface FileCrash {
  file: string;
  error: unknown;
}

/** What the files named on the command line hold: their scenarios and verifications, their problems, and the files licsim crashed on. */
export interface Loaded {
  scenarios: LoadedScenario[];
  /** The verification files' (`licsim verify` checks them; `licsim run` skips them). */
  verifications: Verification[];
  /** The policy files' (`--policy` takes one; `licsim run` skips them). */
  policies: string[];
  ignored: string[];
  /** The files read, in order. */
  files: string[];
  /** With `replay`, the saved counterexamples among `files` (cli/replay.ts), which come first; otherwise none. */
  counterexamples: string[];
  problems: Problem[];
  crashes: FileCrash[];
}

/** How files are loaded: `--seed` for every scenario, and whether saved counterexamples replay first. */
export interface LoadOptions {
  seed?: number;
  /** `--policy`'s policy file, in place of every scenario's `policy:`. */
  policy?: PolicyFile;
  /** Put saved counterexamples first (cli/replay.ts); they keep their own seeds, `seed` is not applied to them. */
  replay?: boolean;
}

/**
 * Finds every scenario file named on the command line and reads each on its own (a
 * verification file, one with `verify:`, by the verification loader): a problem in one,
 * or a crash of licsim on one, is kept against that file and the others are still read.
 */
export async function loadEach(paths: readonly string[], options: LoadOptions = {}): Promise<Loaded> {
  if (!paths.length) throw new UsageError('no scenario files or folders given');
  const found = await discover(paths);
  if (found.missing.length) throw new UsageError(`no such file or folder: ${found.missing.join(', ')}`);
  if (!found.files.length) throw new UsageError(`no scenario files (*.yaml, *.yml) in ${paths.join(', ')}`);
  const order = options.replay ? replayOrder(found.files, paths) : { files: found.files, counterexamples: [] };
  const saved = new Set(order.counterexamples);
  const loaded: Loaded = {
    scenarios: [],
    verifications: [],
    policies: [],
    ignored: found.ignored,
    files: order.files,
    counterexamples: order.counterexamples,
    problems: [],
    crashes: [],
  };
  const seeded = {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.policy ? { policy: options.policy.raw } : {}),
  };
  for (const file of order.files) {
    try {
      const { kind, result } = await loadFile(file, saved.has(file) ? {} : seeded);
      // A loop, not push(...list): a file of many scenarios or problems would overflow the call stack.
      if (!result.ok) for (const p of result.problems) loaded.problems.push(p);
      else if (kind === 'verification') loaded.verifications.push(result.verification);
      else if (kind === 'policy') loaded.policies.push(result.policy.file);
      else for (const s of result.scenarios) loaded.scenarios.push(s);
    } catch (error) {
      loaded.crashes.push({ file, error });
    }
  }
  return loaded;
}

/**
 * The error reporting a batch's problems (exit 2) and the files licsim crashed on
 * (exit 3, the worst, with each file named and its stack), or null when there are none.
 */
export function batchError(loaded: Loaded): ReportedError | null {
  const { problems, crashes } = loaded;
  if (!problems.length && !crashes.length) return null;
  const files = new Set(problems.map((p) => p.file)).size;
  const parts = [
    problems.length ? `${plural(problems.length, 'problem')} in ${plural(files, 'scenario file')}` : '',
    crashes.length
      ? `licsim crashed reading ${plural(crashes.length, 'scenario file')} (a bug: please report it with the stack below)`
      : '',
  ];
  const lines = [
    ...problems.map(formatProblem),
    ...crashes.flatMap(({ file, error }) => {
      const [head, ...frames] = errorLines(error);
      return [`${file}: licsim crashed reading this file: ${head}`, ...frames.map((f) => `  ${f.trim()}`)];
    }),
  ];
  const message = `${parts.filter(Boolean).join(', and ')}; nothing was run`;
  return new ReportedError(message, lines, crashes.length ? EXIT.crashed : EXIT.usage);
}

/** Finds and loads every scenario named on the command line; any problem in any file stops everything (exit 2; 3 on a crash). */
export async function loadAll(
  paths: readonly string[],
  options: LoadOptions = {},
): Promise<{ scenarios: LoadedScenario[]; verifications: Verification[]; ignored: string[]; counterexamples: string[] }> {
  const loaded = await loadEach(paths, options);
  const error = batchError(loaded);
  if (error) throw error;
  return loaded;
}
