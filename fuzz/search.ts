import fc from 'fast-check';
import { variantArb } from './arbitraries.ts';
import { distinctKey, type Evaluation, type Failure } from './evaluate.ts';
import { finalPass } from './shrink.ts';
import type { FuzzSpace } from './space.ts';
import type { Variant } from './variant.ts';

/** How long a search goes on: a number of variants, or a time (then as many as fit, up to `runs` when given too). */
export interface SearchBudget {
  runs?: number;
  timeMs?: number;
}

/**
 * A campaign's share (`licsim fuzz --shard i/n`): of the variants fast-check generates from the seed, it runs those
 * whose place g (1-based) has (g − 1) mod total = index − 1, and passes the others unrun. Every share generates the
 * same variants, so the shares run disjoint parts of one search, and the earliest failure of any share is the one
 * the whole search would have stopped at (fuzz/merge.ts).
 */
export interface SearchSlice {
  index: number;
  total: number;
}

/** Whether the variant generated at place `g` (1-based) is the slice's to run (every one without a slice). */
export const inSlice = (slice: SearchSlice | undefined, g: number): boolean => !slice || (g - 1) % slice.total === slice.index - 1;

/** A broken expectation found and shrunk. */
export interface Found {
  /** The place (1-based) among the generated variants of the first that broke it. */
  at: number;
  failure: Failure;
  /** The variant as fast-check first found it, and the minimal one. */
  first: Variant;
  minimal: Variant;
  /** fast-check's path to the shrunk counterexample (replays with `{ seed, path }`). */
  path: string;
  shrinkRuns: number;
}

/** The failures a search found: every distinct one with `--all`, else the first (or none). */
export function foundAll(r: SearchResult): Found[] {
  return r.all ?? (r.found ? [r.found] : []);
}

