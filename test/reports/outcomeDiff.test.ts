import { describe, expect, it } from 'vitest';
import type { ScenarioOutcome } from '../../engine/result.ts';
import { runScenario } from '../../engine/runScenario.ts';
import { baselinePath, baselineText, parseBaseline } from '../../reports/baseline/baselineFile.ts';
import { compareOutcomes } from '../../reports/baseline/compare.ts';
import { differenceLine } from '../../reports/baseline/diffText.ts';
import { keyOutcomes, type ScenarioKeyOutcomes } from '../../reports/baseline/outcomes.ts';
import { parseResults } from '../../reports/baseline/resultsInput.ts';
import { diffSuites } from '../../reports/baseline/suiteDiff.ts';
import { comparisonOutcome, overageScenario, smallOutcome, suite, verdict } from './fixtures.ts';

const lines = (before: ScenarioKeyOutcomes, after: ScenarioKeyOutcomes) => compareOutcomes(before, after).map(differenceLine);

describe('key outcomes (reports/baseline/outcomes.ts)', () => {
  it('of the small scenario: register day 5, 30 in use of 20 owned until the purchase of day 20 is reported on day 21', () => {
    const o = smallOutcome();
    o.verdicts.push(verdict({ kind: 'baseline', title: 'key outcomes match the golden baseline', passed: false }));
    expect(keyOutcomes(o)).toEqual({
      // The baseline's own verdict is no key outcome.
      verdicts: [
        { title: 'never enforcement for any instance', kind: 'never', passed: true },
        { title: 'overdraft of UCL-Enhanced stays at 0', kind: 'maxOverdraft', passed: false },
      ],
      variants: {
        default: {
          statusGroups: {
            'smart-licensing': {
              evaluation: { first: 0, last: 0 },
              // Authorized on registering (day 5), again once the purchase is reported (day 21).
              authorized: { first: 5, last: 21 },
              // Out of compliance from the first usage report after registering.
              overage: { first: 6, last: 6 },
            },
          },
          overdraft: { 'va-small': { 'UCL-Enhanced': { units: 10, day: 5 } } },
          overdraftTotal: { units: 10, day: 5 },
          refusals: {},
          alarms: { SmartLicenseInEval: 3, SmartLicenseInOverage_OutOfCompliance: 3 },
        },
      },
    });
  });

  it('a run without overdraft has no peak, and a group never entered is not listed', () => {
    const o = smallOutcome();
    const run = o.runs[0]?.result;
    if (!run) throw new Error('no run');
    for (const u of run.series.usage) u.overdraft = u.overdraft.map(() => 0);
    run.series.overdraftTotal = run.series.overdraftTotal.map(() => 0);
    const k = keyOutcomes(o).variants.default;
    expect([k?.overdraft, k?.overdraftTotal, Object.keys(k?.statusGroups['smart-licensing'] ?? {})]).toEqual([
      {},
      undefined,
      ['evaluation', 'authorized', 'overage'],
    ]);
  });
});

