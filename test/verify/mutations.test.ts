import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ScenarioOutcome } from '../../engine/result.ts';
import type { WorldMachines } from '../../engine/world/machines.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import { runLoaded } from '../../scenarios/run/runLoaded.ts';
import { verify } from '../../verify/checker.ts';
import { counterexampleScenario } from '../../verify/counterexample.ts';
import { parseVerification } from '../../verify/loader.ts';
import type { Exploration, PropertyVerdict } from '../../verify/result.ts';
import type { Verification } from '../../verify/spec.ts';
import { licsim } from '../support/cli.ts';
import { ledgerMutation } from '../support/ledgerMutant.ts';
import {
  compareVariant,
  ENDLESS_EVALUATION,
  invertedFreshEvaluation,
  noReleaseOnDeregistration,
  noWarningLead,
  SHORT_WARNING_LEAD,
  smartWorld,
} from '../support/mutants.ts';

/**
 * Mutation tests of licsim verify: each deliberately broken policy (a policy value),
 * machine (a copy of licsim's with a transition's action dropped, a guard inverted or
 * a delay changed) or ledger (the tier borrowing order reversed) breaks a property
 * that holds under licsim's own, the checker finds the break, and the counterexample
 * it writes replays: through `licsim run` (exit 1) where the mutation is a policy
 * value, through the engine with the same mutated machines (or ledger) otherwise —
 * where the same scenario under licsim's own passes. Every replay runs on both
 * backends, the compiled engine and the actors (real XState actors of the same
 * machines), and they fail identically: the same expectations, the same evidence.
 */

// SL-11's borrowing order lives in the ledger (not a policy value, not a machine): the mutant serves it reversed.
vi.mock('../../ledger/allocation.ts', async (importOriginal) =>
  (await import('../support/ledgerMutant.ts')).reversedBorrowingAllocation(await importOriginal()),
);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'licsim-mutations-'));
});

function load(text: string, file: string): Verification {
  const r = parseVerification(text, file);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.line}: ${p.message}`).join('\n'));
  return r.verification;
}

/** The exploration of a variant, and the verdict of the file's only property there. */
function verdictOf(runs: Exploration[], variant = 'run'): { run: Exploration; verdict: PropertyVerdict } {
  const run = runs.find((r) => r.variant === variant);
  if (!run) throw new Error(`no variant ${variant}: ${runs.map((r) => r.variant).join(', ')}`);
  expect(run.complete).toBe(true);
  expect(run.verdicts).toHaveLength(1);
  return { run, verdict: run.verdicts[0] as PropertyVerdict };
}

/** A counterexample as `day: event label` strings, and the day the property broke. */
function path(v: Verification, verdict: PropertyVerdict): { steps: string[]; day: number } {
  const cx = verdict.counterexample;
  if (!cx) throw new Error(`"${v.properties[verdict.property]?.name}" has no counterexample: ${verdict.outcome}`);
  return { steps: cx.steps.map((s) => `${s.day}: ${v.alphabet[s.event]?.label}`), day: cx.day };
}

/** A replay's verdicts as `licsim run` wrote them in results.json: the expectations, passed or not, with their evidence. */
const reportedVerdicts = async (out: string) =>
  (JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as { scenarios: Array<{ verdicts: unknown[] }> }).scenarios.map(
    (s) => s.verdicts,
  );

/**
 * The counterexample written as a scenario file, replayed by the real command in a child process on both backends
 * (compiled, and actors): they fail identically (the same exit, the same expectations with the same evidence).
 */
async function replayWithCli(v: Verification, text: string, found: { run: Exploration; verdict: PropertyVerdict }) {
  const file = join(dir, `${v.file.replace(/\.yaml$/, '')}--${found.run.variant}.yaml`);
  await writeFile(file, counterexampleScenario(v, text, found.run, found.verdict));
  const out = join(dir, `report-${v.file.replace(/\.yaml$/, '')}`);
  const compiled = await licsim(['run', file, '--out', out]);
  const actors = await licsim(['run', file, '--out', `${out}-actors`, '--backend', 'actors']);
  expect(actors.code).toBe(compiled.code);
  const verdicts = await reportedVerdicts(out);
  expect(verdicts.flat().length).toBeGreaterThan(0);
  expect(await reportedVerdicts(`${out}-actors`)).toEqual(verdicts);
  return compiled;
}

/**
 * The counterexample written as a scenario, run in-process on the given machines (licsim's by default) on both
 * backends: the actors (real XState actors of the same, mutated, machines) come to the same verdicts, with the same
 * evidence, as the compiled engine. Returns the compiled run's outcome.
 */
function replayWithEngine(
  v: Verification,
  text: string,
  found: { run: Exploration; verdict: PropertyVerdict },
  machines?: WorldMachines,
): ScenarioOutcome {
  const loaded = parseScenarios(counterexampleScenario(v, text, found.run, found.verdict), `${v.file}--counterexample.yaml`);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${p.line}: ${p.message}`).join('\n'));
  expect(loaded.scenarios).toHaveLength(1);
  const scenario = loaded.scenarios[0] as NonNullable<(typeof loaded.scenarios)[0]>;
  const compiled = runLoaded(scenario, undefined, 'compiled', machines ? { machines } : {});
  const actors = runLoaded(scenario, undefined, 'actors', machines ? { machines } : {});
  expect(actors.passed).toBe(compiled.passed);
  expect(actors.verdicts).toEqual(compiled.verdicts);
  return compiled;
}

