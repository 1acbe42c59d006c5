import { posix } from 'node:path';
import type { ScenarioOutcome, SuiteResult } from '../../engine/result.ts';
import { escapeHtml as esc, jsonForScript } from '../escape.ts';
import { PAGE_SCRIPT, REPORT_FILES, SCENARIO_DIR } from '../io/layout.ts';
import { scenarioAnchor, scenarioPagePath } from '../slug.ts';
import type { ChartSpec } from '../types.ts';
import { chartsSection } from './chartFigure.ts';
import { counted, formatNumber } from './format.ts';
import { badge } from './markup.ts';
import { outcomesSection } from './outcomesSection.ts';
import { htmlPage, SCENARIO_CSP } from './page.ts';
import { durationOf, type HtmlContext } from './reportContext.ts';
import { excerpts, expectations, finalPosition, timeline } from './scenarioResults.ts';
import { facts, fleetAndAccounts, policyChanges } from './scenarioSetup.ts';

/** What a scenario's page needs besides the suite (and, optional, the run id, durations and report folder: {@link HtmlContext}). */
export interface ScenarioPageContext extends HtmlContext {
  /** The scenario's charts. */
  specs: readonly ChartSpec[];
  /** Ids of the charts whose PNG was written. */
  rendered: ReadonlySet<string>;
  excerptDays: number;
}

/** From a scenario page (in SCENARIO_DIR) to a path relative to the report folder. */
const fromPage = (path: string) => posix.relative(SCENARIO_DIR, path);

function section(o: ScenarioOutcome, index: number, ctx: ScenarioPageContext): string {
  const key = scenarioAnchor(o.name, index);
  const status = o.passed ? 'passed' : 'failed';
  const anchor = `<a class="anchor" href="#${esc(key)}" aria-label="link to this scenario">#</a>`;
  return `<section class="card scenario ${status}" id="${esc(key)}" data-status="${status}">
<h2>${badge(o.passed)} <span class="scenario-name">${esc(o.name)}</span> ${anchor}</h2>
<p>${esc(o.description)}</p>
${facts(o, durationOf(ctx.durations, o))}
${expectations(o, { reportDir: ctx.reportDir, fromPage: SCENARIO_DIR })}
${outcomesSection(o)}
${chartsSection(ctx.specs, { base: '../', rendered: ctx.rendered })}
${excerpts(o, ctx.excerptDays)}
${policyChanges(o)}
${fleetAndAccounts(o)}
${timeline(o)}
${finalPosition(o)}
</section>`;
}

/** Back to the index, the run's verdict, and the previous and next scenario. */
function pager(suite: SuiteResult, index: number): string {
  const link = (i: number, text: string, rel: string) => {
    const o = suite.scenarios[i];
    return o ? `<a rel="${rel}" href="${esc(fromPage(scenarioPagePath(o.name, i)))}">${text}</a>` : '';
  };
  const failed = suite.scenarios.filter((o) => !o.passed).length;
  const total = suite.scenarios.length;
  const run = suite.passed ? 'every scenario passed' : `${formatNumber(failed)} of ${counted(total, 'scenario')} failed`;
  return `<nav class="pager"><a href="${esc(fromPage(REPORT_FILES.html))}">← All scenarios</a>
<span class="muted">Scenario ${formatNumber(index + 1)} of ${formatNumber(total)} · this run: ${esc(run)}</span>
${link(index - 1, '← Previous', 'prev')} ${link(index + 1, 'Next →', 'next')}</nav>`;
}

/**
 * `scenarios/NN-<slug>.html`: one scenario's page — its description, setup,
 * expectations with evidence, charts (the PNG files, drawn interactive by the
 * report's one script), event log around each failure, timeline outcomes and
 * final position. All user text is escaped, inside the JSON of the charts too.
 */
export function scenarioPage(suite: SuiteResult, index: number, ctx: ScenarioPageContext): string {
  const o = suite.scenarios[index];
  if (!o) throw new Error(`no scenario at index ${index}`);
  const specs = Object.fromEntries(
    ctx.specs.map((s) => [s.id, { id: s.id, kind: s.kind, helpers: s.helpers, config: s.config, days: s.days }]),
  );
  const body = `<main>
${pager(suite, index)}
${section(o, index, ctx)}
</main>
<script type="application/json" id="licsim-charts">${jsonForScript(specs)}</script>
<script src="${esc(fromPage(PAGE_SCRIPT))}"></script>`;
  const title = `${o.name} — ${o.passed ? 'PASSED' : 'FAILED'} — licsim report`;
  return htmlPage({ title, csp: SCENARIO_CSP, ...(ctx.runId === undefined ? {} : { runId: ctx.runId }), body });
}
