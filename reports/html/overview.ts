import type { ScenarioOutcome, SuiteResult, Verdict } from '../../engine/result.ts';
import { escapeHtml as esc } from '../escape.ts';
import { evidenceLine, failures, verdictName } from '../evidenceText.ts';
import { scenarioAnchor, scenarioPagePath } from '../slug.ts';
import { counted, formatNumber, formatSeconds, groupDigits } from './format.ts';
import { badge, expectationAnchor, sourceLink } from './markup.ts';
import { durationOf, type HtmlContext, tagsOf } from './reportContext.ts';

/** Failures listed first shown in the top section; the rest are counted. */
const FAILURES_SHOWN = 50;

/** The banner: overall pass/fail with counts. */
export function banner(suite: SuiteResult): string {
  const failed = suite.scenarios.filter((o) => !o.passed).length;
  const verdicts = suite.scenarios.flatMap((o) => o.verdicts);
  const passedVerdicts = verdicts.filter((v) => v.passed).length;
  const total = suite.scenarios.length;
  const title = suite.passed
    ? `${total === 1 ? 'The scenario' : 'All scenarios'} passed`
    : `${formatNumber(failed)} of ${counted(total, 'scenario')} failed`;
  return `<header class="banner ${suite.passed ? 'passed' : 'failed'}" data-status="${suite.passed ? 'passed' : 'failed'}">
<h1><span class="mark" aria-hidden="true">${suite.passed ? '✓' : '✗'}</span> licsim — ${esc(title)}</h1>
<p>${esc(counted(total, 'scenario'))}, ${esc(formatNumber(passedVerdicts))} of ${esc(counted(verdicts.length, 'expectation'))} passed.</p>
</header>`;
}

/**
 * The failure section on top: every failed expectation with its first evidence, linked to its row on
 * its scenario's page; each link names its scenario's row (`data-for`), so the filters hide it with the row.
 */
export function failureList(suite: SuiteResult): string {
  const list = failures(suite.scenarios);
  if (list.length === 0) return '';
  const items = list.slice(0, FAILURES_SHOWN).map(({ outcome, index, verdict }) => {
    const first = verdict.evidence[0];
    const href = `${scenarioPagePath(outcome.name, index)}#${expectationAnchor(outcome.verdicts.indexOf(verdict))}`;
    const link = `<a href="${esc(href)}" data-for="${esc(scenarioAnchor(outcome.name, index))}">${esc(outcome.name)}</a>`;
    const rules = verdict.rules.length ? ` <span class="muted">(${esc(verdict.rules.join(', '))})</span>` : '';
    const evidence = first ? `<br><span class="muted">${esc(groupDigits(evidenceLine(first)))}</span>` : '';
    const name = `<strong>${esc(groupDigits(verdictName(verdict)))}</strong>`;
    return `<li>${link} — ${name}: ${esc(groupDigits(verdict.message))}${rules}${evidence}</li>`;
  });
  const more = list.length - items.length;
  const head = `<h2>Failures (${formatNumber(list.length)})</h2>`;
  return `<section class="card" id="failures">${head}<ol class="failures">${items.join('\n')}</ol>${
    more > 0 ? `<p class="muted">… and ${formatNumber(more)} more, listed on each scenario's page.</p>` : ''
  }</section>`;
}

/** The status filters: what each button shows, its label, and which scenarios it counts. */
const SHOW: ReadonlyArray<[show: string, label: string, pick: (o: ScenarioOutcome) => boolean]> = [
  ['all', 'All', () => true],
  ['failed', 'Failed', (o) => !o.passed],
  ['passed', 'Passed', (o) => o.passed],
  ['counterexample', 'Counterexample replayed', (o) => o.counterexample === true],
];

/** The filters over the scenario list (hidden until the index's script shows them: without it every scenario is listed). */
function toolbar(suite: SuiteResult): string {
  const buttons = SHOW.map(([show, label, pick]) => {
    const count = formatNumber(suite.scenarios.filter(pick).length);
    return `<button type="button" data-show="${show}" aria-pressed="${show === 'all'}">${label} <span class="n">${count}</span></button>`;
  });
  return `<div class="toolbar" id="filters" hidden>
