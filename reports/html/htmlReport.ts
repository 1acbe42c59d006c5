import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ScenarioOutcome, SuiteResult } from '../../engine/result.ts';
import { escapeHtml as esc, jsonForScript } from '../escape.ts';
import { scenarioAnchor } from '../slug.ts';
import type { ChartSpec } from '../types.ts';
import { type ChartImages, chartsSection } from './chartFigure.ts';
import { CLIENT_SCRIPT } from './clientScript.ts';
import { badge } from './markup.ts';
import { banner, failureList, scenarioTable } from './overview.ts';
import { excerpts, expectations, finalPosition, timeline } from './scenarioResults.ts';
import { facts, fleetAndAccounts, policyChanges } from './scenarioSetup.ts';
import { STYLES } from './styles.ts';

/** What the page needs besides the suite. */
export interface HtmlContext {
  charts: ChartSpec[][];
  images: ChartImages;
  excerptDays: number;
  /** The run id, in a meta tag and on the body. */
  runId?: string;
}

/** The page loads nothing from the network: inline styles and scripts, images from data: URLs or files. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; img-src data: 'self' file:; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

let chartJsSource: string | undefined;

/** Chart.js's UMD build, read once, made safe to inline (no source-map fetch, no closing tag). */
export function chartJsInline(): string {
  if (chartJsSource === undefined) {
    // The UMD build is not in chart.js's `exports`: find it next to the package's CommonJS entry (dist/).
    const file = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');
    chartJsSource = readFileSync(file, 'utf8')
      .replace(/\/\/# sourceMappingURL=\S*\s*$/, '')
      .replace(/<\/(script)/gi, '<\\/$1')
      .replace(/<!--/g, '<\\!--');
  }
  return chartJsSource;
}

function scenarioSection(o: ScenarioOutcome, index: number, ctx: HtmlContext): string {
  const key = scenarioAnchor(o.name, index);
  const status = o.passed ? 'passed' : 'failed';
  const anchor = `<a class="anchor" href="#${esc(key)}" aria-label="link to this scenario">#</a>`;
  return `<section class="card scenario ${status}" id="${esc(key)}" data-status="${status}">
<h2>${badge(o.passed)} <span class="scenario-name">${esc(o.name)}</span> ${anchor}</h2>
<p>${esc(o.description)}</p>
${facts(o)}
${expectations(o)}
${chartsSection(ctx.charts[index] ?? [], ctx.images)}
${excerpts(o, ctx.excerptDays)}
${policyChanges(o)}
${fleetAndAccounts(o)}
${timeline(o)}
${finalPosition(o)}
</section>`;
}

/**
 * index.html: one self-contained page (Chart.js, chart data and PNGs inlined,
 * no network) with the failures on top, the scenario table, and a section
 * per scenario. All user text is escaped, including inside inline JSON.
 */
export function htmlReport(suite: SuiteResult, ctx: HtmlContext): string {
  const specs = Object.fromEntries(
    ctx.charts.flat().map((s) => [s.id, { id: s.id, kind: s.kind, helpers: s.helpers, config: s.config, days: s.days }]),
  );
  const title = `licsim report — ${suite.passed ? 'PASSED' : 'FAILED'}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
${ctx.runId === undefined ? '' : `<meta name="licsim-run-id" content="${esc(ctx.runId)}">\n`}<title>${esc(title)}</title>
<style>${STYLES}</style>
</head>
<body${ctx.runId === undefined ? '' : ` data-run-id="${esc(ctx.runId)}"`}>
<main>
${banner(suite)}
${failureList(suite)}
${scenarioTable(suite)}
${suite.scenarios.map((o, i) => scenarioSection(o, i, ctx)).join('\n')}
</main>
<script type="application/json" id="licsim-charts">${jsonForScript(specs)}</script>
<script>${chartJsInline()}</script>
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}
