import type { SuiteResult } from '../../engine/result.ts';
import { escapeHtml as esc } from '../escape.ts';
import { evidenceLine, failures, verdictName } from '../evidenceText.ts';
import { scenarioAnchor, scenarioPagePath } from '../slug.ts';
import { badge, table } from './markup.ts';

/** Failures listed first shown in the top section; the rest are counted. */
const FAILURES_SHOWN = 50;

/** The banner: overall pass/fail with counts. */
export function banner(suite: SuiteResult): string {
  const failed = suite.scenarios.filter((o) => !o.passed).length;
  const verdicts = suite.scenarios.flatMap((o) => o.verdicts);
  const passedVerdicts = verdicts.filter((v) => v.passed).length;
  const title = suite.passed ? 'All scenarios passed' : `${failed} of ${suite.scenarios.length} scenarios failed`;
  return `<header class="banner ${suite.passed ? 'passed' : 'failed'}" data-status="${suite.passed ? 'passed' : 'failed'}">
<h1><span class="mark" aria-hidden="true">${suite.passed ? '✓' : '✗'}</span> licsim — ${esc(title)}</h1>
<p>${suite.scenarios.length} scenario(s), ${passedVerdicts} of ${verdicts.length} expectations passed.</p></header>`;
}

/** The failure section on top: every failed expectation with its first evidence, linked to its scenario. */
export function failureList(suite: SuiteResult): string {
  const list = failures(suite.scenarios);
  if (list.length === 0) return '';
  const items = list.slice(0, FAILURES_SHOWN).map(({ outcome, index, verdict }) => {
    const first = verdict.evidence[0];
    const link = `<a href="${esc(scenarioPagePath(outcome.name, index))}">${esc(outcome.name)}</a>`;
    return `<li>${link} — <strong>${esc(verdictName(verdict))}</strong>: ${esc(verdict.message)}${
      verdict.rules.length ? ` <span class="muted">(${esc(verdict.rules.join(', '))})</span>` : ''
    }${first ? `<br><span class="muted">${esc(evidenceLine(first))}</span>` : ''}</li>`;
  });
  const more = list.length - items.length;
  return `<section class="card" id="failures"><h2>Failures (${list.length})</h2><ol class="failures">${items.join('\n')}</ol>${
    more > 0 ? `<p class="muted">… and ${more} more, listed on each scenario's page.</p>` : ''
  }</section>`;
}

/**
 * The table of scenarios: status, a link to the scenario's page, expectations
 * passed/total, instances, days, variants. Each row keeps the scenario's old
 * anchor (`index.html#scenario-01-…`), so links into a one-page report still land.
 */
export function scenarioTable(suite: SuiteResult): string {
  const rows = suite.scenarios.map((o, i) => {
    const s = o.runs[0]?.result.scenario;
    return [
      badge(o.passed),
      `<a class="scenario-name" href="${esc(scenarioPagePath(o.name, i))}">${esc(o.name)}</a>`,
      `${o.verdicts.filter((v) => v.passed).length} / ${o.verdicts.length}`,
      String(s?.instances ?? '–'),
      String(s?.days ?? '–'),
      esc(o.runs.length > 1 ? o.runs.map((r) => r.variant).join(' vs ') : '—'),
    ];
  });
  return `<section class="card" id="summary"><h2>Scenarios</h2>${table(
    ['Status', 'Scenario', 'Expectations passed', 'Instances', 'Days', 'Variants'],
    rows,
    {
      numeric: [2, 3, 4],
      rowClass: (i) => (suite.scenarios[i]?.passed ? 'passed' : 'failed'),
      rowId: (i) => scenarioAnchor(suite.scenarios[i]?.name ?? '', i),
    },
  )}</section>`;
}
