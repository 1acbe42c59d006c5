import type { SuiteResult } from '../../engine/result.ts';
import { banner, failureList, scenarioTable } from './overview.ts';
import { htmlPage, INDEX_CSP } from './page.ts';

/**
 * index.html: the run's verdict, the failures first (each linked to its
 * scenario's page) and every scenario in a table, with its status, counts and
 * a link to its page (scenarioPage.ts). No charts, no script: its size grows by
 * one table row per scenario, so a suite of thousands still opens at once.
 */
export function indexPage(suite: SuiteResult, ctx: { runId?: string } = {}): string {
  const title = `licsim report — ${suite.passed ? 'PASSED' : 'FAILED'}`;
  const body = `<main>
${banner(suite)}
${failureList(suite)}
${scenarioTable(suite)}
<p class="muted">Each scenario's page holds its setup, its expectations with their evidence,
its charts (interactive, PNG files as a fallback), its timeline outcomes and the event log around each failure.</p>
</main>`;
  return htmlPage({ title, csp: INDEX_CSP, ...(ctx.runId === undefined ? {} : { runId: ctx.runId }), body });
}
