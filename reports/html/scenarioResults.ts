import type { Evidence, ScenarioOutcome } from '../../engine/result.ts';
import { escapeHtml as esc } from '../escape.ts';
import { eventExcerpts } from '../eventExcerpt.ts';
import { evidenceLine, formatDay, shownRules, verdictName } from '../evidenceText.ts';
import { counted, formatNumber, groupDigits } from './format.ts';
import { badge, code, expectationAnchor, sourceLink, table } from './markup.ts';

/** A day as the report shows it: whole days grouped (1,000), fractional ones with two decimals. */
function day(d: number): string {
  return Number.isInteger(d) ? formatNumber(d) : formatDay(d);
}

/** A piece of evidence in one line, its numbers grouped (the console's line, evidenceText.ts, keeps them plain). */
function evidenceHtml(e: Evidence): string {
  const grouped: Evidence = { ...e };
  if (typeof e.value === 'number') grouped.value = formatNumber(e.value);
  if (typeof e.limit === 'number') grouped.limit = formatNumber(e.limit);
  return groupDigits(evidenceLine(grouped));
}

/**
 * Why an evidence row came about (a failed verdict's first instances): the instance's changes of status
 * that led there, each with its trigger and the rules that fired, and the command that tells its whole story.
 */
function causeHtml(e: Evidence, file: string, id: string): string {
  if (!e.cause?.length || e.instance === undefined) return '';
  const rows = e.cause.map(
    (s) =>
      `<tr><td class="num">${esc(day(s.day))}</td><td>${esc(`${s.from ?? ''} → ${s.to ?? ''}`)}</td>` +
      `<td>${esc(groupDigits(s.why))}</td><td>${esc(s.rules.join(', '))}</td></tr>`,
  );
  const command = `licsim explain ${file} --instance ${e.instance}`;
  return (
    `<details class="cause" id="${esc(id)}"><summary>why: ${esc(counted(e.cause.length, 'change'))} of status</summary>` +
    `<table><thead><tr><th>Day</th><th>Change</th><th>Why</th><th>Rules fired</th></tr></thead><tbody>${rows.join('')}</tbody></table>` +
    `<p class="muted">The whole story: <code>${esc(command)}</code></p></details>`
  );
}

/**
 * Expectations with verdicts, messages, rules, source and evidence; each row anchored
 * (`#expectation-N`, index.html's failures link there) and its source linked to the scenario
 * file when the report folder is known (`links`).
 */
export function expectations(o: ScenarioOutcome, links: { reportDir?: string | undefined; fromPage?: string } = {}): string {
  if (o.verdicts.length === 0) return '<h3>Expectations</h3><p class="muted">This scenario states no expectations.</p>';
  const rows = o.verdicts.map((v, n) => {
    const items = v.evidence.map((e, k) => `<li>${esc(evidenceHtml(e))}${causeHtml(e, o.file, `why-${n + 1}-${k + 1}`)}</li>`);
    const evidence = v.evidence.length ? `<ul class="evidence">${items.join('')}</ul>` : '';
    const shown = shownRules(v);
    return [
      badge(v.passed),
      `<strong>${esc(groupDigits(verdictName(v)))}</strong><br><span class="muted">${esc(v.kind)}</span>`,
      `${esc(groupDigits(v.message))}${evidence}`,
      esc(shown.rules.join(', ') || '—') + (shown.fired ? ' <span class="muted">fired</span>' : ''),
      v.source ? sourceLink(v.source, links.reportDir, links.fromPage ?? '') : '—',
    ];
  });
  return `<h3>Expectations</h3>${table(['Verdict', 'Expectation', 'Found (with evidence)', 'Rules', 'Source'], rows, {
    rowClass: (i) => (o.verdicts[i]?.passed ? 'passed' : 'failed'),
    rowId: expectationAnchor,
  })}`;
}

