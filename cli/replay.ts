import { readFile, unlink } from 'node:fs/promises';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import type { ScenarioOutcome } from '../engine/result.ts';
import { COUNTEREXAMPLE_MARK, COUNTEREXAMPLES } from '../fuzz/artifact.ts';

/**
 * Whether a discovered file is a saved counterexample: a folder named `counterexamples`
 * (fuzz/artifact.ts `COUNTEREXAMPLES`) is in its path, from a folder given on the command
 * line down (that folder included). Folders above the paths given do not count, and a file
 * named on its own is an ordinary scenario.
 *
 * @example
 * isCounterexample('scenarios/counterexamples/late-9bce8b56.yaml', ['scenarios']); // true
 * isCounterexample('scenarios/counterexamples/late-9bce8b56.yaml', ['scenarios/counterexamples/late-9bce8b56.yaml']); // false
 * isCounterexample('scenarios/late.yaml', ['scenarios']); // false
 */
export function isCounterexample(file: string, paths: readonly string[]): boolean {
  const at = resolve(file);
  return paths.some((path) => {
    const root = resolve(path);
    const rel = relative(root, at);
    if (!rel || rel.startsWith('..') || isAbsolute(rel)) return false;
    // The file is below `path`, so `path` is a folder: its own name counts, and every folder between it and the file.
    return [basename(root), ...rel.split(sep).slice(0, -1)].includes(COUNTEREXAMPLES);
  });
}

/** The files of a run in replay order, and which of them are saved counterexamples. */
export interface ReplayOrder {
  /** The counterexamples first, then every other file, each part in the order found (name order within a folder). */
  files: string[];
  counterexamples: string[];
}

/**
 * Puts the saved counterexamples among discovered files first: they replay before anything
 * else, in the order found, and the other files follow in theirs. The same files and paths
 * give the same order.
 *
 * @example
 * replayOrder(['s/a.yaml', 's/counterexamples/x.yaml'], ['s']);
 * // { files: ['s/counterexamples/x.yaml', 's/a.yaml'], counterexamples: ['s/counterexamples/x.yaml'] }
 */
export function replayOrder(files: readonly string[], paths: readonly string[]): ReplayOrder {
  const counterexamples = files.filter((f) => isCounterexample(f, paths));
  const saved = new Set(counterexamples);
  return { files: [...counterexamples, ...files.filter((f) => !saved.has(f))], counterexamples };
}

/**
 * The counterexample files that are fixed: every scenario loaded from the file was run and
 * passed (a file with a scenario left out by `--only`, or one that failed, is not).
 *
 * @example
 * fixedFiles(['c/x.yaml', 'c/y.yaml'], [{ file: 'c/x.yaml' }, { file: 'c/y.yaml' }], [
 *   { file: 'c/x.yaml', passed: true },
 *   { file: 'c/y.yaml', passed: false },
 * ]); // ['c/x.yaml']
 */
export function fixedFiles(
  counterexamples: readonly string[],
  loaded: ReadonlyArray<{ file: string }>,
  ran: ReadonlyArray<{ file: string; passed: boolean }>,
): string[] {
  const count = (list: ReadonlyArray<{ file: string }>, file: string) => list.filter((s) => s.file === file).length;
  const passed = ran.filter((o) => o.passed);
  return counterexamples.filter((file) => count(loaded, file) > 0 && count(passed, file) === count(loaded, file));
}

/**
 * `--prune`: deletes the fixed counterexample files given (only files that are saved
 * counterexamples of `paths`, whatever else is passed) and says which it deleted.
 *
 * @example
 * await prune(['scenarios/counterexamples/late-9bce8b56.yaml'], ['scenarios']); // ['scenarios/counterexamples/late-9bce8b56.yaml']
 */
export async function prune(fixed: readonly string[], paths: readonly string[]): Promise<string[]> {
  const deleted: string[] = [];
  for (const file of fixed) {
    // A saved counterexample of the paths, and one licsim fuzz wrote (a hand-written scenario there is never deleted).
    if (!isCounterexample(file, paths) || !(await readFile(file, 'utf8')).startsWith(COUNTEREXAMPLE_MARK)) continue;
    await unlink(file);
    deleted.push(file);
  }
  return deleted;
}

/**
 * A replayed counterexample's outcome, marked for the report (`counterexample: true` after `passed` in results.json).
 *
 * @example
 * markCounterexample(outcome).counterexample; // true
 */
export function markCounterexample(o: ScenarioOutcome): ScenarioOutcome {
  const { runs, verdicts, counterexample: _mark, ...head } = o;
  return { ...head, counterexample: true, runs, verdicts };
}
