import type { WorldMachines } from '../engine/world/machines.ts';
import { COUNTEREXAMPLES, counterexampleFile, counterexampleText } from './artifact.ts';
import { variantDocument } from './document.ts';
import { type Backend, daysOf, distinctKey, evaluate, type Failure } from './evaluate.ts';
import { type Found, foundAll, type SearchBudget, type SearchResult, type SearchSlice, search, searchAll } from './search.ts';
import type { FuzzSpace } from './space.ts';
import { type Step, stepsOf } from './steps.ts';
import type { FuzzTarget } from './targets.ts';
import type { Variant } from './variant.ts';

/** The outcome of fuzzing one scenario: the search, and the counterexample when one was found. */
export interface ScenarioFuzz {
  file: string;
  name: string;
  /** False when the scenario has no expectation to break (nothing is run). */
  checked: boolean;
  result: SearchResult;
  /** The first counterexample (the only one without `--all`). */
  counterexample: Counterexample | null;
  /** Every counterexample, one per distinct failure with `--all`; the first is `counterexample`. */
  counterexamples: Counterexample[];
  /** What was varied, and the timeline as written (entry i is `space.entries[i]`): the original side of the HTML report. */
  space: FuzzSpace;
  timeline: readonly Record<string, unknown>[];
}

/** A minimal counterexample as a scenario file. */
export interface Counterexample {
  /** `counterexamples/<slug>-<hash>.yaml`, relative to where it is written. */
  name: string;
  text: string;
  steps: Step[];
  found: Found;
}

/** The options of a fuzz run that decide its results. */
export interface FuzzOptions extends SearchBudget {
  seed: number;
  backend?: Backend;
  /** Go on after the first failure and collect every distinct one. */
  all?: boolean;
  /** The world's machines the variants run with (licsim's when not given; tests fuzz mutants with it). */
  machines?: WorldMachines;
  /** `licsim fuzz --shard i/n`: run only this share of the generated variants (fuzz/search.ts SearchSlice). */
  slice?: SearchSlice;
}

/** The budget as the command line says it, for the counterexample's header. */
export function budgetText(o: SearchBudget): string {
  if (o.timeMs !== undefined) return `--time ${Math.round(o.timeMs / 1000)}s`;
  return `--runs ${o.runs ?? 100}`;
}

/**
 * Fuzzes one scenario: searches its space from the seed, shrinks the first broken
 * expectation (with `all`, every distinct failure) to a minimal variant, and says each
 * as a counterexample scenario.
 *
 * @example
 * fuzzScenario(target, { seed: 1, runs: 200 }); // { result: { runs: 37, found }, counterexample: { name, text, steps } }
 */
export function fuzzScenario(target: FuzzTarget, options: FuzzOptions): ScenarioFuzz {
  const start = typeof target.written.start === 'string' ? target.written.start : '2026-01-01';
  const dayOf = (v: unknown) => daysOf(v, start);
  const docOf = (v: Variant) => variantDocument(target.written, target.space, v, dayOf);
  const timeline = (target.written.timeline as Record<string, unknown>[] | undefined) ?? [];
  const base = { file: target.file, name: target.name, space: target.space, timeline };
  if (!target.loaded.expectations.length)
    return {
      ...base,
      checked: false,
      counterexample: null,
      counterexamples: [],
      result: {
        runs: 0,
        invalid: 0,
        seed: options.seed,
        found: null,
        searchMs: 0,
        shrinkMs: 0,
        ...(options.slice ? { invalidAt: [] } : {}),
      },
    };
  const find = options.all ? searchAll : search;
  const result = find(
    target.space,
    (v) => evaluate(docOf(v), target.file, options.backend, options.machines),
    options.seed,
    options,
    options.slice,
  );
  const counterexamples = foundAll(result).map((searched, i): Counterexample => {
    // The minimal variant once more, its failed verdict with its causes (what `licsim run` on the counterexample says).
    const told = evaluate(docOf(searched.minimal), target.file, options.backend, options.machines, true);
    const again = told.kind === 'failed' ? (told.failures ?? [told.failure]).find((f) => f.key === searched.failure.key) : undefined;
    const found = again ? { ...searched, failure: again } : searched;
    const steps = stepsOf(target.space, found.minimal);
    const text = counterexampleText(docOf(found.minimal), {
      file: target.file,
      name: target.name,
      failure: found.failure,
      steps,
      seed: options.seed,
      path: found.path,
      budget: `${budgetText(options)}${options.all ? ' --all' : ''}`,
    });
    return { name: counterexampleName(target, found.failure, i === 0), text, steps, found };
  });
  return { ...base, checked: true, result, counterexample: counterexamples[0] ?? null, counterexamples };
}

/**
 * Where a scenario's counterexample is written, under `counterexamples/`: the first keeps the plain name (the
 * scenario's and its file's hash); a further one's hash also covers its failure.
 */
export function counterexampleName(target: Pick<FuzzTarget, 'name' | 'text'>, failure: Failure, first: boolean): string {
  const hashed = first ? target.text : `${target.text}\0${distinctKey(failure)}`;
  return `${COUNTEREXAMPLES}/${counterexampleFile(target.name, hashed)}`;
}
