import type { RunResult, ScenarioOutcome, SuiteResult, Verdict } from '../../engine/result.ts';
import { runScenario } from '../../engine/runScenario.ts';
import type { Scenario, ScenarioPolicies } from '../../engine/scenario.ts';
import { defaultPolicy } from '../../machines/policyOverride.ts';

/** Every model's documented default policy. */
export function defaults(): ScenarioPolicies {
  return {
    'smart-licensing': defaultPolicy('smart-licensing'),
    'node-locked': defaultPolicy('node-locked'),
    'session-claim': defaultPolicy('session-claim'),
  };
}

/**
 * Known answers: 3 clusters of 10 desk-phone users (one 8841 each → UCL-Enhanced, SL-16)
 * register on day 5 against a VA owning 20 UCL-Enhanced: consumption 30, overdraft 10
 * until 10 more are bought on day 20.
 */
export function smallScenario(name = 'small fleet over entitlement'): Scenario {
  return {
    name,
    description: 'Three clusters of 10 users register on day 5 with 20 licences; 10 more are bought on day 20.',
    seed: 7,
    start: '2026-01-01',
    days: 30,
    policy: defaults(),
    accounts: [{ id: 'va-small', kind: 'virtual-account', purchases: [{ type: 'UCL-Enhanced', count: 20 }] }],
    fleet: [
      {
        name: 'small',
        model: 'smart-licensing',
        count: 3,
        account: 'va-small',
        link: { direct: 1 },
        users: 10,
        profiles: { 'desk-phone': 1 },
      },
    ],
    timeline: [
      { at: 5, target: {}, action: { kind: 'register', exportControl: false } },
      { at: 20, target: {}, action: { kind: 'purchase', account: 'va-small', type: 'UCL-Enhanced', count: 10 } },
    ],
  };
}

/** A 120-day fleet that overdrafts from day 10: run once per overage length (SL-12). */
export function overageScenario(overageDays: number, name = 'overage period 90 vs 30 days'): Scenario {
  const policy = defaults();
  policy['smart-licensing'] = { ...policy['smart-licensing'], overageDays };
  return {
    name,
    description: 'Connected clusters register on day 10 with too few licences; an outage hits 20 % of them from day 40 to 80.',
    seed: 42,
    start: '2026-01-01',
    days: 120,
    policy,
    accounts: [
      {
        id: 'va-east',
        kind: 'virtual-account',
        purchases: [
          { type: 'UCL-Enhanced', count: 2000 },
          { type: 'CUWL', count: 100 },
        ],
      },
    ],
    fleet: [
      {
        name: 'east',
        model: 'smart-licensing',
        count: 20,
        account: 'va-east',
        link: { direct: 0.8, proxy: 0.2 },
        users: { min: 100, max: 300 },
        profiles: { 'desk-phone': 0.7, 'phone-and-softphone': 0.2, 'knowledge-worker': 0.1 },
        growth: 0.03,
      },
    ],
    timeline: [
      { at: 10, target: {}, action: { kind: 'register', exportControl: true } },
      { at: 40, target: { fraction: 0.2 }, action: { kind: 'link-down' } },
      { at: 80, target: { fraction: 0.2 }, action: { kind: 'link-up' } },
    ],
  };
}

/** A verdict with defaults for the fields a test does not care about. */
export function verdict(v: Partial<Verdict> & Pick<Verdict, 'title' | 'passed'>): Verdict {
  return { kind: 'never', message: v.passed ? 'held on every day' : 'violated', rules: [], evidence: [], ...v };
}

/** A plain scenario's outcome; passed when every verdict passed. */
export function outcome(file: string, result: RunResult, verdicts: Verdict[]): ScenarioOutcome {
  return {
    file,
    name: result.scenario.name,
    description: result.scenario.description,
    passed: verdicts.every((v) => v.passed),
    runs: [{ variant: 'default', result }],
    verdicts,
  };
}

/** A suite of outcomes; passed when all passed. */
export function suite(scenarios: ScenarioOutcome[]): SuiteResult {
  return { schema: 'licsim/suite-result@1', passed: scenarios.every((s) => s.passed), scenarios };
}

/** The small scenario with one passing and one failing verdict (with instance evidence). */
export function smallOutcome(name?: string): ScenarioOutcome {
  const result = runScenario(smallScenario(name));
  return outcome('scenarios/small.yaml', result, [
    verdict({ kind: 'never', title: 'never enforcement for any instance', passed: true, rules: ['SL-12'] }),
    verdict({
      kind: 'maxOverdraft',
      title: 'overdraft of UCL-Enhanced stays at 0',
      passed: false,
      message: 'overdraft reached 10 units on day 5 (limit 0)',
      rules: ['SL-7', 'SL-12'],
      evidence: [{ instance: 'small-000', day: 5, value: '10 units', limit: 0, detail: 'va-small UCL-Enhanced: 30 in use, 20 owned' }],
      source: { file: 'scenarios/small.yaml', line: 12 },
    }),
  ]);
}

/** A comparison: the same fleet under overageDays 90 (A) and 30 (B); B reaches enforcement. */
export function comparisonOutcome(): ScenarioOutcome {
  const a = runScenario(overageScenario(90));
  const b = runScenario(overageScenario(30));
  const verdicts = [
    verdict({ title: 'no instance in enforcement before day 100', passed: true, variant: 'A', rules: ['SL-12'] }),
    verdict({
      title: 'no instance in enforcement before day 100',
      passed: false,
      variant: 'B',
      rules: ['SL-12'],
      message: '20 instances reached enforcement, first on day 41',
      evidence: [{ instance: 'east-000', day: 41, value: 'outOfComplianceEnforced', detail: 'overage of 30 days ended (SL-12)' }],
      source: { file: 'scenarios/overage.yaml', line: 30 },
    }),
  ];
  return {
    file: 'scenarios/overage.yaml',
    name: a.scenario.name,
    description: a.scenario.description,
    passed: false,
    runs: [
      { variant: 'A', result: a },
      { variant: 'B', result: b },
    ],
    verdicts,
  };
}