describe('differences (compare.ts) in one line each (diffText.ts)', () => {
  it('a comparison: each line of a variant starts with it, verdicts carry theirs', () => {
    const before = comparisonOutcome();
    // After: variant B as A plays (overageDays 90), and its verdict passes.
    const after: ScenarioOutcome = {
      ...before,
      runs: [before.runs[0] as ScenarioOutcome['runs'][number], { variant: 'B', result: runScenario(overageScenario(90)) }],
      verdicts: before.verdicts.map((v) => ({ ...v, passed: true })),
    };
    expect(lines(keyOutcomes(before), keyOutcomes(after))).toEqual([
      'verdict "no instance in enforcement before day 100" [variant B]: failed → passed',
      'variant B › enforcement: first entered day 41 → day 101',
      'variant B › enforcement: last entered day 41 → day 101',
      'variant B › peak overdraft va-east CUWL: 287 on day 30 → 309 on day 90',
      'variant B › peak overdraft va-east UCL-Enhanced: 698 on day 30 → 858 on day 90',
      'variant B › peak overdraft va-east UCL-EnhancedPlus: 771 on day 30 → 816 on day 90',
      'variant B › peak total overdraft: 1756 on day 30 → 1983 on day 90',
      'variant B › refusals growth (SL-12): 40 → 0',
    ]);
    expect(lines(keyOutcomes(before), keyOutcomes(before))).toEqual([]);
  });

  it('verdicts matched by title and variant (repeated titles in order), groups, peaks, alarms and variants that one side lacks', () => {
    const run = { statusGroups: {}, overdraft: {}, refusals: {}, alarms: {} };
    const before: ScenarioKeyOutcomes = {
      verdicts: [
        { title: 'at most 0', kind: 'maxOverdraft', passed: true },
        { title: 'at most 0', kind: 'maxOverdraft', passed: true },
        { title: 'gone', kind: 'never', passed: false },
      ],
      variants: {
        run: {
          ...run,
          statusGroups: { 'smart-licensing': { grace: { first: 10, last: 20 } }, 'node-locked': { grace: { first: 3, last: 3 } } },
          alarms: { SmartLicenseInEval: 3 },
        },
        old: run,
      },
    };
    const after: ScenarioKeyOutcomes = {
      verdicts: [
        { title: 'at most 0', kind: 'maxOverdraft', passed: true },
        { title: 'at most 0', kind: 'maxOverdraft', passed: false },
        { title: 'new', kind: 'never', passed: true, variant: 'run' },
      ],
      variants: {
        run: {
          ...run,
          statusGroups: { 'node-locked': { grace: { first: 3, last: 3 } } },
          overdraft: { va: { CUWL: { units: 4, day: 31 } } },
          overdraftTotal: { units: 4, day: 31 },
        },
      },
    };
    expect(lines(before, after)).toEqual([
      'verdict "at most 0" #2: passed → failed',
      'verdict "gone": failed → absent',
      'verdict "new" [variant run]: absent → passed',
      'variant old: ran → absent',
      'variant run › grace (smart-licensing): first entered day 10 → never',
      'variant run › grace (smart-licensing): last entered day 20 → never',
      'variant run › peak overdraft va CUWL: none → 4 on day 31',
      'variant run › peak total overdraft: none → 4 on day 31',
      'variant run › alarms raised SmartLicenseInEval: 3 → 0',
    ]);
  });

  it('two runs: scenarios matched by file and name; one only a run has is a difference', () => {
    const a = smallOutcome();
    const renamed = { ...smallOutcome(), name: 'renamed' };
    const diff = diffSuites(suite([a]).scenarios, suite([smallOutcome(), renamed]).scenarios);
    expect(diff.compared).toBe(2);
    expect(diff.scenarios.map((s) => [s.file, s.name, s.differences.map(differenceLine)])).toEqual([
      ['scenarios/small.yaml', 'renamed', ['scenario "renamed": absent → ran']],
    ]);
  });
});

describe('the baseline file (baselineFile.ts) and a results.json for diff (resultsInput.ts)', () => {
  it('beside its scenario file; keys sorted, 2-space indent, a trailing newline; read back as written', () => {
    expect(baselinePath('scenarios/designer/overage-period.yaml')).toBe('scenarios/designer/overage-period.baseline.json');
    const file = { schema: 'licsim/baseline@1' as const, scenarios: { small: keyOutcomes(smallOutcome()) } };
    const text = baselineText(file);
    expect(text.split('\n').slice(0, 6)).toEqual([
      '{',
      '  "scenarios": {',
      '    "small": {',
      '      "variants": {',
      '        "default": {',
      '          "alarms": {',
    ]);
    expect(text.endsWith('}\n')).toBe(true);
    const back = parseBaseline(text, 'x.baseline.json');
    expect(back.ok && baselineText(back.baseline)).toBe(text);
    expect(parseBaseline('{\n  "schema": "licsim/baseline@2",\n  "scenarios": {}\n}\n', 'x.baseline.json')).toEqual({
      ok: false,
      problems: [
        {
          file: 'x.baseline.json',
          line: 2,
          column: 13,
          path: 'schema',
          message: 'Invalid input: expected "licsim/baseline@1"; a baseline is written by licsim run --baseline --update-baseline',
        },
      ],
    });
  });

  it('a results.json of an invalid run is no input for diff; a partial one says where', () => {
    const invalid = parseResults('{"schema":"licsim/suite-result@1","passed":false,"invalid":true,"scenarios":[]}', 'r.json');
    expect(invalid).toEqual({
      ok: false,
      problems: [
        {
          file: 'r.json',
          line: 1,
          column: 60,
          path: 'invalid',
          message: 'the report of a run stopped on invalid input (nothing was run): nothing to compare',
        },
      ],
    });
    const good = JSON.stringify(suite([smallOutcome()]), null, 2);
    expect(parseResults(good, 'r.json').ok).toBe(true);
    const noRuns = parseResults(good.replace('"runs": [', '"runz": ['), 'r.json');
    expect(noRuns.ok ? [] : noRuns.problems.map((p) => [p.path, p.message])).toEqual([
      ['scenarios[0].runs', 'Invalid input: expected array, received undefined (expected the results.json of licsim run)'],
    ]);
  });
});
