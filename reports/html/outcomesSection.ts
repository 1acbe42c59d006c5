import type { ScenarioOutcome } from '../../engine/result.ts';
import { escapeHtml as esc } from '../escape.ts';
import { type OutcomeRow, scenarioOutcomeTable } from '../outcomes/outcomeTable.ts';
import { formatDelta, formatNumber } from './format.ts';
import { table } from './markup.ts';

function cells(row: OutcomeRow): string[] {
  return row.values.map((v, i) => {
    const judged = row.judged[i];
    const d = formatDelta(row.deltas[i]);
    const shown = `${esc(formatNumber(v))}${d ? ` <span class="delta">(${esc(d)})</span>` : ''}`;
    return judged === 'better' || judged === 'worse' ? `<span class="${judged}">${shown}</span>` : shown;
  });
}

/**
 * A scenario's outcome metrics (engine/outcomes/metrics.ts), each with its definition on hover:
 * one column per variant, each compared variant's delta against the first, green when better
 * and red when worse by the metric's direction. Metrics that are 0 in every run are left out.
 */
export function outcomesSection(o: ScenarioOutcome): string {
  const t = scenarioOutcomeTable(o);
  const compared = t.variants.length > 1;
  const heading = compared ? `<h3>Outcomes by variant</h3>` : '<h3>Outcomes</h3>';
  if (!t.rows.length) return `${heading}<p class="muted">Every outcome metric is 0.</p>`;
  const note = compared
    ? `<p class="muted">Deltas against variant ${esc(t.baseline)}; ` +
      `<span class="better">better</span> and <span class="worse">worse</span> by the metric's direction.</p>`
    : '';
  const rows = t.rows.map((r) => [
    `<abbr title="${esc(r.metric.doc)}">${esc(r.metric.title)}</abbr> <code>${esc(r.metric.id)}</code>`,
    ...cells(r),
    esc(r.metric.unit),
  ]);
  const headers = ['Metric', ...(compared ? t.variants.map((v) => `Variant ${v}`) : ['Value']), 'Unit'];
  const numeric = t.variants.map((_, i) => i + 1);
  return `${heading}${note}${table(headers, rows, { numeric, className: 'outcomes' })}`;
}
