import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { explainInstance, explanationLines } from '../../cli/commands/explain.ts';
import { UsageError } from '../../cli/errors.ts';
import { Fleet } from '../../engine/fleet/fleet.ts';
import type { Verdict } from '../../engine/result.ts';
import { causeLines, shownRules, verdictText } from '../../reports/evidenceText.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import type { LoadedScenario } from '../../scenarios/loader/resolveScenario.ts';
import { runLoaded } from '../../scenarios/run/runLoaded.ts';
import { oneCluster } from '../support/oneCluster.ts';

/**
 * One cluster of ten desk-phone users (10 UCL-Enhanced) with 5 licences: registered on day 0
 * (line 12), CSSM finds the VA short at its first daily check on day 1 (SL-7) and the 30-day
 * overage period (SL-12) runs out on day 31; 10 more licences on day 40 (line 13) end it on day 41.
 */
const LATE = oneCluster({
  name: 'a purchase ten days late',
  purchase: 40,
  expect: '  - never: { state: enforcement }\n  - eventually: { state: reserved }\n',
});

function load(text: string, file = 'late.yaml'): LoadedScenario {
  const loaded = parseScenarios(text, file);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  return loaded.scenarios[0] as LoadedScenario;
}

describe('failures that explain themselves (issue 14: 3)', () => {
  const outcome = runLoaded(load(LATE));
  const never = outcome.verdicts[0] as Verdict;

  it('a failed never gives the chain of transitions that led there, each with its trigger and the rules that fired', () => {
    const [row] = never.evidence;
    expect(row).toMatchObject({ instance: 'hq-000', day: 31, rules: ['SL-12'] });
    expect(row?.cause?.map((s) => [s.day, s.from, s.to, s.trigger?.kind, s.rules])).toEqual([
      [0, 'evaluation', 'authorized', 'timeline', ['SL-4']],
      [1, 'authorized', 'outOfComplianceOverage', 'message', ['SL-7', 'SL-12']],
      [31, 'outOfComplianceOverage', 'outOfComplianceEnforced', 'timer', ['SL-12']],
    ]);
    expect(causeLines(row ?? { detail: '' })).toEqual([
      'day 0: evaluation → authorized — timeline register (late.yaml:12) [SL-4]',
      'day 1: authorized → outOfComplianceOverage — OUT_OF_COMPLIANCE from cssm:va, on its NEW_DAY going vaCompliant → ' +
        'vaOutOfCompliance: UCL-Enhanced 10 in use of 5 owned (5 over) [SL-7, SL-12]',
      'day 31: outOfComplianceOverage → outOfComplianceEnforced — timer overage (overageDays = 30 d, overageCapDays = none, ' +
        'overageClock = restart), in outOfComplianceOverage since day 1 [SL-12]',
    ]);
  });

  it('the timer names the policy value that set it: another overageDays changes the cause it gives', () => {
    const longer = runLoaded(load(LATE.replace('overageDays: 30', 'overageDays: 20'))).verdicts[0] as Verdict;
    const last = longer.evidence[0]?.cause?.at(-1);
    expect(last).toMatchObject({ day: 21, trigger: { kind: 'timer', delay: 'overage', since: 1 } });
    expect(last?.trigger?.kind === 'timer' && last.trigger.parameters[0]).toEqual({ name: 'overageDays', value: '20 d' });
  });

  it('the rules shown are those of the transitions that fired, not the expectation’s list', () => {
    // enforcement is a status group: the expectation cites every rule that leads into it.
    expect(never.rules).toEqual(expect.arrayContaining(['SL-12', 'SL-13', 'SL-14']));
    expect(shownRules(never)).toEqual({ rules: ['SL-12'], fired: true });
    expect(verdictText(never)).toContain('rules fired: SL-12\n');
  });

  it('messages say what happened, without double negatives', () => {
    expect(never.message).toBe('1 of 1 instance entered enforcement (none may); first shown');
    expect(outcome.verdicts[1]?.message).toBe('0 of 1 instance reached reserved (1 must); 1 did not, first shown');
  });

  it('a passing run is not run again and its verdicts carry no cause', () => {
    const held = runLoaded(load(LATE.replace('at: 40d, do: purchase', 'at: 30d, do: purchase'))).verdicts[0] as Verdict;
    expect(held.passed).toBe(true);
    expect(held.evidence.some((e) => e.cause)).toBe(false);
  });

  it('the causes are the same on both backends', () => {
    const actors = runLoaded(load(LATE), undefined, 'actors');
    expect(actors.verdicts).toEqual(outcome.verdicts);
  });
});

describe('licsim explain (issue 14)', () => {
  const loaded = load(LATE);

  it("tells one instance's whole story: changes of status with triggers, alarms, effects, with the rules' texts", () => {
    const e = explainInstance(loaded, { instance: 'hq-000' });
    expect(e).toMatchObject({ instance: 'hq-000', index: 0, group: 'hq', model: 'smart-licensing', from: 0, to: 60 });
    const transitions = e.steps.filter((s) => s.kind === 'transition').map((s) => [s.day, s.to]);
    expect(transitions).toEqual([
      [0, 'authorized'],
      [1, 'outOfComplianceOverage'],
      [31, 'outOfComplianceEnforced'],
      [41, 'authorized'],
    ]);
    expect(e.steps.filter((s) => s.kind === 'alarm').map((s) => [s.day, s.event])).toEqual([
      [0, 'SmartLicenseInEval'],
      [1, 'SmartLicenseInOverage_OutOfCompliance'],
      [31, 'SmartLicenseNoProvision_OutOfCompliance'],
    ]);
    expect(e.steps.find((s) => s.kind === 'effect' && s.event === 'register')?.reported).toEqual({ 'UCL-Enhanced': 10 });
    expect(Object.keys(e.rules)).toEqual(['SL-4', 'SL-7', 'SL-12', 'SL-17', 'SL-18']);
    expect(e.rules['SL-12']).toMatch(/overage/i);
  });

  it('--from and --to keep the steps between two days; an index names the same instance as its id', () => {
    const e = explainInstance(loaded, { instance: '0', from: '30', to: '41d' });
    expect(e.instance).toBe('hq-000');
    expect(e.steps.every((s) => s.day >= 30 && s.day <= 41)).toBe(true);
    expect(e.steps.filter((s) => s.kind === 'transition').map((s) => s.to)).toEqual(['outOfComplianceEnforced', 'authorized']);
    const lines = explanationLines(e, pc.createColors(false));
    expect(lines[0]).toBe(' hq-000 (hq, smart-licensing) in a purchase ten days late');
    expect(lines.find((l) => l.startsWith(' 31 '))).toMatch(/^ 31 {3}outOfComplianceOverage → outOfComplianceEnforced {2}SL-12 /);
  });

  it('refuses an instance the fleet does not have, and days out of order, as usage errors', () => {
    expect(() => explainInstance(loaded, { instance: '1' })).toThrow(UsageError);
    expect(() => explainInstance(loaded, { instance: 'hq-009' })).toThrow(/no instance of that id \(the fleet's: hq-000…hq-000\)/);
    expect(() => explainInstance(loaded, { instance: '0', from: '40', to: '30' })).toThrow(/--from 40 comes after --to 30/);
    expect(() => explainInstance(loaded, { instance: '0', from: 'soon' })).toThrow(/expected a day of the run/);
    expect(new Fleet(loaded.variants[0]?.scenario.fleet ?? [], 1).size).toBe(1);
  });
});
