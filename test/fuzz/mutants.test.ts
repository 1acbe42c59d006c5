import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Verdict } from '../../engine/result.ts';
import type { WorldMachines } from '../../engine/world/machines.ts';
import { type FuzzTarget, fuzzScenario } from '../../fuzz/index.ts';
import { licsim } from '../support/cli.ts';
import { ledgerMutation } from '../support/ledgerMutant.ts';
import {
  ENDLESS_EVALUATION,
  invertedFreshEvaluation,
  noReleaseOnDeregistration,
  noWarningLead,
  type PolicyMutant,
  policyLine,
  SHORT_WARNING_LEAD,
  smartWorld,
} from '../support/mutants.ts';
import { fuzzTarget, fuzzWithMachines, type MutantFuzz, replayInEngine } from './mutants.ts';

/**
 * Seeded defects of licsim fuzz: the deliberately broken policies, machines and ledger of licsim verify's mutation
 * tests (test/support/mutants.ts, ledgerMutant.ts). For each, a scenario with a `fuzz:` block whose expectation holds
 * as written and in every variant tried under licsim's own (the same seed and budget find nothing); under the mutant
 * the search from seed 1 breaks it within a stated number of runs, and the minimal counterexample replays: through
 * `licsim run` on both backends (exit 1) where the mutant is a policy value, through the engine with the same mutated
 * machines (or ledger) on both backends otherwise, where the same scenario under licsim's own passes.
 */

// SL-11's borrowing order lives in the ledger (not a policy value, not a machine): the mutant serves it reversed.
vi.mock('../../ledger/allocation.ts', async (importOriginal) =>
  (await import('../support/ledgerMutant.ts')).reversedBorrowingAllocation(await importOriginal()),
);

const SEED = 1;
/** The budget of every search, licsim's own and the mutant's. */
const RUNS = 200;
const REGISTER_DAY_1 = 'timeline:\n  - { at: 1d, do: register }';

/** The worlds of verify's mutation tests with the expectation as a scenario's, and what may vary around them. */
const WORLDS = {
  // SL-5, SL-17: registered on day 1; the link may go down (and up), a renewal may be asked for, on any days.
  warned: (policy = '') =>
    smartWorld({
      name: 'Authorization warning lead time',
      duration: '100d',
      head: `${policy}\n${REGISTER_DAY_1}`,
      tail: `expect:
  - warnsBefore: { state: authorizationExpiredOverage, alarm: SmartLicenseAuthorizationExpiringSoon, days: 15d }
fuzz:
  shift: 5d
  insert: [{ do: link-down }, { do: link-up }, { do: renew-authorization }]
`,
    }),
  // SL-1, SL-8, SL-15: registered on day 10 (±5); a deregistration gives the unused evaluation days back.
  evaluation: (policy = '') =>
    smartWorld({
      name: 'Evaluation that never ends',
      duration: '120d',
      head: `${policy}\ntimeline:\n  - { at: 10d, do: register }`,
      tail: `expect:
  - leadsTo: { state: evaluation, to: [evaluationExpired, authorized], within: 90d }
fuzz:
  shift: 5d
  insert: [{ do: deregister }, { do: register }]
`,
    }),
  // SL-8: state and ledger agree whatever is deregistered, registered again or cut off, and when.
  released: () =>
    smartWorld({
      name: 'Deregistration without release',
      duration: '30d',
      head: REGISTER_DAY_1,
      tail: `expect:
  - consistent: true
fuzz:
  shift: 2d
  insert: [{ do: deregister }, { do: register }, { do: link-down }, { do: link-up }]
`,
    }),
  // SL-8, SL-14: 90 days of evaluation in all, however often the instance is deregistered and registered again.
  guarded: () =>
    smartWorld({
      name: 'Inverted evaluation guard',
      duration: '100d',
      head: REGISTER_DAY_1,
      tail: `expect:
  - never: { state: evaluationExpired, to: 89d }
fuzz:
  shift: 2d
  insert: [{ do: deregister }, { do: register }]
`,
    }),
  // SL-11: 5 Basic and 10 Enhanced licences for 5 Basic users, who may grow (or shrink) by 3, three times at most.
  borrowing: () =>
    smartWorld({
      name: 'Borrowing order reversed',
      duration: '30d',
      head: REGISTER_DAY_1,
      users: 'users: 5, profiles: { basic-phone: 1 }',
      purchases: '{ type: UCL-Basic, count: 5 }, { type: UCL-Enhanced, count: 10 }',
      tail: `expect:
  - maxOverdraft: { max: 0 }
fuzz:
  shift: 2d
  insert: [{ do: grow, users: 3 }, { do: remove, users: 3 }]
`,
    }),
};