<div class="status-filter" role="group" aria-label="Show scenarios">${buttons.join('')}</div>
<label id="tag-filter" hidden>Tag <select id="filter-tag"><option value="">any</option></select></label>
<input type="search" id="filter-q" placeholder="Search scenarios and expectations" aria-label="Search scenario and expectation names">
<span class="expand"><button type="button" id="expand-all">Expand all</button>
<button type="button" id="collapse-all">Collapse all</button></span>
</div>`;
}

/**
 * A verdict in its scenario's row: its name (`<b>`: what the search reads), a failure's message, and its
 * source linked to the scenario file. Terse markup: the index grows by one row per scenario.
 */
function verdictItem(v: Verdict, ctx: HtmlContext): string {
  const message = v.passed ? '' : ` — ${esc(groupDigits(v.message))}`;
  return `<li${v.passed ? '' : ' class="fail"'}><b>${esc(groupDigits(verdictName(v)))}</b>${message}${
    v.source ? ` ${sourceLink(v.source, ctx.reportDir, '')}` : ''
  }</li>`;
}

/** One scenario in the index: a `<details>` open when it failed, its verdicts inside, its status and tags as data for the filters. */
function scenarioRow(o: ScenarioOutcome, i: number, ctx: HtmlContext): string {
  const status = o.passed ? 'passed' : 'failed';
  const s = o.runs[0]?.result.scenario;
  const tags = tagsOf(o);
  const seconds = durationOf(ctx.durations, o);
  const facts = [
    `${formatNumber(o.verdicts.filter((v) => v.passed).length)} of ${counted(o.verdicts.length, 'expectation')} passed`,
    s ? counted(s.instances, 'instance') : undefined,
    s ? counted(s.days, 'day') : undefined,
    o.runs.length > 1 ? esc(o.runs.map((r) => r.variant).join(' vs ')) : undefined,
    o.counterexample ? 'counterexample replayed' : undefined,
    seconds === undefined ? undefined : `<span class="duration">${esc(formatSeconds(seconds))}</span>`,
  ].filter((f) => f !== undefined);
  const attrs = `${o.counterexample ? ' data-counterexample' : ''}${tags.length ? ` data-tags="${esc(tags.join(' '))}"` : ''}${
    o.passed ? '' : ' open'
  }`;
  const tagList = tags.length ? ` <span class="tags">${tags.map((t) => `<span class="tag">${esc(t)}</span>`).join(' ')}</span>` : '';
  const verdicts = o.verdicts.length
    ? `<ul class="verdicts">${o.verdicts.map((v) => verdictItem(v, ctx)).join('')}</ul>`
    : '<p class="muted">No expectations.</p>';
  const link = `<a class="scenario-name" href="${esc(scenarioPagePath(o.name, i))}">${esc(o.name)}</a>`;
  const summary = `<summary>${badge(o.passed)} ${link}${tagList} <small>${facts.join(' · ')}</small></summary>`;
  return `<details id="${esc(scenarioAnchor(o.name, i))}" data-status="${status}"${attrs}>${summary}${verdicts}</details>`;
}

/**
 * Every scenario of the run, filterable: by status (all, failed, passed, counterexample replayed), by tag
 * (when some scenario or expectation has tags) and by a search over scenario and expectation names, the
 * state in the URL's hash (`#status=failed&tag=slow&q=overage`, indexScript.ts). Each scenario is a
 * `<details>`, collapsed when it passed, open when it failed, with its verdicts inside and a link to its
 * page; its id is its old anchor (`index.html#scenario-01-…`), so links into a one-page report still land.
 */
export function scenarioList(suite: SuiteResult, ctx: HtmlContext = {}): string {
  const total = suite.scenarios.length;
  const rows = suite.scenarios.map((o, i) => scenarioRow(o, i, ctx));
  return `<section class="card" id="summary"><h2>Scenarios</h2>
${toolbar(suite)}
<p class="shown" id="shown" aria-live="polite">${formatNumber(total)} of ${esc(counted(total, 'scenario'))} shown</p>
<div id="scenario-list">
${rows.join('\n')}
</div>
<p class="muted" id="none-shown" hidden>No scenario matches these filters.</p>
</section>`;
}
