import type { MachineCoverage } from '../../verify/coverage.ts';
import type { Exploration } from '../../verify/result.ts';
import type { Property, Verification } from '../../verify/spec.ts';

/** Bumped when a field of results.json changes meaning. */
export const VERIFY_RESULT_SCHEMA = 'licsim/verify-result@1';

/** One event of a counterexample: the day it is injected on and the alphabet event as a person would say it. */
export interface StepResult {
  day: number;
  event: string;
}

/** A path that breaks a property, and where its replaying scenario is in the report folder. */
export interface CounterexampleResult {
  /** The scenario that replays it, relative to the report folder (`counterexamples/….yaml`). */
  file: string;
  steps: StepResult[];
  /** The day the property was seen broken (a run property), or the day of the trapped or stuck state. */
  day: number;
  /** recoverable, deadlockFree: statuses (one list per instance) reachable from the state on `day`; none is the target. */
  reachable: string[][] | null;
}

/** What one property came to under one variant. */
export interface PropertyResult {
  name: string;
  /** The DOMAIN.md rules the file names for it. */
  rules: string[];
  /** The expectation kind (`never`, `residence`, …) or graph kind (`recoverable`, `deadlockFree`). */
  kind: string;
  outcome: 'holds' | 'violated' | 'unknown';
  /** The outcome is what the file expects: holds, or violated with `expect: violated`. */
  passed: boolean;
  expectViolated: boolean;
  source: { file: string; line: number };
  counterexample: CounterexampleResult | null;
}

/** What exploring one variant found (no timings: the same inputs give the same file). */
export interface VariantResult {
  variant: string;
  states: number;
  distinct: number;
  transitions: number;
  depth: number;
  /** Every state within the bounds was explored (not cut short by --max-states). */
  complete: boolean;
  capDays: number;
  properties: PropertyResult[];
  coverage: MachineCoverage[];
}

/** One verification file's result. */
export interface FileResult {
  name: string;
  file: string;
  description: string;
  passed: boolean;
  /** The bounds every verdict holds within (maxStates: the file's, or --max-states). */
  bounds: { horizonDays: number; events: number; instances: number; maxStates: number | null };
  /** The alphabet's labels, in file order. */
  alphabet: string[];
  /** Fairness assumptions: after an entry of `after`, one of `next` (the file's `then`) within `within` days. */
  fairness: Array<{ after: string; next: string; within: number }>;
  variants: VariantResult[];
}

/** results.json of `licsim verify`. */
export interface VerifyResults {
  schema: typeof VERIFY_RESULT_SCHEMA;
  runId: string;
  passed: boolean;
  /** --seed, when the files were checked with another seed than their own (their counterexamples hold it as their `seed:`). */
  seed: number | null;
  files: FileResult[];
}

/** One verification file as checked: the file as loaded, its explorations, and the report path of each counterexample. */
export interface CheckedFile {
  verification: Verification;
  explorations: Exploration[];
  /** `counterexamples/….yaml` per variant label, then per property index. */
  counterexampleFiles: ReadonlyMap<string, ReadonlyMap<number, string>>;
}

/** What a property checks, as the kind key its file writes. */
export function propertyKindOf(p: Property): string {
  return p.check.kind === 'run' ? p.check.expectation.kind : p.check.kind;
}

/** The file's result: every variant's figures, every property's verdict with its counterexample's steps labelled. */
export function fileResult(checked: CheckedFile, options: { maxStates?: number } = {}): FileResult {
  const v = checked.verification;
  const variants = checked.explorations.map((x): VariantResult => {
    const files = checked.counterexampleFiles.get(x.variant);
    return {
      variant: x.variant,
      states: x.states,
      distinct: x.distinct,
      transitions: x.transitions,
      depth: x.depth,
      complete: x.complete,
      capDays: x.capDays,
      properties: x.verdicts.map((verdict): PropertyResult => {
        const p = v.properties[verdict.property] as Property;
        const cx = verdict.counterexample;
        return {
          name: p.name,
          rules: [...p.rules],
          kind: propertyKindOf(p),
          outcome: verdict.outcome,
          passed: verdict.passed,
          expectViolated: p.expectViolated,
          source: { file: p.source.file, line: p.source.line },
          counterexample: cx
            ? {
                file: files?.get(verdict.property) ?? '',
                steps: cx.steps.map((s) => ({ day: s.day, event: v.alphabet[s.event]?.label ?? `event ${s.event}` })),
                day: cx.day,
                reachable: cx.reachable ?? null,
              }
            : null,
        };
      }),
      coverage: x.coverage,
    };
  });
  return {
    name: v.name,
    file: v.file,
    description: v.description,
    passed: variants.every((x) => x.properties.every((p) => p.passed)),
    bounds: { horizonDays: v.world.days, events: v.events, instances: v.world.instances, maxStates: options.maxStates ?? v.maxStates },
    alphabet: v.alphabet.map((e) => e.label),
    fairness: v.fairness.map((f) => ({ after: f.after, next: f.then, within: f.within })),
    variants,
  };
}

/** The results of a `licsim verify` run. */
export function verifyResults(
  files: readonly CheckedFile[],
  runId: string,
  options: { maxStates?: number; seed?: number } = {},
): VerifyResults {
  const results = files.map((f) => fileResult(f, options));
  return { schema: VERIFY_RESULT_SCHEMA, runId, passed: results.every((f) => f.passed), seed: options.seed ?? null, files: results };
}

/** Every property verdict of a result with its file and variant, in report order. */
export function verdictRows(results: VerifyResults): Array<{ file: FileResult; variant: VariantResult; property: PropertyResult }> {
  return results.files.flatMap((file) =>
    file.variants.flatMap((variant) => variant.properties.map((property) => ({ file, variant, property }))),
  );
}

/** Whether a file compares policy variants (its verdicts then name their variant). */
export const compared = (file: FileResult) => file.variants.length > 1 || (file.variants[0]?.variant ?? 'run') !== 'run';
