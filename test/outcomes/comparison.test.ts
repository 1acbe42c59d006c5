import { describe, expect, it } from 'vitest';
import { outcomesSection } from '../../reports/html/outcomesSection.ts';
import { outcomeTable } from '../../reports/outcomes/outcomeTable.ts';
import { outcomeLines } from '../../reports/outcomes/summaryOutcomes.ts';
import { comparisonOutcome } from '../reports/fixtures.ts';

/** The fixture's comparison: the same fleet under a 90-day (A) and a 30-day (B) overage period. */
describe('a comparison of outcomes (issue 15)', () => {
  const outcome = comparisonOutcome();
  const runs = outcome.runs.map((r) => ({ variant: r.variant, outcomes: r.result.outcomes }));

  it('gives each metric per variant with its delta against the first and a judgement by its direction', () => {
    const t = outcomeTable(runs);
    expect([t.variants, t.baseline]).toEqual([['A', 'B'], 'A']);
    const row = (id: string) => t.rows.find((r) => r.metric.id === id);
    const enforcement = row('enforcementDays');
    const [a, b] = enforcement?.values ?? [];
    expect(b).toBeGreaterThan(a ?? 0);
    expect(enforcement?.deltas).toEqual([null, (b ?? 0) - (a ?? 0)]);
    expect(enforcement?.judged).toEqual([null, 'worse']);
    // B's enforcement starts 60 days sooner: a first day is compared but neither better nor worse.
    expect(row('enforcementFirstDay')?.deltas).toEqual([null, -60]);
    expect(row('enforcementFirstDay')?.judged).toEqual([null, 'changed']);
    // Metrics 0 in every run are left out.
    expect(row('expiredDays')).toBeUndefined();
  });

  it('takes a named baseline instead of the first', () => {
    const t = outcomeTable(runs, 'B');
    expect(t.baseline).toBe('B');
    expect(t.rows.find((r) => r.metric.id === 'enforcementDays')?.judged).toEqual(['better', null]);
  });

  it('the HTML table colours the worse value and explains each metric; summary.md marks it ▲', () => {
    const html = outcomesSection(outcome);
    expect(html).toContain('<h3>Outcomes by variant</h3>');
    expect(html).toMatch(/<span class="worse">[\d,]+ <span class="delta">\(\+[\d,]+\)<\/span><\/span>/);
    expect(html).toContain('title="Σ over days of the instances whose status is in the enforcement group at the end of the day"');
    const lines = outcomeLines({ schema: 'licsim/suite-result@1', passed: false, scenarios: [outcome] });
    expect(lines.slice(0, 4)).toEqual([
      '',
      '### Outcomes',
      '',
      '| Scenario | Variant | enforcement instance-days | overage instance-days | peak overdraft | overdraft unit-days | refusals | ' +
        'losses without warning |',
    ]);
    expect(lines[6]).toMatch(/^\| {2}\| B \| [\d,]+ \(\+[\d,]+ ▲\) \|/);
  });
});
