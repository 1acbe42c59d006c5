import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Verdict } from '../../engine/result.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import type { LoadedScenario } from '../../scenarios/loader/resolveScenario.ts';
import { runLoaded } from '../../scenarios/run/runLoaded.ts';
import { verify } from '../../verify/checker.ts';
import { counterexampleScenario } from '../../verify/counterexample.ts';
import { parseVerification } from '../../verify/loader.ts';
import type { Exploration, PropertyVerdict } from '../../verify/result.ts';
import type { Verification } from '../../verify/spec.ts';

const FOLDER = 'scenarios/verify';

/** Every bundled verification file: the whole folder, so a file added there is checked without a change here. */
const FILES = readdirSync(FOLDER)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => join(FOLDER, f));

/** What the checker made of one file. */
interface Checked {
  v: Verification;
  text: string;
  explorations: Exploration[];
}

const checked = new Map<string, Checked>();

function check(file: string): Checked {
  const text = readFileSync(file, 'utf8');
  const loaded = parseVerification(text, file);
  if (!loaded.ok) throw new Error(`${file}: ${JSON.stringify(loaded.problems)}`);
  const c = { v: loaded.verification, text, explorations: verify(loaded.verification) };
  checked.set(file, c);
  return c;
}

/** The verdict of the property named `name` under `variant` (`run` when the file compares none). */
function verdictOf(file: string, name: string, variant = 'run'): { verdict: PropertyVerdict; labels: string[] } {
  const c = checked.get(file) as Checked;
  const index = c.v.properties.findIndex((p) => p.name === name);
  expect(index, `${file}: no property "${name}"`).toBeGreaterThanOrEqual(0);
  const run = c.explorations.find((e) => e.variant === variant);
  const verdict = run?.verdicts.find((d) => d.property === index);
  if (!verdict) throw new Error(`${file}: "${name}" was not verified under ${variant}`);
  const labels = (verdict.counterexample?.steps ?? []).map((s) => `day ${s.day}: ${c.v.alphabet[s.event]?.label}`);
  return { verdict, labels };
}

/** The replay of a counterexample as an ordinary scenario, read by the scenario loader as licsim run reads a file. */
function replayOf(c: Checked, run: Exploration, verdict: PropertyVerdict): LoadedScenario {
  const yaml = counterexampleScenario(c.v, c.text, run, verdict);
  const loaded = parseScenarios(yaml, `${c.v.file}--counterexample.yaml`);
  if (!loaded.ok) throw new Error(`the counterexample does not load:\n${JSON.stringify(loaded.problems)}\n${yaml}`);
  expect(loaded.scenarios).toHaveLength(1);
  return loaded.scenarios[0] as LoadedScenario;
}

/** What a failing verdict says, to compare across back ends. */
const said = (v: Verdict) => ({ kind: v.kind, variant: v.variant, passed: v.passed, message: v.message, evidence: v.evidence });

describe('the bundled verification files (scenarios/verify)', () => {
  it('cover every model', () => {
    const models = new Set<string>();
    for (const file of FILES) {
      const loaded = parseVerification(readFileSync(file, 'utf8'), file);
      expect(loaded.ok, file).toBe(true);
      if (loaded.ok) for (const g of loaded.verification.world.variants[0]?.scenario.fleet ?? []) models.add(g.model);
    }
    expect([...models].sort()).toEqual(['node-locked', 'session-claim', 'smart-licensing']);
  });

  for (const file of FILES) {
    describe(file, () => {
      beforeAll(() => {
        check(file);
      }, 120_000);

      it('every property is as the file expects (holds, or violated where it says so), the exploration complete', () => {
        const c = checked.get(file) as Checked;
        for (const run of c.explorations) {
          expect(run.complete, `${file} under ${run.variant}`).toBe(true);
          for (const d of run.verdicts) {
            const p = c.v.properties[d.property];
            expect({ variant: run.variant, property: p?.name, outcome: d.outcome, passed: d.passed }).toEqual({
              variant: run.variant,
              property: p?.name,
              outcome: p?.expectViolated ? 'violated' : 'holds',
              passed: true,
            });
          }
        }
      });

      it('every counterexample replays with licsim run and fails the same way on the compiled and the actor back end', () => {
        const c = checked.get(file) as Checked;
        for (const run of c.explorations) {
          for (const d of run.verdicts) {
            if (!d.counterexample) continue;
            const property = c.v.properties[d.property];
            const replay = replayOf(c, run, d);
            // A deadlockFree counterexample replays the path to the stuck state: it has no expectation to fail.
            if (property?.check.kind === 'deadlockFree') continue;
            expect(replay.expectations, property?.name).toHaveLength(1);
            const compiled = runLoaded(replay, undefined, 'compiled');
            const actors = runLoaded(replay, undefined, 'actors');
            const failing = (vs: Verdict[]) => vs.filter((v) => !v.passed).map(said);
            const expected = property?.check.kind === 'recoverable' ? 'eventually' : property?.check.expectation.kind;
            const name = `${file}: "${property?.name}" under ${run.variant}`;
            expect(failing(compiled.verdicts), name).toHaveLength(1);
            expect(failing(compiled.verdicts)[0], name).toMatchObject({ kind: expected, passed: false });
            expect(failing(compiled.verdicts)[0]?.evidence.length, name).toBeGreaterThan(0);
            expect(failing(actors.verdicts), name).toEqual(failing(compiled.verdicts));
          }
        }
      });
    });
  }
});