/** What each timeline entry did, per variant: reached, not applicable, refused and why. */
export function timeline(o: ScenarioOutcome): string {
  const parts = o.runs.map((r) => {
    const rows = r.result.timeline.map((t) => [
      day(t.at),
      code(t.kind),
      formatNumber(t.reached),
      formatNumber(t.notApplicable),
      t.refused ? `<strong>${formatNumber(t.refused)}</strong>` : '0',
      t.reasons
        .map((x) => `${esc(formatNumber(x.count))} × ${esc(x.reason)}${x.rule ? ` <span class="muted">(${esc(x.rule)})</span>` : ''}`)
        .join('<br>') || '—',
    ]);
    const head = o.runs.length > 1 ? `<h4>Variant ${esc(r.variant)}</h4>` : '';
    const refused = Object.entries(r.result.series.refusals)
      .map(([op, days]) => [op, days.reduce((a, b) => a + b, 0)] as const)
      .filter(([, n]) => n > 0)
      .map(([op, n]) => `${esc(formatNumber(n))} × ${esc(op)}`);
    const refusals = refused.length ? `<p><strong>Operations refused during the run:</strong> ${refused.join('; ')}</p>` : '';
    const columns = ['Day', 'Action', 'Reached', 'Not applicable', 'Refused', 'Refusal reasons'];
    return rows.length
      ? `${head}${table(columns, rows, { numeric: [0, 2, 3, 4] })}${refusals}`
      : `${head}<p class="muted">The timeline is empty.</p>${refusals}`;
  });
  return `<h3>Timeline outcomes</h3>${parts.join('')}`;
}

/** The event log around each failure's evidence, or why there is none. */
export function excerpts(o: ScenarioOutcome, windowDays: number): string {
  const list = eventExcerpts(o, windowDays);
  if (list.length === 0) return '';
  const blocks = list.map((x) => {
    const head = `<h4>${esc(groupDigits(verdictName(x.verdict)))} — ${esc(evidenceHtml(x.evidence))}</h4>`;
    const rows = x.entries.map((e) => [
      day(e.day),
      code(e.instance),
      esc(e.kind),
      esc(e.event),
      e.from || e.to ? `${esc(e.from ?? '')} → ${esc(e.to ?? '')}` : '—',
      esc(groupDigits(e.detail ?? '')),
      esc(e.rules.join(', ')),
    ]);
    const body = rows.length
      ? table(['Day', 'Instance', 'Kind', 'Event', 'Status', 'Detail', 'Rules'], rows, { numeric: [0], className: 'log' })
      : '';
    return `${head}${body}${x.note ? `<p class="note">${esc(groupDigits(x.note))}</p>` : ''}`;
  });
  return `<h3>Event log around the failures <span class="muted">(±${esc(counted(windowDays, 'day'))})</span></h3>${blocks.join('\n')}`;
}

/** Where each account ended: owned, in use, overdraft, compliance, per variant. */
export function finalPosition(o: ScenarioOutcome): string {
  const many = o.runs.length > 1;
  const rows = o.runs.flatMap((r) =>
    r.result.final.accounts.flatMap((a) =>
      a.types.map((t) => [
        ...(many ? [esc(r.variant)] : []),
        esc(a.account),
        esc(t.type),
        formatNumber(t.owned),
        formatNumber(t.inUse),
        formatNumber(t.reserved),
        t.overdraft ? `<strong>${formatNumber(t.overdraft)}</strong>` : '0',
        formatNumber(t.shortfall),
        a.outOfCompliance ? '<span class="badge fail">OUT OF COMPLIANCE</span>' : '<span class="badge pass">compliant</span>',
      ]),
    ),
  );
  if (rows.length === 0) return '';
  const offset = many ? 1 : 0;
  return `<h3>Final position of the accounts</h3>${table(
    // SLR-11: the shortfall is part of the overdraft; the account's status is CSSM's verdict, which knows nothing of it.
    [
      ...(many ? ['Variant'] : []),
      'Account',
      'Licence type',
      'Owned',
      'In use',
      'Reserved',
      'Overdraft',
      'of which reserved instances short',
      'Account status (CSSM)',
    ],
    rows,
    { numeric: [2, 3, 4, 5, 6].map((i) => i + offset) },
  )}`;
}