describe('licsim verify finds the break of a deliberately broken policy, machine or ledger, and its counterexample replays', () => {
  // SL-5, SL-17: registered on day 1, the link may go down on any day; the authorization expires 90 days after its last renewal.
  const WARNED = {
    events: `verify:
  events: 1
  alphabet: [{ do: link-down }, { do: link-up }]
  properties:
    - name: authorization expiry is warned of 15 days ahead
      warnsBefore: { state: authorizationExpiredOverage, alarm: SmartLicenseAuthorizationExpiringSoon, days: 15d }
`,
    timeline: 'timeline:\n  - { at: 1d, do: register }',
  };

  it('a warning lead time of 0 is refused as policy data: it must be a positive number of days', () => {
    const head = `policy: { smart-licensing: { overrides: { authorizationExpiringSoonDays: 0 } } }\n${WARNED.timeline}`;
    const r = parseVerification(smartWorld({ name: 'lead 0', duration: '100d', head, tail: WARNED.events }), 'lead-0.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.message).join('\n')).toContain('must be a positive number of days');
  });

  it('SL-17, warnsBefore: an expiring-soon lead time of 1 hour (the policy) breaks a 15-day warning; licsim run replays it', async () => {
    const head = `compare:\n  correct: {}\n  mutant: ${compareVariant(SHORT_WARNING_LEAD)}\n${WARNED.timeline}`;
    const text = smartWorld({ name: 'Authorization warning lead time', duration: '100d', head, tail: WARNED.events });
    const v = load(text, 'warning-lead.yaml');
    const runs = verify(v);
    expect(runs.map((r) => r.variant)).toEqual(['correct', 'mutant']);
    // Under the documented 15 days every path holds (the same property, the same world).
    expect(verdictOf(runs, 'correct').verdict).toMatchObject({ outcome: 'holds', passed: true, counterexample: null });
    const found = verdictOf(runs, 'mutant');
    expect(found.verdict).toMatchObject({ outcome: 'violated', passed: false });
    // The link goes down the day after the registration: no renewal succeeds, the authorization expires on day 91
    // (renewed on day 1, 90 days' validity), warned only an hour before; the checker sees it at the midnight after.
    expect(path(v, found.verdict)).toEqual({ steps: ['2: link-down'], day: 91 });
    const cli = await replayWithCli(v, text, found);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('1 of 1 entries into authorizationExpiredOverage came without SmartLicenseAuthorizationExpiringSoon');
    expect(cli.stdout).toContain('shop-000, day 91: 0.042 days (limit 15 days)');
  }, 30_000);

  it('SL-17, warnsBefore: a machine whose expiring-soon warning has no lead at all breaks it; the engine replays it', () => {
    const text = smartWorld({ name: 'No warning lead', duration: '100d', head: WARNED.timeline, tail: WARNED.events });
    const v = load(text, 'no-warning-lead.yaml');
    expect(verdictOf(verify(v)).verdict).toMatchObject({ outcome: 'holds', counterexample: null });
    const found = verdictOf(verify(v, { machines: noWarningLead }));
    expect(found.verdict.outcome).toBe('violated');
    expect(path(v, found.verdict)).toEqual({ steps: ['2: link-down'], day: 91 });
    const mutant = replayWithEngine(v, text, found, noWarningLead);
    expect(mutant.passed).toBe(false);
    expect(mutant.verdicts.map((x) => [x.kind, x.passed, x.evidence.map((e) => [e.instance, e.day, e.value])])).toEqual([
      ['warnsBefore', false, [['shop-000', 91, 'no warning']]],
    ]);
    expect(replayWithEngine(v, text, found).passed).toBe(true);
  });

  it('SL-1, leadsTo: an evaluation that never ends (10 years) breaks "an evaluation ends within 90 days"; licsim run replays', async () => {
    // Registered on day 10; a deregistration gives the unused evaluation days back (80 of them, SL-8, SL-15).
    const head = `compare:\n  correct: {}\n  mutant: ${compareVariant(ENDLESS_EVALUATION)}\ntimeline:\n  - { at: 10d, do: register }`;
    const text = smartWorld({
      name: 'Evaluation that never ends',
      duration: '120d',
      head,
      tail: `verify:
  events: 1
  alphabet: [{ do: deregister }]
  properties:
    - name: an evaluation ends within 90 days
      leadsTo: { state: evaluation, to: [evaluationExpired, authorized], within: 90d }
`,
    });
    const v = load(text, 'endless-evaluation.yaml');
    const runs = verify(v);
    expect(verdictOf(runs, 'correct').verdict).toMatchObject({ outcome: 'holds', counterexample: null });
    const found = verdictOf(runs, 'mutant');
    expect(found.verdict.outcome).toBe('violated');
    // Without the deregistration the registration on day 10 ends the first wait; deregistered on day 11, the
    // instance waits in evaluation from day 11: more than 90 days on day 101.
    expect(path(v, found.verdict)).toEqual({ steps: ['11: deregister'], day: 101 });
    const cli = await replayWithCli(v, text, found);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('1 of 2 entries into evaluation not followed by evaluationExpired or authorized within 90 days');
    expect(cli.stdout).toMatch(/shop-000, day 11: .*still not in evaluationExpired or authorized at the end of the run/);
  }, 30_000);

  it('SL-8, consistent: a deregistration that does not release breaks state/ledger agreement; the engine replays it', () => {
    const text = smartWorld({
      name: 'Deregistration without release',
      duration: '30d',
      head: 'timeline:\n  - { at: 1d, do: register }',
      tail: `verify:
  events: 1
  alphabet: [{ do: deregister }]
  properties:
    - name: state and ledger agree
      consistent: true
`,
    });
    const v = load(text, 'no-release.yaml');
    expect(verdictOf(verify(v)).verdict).toMatchObject({ outcome: 'holds', counterexample: null });
    const found = verdictOf(verify(v, { machines: noReleaseOnDeregistration }));
    expect(found.verdict.outcome).toBe('violated');
    // Deregistered on day 2 (on day 1 it runs before the registration, and is refused): CSSM still holds it, the
    // instance says it holds nothing; the daily check at the start of day 3 finds it (and the check at the end, on day 30).
    expect(path(v, found.verdict)).toEqual({ steps: ['2: deregister'], day: 2 });
    const mutant = replayWithEngine(v, text, found, noReleaseOnDeregistration);
    expect(mutant.passed).toBe(false);
    const verdict = mutant.verdicts[0];
    expect(verdict?.evidence.map((e) => [e.instance, e.day, e.value, e.detail])).toEqual([
      ['shop-000', 3, 'evaluation', 'in evaluation on day 3 the state says no registration, the ledger has held in va'],
      ['shop-000', 30, 'evaluation', 'in evaluation on day 30 the state says no registration, the ledger has held in va'],
    ]);
    expect(replayWithEngine(v, text, found).passed).toBe(true);
  });

  it('SL-8, SL-14, never: an inverted guard on deregistration loses the evaluation days; the engine replays it', () => {
    const text = smartWorld({
      name: 'Inverted evaluation guard',
      duration: '100d',
      head: 'timeline:\n  - { at: 1d, do: register }',
      tail: `verify:
  events: 1
  alphabet: [{ do: deregister }]
  properties:
    - name: evaluation days run out no sooner than 90 days in
      never: { state: evaluationExpired, to: 89d }
`,
    });
    const v = load(text, 'inverted-guard.yaml');
    expect(verdictOf(verify(v)).verdict).toMatchObject({ outcome: 'holds', counterexample: null });
    const found = verdictOf(verify(v, { machines: invertedFreshEvaluation }));
    expect(found.verdict.outcome).toBe('violated');
    // Deregistered on day 2 with 89 evaluation days left, the mutant goes to evaluationExpired at once.
    expect(path(v, found.verdict)).toEqual({ steps: ['2: deregister'], day: 2 });
    const mutant = replayWithEngine(v, text, found, invertedFreshEvaluation);
    expect(mutant.passed).toBe(false);
    expect(mutant.verdicts[0]?.evidence.map((e) => [e.instance, e.day])).toEqual([['shop-000', 2]]);
    const own = replayWithEngine(v, text, found);
    expect(own.passed).toBe(true);
    expect(own.runs[0]?.result.series.status['smart-licensing']?.evaluation?.[2]).toBe(1);
  });

  it('SL-11, maxOverdraft: borrowing from lower tiers instead of higher ones leaves Basic users unserved; the engine replays it', () => {
    // 5 Basic and 10 Enhanced licences; 5 users of a 6921 (Basic) register on day 1 and may grow by 3.
    const text = smartWorld({
      name: 'Borrowing order reversed',
      duration: '30d',
      head: 'timeline:\n  - { at: 1d, do: register }',
      users: 'users: 5, profiles: { basic-phone: 1 }',
      purchases: '{ type: UCL-Basic, count: 5 }, { type: UCL-Enhanced, count: 10 }',
      tail: `verify:
  events: 1
  alphabet: [{ do: grow, users: 3 }]
  properties:
    - name: no overdraft
      maxOverdraft: { max: 0 }
`,
    });
    const v = load(text, 'borrowing-order.yaml');
    const own = verdictOf(verify(v));
    expect(own.verdict).toMatchObject({ outcome: 'holds', counterexample: null });
    ledgerMutation.reversedBorrowing = true;
    try {
      const found = verdictOf(verify(v));
      expect(found.verdict.outcome).toBe('violated');
      // Grown to 8 Basic users before the registration: CSSM is told 8 Basic on day 1, and the 3 beyond the
      // Basic licences are served by no lower tier (there is none with spare units) instead of by Enhanced; the
      // checker reads the day's overdraft at the midnight after.
      expect(path(v, found.verdict)).toEqual({ steps: ['0: grow users 3'], day: 1 });
      const mutant = replayWithEngine(v, text, found);
      expect(mutant.passed).toBe(false);
      const usage = mutant.runs[0]?.result.series.usage.find((u) => u.type === 'UCL-Basic');
      expect([usage?.consumption[1], usage?.overdraft[1], usage?.borrowed[1]]).toEqual([8, 3, 0]);
      ledgerMutation.reversedBorrowing = false;
      const replayed = replayWithEngine(v, text, found);
      expect(replayed.passed).toBe(true);
      const served = replayed.runs[0]?.result.series.usage.find((u) => u.type === 'UCL-Basic');
      expect([served?.consumption[1], served?.overdraft[1], served?.borrowed[1]]).toEqual([8, 0, 3]);
    } finally {
      ledgerMutation.reversedBorrowing = false;
    }
  });
});