describe('what the bundled verification files find, by property', () => {
  const overage = join(FOLDER, 'smart-licensing-overage-clock.yaml');
  const warnings = join(FOLDER, 'smart-licensing-warnings.yaml');
  const nodeLocked = join(FOLDER, 'node-locked.yaml');
  const reservation = join(FOLDER, 'smart-licensing-reservation.yaml');
  const ensure = (file: string) => {
    if (!checked.has(file)) check(file);
  };

  it('SL-12: restart is violated by a one-day return to compliance (grow, purchase, grow on days 0, 1, 2); resume holds', () => {
    ensure(overage);
    const restart = verdictOf(
      overage,
      'restart lets an instance stay out of compliance more than 90 of 120 days without enforcement',
      'restart',
    );
    expect(restart.verdict.outcome).toBe('violated');
    expect(restart.labels).toEqual(['day 0: grow users 5', 'day 1: purchase account va type UCL-Enhanced count 5', 'day 2: grow users 5']);
    expect(restart.verdict.counterexample?.day).toBe(92);
    const resume = verdictOf(overage, 'under resume more than 90 of any 120 days out of compliance reaches enforcement', 'resume');
    expect(resume.verdict.outcome).toBe('holds');
    // The price of resume: enforcement after a short return to compliance is not announced 90 days ahead.
    expect(
      verdictOf(overage, 'under restart enforcement is announced by the overage alarm 90 days before', 'restart').verdict.outcome,
    ).toBe('holds');
    const unwarned = 'under resume enforcement after a short return to compliance comes with less than 90 days of warning';
    expect(verdictOf(overage, unwarned, 'resume').labels).toEqual([
      'day 0: grow users 5',
      'day 90: purchase account va type UCL-Enhanced count 5',
      'day 91: grow users 5',
    ]);
  }, 120_000);

  it('SL-2 is not warned 30 days before, nor at all after a deregistration with no evaluation days left; SL-13 is', () => {
    ensure(warnings);
    for (const name of [
      'SL-2 evaluation expiry is not always announced by SmartLicenseInEval 30 days before',
      'SL-2 evaluation expiry after a deregistration with no evaluation days left comes with no SmartLicenseInEval',
    ]) {
      const { verdict, labels } = verdictOf(warnings, name);
      expect(verdict.outcome, name).toBe('violated');
      expect(labels, name).toEqual(['day 90: register', 'day 91: deregister']);
    }
    for (const name of [
      'SL-13 no provisioning after authorization expiry is announced by the overage alarm 90 days before',
      'SL-13 authorization expiry is announced by SmartLicenseAuthorizationExpiringSoon 15 days before',
    ])
      expect(verdictOf(warnings, name).verdict.outcome, name).toBe('holds');
  }, 120_000);

  it('NL-4 is warned 29 days before but not 30 (a reinstall on day 60); NL-6 by LicenseGraceExpiryWarning 30 days before', () => {
    ensure(nodeLocked);
    const late = verdictOf(
      nodeLocked,
      'NL-4 evaluation expiry is not always announced 30 days before (a reinstall on day 60 delays it a minute)',
    );
    expect(late.verdict.outcome).toBe('violated');
    expect(late.labels).toEqual(['day 60: reinstall']);
    expect(
      verdictOf(nodeLocked, 'NL-4 evaluation expiry is announced by LicenseEvaluationExpiryWarning 29 days before').verdict.outcome,
    ).toBe('holds');
    const graceWarned = 'NL-6 shutdown after the rehost grace is announced by LicenseGraceExpiryWarning 30 days before';
    expect(verdictOf(nodeLocked, graceWarned).verdict.outcome).toBe('holds');
    expect(
      verdictOf(nodeLocked, 'NL-6 shutdown after the rehost grace is announced by CiscoLicenseFileError 30 days before').verdict.outcome,
    ).toBe('holds');
    expect(verdictOf(nodeLocked, 'production is always reachable again').verdict.outcome).toBe('holds');
  }, 120_000);

  it('SLR-7: every reservation can be returned; state and ledger agree between the return and its code entered in CSSM', () => {
    ensure(reservation);
    expect(verdictOf(reservation, 'SLR-7 every reservation can be returned').verdict.outcome).toBe('holds');
    const consistent = 'state and ledger agree, between a reservation return and its code entered in CSSM too';
    expect(verdictOf(reservation, consistent).verdict.outcome).toBe('holds');
  }, 120_000);
});
