import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verify } from '../../verify/checker.ts';
import { parseVerification } from '../../verify/loader.ts';
import type { Exploration } from '../../verify/result.ts';
import type { Verification } from '../../verify/spec.ts';
import { bruteForce } from './bruteForce.ts';

/** Events a recoverable continuation may add, here and in the checker (small, so brute force stays small). */
const RECOVERY = 1;

/**
 * More worlds on request (an exploration, not CI):
 * LICSIM_BRUTE_RUNS=500 LICSIM_BRUTE_SEED=7 npx vitest run test/verify/bruteForce.test.ts
 */
const RUNS = Number(process.env.LICSIM_BRUTE_RUNS ?? 40);
const SEED = Number(process.env.LICSIM_BRUTE_SEED ?? 20261202);

/** A small world: the text of a verification file, and what it explores. */
interface World {
  text: string;
  events: number;
  recoverable: boolean;
}

const smartWorld = fc
  .record({
    evaluationDays: fc.integer({ min: 2, max: 8 }),
    overageDays: fc.integer({ min: 1, max: 6 }),
    renewal: fc.integer({ min: 2, max: 5 }),
    validity: fc.integer({ min: 1, max: 4 }),
    overageClock: fc.constantFrom('restart', 'resume'),
    purchased: fc.integer({ min: 1, max: 12 }),
    users: fc.integer({ min: 1, max: 10 }),
    instances: fc.integer({ min: 1, max: 2 }),
    registered: fc.boolean(),
    alphabet: fc.subarray(
      [
        '{ do: register }',
        '{ do: deregister }',
        '{ do: link-down }',
        '{ do: link-up }',
        '{ do: grow, users: 6 }',
        '{ do: purchase, account: va, type: UCL-Enhanced, count: 6 }',
      ],
      { minLength: 1, maxLength: 3 },
    ),
    duration: fc.integer({ min: 12, max: 24 }),
    events: fc.integer({ min: 1, max: 2 }),
    recoverable: fc.boolean(),
  })
  .map((w): World => {
    const events = w.recoverable ? 1 : w.events;
    return {
      events,
      recoverable: w.recoverable,
      text: `licsim: 3
name: a small smart-licensing world
seed: 3
duration: ${w.duration}d
policy:
  smart-licensing:
    overrides:
      evaluationDays: ${w.evaluationDays}
      overageDays: ${w.overageDays}
      overageClock: ${w.overageClock}
      overageResumeWindowDays: 2
      authorizationRenewalDays: ${w.renewal}
      authorizationValidityDays: ${w.renewal + w.validity}
      authorizationExpiringSoonDays: 1
      authorizationExpiredOverageDays: ${w.overageDays}
      registrationRenewalDays: 6
      registrationValidityDays: 10
      registrationExpiringSoonDays: 2
accounts:
  - { id: va, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: ${w.purchased} }] }
fleet:
  - { name: shop, model: smart-licensing, count: ${w.instances}, account: va, users: ${w.users}, profiles: { desk-phone: 1 } }
${w.registered ? 'timeline:\n  - { at: 1d, do: register }\n' : ''}verify:
  events: ${events}
  alphabet:
${w.alphabet.map((a) => `    - ${a}`).join('\n')}
  properties:
    - { name: never enforced, never: { state: enforcement } }
    - { name: never out of compliance, never: { state: outOfComplianceOverage } }
    - { name: consistent, consistent: true }
    - { name: overdraft at most 4, maxOverdraft: { type: UCL-Enhanced, max: 4 } }
    - { name: overage leads to compliance, leadsTo: { state: outOfComplianceOverage, to: authorized, within: 3d } }
${w.recoverable ? '    - { name: recovers, recoverable: { state: authorized } }\n' : ''}`,
    };
  });

