import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { totals, verdictLines } from '../../cli/console/format.ts';
import { selectScenarios } from '../../cli/filters.ts';
import { junitXml } from '../../reports/junit.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import type { LoadedScenario } from '../../scenarios/loader/resolveScenario.ts';
import { runLoaded } from '../../scenarios/run/runLoaded.ts';
import { oneCluster } from '../support/oneCluster.ts';

/** One cluster short of licences: enforcement on day 31. */
const TEXT = oneCluster({
  name: 'marked',
  head: 'tags: [smoke]',
  days: 40,
  expect: [
    '  - never: { state: enforcement }',
    '    fails: the licences arrive only on day 40',
    '  - eventually: { state: authorized }',
    '    fails: true',
    '  - never: { state: reserved }',
    "    skip: reservations are another suite's",
    '  - alarm: { name: SmartLicenseInEval }',
    '    todo: check the evaluation alarm',
    '    tags: [alarms]',
    '',
  ].join('\n'),
});

function load(text = TEXT): LoadedScenario {
  const r = parseScenarios(text, 'marked.yaml');
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.line}: ${p.message}`).join('\n'));
  return r.scenarios[0] as LoadedScenario;
}

describe('expectations marked skip, todo or fails, and tags (issue 14)', () => {
  const outcome = runLoaded(load());
  const [fails, held, skipped, todo] = outcome.verdicts;

  it('fails: a failure passes and says so; a pass fails', () => {
    expect(fails).toMatchObject({ passed: true, mark: { kind: 'fails', reason: 'the licences arrive only on day 40' } });
    expect(fails?.message).toBe(
      'failed as expected (the licences arrive only on day 40): 1 of 1 instance entered enforcement (none may); first shown',
    );
    expect(held).toMatchObject({ passed: false, mark: { kind: 'fails', reason: '' } });
    expect(held?.message).toBe('expected to fail, but held: 1 of 1 instance reached authorized (1 must)');
    expect(outcome.passed).toBe(false);
  });

  it('skip and todo are not checked, stand where they are written, and pass with their reason', () => {
    expect(skipped).toMatchObject({ passed: true, message: "skipped: reservations are another suite's (not checked)", evidence: [] });
    expect(todo).toMatchObject({ passed: true, message: 'to do: check the evaluation alarm (not checked)', tags: ['alarms'] });
    expect(outcome.tags).toEqual(['smoke']);
  });

  it('the console marks them and counts them; junit.xml reports skipped testcases', () => {
    const c = pc.createColors(false);
    expect(verdictLines(skipped as never, c)[0]).toMatch(/^ {5}↓ no instance enters reserved \(skip\) /);
    expect(verdictLines(todo as never, c)[0]).toMatch(/^ {5}✎ SmartLicenseInEval raised.* \(todo\) /);
    expect(totals([outcome], c, 1)[2]).toBe(' Expectations  1 passed, 1 failed, 1 skipped, 1 todo (4)');
    const xml = junitXml({ schema: 'licsim/suite-result@1', passed: false, scenarios: [outcome] });
    expect(xml).toContain('tests="4" failures="1" errors="0" skipped="2"');
    expect(xml).toContain(`<skipped message="skipped: reservations are another suite&apos;s (not checked)"/>`);
  });

  it('--tag picks scenarios by their tags, or the expectations with one', () => {
    const other = load(TEXT.replace('name: marked\ntags: [smoke]', 'name: other'));
    const smoke = selectScenarios([load(), other], { tags: ['smoke'] });
    expect(smoke.scenarios.map((s) => s.name)).toEqual(['marked']);
    const alarms = selectScenarios([load(), other], { tags: ['alarms'] });
    // Neither scenario has the tag: only the expectation that has it runs, of each.
    expect(alarms.scenarios.map((s) => [s.name, s.expectations.map((e) => e.kind)])).toEqual([
      ['marked', ['alarm']],
      ['other', ['alarm']],
    ]);
    expect(alarms.expectationsFiltered).toBe(6);
  });

  it('two marks on one expectation, or a mark that is not true or a reason, are located problems', () => {
    const both = parseScenarios(TEXT.replace('    skip: reservations', '    todo: x\n    skip: reservations'), 'marked.yaml');
    expect(both.ok).toBe(false);
    if (!both.ok)
      expect(both.problems.map((p) => p.message)).toContain(
        'expected one of skip, todo and fails, not several, found a mapping with never, todo, skip',
      );
    const bad = parseScenarios(TEXT.replace('    fails: true', '    fails: false'), 'marked.yaml');
    expect(bad.ok).toBe(false);
  });
});
