import type { SuiteResult } from '../../engine/result.ts';
import { INDEX_SCRIPT } from './indexScript.ts';
import { banner, failureList, scenarioList } from './overview.ts';
import { htmlPage, RUN_INDEX_CSP } from './page.ts';
import type { HtmlContext } from './reportContext.ts';

/**
 * index.html: the run's verdict, the failures first (each linked to its row on
 * its scenario's page) and every scenario as a row that opens on its verdicts
 * (failed ones open, passed ones collapsed), filtered by status, tag and a search
 * (indexScript.ts, the page's one inline script), with its counts, its duration
 * when `ctx.durations` has it, and a link to its page (scenarioPage.ts). No
 * charts: its size grows by one row per scenario, so a suite of thousands still opens at once.
 */
export function indexPage(suite: SuiteResult, ctx: HtmlContext = {}): string {
  const title = `licsim report — ${suite.passed ? 'PASSED' : 'FAILED'}`;
  const body = `<main>
${banner(suite)}
${failureList(suite)}
${scenarioList(suite, ctx)}
<p class="muted">Each scenario's page holds its setup, its expectations with their evidence,
its charts (interactive, PNG files as a fallback), its timeline outcomes and the event log around each failure.</p>
</main>`;
  return htmlPage({
    title,
    csp: RUN_INDEX_CSP,
    ...(ctx.runId === undefined ? {} : { runId: ctx.runId }),
    body,
    script: INDEX_SCRIPT,
  });
}
