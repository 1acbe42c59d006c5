import { outcomeMetric } from '../../engine/outcomes/metrics.ts';
import type { SuiteResult } from '../../engine/result.ts';
import { escapeMarkdown as md } from '../escape.ts';
import { formatDelta, formatNumber } from '../html/format.ts';
import { scenarioOutcomeTable } from './outcomeTable.ts';

/** The outcome metrics the summary shows for every scenario (the HTML report shows them all). */
export const SUMMARY_METRICS = ['enforcementDays', 'overageDays', 'peakOverdraft', 'overdraftUnitDays', 'refusals', 'unwarnedLosses'];

/**
 * summary.md's outcomes: a row per scenario and variant with the key metrics, a compared
 * variant's delta against the first (or `compareBaseline:`) in brackets with ▲ (worse) or ▼ (better) by the metric's direction.
 */
export function outcomeLines(suite: SuiteResult): string[] {
  const metrics = SUMMARY_METRICS.map((id) => outcomeMetric(id)).filter((m) => m !== undefined);
  const rows: string[] = [];
  for (const o of suite.scenarios) {
    const t = scenarioOutcomeTable(o);
    o.runs.forEach((run, i) => {
      const values = metrics.map((m) => {
        const row = t.rows.find((r) => r.metric.id === m.id);
        if (!row) return '0';
        const d = formatDelta(row.deltas[i]);
        const mark = row.judged[i] === 'worse' ? ' ▲' : row.judged[i] === 'better' ? ' ▼' : '';
        return `${formatNumber(row.values[i])}${d ? ` (${d}${mark})` : ''}`;
      });
      const variant = o.runs.length > 1 ? md(run.variant) : '';
      rows.push(`| ${i === 0 ? md(o.name) : ''} | ${variant} | ${values.join(' | ')} |`);
    });
  }
  if (!rows.length) return [];
  return [
    '',
    '### Outcomes',
    '',
    `| Scenario | Variant | ${metrics.map((m) => md(m.title)).join(' | ')} |`,
    `|---|---|${metrics.map(() => '---:').join('|')}|`,
    ...rows,
  ];
}