/**
 * A verdict as the checks compare it: what broke, its rules and its evidence (as results.json writes them), each row
 * without its cause: the search's variant has no file, so its causes name timeline entries by index, the file's by line.
 */
const broken = (v: Verdict) =>
  JSON.parse(JSON.stringify({ kind: v.kind, title: v.title, rules: v.rules, evidence: v.evidence.map(({ cause: _, ...row }) => row) }));

/** The search found nothing in the whole budget (licsim's own keep the expectation in every variant tried). */
function holdsThroughout(f: MutantFuzz): void {
  expect(f.result.found).toBeNull();
  expect(f.counterexample).toBeNull();
  expect(f.result.runs).toBe(RUNS);
}

/** The counterexample of a search that found one. */
function counterexampleOf(f: MutantFuzz): NonNullable<MutantFuzz['counterexample']> {
  if (!f.counterexample) throw new Error(`nothing found in ${f.result.runs} runs`);
  return f.counterexample;
}

/** A found counterexample replayed in the engine with the mutant on both backends: the same expectation fails, with the same evidence. */
function replayedWithMachines(f: MutantFuzz, machines?: WorldMachines) {
  const cx = counterexampleOf(f);
  const mutant = replayInEngine(cx.text, machines);
  expect(mutant.passed).toBe(false);
  expect(mutant.verdicts.filter((v) => !v.passed).map(broken)).toEqual([broken(cx.found.failure.verdict)]);
  return { cx, mutant };
}

let dir: string;
const targets = new Map<string, FuzzTarget>();
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'licsim-fuzz-mutants-'));
  const written: Record<string, string> = {
    warned: WORLDS.warned(),
    'warned-short-lead': WORLDS.warned(policyLine(SHORT_WARNING_LEAD)),
    evaluation: WORLDS.evaluation(),
    'evaluation-endless': WORLDS.evaluation(policyLine(ENDLESS_EVALUATION)),
    released: WORLDS.released(),
    guarded: WORLDS.guarded(),
    borrowing: WORLDS.borrowing(),
  };
  for (const [name, text] of Object.entries(written)) targets.set(name, await fuzzTarget(`${name}.yaml`, text));
});

const target = (name: string) => {
  const t = targets.get(name);
  if (!t) throw new Error(`no target ${name}`);
  return t;
};

/** The scenario fuzzed through the public API (fuzzScenario) with licsim's machines: its search and counterexample. */
const fuzzOwn = (name: string): MutantFuzz => fuzzScenario(target(name), { seed: SEED, runs: RUNS });

/** A policy mutant's scenario fuzzed as {@link fuzzOwn} does, once (two tests read it). */
const policyFuzzes = new Map<PolicyMutant, MutantFuzz>();
const policyFuzz = (mutant: PolicyMutant, name: string): MutantFuzz => {
  const f = policyFuzzes.get(mutant) ?? fuzzOwn(name);
  policyFuzzes.set(mutant, f);
  return f;
};

