import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../engine/runScenario.ts';
import type { Scenario, TimelineEntry } from '../../engine/scenario.ts';
import { defaultPolicy, MODELS, type ModelName, policyParameters } from '../../machines/policyOverride.ts';
import type { PolicyParameter } from '../../machines/policyParameter.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import { defaultPolicies, nodeLockedGroup, scenarioWith, smartGroup } from '../support/scenarios.ts';

/**
 * "Policy is data, and a policy value that changes nothing is a bug." Each parameter
 * of each model is set to other valid values on the bundled scenarios of its model
 * (the 150,000-instance fleet aside) and the probes below until one gives another
 * results.json. A parameter none can affect would be listed here with the reason;
 * today there is none.
 */
const NO_SCENARIO_AFFECTS: Partial<Record<ModelName, Record<string, string>>> = {};

/** Other valid values of a parameter, chosen to bite: a shorter and a longer duration, the other choice, the switch flipped. */
function others(p: PolicyParameter): unknown[] {
  const d = p.default as unknown;
  switch (p.unit) {
    case 'days':
      return [(d as number) / 2, (d as number) * 2];
    case 'days or none':
      return [d === 'none' ? 30 : 'none'];
    case 'days or 0':
      return d === 0 ? [30] : [(d as number) / 2, 0];
    case 'switch':
      return [!d];
    case 'choice':
      return (p.schema as unknown as { options: string[] }).options.filter((o) => o !== d);
    case 'overdraft regime':
      return [(d as { mode: string }).mode === 'none' ? { mode: 'always' } : { mode: 'none' }];
    case 'release groups':
    case 'device types':
      return [[]];
    case 'units per capability':
      return [Object.fromEntries(Object.entries(d as Record<string, number>).map(([k, n]) => [k, n + 1]))];
    default:
      return [Math.max(0, (d as number) - 1), (d as number) + 1];
  }
}

function files(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.yaml') ? [join(dir, f)] : []))
    .sort();
}

/** The bundled scenarios (first variant of each) whose fleet has instances of `model`, small enough for a unit test. */
function bundled(model: ModelName): Scenario[] {
  return files('scenarios')
    .flatMap((file) => {
      const loaded = parseScenarios(readFileSync(file, 'utf8'), file);
      return loaded.ok ? loaded.scenarios.map((s) => s.variants[0]?.scenario as Scenario) : [];
    })
    .filter((s) => s.fleet.some((g) => g.model === model) && s.fleet.reduce((n, g) => n + g.count, 0) <= 1000);
}

const register = (at: number): TimelineEntry => ({ at, target: {}, action: { kind: 'register', exportControl: true } });
const smart = (count: number, extra: object) =>
  smartGroup('p', count, { users: 10, profiles: { 'desk-phone': 1 }, growth: 0, ...extra } as never);

/**
 * Probes for what the bundled suite does not reach: a registration that lapses
 * (SL-6, SL-14: once with the default overage, enforced by then; once with an
 * overage that outlasts it), news twice within a day behind CSSM and a connected
 * satellite (SL-7, SL-10), a reservation outgrown (SLR-11), a renewal and an
 * export request retried (SL-6, EX-1), and a CUCM 6 cluster of five servers with
 * softphones adjunct to its phones (NL-5, DLU-4).
 */
