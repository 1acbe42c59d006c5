import type { RunResult, ScenarioOutcome } from '../engine/result.ts';
import { causeLines, evidenceLine, shownRules, verdictName } from '../reports/evidenceText.ts';

/** What a matcher returns to vitest's `expect.extend`. */
interface MatcherResult {
  pass: boolean;
  message: () => string;
  actual?: unknown;
  expected?: unknown;
}

/** Options of {@link licsimMatchers.toHaveNoOverdraft}: which account and type, which days. */
export interface OverdraftFilter {
  account?: string;
  type?: string;
  from?: number;
  to?: number;
}

/** Options of {@link licsimMatchers.toReachState}: how many instances, by which day. */
export interface ReachOptions {
  /** "all" instances of the model (default), "any", or a number of instances. */
  instances?: 'all' | 'any' | number;
  /** The last day the state may be reached on (default: the end of the run). */
  by?: number;
  /** Restrict to one model when several have the state. */
  model?: string;
}

function isRunResult(x: unknown): x is RunResult {
  return typeof x === 'object' && x !== null && (x as RunResult).schema === 'licsim/run-result@1';
}

function runOf(received: unknown, matcher: string): RunResult {
  if (isRunResult(received)) return received;
  const outcome = received as ScenarioOutcome;
  const first = outcome?.runs?.[0]?.result;
  if (first) return first;
  throw new TypeError(`${matcher} expects a RunResult (from runScenario) or a ScenarioOutcome, got ${typeof received}`);
}

/** Instances per day in a status, or in every status of a report group, of the models asked for. */
function countSeries(run: RunResult, state: string, model?: string): { series: number[]; instances: number } | undefined {
  let series: number[] | undefined;
  let instances = 0;
  for (const m of run.models) {
    if (model && m.model !== model) continue;
    const names = m.statuses.filter((s) => s.name === state || s.group === state).map((s) => s.name);
    if (!names.length) continue;
    instances += m.instances;
    for (const name of names) {
      const s = run.series.status[m.model]?.[name] ?? [];
      series = series ? series.map((v, d) => v + (s[d] ?? 0)) : [...s];
    }
  }
  return series ? { series, instances } : undefined;
}

/**
 * Vitest matchers for licsim runs, so QA can write suites as tests:
 * `expect.extend(licsimMatchers)`, then `expect(result).toHaveNoOverdraft()`.
 * They read the result's daily series (the state at the end of each day).
 */
export const licsimMatchers = {
  /** No overdraft (after tier borrowing) on any day, for all accounts and types or those asked for. */
  toHaveNoOverdraft(received: unknown, filter: OverdraftFilter = {}): MatcherResult {
    const run = runOf(received, 'toHaveNoOverdraft');
    const series = run.series.usage.filter(
      (u) => (!filter.account || u.account === filter.account) && (!filter.type || u.type === filter.type),
    );
    const from = filter.from ?? 0;
    const to = Math.min(filter.to ?? run.dates.length - 1, run.dates.length - 1);
    let worst: { day: number; units: number; where: string } | undefined;
    for (const u of series) {
      for (let d = from; d <= to; d++) {
        const units = u.overdraft[d] ?? 0;
        if (units > 0 && (!worst || units > worst.units)) worst = { day: d, units, where: `${u.account} ${u.type}` };
      }
    }
    return {
      pass: worst === undefined,
      message: () =>
        worst
          ? `expected no overdraft, but ${worst.where} was ${worst.units} units over on day ${worst.day} (${run.dates[worst.day]})`
          : `expected an overdraft, but there was none from day ${from} to day ${to}`,
    };
  },

  /** Instances of the fleet reach a status (or a status group) by a day. */
  toReachState(received: unknown, state: string, options: ReachOptions = {}): MatcherResult {
    const run = runOf(received, 'toReachState');
    const counts = countSeries(run, state, options.model);
    if (!counts) {
      const known = [...new Set(run.models.flatMap((m) => m.statuses.flatMap((s) => [s.name, s.group])))];
      return { pass: false, message: () => `no model of this run has a state "${state}" (known: ${known.join(', ')})` };
    }
    const wanted = options.instances === 'any' ? 1 : typeof options.instances === 'number' ? options.instances : counts.instances;
    const by = Math.min(options.by ?? counts.series.length - 1, counts.series.length - 1);
    const day = counts.series.findIndex((n, d) => d <= by && n >= wanted);
    // A loop, not Math.max(...series): a long run's series would overflow the call stack.
    let peak = 0;
    for (let d = 0; d <= by && d < counts.series.length; d++) peak = Math.max(peak, counts.series[d] ?? 0);
    return {
      pass: day >= 0,
      message: () =>
        day >= 0
          ? `expected fewer than ${wanted} instances in ${state} by day ${by}, but ${counts.series[day]} were on day ${day}`
          : `expected ${wanted} instances in ${state} by day ${by}, but at most ${peak} were`,
      actual: peak,
      expected: wanted,
    };
  },

  /** An alarm was raised at least once (by a day). */
  toRaiseAlarm(received: unknown, name: string, options: { by?: number } = {}): MatcherResult {
    const run = runOf(received, 'toRaiseAlarm');
    const series = run.series.alarms[name] ?? [];
    const by = Math.min(options.by ?? run.dates.length - 1, run.dates.length - 1);
    const day = series.findIndex((n, d) => d <= by && n > 0);
    return {
      pass: day >= 0,
      message: () =>
        day >= 0
          ? `expected ${name} not to be raised by day ${by}, but it was ${series[day]} times on day ${day}`
          : `expected ${name} to be raised by day ${by}, but it never was`,
    };
  },

  /** Every expectation of a scenario outcome held; the message lists those that did not, with their evidence. */
  toPassExpectations(received: unknown): MatcherResult {
    const outcome = received as ScenarioOutcome;
    if (!Array.isArray(outcome?.verdicts))
      throw new TypeError('toPassExpectations expects a ScenarioOutcome (from runScenarioFile or runLoaded)');
    const failed = outcome.verdicts.filter((v) => !v.passed);
    return {
      pass: failed.length === 0,
      message: () =>
        failed.length
          ? `${failed.length} expectation(s) of "${outcome.name}" failed:\n${failed
              .map((v) => {
                const evidence = v.evidence
                  .flatMap((e) => [`      · ${evidenceLine(e)}`, ...causeLines(e).map((l) => `          ${l}`)])
                  .join('\n');
                const shown = shownRules(v);
                return `  ✗ ${verdictName(v)} [${shown.rules.join(', ')}${shown.fired ? ' fired' : ''}]: ${v.message}\n${evidence}`;
              })
              .join('\n')}`
          : `expected an expectation of "${outcome.name}" to fail, but all ${outcome.verdicts.length} held`,
    };
  },
};

/** The matcher signatures as vitest's Assertion sees them. */
export interface LicsimMatchers<R = unknown> {
  toHaveNoOverdraft(filter?: OverdraftFilter): R;
  toReachState(state: string, options?: ReachOptions): R;
  toRaiseAlarm(name: string, options?: { by?: number }): R;
  toPassExpectations(): R;
}

declare module 'vitest' {
  // Merges licsim's matchers into vitest's `expect(...)`, `expect.extend` and `expect.*` (vitest 4).
  // biome-ignore lint/suspicious/noExplicitAny: the augmentation must repeat vitest's own declaration `Matchers<T = any>` to merge with it
  interface Matchers<T = any> extends LicsimMatchers<void> {}
}