describe('licsim fuzz finds the seeded defects of the mutation tests from seed 1, and each minimal counterexample replays', () => {
  const WARNING = 'every entry into authorizationExpiredOverage is warned by SmartLicenseAuthorizationExpiringSoon at least 15 days before';
  const EVALUATION = 'every entry into evaluation is followed by evaluationExpired or authorized within 90 days';

  it('SL-17, a warning lead of 1 hour (policy): found after 9 runs (bound 12), shrunk to a link down on day 1', () => {
    holdsThroughout(fuzzOwn('warned'));
    const f = policyFuzz(SHORT_WARNING_LEAD, 'warned-short-lead');
    // Measured: 9 runs to the first failure, 17 more to shrink it.
    expect(f.result.runs).toBeLessThanOrEqual(12);
    const cx = counterexampleOf(f);
    // The link down right after the registration: no renewal succeeds, the authorization expires on day 91 (90 days'
    // validity), warned an hour before.
    expect(cx.steps).toEqual([{ kind: 'inserted', action: 'link-down', day: 1 }]);
    expect(broken(cx.found.failure.verdict)).toMatchObject({
      kind: 'warnsBefore',
      title: WARNING,
      rules: ['SL-13', 'SL-17'],
      evidence: [
        {
          instance: 'shop-000',
          day: 91,
          value: '0.042 days',
          limit: '15 days',
          detail:
            'entered authorizationExpiredOverage on day 91; ' +
            'SmartLicenseAuthorizationExpiringSoon raised on day 90.958, only 0.042 days before',
        },
      ],
    });
  });

  it('SL-1, an evaluation of 10 years (policy): found after 57 runs (bound 70), shrunk to a deregistration on day 10', () => {
    holdsThroughout(fuzzOwn('evaluation'));
    const f = policyFuzz(ENDLESS_EVALUATION, 'evaluation-endless');
    // Measured: 57 runs (a deregistration that no registration follows, after the first), 17 more to shrink.
    expect(f.result.runs).toBeLessThanOrEqual(70);
    const cx = counterexampleOf(f);
    expect(cx.steps).toEqual([{ kind: 'inserted', action: 'deregister', day: 10 }]);
    expect(broken(cx.found.failure.verdict)).toMatchObject({
      kind: 'leadsTo',
      title: EVALUATION,
      rules: ['SL-1', 'SL-15', 'SLR-1', 'SLR-2', 'SL-2', 'SL-5'],
      evidence: [
        {
          instance: 'shop-000',
          day: 10,
          value: 110,
          limit: 90,
          detail:
            'entered evaluation on day 10, still not in evaluationExpired or authorized ' +
            'at the end of the run (day 120) after 110 days, in evaluation',
        },
      ],
    });
  });

  it('both policy counterexamples replay with licsim run: exit 1, the same expectation and evidence, on both backends', async () => {
    const found = [
      { file: 'short-lead.yaml', f: policyFuzz(SHORT_WARNING_LEAD, 'warned-short-lead'), title: WARNING },
      { file: 'endless-evaluation.yaml', f: policyFuzz(ENDLESS_EVALUATION, 'evaluation-endless'), title: EVALUATION },
    ];
    const folder = join(dir, 'counterexamples');
    await mkdir(folder);
    for (const x of found) await writeFile(join(folder, x.file), counterexampleOf(x.f).text);
    // One child process per backend over the folder, run side by side.
    const [compiled, actors] = await Promise.all(
      (['compiled', 'actors'] as const).map((backend) => licsim(['run', folder, '--backend', backend, '--out', join(dir, backend)])),
    );
    for (const [backend, r] of [
      ['compiled', compiled],
      ['actors', actors],
    ] as const) {
      expect(r?.stderr, backend).toBe('');
      expect(r?.code, backend).toBe(1);
      for (const x of found) expect(r?.stdout, backend).toContain(`✗ ${x.title}`);
      const results = JSON.parse(await readFile(join(dir, backend, 'results.json'), 'utf8')) as {
        passed: boolean;
        scenarios: Array<{ file: string; passed: boolean; verdicts: Verdict[] }>;
      };
      expect(results.passed).toBe(false);
      expect(results.scenarios).toHaveLength(found.length);
      for (const x of found) {
        const replayed = results.scenarios.find((s) => s.file.endsWith(`/${x.file}`));
        expect(replayed?.passed, `${backend} ${x.file}`).toBe(false);
        expect(replayed?.verdicts.filter((v) => !v.passed).map(broken)).toEqual([broken(counterexampleOf(x.f).found.failure.verdict)]);
      }
    }
  }, 40_000);

  it('SL-17, a machine whose warning has no lead: found after 9 runs (bound 12); the engine replays it, licsim’s own pass', () => {
    const f = fuzzWithMachines(target('warned'), { seed: SEED, runs: RUNS, machines: noWarningLead });
    // Measured: 9 runs, 17 more to shrink (the same variants as the policy's: the same space and seed).
    expect(f.result.runs).toBeLessThanOrEqual(12);
    const { cx } = replayedWithMachines(f, noWarningLead);
    expect(cx.steps).toEqual([{ kind: 'inserted', action: 'link-down', day: 1 }]);
    expect(broken(cx.found.failure.verdict)).toMatchObject({
      kind: 'warnsBefore',
      title: WARNING,
      rules: ['SL-13', 'SL-17'],
      evidence: [{ instance: 'shop-000', day: 91, value: 'no warning', limit: '15 days' }],
    });
    expect(replayInEngine(cx.text).passed).toBe(true);
  });

  it('SL-8, a deregistration that does not release: found after 3 runs (bound 5); the engine replays it, licsim’s own pass', () => {
    holdsThroughout(fuzzOwn('released'));
    const f = fuzzWithMachines(target('released'), { seed: SEED, runs: RUNS, machines: noReleaseOnDeregistration });
    // Measured: 3 runs, 22 more to shrink.
    expect(f.result.runs).toBeLessThanOrEqual(5);
    const { cx } = replayedWithMachines(f, noReleaseOnDeregistration);
    // Deregistered on day 1 (after the registration of the same day): CSSM still holds it, the instance holds nothing.
    expect(cx.steps).toEqual([{ kind: 'inserted', action: 'deregister', day: 1 }]);
    const verdict = cx.found.failure.verdict;
    expect([verdict.kind, verdict.title, verdict.rules]).toEqual([
      'consistent',
      "every instance's state agrees with the ledger",
      ['SL-4', 'SL-7', 'SL-8', 'SLR-4', 'NL-7', 'CS-3'],
    ]);
    expect(verdict.evidence.map((e) => [e.instance, e.day, e.value, e.detail])).toEqual([
      ['shop-000', 2, 'evaluation', 'in evaluation on day 2 the state says no registration, the ledger has held in va'],
      ['shop-000', 30, 'evaluation', 'in evaluation on day 30 the state says no registration, the ledger has held in va'],
    ]);
    expect(replayInEngine(cx.text).passed).toBe(true);
  });

  it('SL-8, SL-14, an inverted evaluation guard: found after 3 runs (bound 5); the engine replays it, licsim’s own pass', () => {
    holdsThroughout(fuzzOwn('guarded'));
    const f = fuzzWithMachines(target('guarded'), { seed: SEED, runs: RUNS, machines: invertedFreshEvaluation });
    // Measured: 3 runs, 20 more to shrink.
    expect(f.result.runs).toBeLessThanOrEqual(5);
    const { cx } = replayedWithMachines(f, invertedFreshEvaluation);
    // Deregistered on day 1 with 89 evaluation days left, the mutant goes to evaluationExpired at once.
    expect(cx.steps).toEqual([{ kind: 'inserted', action: 'deregister', day: 1 }]);
    const verdict = cx.found.failure.verdict;
    expect([verdict.kind, verdict.title, verdict.rules]).toEqual([
      'never',
      'no instance enters evaluationExpired from day 0 to day 89',
      ['SL-2'],
    ]);
    expect(verdict.evidence.map((e) => [e.instance, e.day, e.value, e.detail])).toEqual([
      ['shop-000', 1, 'entered', 'entered evaluationExpired on day 1'],
    ]);
    const own = replayInEngine(cx.text);
    expect(own.passed).toBe(true);
    expect(own.runs[0]?.result.series.status['smart-licensing']?.evaluation?.[1]).toBe(1);
  });

  it('SL-11, the borrowing order reversed (ledger): found after 3 runs (bound 5); the engine replays it, licsim’s own pass', () => {
    holdsThroughout(fuzzOwn('borrowing'));
    ledgerMutation.reversedBorrowing = true;
    try {
      const f = fuzzWithMachines(target('borrowing'), { seed: SEED, runs: RUNS });
      // Measured: 3 runs, 11 more to shrink.
      expect(f.result.runs).toBeLessThanOrEqual(5);
      const { cx, mutant } = replayedWithMachines(f);
      // Grown to 8 Basic users before the registration: the 3 beyond the Basic licences are served by no lower tier
      // (there is none with spare units) instead of by Enhanced.
      expect(cx.steps).toEqual([{ kind: 'inserted', action: 'grow', day: 0 }]);
      const verdict = cx.found.failure.verdict;
      expect([verdict.kind, verdict.title, verdict.rules]).toEqual([
        'maxOverdraft',
        'total overdraft at most 0 units',
        ['SL-7', 'SL-11', 'SL-12'],
      ]);
      expect(verdict.evidence.map((e) => [e.instance, e.day, e.value, e.detail])).toEqual([
        [undefined, 1, 3, 'total overdraft reached 3 units on day 1 (2026-01-02); entitlement 15'],
      ]);
      const usage = mutant.runs[0]?.result.series.usage.find((u) => u.type === 'UCL-Basic');
      expect([usage?.consumption[1], usage?.overdraft[1], usage?.borrowed[1]]).toEqual([8, 3, 0]);
      ledgerMutation.reversedBorrowing = false;
      const own = replayInEngine(cx.text);
      expect(own.passed).toBe(true);
      const served = own.runs[0]?.result.series.usage.find((u) => u.type === 'UCL-Basic');
      expect([served?.consumption[1], served?.overdraft[1], served?.borrowed[1]]).toEqual([8, 0, 3]);
    } finally {
      ledgerMutation.reversedBorrowing = false;
    }
  });
});