const PROBES: Record<ModelName, Scenario[]> = {
  'smart-licensing': [
    ...[{}, { authorizationExpiredOverageDays: 365 }].map((overrides) =>
      scenarioWith([smart(2, { link: { direct: 1 } })], [register(5), { at: 6, target: {}, action: { kind: 'link-down' } }], {
        days: 420,
        policy: { ...defaultPolicies(), 'smart-licensing': { ...defaultPolicy('smart-licensing'), ...overrides } },
      }),
    ),
    (() => {
      const s = scenarioWith(
        [smart(5, { link: { direct: 0.6, satellite: 0.4 } })],
        [
          register(2),
          { at: 10.2, target: { indices: [0, 4] }, action: { kind: 'grow', users: 2 } },
          { at: 10.4, target: { indices: [0, 4] }, action: { kind: 'grow', users: 2 } },
        ],
        { days: 30 },
      );
      s.accounts[0] = { id: 'va-east', kind: 'virtual-account', purchases: [{ type: 'UCL-Enhanced', count: 52 }] };
      if (s.satellites?.[0]) s.satellites[0] = { ...s.satellites[0], mode: 'connected' };
      return s;
    })(),
    // Under resume (SL-12): out of compliance from day 6, back for 20 days from day 41, out again from day 61.
    (() => {
      const s = scenarioWith(
        [smart(2, { link: { direct: 1 } })],
        [
          register(5),
          { at: 40, target: {}, action: { kind: 'purchase', account: 'va-east', type: 'UCL-Enhanced', count: 5 } },
          { at: 60, target: {}, action: { kind: 'grow', users: 5 } },
        ],
        { days: 200, policy: { ...defaultPolicies(), 'smart-licensing': { ...defaultPolicy('smart-licensing'), overageClock: 'resume' } } },
      );
      s.accounts[0] = { id: 'va-east', kind: 'virtual-account', purchases: [{ type: 'UCL-Enhanced', count: 15 }] };
      return s;
    })(),
    // A reserved instance with an export authorization deploys a secure trunk (SL-3), then outgrows its reservation (SLR-11).
    scenarioWith(
      [smart(1, { link: { direct: 1 } })],
      [
        { at: 2, target: {}, action: { kind: 'slr-enable' } },
        { at: 3, target: {}, action: { kind: 'slr-request' } },
        { at: 4, target: {}, action: { kind: 'slr-authorize', headroom: 0, exportControl: true } },
        { at: 5, target: {}, action: { kind: 'slr-install' } },
        { at: 6, target: {}, action: { kind: 'deploy-secure-trunk' } },
        { at: 10, target: {}, action: { kind: 'grow', users: 5 } },
      ],
      { days: 200 },
    ),
    // A renewal retried until the link is back, then cut for good: its registration lapses a year after that retry.
    scenarioWith(
      [smart(1, { link: { direct: 1 } })],
      [
        register(2),
        { at: 180, target: {}, action: { kind: 'link-down' } },
        { at: 190.7, target: {}, action: { kind: 'link-up' } },
        { at: 193, target: {}, action: { kind: 'link-down' } },
      ],
      { days: 600 },
    ),
    // An export request retried until the VA has an export authorization (EX-1).
    (() => {
      const s = scenarioWith(
        [smart(1, { link: { direct: 1 } })],
        [
          register(2),
          { at: 3, target: {}, action: { kind: 'export-request' } },
          { at: 10.3, target: {}, action: { kind: 'purchase', account: 'va-east', type: 'ExportAuthorization', count: 1 } },
        ],
        { days: 20 },
      );
      s.accounts[0] = { id: 'va-east', kind: 'virtual-account', purchases: [{ type: 'UCL-Enhanced', count: 100 }] };
      return s;
    })(),
  ],
  'node-locked': [
    scenarioWith(
      [
        nodeLockedGroup('n', 2, {
          cucmVersion: 6,
          servers: { min: 5, max: 5 },
          phones: { '7970': { min: 2, max: 2 } },
          softphones: { min: 5, max: 5 },
          growth: 0,
        } as never),
      ],
      [
        { at: 1, target: {}, action: { kind: 'upload-license' } },
        { at: 5, target: {}, action: { kind: 'add-server' } },
      ],
      { days: 10 },
    ),
  ],
  'session-claim': [],
};

/** What the run did: results.json without its echo of the scenario (which holds the policy itself) and the engine's step counts. */
function outcome(s: Scenario): string {
  const { scenario: _echo, work: _work, ...rest } = runScenario(s);
  return JSON.stringify(rest);
}

describe('every policy value changes something', () => {
  for (const model of MODELS) {
    it(`${model}: each parameter set to another value changes results.json on some bundled scenario`, () => {
      const scenarios = [...bundled(model), ...PROBES[model]];
      expect(scenarios.length).toBeGreaterThan(0);
      const baseline = scenarios.map((s) => outcome(s));
      const inert: string[] = [];
      for (const [key, p] of Object.entries(policyParameters(model))) {
        const changes = others(p).some((value) =>
          scenarios.some((s, i) => {
            const policy = { ...s.policy, [model]: { ...s.policy[model], [key]: value } } as Scenario['policy'];
            return outcome({ ...s, policy }) !== baseline[i];
          }),
        );
        if (!changes) inert.push(key);
      }
      expect(inert).toEqual(Object.keys(NO_SCENARIO_AFFECTS[model] ?? {}));
    });
  }
});
