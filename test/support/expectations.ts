import { readFileSync } from 'node:fs';
import type { Verdict } from '../../engine/result.ts';
import type { EngineObserver, Simulation } from '../../engine/run/simulation.ts';
import { runScenario } from '../../engine/runScenario.ts';
import { type Checkable, verdictOfRun } from '../../scenarios/expect/monitor.ts';
import { monitorFor } from '../../scenarios/expect/registry.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import type { LoadedScenario } from '../../scenarios/loader/resolveScenario.ts';
import { runLoaded } from '../../scenarios/run/runLoaded.ts';

/** Moves every `at: Nd` of a scenario's timeline and its `duration: Nd` on by `days` (the same story, later). */
export function shifted(text: string, days: number): string {
  return text
    .replace(/\bat: (\d+(?:\.\d+)?)d\b/g, (_, d: string) => `at: ${Number(d) + days}d`)
    .replace(/^duration: (\d+)d$/m, (_, d: string) => `duration: ${Number(d) + days}d`);
}

/**
 * Ten clusters need 100 Enhanced licences; the VA owns 90. Registered on day 5, out of
 * compliance from day 6 00:00 (SL-7), a 30-day overage (SL-12) ends with enforcement at
 * day 36 00:00; the growth of day 40 is refused; 20 licences bought on day 50 are reported
 * at the start of day 51, when the clusters are authorized again.
 */
export function shortClusters(duration = 80): string {
  const entries = [
    '  - { at: 5d, do: register }',
    '  - { at: 40d, do: grow, percent: 50 }',
    '  - { at: 50d, do: purchase, account: va, type: UCL-Enhanced, count: 20 }',
  ].filter((entry) => Number(/at: (\d+)d/.exec(entry)?.[1]) <= duration);
  return `licsim: 3
name: ten short clusters
duration: ${duration}d
policy:
  smart-licensing:
    overrides: { overageDays: 30 }
accounts:
  - id: va
    kind: virtual-account
    purchases: [{ type: UCL-Enhanced, count: 90 }]
fleet:
  - { name: sl, model: smart-licensing, count: 10, account: va, users: 10, profiles: { desk-phone: 1 } }
timeline:
${entries.join('\n')}
expect:
`;
}

/**
 * Two clusters register on day 1 and lose their link on day 20 for good (SL-5, SL-13, SL-14, SL-17):
 * the renewal of day 31 fails (SmartLicenseRenewAuthFailed, raised again at every daily retry),
 * SmartLicenseAuthorizationExpiringSoon is raised on day 76, the authorization expires on day 91
 * (authorizationExpiredOverage; the expiring-soon warning is cleared by that step and
 * SmartLicenseInOverage_AuthorizationExpired raised), its 90-day overage ends on day 181
 * (authorizationExpiredEnforced), SmartLicenseRegistrationExpiringSoon is raised on day 336 and the
 * registration lapses on day 366 (registrationExpiredEnforced).
 */
export function cutOff(duration = 200): string {
  return `licsim: 3
name: two clusters cut off
duration: ${duration}d
accounts:
  - { id: va, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: 100 }] }
fleet:
  - { name: sl, model: smart-licensing, count: 2, account: va, users: 10, profiles: { desk-phone: 1 } }
timeline:
  - { at: 1d, do: register }
  - { at: 20d, do: link-down }
expect:
`;
}

/**
 * scenarios/designer/overage-clock.yaml without its expectations: out of compliance from day 4,
 * compliant for day 61, out of compliance again from day 62; enforced on day 95 under resume (B),
 * not before day 150 under restart (A).
 */
export function overageClock(): string {
  const text = readFileSync(new URL('../../scenarios/designer/overage-clock.yaml', import.meta.url), 'utf8');
  return `${text.slice(0, text.indexOf('\nexpect:\n'))}\nexpect:\n`;
}

/** A scenario (text ending in `expect:`) with these expectations, loaded. */
export function loadWith(text: string, expectations: string[]): LoadedScenario {
  const loaded = parseScenarios(`${text}${expectations.map((e) => `  - ${e}\n`).join('')}`, 'scenario.yaml');
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${p.line}:${p.column}: ${p.message}`).join('\n'));
  return loaded.scenarios[0] as LoadedScenario;
}

/** The verdicts of a scenario with these expectations (tagged with their variant in a comparison). */
export function verdictsOf(text: string, expectations: string[]): Verdict[] {
  return runLoaded(loadWith(text, expectations)).verdicts;
}

/** The located problems of a scenario with these expectations, as `line: message`. */
export function problemsOf(text: string, expectations: string[]): string[] {
  const loaded = parseScenarios(`${text}${expectations.map((e) => `  - ${e}\n`).join('')}`, 'scenario.yaml');
  return loaded.ok ? [] : loaded.problems.map((p) => `${p.line}: ${p.message}`);
}

/** What a checked run saw of its expectation's Checkable at the end of every day (after its monitor's own `day`). */
export interface CheckedRun {
  verdict: Verdict;
  check: Checkable;
  /** Per day: the key (relative to the tick the day's sample is taken at) and whether it had failed. */
  keys: string[];
  failed: boolean[];
  /** The tick of each day's sample. */
  ticks: number[];
  /** What `save` returned at the end of `saveAt`, if asked. */
  saved?: unknown;
  /** The key and failed() read right after each load of `loads`. */
  afterLoads: Array<{ key: string; failed: boolean }>;
  /** The tick the run ended at. */
  end: number;
}

/**
 * Runs one variant of a scenario with its one expectation's monitor and a probe after it that
 * reads the monitor's Checkable at the end of every day; at the end of day `saveAt` it saves
 * it, and at the end of day `loads.day` (before the day's reading) it loads each state of
 * `loads.states` in turn, reading the key and failed() after each.
 */
export function checkedRun(
  loaded: LoadedScenario,
  options: { variant?: number; saveAt?: number; loads?: { day: number; states: unknown[] } } = {},
): CheckedRun {
  const variant = loaded.variants[options.variant ?? 0];
  const [expectation] = loaded.expectations;
  if (!variant || !expectation) throw new Error('expected a variant and an expectation');
  const monitor = monitorFor(expectation);
  const check = monitor.check;
  if (!check) throw new Error(`${expectation.kind} has no check`);
  let sim: Simulation | undefined;
  const run: Omit<CheckedRun, 'verdict' | 'end'> = { check, keys: [], failed: [], ticks: [], afterLoads: [] };
  const probe: EngineObserver = {
    start(s) {
      sim = s;
    },
    day(d, s) {
      const now = s.backend.now();
      if (d === options.loads?.day)
        for (const state of options.loads.states) {
          check.load(state);
          run.afterLoads.push({ key: check.key(now), failed: check.failed() });
        }
      run.keys[d] = check.key(now);
      run.failed[d] = check.failed();
      run.ticks[d] = now;
      if (d === options.saveAt) run.saved = check.save();
    },
  };
  const result = runScenario(variant.scenario, { observers: [monitor, probe] });
  return { ...run, verdict: verdictOfRun(monitor, result), end: sim?.backend.now() ?? 0 };
}
