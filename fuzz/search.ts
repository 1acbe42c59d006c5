import fc from 'fast-check';
import { variantArb } from './arbitraries.ts';
import type { Evaluation, Failure } from './evaluate.ts';
import { finalPass } from './shrink.ts';
import type { FuzzSpace } from './space.ts';
import type { Variant } from './variant.ts';

/** How long a search goes on: a number of variants, or a time (then as many as fit, up to `runs` when given too). */
export interface SearchBudget {
  runs?: number;
  timeMs?: number;
}

/** What a search found: the variants run, and the minimal counterexample when one broke an expectation. */
export interface SearchResult {
  /** Variants generated and run before the first failure (all of them when none failed). */
  runs: number;
  /** Variants the loader refused (a shifted entry that no longer fits, say); they count as passing. */
  invalid: number;
  seed: number;
  found: {
    failure: Failure;
    /** The variant as fast-check first found it, and the minimal one. */
    first: Variant;
    minimal: Variant;
    /** fast-check's path to the shrunk counterexample (replays with `{ seed, path }`). */
    path: string;
    shrinkRuns: number;
  } | null;
  /** Milliseconds until the first failure (or the end), and spent shrinking. */
  searchMs: number;
  shrinkMs: number;
}

/**
 * Generates variants of a scenario with fast-check from `seed`, runs each with `run`,
 * and stops at the first that breaks an expectation; fast-check then shrinks it (a
 * candidate counts as failing only when the same expectation breaks), and the
 * scenario-aware {@link finalPass} finishes. Deterministic for a space, seed and budget of runs.
 * An error thrown by `run` (a crash of licsim, not a broken expectation) ends the search and is thrown.
 *
 * @example
 * search(space, (v) => evaluate(variantDocument(written, space, v, dayOf), file), 1, { runs: 200 });
 */
export function search(space: FuzzSpace, run: (v: Variant) => Evaluation, seed: number, budget: SearchBudget): SearchResult {
  let target: string | null = null;
  let failure: Failure | null = null;
  let first: Variant | null = null;
  let runs = 0;
  let invalid = 0;
  let shrinkRuns = 0;
  const started = performance.now();
  let foundAt = 0;
  let crash: { error: unknown } | null = null;
  const holds = (v: Variant): boolean => {
    // A crash of licsim is no counterexample: the rest of the search is skipped and the error thrown after it.
    if (crash) return true;
    if (target === null) runs++;
    else shrinkRuns++;
    let e: Evaluation;
    try {
      e = run(v);
    } catch (error) {
      crash = { error };
      return true;
    }
    if (e.kind === 'invalid') invalid += target === null ? 1 : 0;
    if (e.kind !== 'failed') return true;
    if (target === null) {
      target = e.failure.key;
      failure = e.failure;
      first = v;
      foundAt = performance.now();
    }
    return e.failure.key !== target;
  };
  const report = fc.check(fc.property(variantArb(space), holds), {
    seed,
    numRuns: budget.runs ?? (budget.timeMs !== undefined ? Number.MAX_SAFE_INTEGER : 100),
    ...(budget.timeMs !== undefined ? { interruptAfterTimeLimit: budget.timeMs, markInterruptAsFailure: false } : {}),
  });
  if (crash) throw (crash as { error: unknown }).error;
  const shrunk = report.failed && report.counterexample ? report.counterexample[0] : first;
  if (!failure || !shrunk) return { runs, invalid, seed, found: null, searchMs: performance.now() - started, shrinkMs: 0 };
  const key = (failure as Failure).key;
  let last: Failure = failure;
  const pass = finalPass(space, shrunk, (v) => {
    const e = run(v);
    if (e.kind === 'failed' && e.failure.key === key) last = e.failure;
    return e.kind === 'failed' && e.failure.key === key;
  });
  // The evidence of the minimal variant itself (the last kept candidate, or fast-check's counterexample re-run).
  const confirm = run(pass.variant);
  if (confirm.kind === 'failed' && confirm.failure.key === key) last = confirm.failure;
  return {
    runs,
    invalid,
    seed,
    found: {
      failure: last,
      first: first ?? shrunk,
      minimal: pass.variant,
      path: report.counterexamplePath ?? '',
      shrinkRuns: shrinkRuns + pass.tries + 1,
    },
    searchMs: foundAt - started,
    shrinkMs: performance.now() - foundAt,
  };
}
