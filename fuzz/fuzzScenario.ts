import { COUNTEREXAMPLES, counterexampleFile, counterexampleText } from './artifact.ts';
import { variantDocument } from './document.ts';
import { type Backend, daysOf, evaluate } from './evaluate.ts';
import { type SearchBudget, type SearchResult, search } from './search.ts';
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
  counterexample: {
    /** `counterexamples/<slug>-<hash>.yaml`, relative to where it is written. */
    name: string;
    text: string;
    steps: Step[];
  } | null;
}

/** The options of a fuzz run that decide its results. */
export interface FuzzOptions extends SearchBudget {
  seed: number;
  backend?: Backend;
}

/** The budget as the command line says it, for the counterexample's header. */
export function budgetText(o: SearchBudget): string {
  if (o.timeMs !== undefined) return `--time ${Math.round(o.timeMs / 1000)}s`;
  return `--runs ${o.runs ?? 100}`;
}

/**
 * Fuzzes one scenario: searches its space from the seed, shrinks the first broken
 * expectation to a minimal variant, and says that variant as a counterexample scenario.
 *
 * @example
 * fuzzScenario(target, { seed: 1, runs: 200 }); // { result: { runs: 37, found }, counterexample: { name, text, steps } }
 */
export function fuzzScenario(target: FuzzTarget, options: FuzzOptions): ScenarioFuzz {
  const start = typeof target.written.start === 'string' ? target.written.start : '2026-01-01';
  const dayOf = (v: unknown) => daysOf(v, start);
  const docOf = (v: Variant) => variantDocument(target.written, target.space, v, dayOf);
  const base = { file: target.file, name: target.name };
  if (!target.loaded.expectations.length)
    return {
      ...base,
      checked: false,
      counterexample: null,
      result: { runs: 0, invalid: 0, seed: options.seed, found: null, searchMs: 0, shrinkMs: 0 },
    };
  const result = search(target.space, (v) => evaluate(docOf(v), target.file, options.backend), options.seed, options);
  if (!result.found) return { ...base, checked: true, result, counterexample: null };
  const steps = stepsOf(target.space, result.found.minimal);
  const text = counterexampleText(docOf(result.found.minimal), {
    file: target.file,
    name: target.name,
    failure: result.found.failure,
    steps,
    seed: options.seed,
    path: result.found.path,
    budget: budgetText(options),
  });
  return {
    ...base,
    checked: true,
    result,
    counterexample: { name: `${COUNTEREXAMPLES}/${counterexampleFile(target.name, target.text)}`, text, steps },
  };
}