/** What a search found: the variants run, and the minimal counterexample when one broke an expectation. */
export interface SearchResult {
  /** Variants generated and run before the first failure (all of them when none failed). */
  runs: number;
  /** Variants the loader refused (a shifted entry that no longer fits, say); they count as passing. */
  invalid: number;
  seed: number;
  found: Found | null;
  /** With `--all`: every distinct failure ({@link distinctKey}) in the order found, each shrunk; `found` is the first. */
  all?: Found[];
  /** Milliseconds until the first failure (or the end), and spent shrinking. */
  searchMs: number;
  shrinkMs: number;
  /** With a slice: the places of the variants the loader refused (a merge counts those before the first failure). */
  invalidAt?: number[];
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
export function search(
  space: FuzzSpace,
  run: (v: Variant) => Evaluation,
  seed: number,
  budget: SearchBudget,
  slice?: SearchSlice,
): SearchResult {
  let target: string | null = null;
  let failure: Failure | null = null;
  let first: Variant | null = null;
  let runs = 0;
  let invalid = 0;
  let generated = 0;
  let at = 0;
  const invalidAt: number[] = [];
  let shrinkRuns = 0;
  const started = performance.now();
  let foundAt = 0;
  let crash: { error: unknown } | null = null;
  const holds = (v: Variant): boolean => {
    // A crash of licsim is no counterexample: the rest of the search is skipped and the error thrown after it.
    if (crash) return true;
    if (target === null && !inSlice(slice, ++generated)) return true;
    if (target === null) runs++;
    else shrinkRuns++;
    let e: Evaluation;
    try {
      e = run(v);
    } catch (error) {
      crash = { error };
      return true;
    }
    if (e.kind === 'invalid' && target === null) {
      invalid++;
      invalidAt.push(generated);
    }
    if (e.kind !== 'failed') return true;
    if (target === null) {
      at = generated;
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
  const sliced = slice ? { invalidAt } : {};
  if (!failure || !shrunk) return { runs, invalid, seed, found: null, searchMs: performance.now() - started, shrinkMs: 0, ...sliced };
  const key = (failure as Failure).key;
  let last: Failure = failure;
  const pass = finalPass(
    space,
    shrunk,
    (v) => {
      const e = run(v);
      if (e.kind === 'failed' && e.failure.key === key) last = e.failure;
      return e.kind === 'failed' && e.failure.key === key;
    },
    namedInstances(last),
  );
  // The evidence of the minimal variant itself (the last kept candidate, or fast-check's counterexample re-run).
  const confirm = run(pass.variant);
  if (confirm.kind === 'failed' && confirm.failure.key === key) last = confirm.failure;
  return {
    runs,
    invalid,
    seed,
    found: {
      at,
      failure: last,
      first: first ?? shrunk,
      minimal: pass.variant,
      path: report.counterexamplePath ?? '',
      shrinkRuns: shrinkRuns + pass.tries + 1,
    },
    searchMs: foundAt - started,
    shrinkMs: performance.now() - foundAt,
    ...sliced,
  };
}

/** How many of the instances a failure names its pass tries a fraction target narrowed to. */
const NARROW_TO = 3;

/** The first few instances a failure's evidence names, in its order. */
function namedInstances(f: Failure): string[] {
  return [...new Set(f.verdict.evidence.flatMap((e) => (e.instance ? [e.instance] : [])))].slice(0, NARROW_TO);
}

const numRuns = (budget: SearchBudget) => budget.runs ?? (budget.timeMs !== undefined ? Number.MAX_SAFE_INTEGER : 100);

/**
 * `--all`: generates variants as {@link search} does but goes on after a failure, noting
 * the first variant of each distinct failure (expectation and the rule of the
 * transition that broke it, {@link distinctKey}); each is then shrunk on its own (fast-check
 * re-run from the seed up to that variant, a candidate failing only when the same
 * distinct failure breaks, then {@link finalPass}). Deterministic for a space, seed and budget of runs.
 *
 * @example
 * searchAll(space, run, 1, { runs: 200 }).all; // [{ failure, minimal, path, … }, …]
 */
export function searchAll(
  space: FuzzSpace,
  run: (v: Variant) => Evaluation,
  seed: number,
  budget: SearchBudget,
  slice?: SearchSlice,
): SearchResult {
  const seen = new Map<string, { at: number; failure: Failure }>();
  let runs = 0;
  let invalid = 0;
  let generated = 0;
  const invalidAt: number[] = [];
  let crash: { error: unknown } | null = null;
  const started = performance.now();
  const guarded = (v: Variant): Evaluation | null => {
    if (crash) return null;
    try {
      return run(v);
    } catch (error) {
      crash = { error };
      return null;
    }
  };
  fc.check(
    fc.property(variantArb(space), (v) => {
      if (!inSlice(slice, ++generated)) return true;
      runs++;
      const e = guarded(v);
      if (e?.kind === 'invalid') {
        invalid++;
        invalidAt.push(generated);
      }
      if (e?.kind !== 'failed') return true;
      for (const f of e.failures ?? [e.failure]) if (!seen.has(distinctKey(f))) seen.set(distinctKey(f), { at: generated, failure: f });
      return true;
    }),
    {
      seed,
      numRuns: numRuns(budget),
      ...(budget.timeMs !== undefined ? { interruptAfterTimeLimit: budget.timeMs, markInterruptAsFailure: false } : {}),
    },
  );
  if (crash) throw (crash as { error: unknown }).error;
  const searched = performance.now();
  const all: Found[] = [];
  for (const [key, { at, failure }] of seen) {
    const breaks = (v: Variant): Failure | null => {
      const e = guarded(v);
      return e?.kind === 'failed' ? ((e.failures ?? [e.failure]).find((f) => distinctKey(f) === key) ?? null) : null;
    };
    let tries = 0;
    const firstOf: { v: Variant | null } = { v: null };
    const report = fc.check(
      fc.property(variantArb(space), (v) => {
        tries++;
        const f = breaks(v);
        if (f && !firstOf.v) firstOf.v = v;
        return !f;
      }),
      { seed, numRuns: at },
    );
    if (crash) throw (crash as { error: unknown }).error;
    const shrunk = report.failed && report.counterexample ? report.counterexample[0] : firstOf.v;
    if (!shrunk) continue;
    let last = failure;
    const pass = finalPass(
      space,
      shrunk,
      (v) => {
        const f = breaks(v);
        if (f) last = f;
        return f !== null;
      },
      namedInstances(last),
    );
    const confirm = breaks(pass.variant);
    if (crash) throw (crash as { error: unknown }).error;
    if (confirm) last = confirm;
    all.push({
      at,
      failure: last,
      first: firstOf.v ?? shrunk,
      minimal: pass.variant,
      path: report.counterexamplePath ?? '',
      shrinkRuns: Math.max(0, tries - at) + pass.tries + 1,
    });
  }
  return {
    runs,
    invalid,
    seed,
    found: all[0] ?? null,
    all,
    searchMs: searched - started,
    shrinkMs: performance.now() - searched,
    ...(slice ? { invalidAt } : {}),
  };
}
