import type { Verdict } from '../engine/result.ts';
import { parseDate, when } from '../engine/units.ts';
import type { WorldMachines } from '../engine/world/machines.ts';
import { type LoadedScenario, ResolveContext, resolveScenario } from '../scenarios/loader/resolveScenario.ts';
import type { RawScenario } from '../scenarios/loader/schema.ts';
import { runLoaded } from '../scenarios/run/runLoaded.ts';
import { parseVariant } from './parseCache.ts';

/** The engine a variant runs on. */
export type Backend = 'compiled' | 'actors';

/** The first broken expectation of a run, and the key that says it is the same one again. */
export interface Failure {
  key: string;
  verdict: Verdict;
}

/** What running a variant gave: a failure, a pass, or a variant the loader refuses (counted, never a counterexample). */
export type Evaluation =
  | { kind: 'failed'; failure: Failure /** Every broken expectation of the run, the first being `failure`. */; failures?: Failure[] }
  | { kind: 'passed' }
  | { kind: 'invalid'; message: string };

// A DOMAIN.md rule id as evidence names it (`SL-12`, `SLR-11`).
const RULE_ID = /\b[A-Z]{1,6}-\d+\b/;

/**
 * The rule of the transition that broke an expectation: the first rule id its evidence
 * names, or the expectation's rules when none does.
 *
 * @example
 * transitionRule({ rules: ['SL-12'], evidence: [{ detail: 'lost usage on day 3 (SL-14: …)' }], … }); // 'SL-14'
 */
export function transitionRule(v: Pick<Verdict, 'rules' | 'evidence'>): string {
  for (const e of v.evidence) {
    const m = RULE_ID.exec(e.detail);
    if (m) return m[0];
  }
  return v.rules.join(',');
}

/** The key `--all` tells failures apart by: the expectation and the rule of the transition that broke it. */
export function distinctKey(f: Failure): string {
  return `${f.key}|${transitionRule(f.verdict)}`;
}

/**
 * The key of an expectation across variants of a scenario: its variant of a
 * comparison, kind and title (its line differs from file to file).
 *
 * @example
 * failureKey({ kind: 'never', title: 'no instance enters enforcement', … }); // '|never|no instance enters enforcement'
 */
export function failureKey(v: Pick<Verdict, 'variant' | 'kind' | 'title'>): string {
  return `${v.variant ?? ''}|${v.kind}|${v.title}`;
}

/**
 * Days from the start of a written day (days, `30d`, a date), for a scenario starting on `start`.
 *
 * @example
 * daysOf('2026-01-31', '2026-01-01'); // 30
 */
export function daysOf(value: unknown, start: string): number {
  const v = when.parse(value);
  return typeof v === 'number' ? v : ((parseDate(v) as number) - (parseDate(start) as number)) / 86_400_000;
}

/** A scenario document (plain data, as written) loaded as the loader would, without positions; null with the first problem when refused. */
export function loadDocument(doc: unknown, file: string): { loaded: LoadedScenario } | { problem: string } {
  const parsed = parseVariant(doc);
  if (!parsed.success) return { problem: parsed.error.issues[0]?.message ?? 'refused by the schema' };
  const ctx = new ResolveContext(parsed.data as RawScenario, [], file, () => 0);
  const loaded = resolveScenario(ctx);
  const first = ctx.problems[0];
  return first ? { problem: `${first.path.join('.')}: ${first.message}` } : { loaded };
}

/**
 * Runs a scenario document in this process on `backend` and says its first broken
 * expectation (in the order of the run's verdicts), if any. `machines`: the world's
 * machines (default licsim's; tests pass mutants).
 *
 * @example
 * evaluate(doc, 'late.yaml'); // { kind: 'failed', failure: { key: '|never|…', verdict } }
 */
export function evaluate(
  doc: unknown,
  file: string,
  backend: Backend = 'compiled',
  machines?: WorldMachines,
  /** Give the failed verdicts their causes (scenarios/run/explain.ts): the minimal counterexample's, not every variant's. */
  explain = false,
): Evaluation {
  const read = loadDocument(doc, file);
  if ('problem' in read) return { kind: 'invalid', message: read.problem };
  // The search compares verdicts only: a failing variant is run again for its causes only when asked.
  const outcome = runLoaded(read.loaded, undefined, backend, { explain, ...(machines ? { machines } : {}) });
  const failures = outcome.verdicts.filter((v) => !v.passed).map((verdict) => ({ key: failureKey(verdict), verdict }));
  const first = failures[0];
  return first ? { kind: 'failed', failure: first, failures } : { kind: 'passed' };
}