const nodeLockedWorld = fc
  .record({
    evaluationDays: fc.integer({ min: 2, max: 8 }),
    grace: fc.integer({ min: 1, max: 6 }),
    purchased: fc.integer({ min: 20, max: 200 }),
    alphabet: fc.subarray(
      ['{ do: upload-license }', '{ do: mac-change }', '{ do: grow, devices: { "7970": 2 } }', '{ do: restart-license-manager }'],
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
    duration: fc.integer({ min: 12, max: 24 }),
    events: fc.integer({ min: 1, max: 2 }),
  })
  .map(
    (w): World => ({
      events: w.events,
      recoverable: false,
      text: `licsim: 3
name: a small node-locked world
seed: 5
duration: ${w.duration}d
policy:
  node-locked:
    preset: cup-7
    overrides: { evaluationDays: ${w.evaluationDays}, evaluationWarningDays: 1, rehostGraceDays: ${w.grace} }
accounts:
  - { id: file, kind: license-file, purchases: [{ type: DLU, count: ${w.purchased} }, { type: node, count: 2 }] }
fleet:
  - { name: presence, model: node-locked, count: 1, account: file, release: '7.0', phones: { '7970': 2 } }
verify:
  events: ${w.events}
  alphabet:
${w.alphabet.map((a) => `    - ${a}`).join('\n')}
  properties:
    - { name: never expired, never: { state: evaluationExpired } }
    - { name: never shut down, never: { state: shutdown } }
    - { name: consistent, consistent: true }
`,
    }),
  );

const parsed = (text: string): Verification => {
  const r = parseVerification(text, 'world.yaml');
  if (!r.ok) throw new Error(`${text}\n${JSON.stringify(r.problems, null, 1)}`);
  return r.verification;
};

/** The checker's verdicts in the brute force's terms: the shortest violation (events, day), or null. */
const checkerVerdicts = (v: Verification, run: Exploration) =>
  run.verdicts.map((d) => {
    const cx = d.counterexample;
    if (!cx) return null;
    return v.properties[d.property]?.check.kind === 'recoverable' ? { events: -1, day: -1 } : { events: cx.steps.length, day: cx.day };
  });

/** Brute force and the checker agree on one world: verdicts, shortest counterexamples, statuses reached and rules fired. */
function agree(world: World): Exploration {
  const v = parsed(world.text);
  const variant = v.world.variants[0];
  if (!variant) throw new Error('no variant');
  const [run] = verify(v, { recoveryEvents: RECOVERY });
  if (!run) throw new Error('no exploration');
  expect(run.complete).toBe(true);
  const brute = bruteForce(v, variant, RECOVERY);
  expect(checkerVerdicts(v, run), world.text).toEqual(brute.violations);
  expect(run.coverage, world.text).toEqual(brute.coverage);
  tally.worlds++;
  tally.violated += run.verdicts.filter((d) => d.outcome === 'violated').length;
  tally.verdicts += run.verdicts.length;
  return run;
}

/** How much the random worlds exercise: verdicts found violated among all (a test that only sees `holds` checks little). */
const tally = { worlds: 0, verdicts: 0, violated: 0 };

const reached = (run: Exploration, status: string) => run.coverage.some((m) => m.statuses.some((s) => s.name === status && s.reached));

describe('licsim verify explores what brute force over every event at every day explores', () => {
  it('agrees on a hand-picked world that reaches overage, enforcement and recovery', () => {
    const run = agree({
      events: 2,
      recoverable: false,
      text: `licsim: 3
name: a shop that outgrows its purchase
seed: 1
duration: 24d
policy:
  smart-licensing:
    overrides:
      { evaluationDays: 3, overageDays: 4, authorizationRenewalDays: 3, authorizationValidityDays: 6, authorizationExpiredOverageDays: 3 }
accounts:
  - { id: va, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: 4 }] }
fleet:
  - { name: shop, model: smart-licensing, count: 1, account: va, users: 3, profiles: { desk-phone: 1 } }
timeline:
  - { at: 1d, do: register }
verify:
  events: 2
  alphabet:
    - { do: grow, users: 4 }
    - { do: purchase, account: va, type: UCL-Enhanced, count: 4 }
    - { do: link-down }
  properties:
    - { name: never enforced, never: { state: enforcement } }
    - { name: never out of compliance, never: { state: outOfComplianceOverage } }
    - { name: consistent, consistent: true }
`,
    });
    for (const status of ['evaluation', 'authorized', 'outOfComplianceOverage', 'outOfComplianceEnforced'])
      expect(reached(run, status), status).toBe(true);
    expect(run.verdicts.map((d) => d.outcome)).toEqual(['violated', 'violated', 'holds']);
  });

  it(
    'agrees on random small smart-licensing worlds',
    () => {
      fc.assert(
        fc.property(smartWorld, (w) => {
          agree(w);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    },
    RUNS * 3000,
  );

  it(
    'agrees on random small node-locked worlds',
    () => {
      fc.assert(
        fc.property(nodeLockedWorld, (w) => {
          agree(w);
        }),
        { numRuns: Math.ceil(RUNS / 2), seed: SEED },
      );
      // The random worlds break properties as well as keep them.
      expect(tally.violated).toBeGreaterThan(tally.verdicts / 5);
      expect(tally.violated).toBeLessThan(tally.verdicts);
    },
    RUNS * 3000,
  );
});
