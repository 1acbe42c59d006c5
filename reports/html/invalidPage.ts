import type { Problem } from '../../scenarios/loader/problems.ts';
import { escapeHtml as esc } from '../escape.ts';
import { problemCount } from '../summary/invalidSummary.ts';
import { formatNumber } from './format.ts';
import { code, table } from './markup.ts';
import { htmlPage, INDEX_CSP } from './page.ts';

/**
 * index.html of a run that stopped on invalid input (exit 2): a banner saying the input was
 * invalid and nothing ran, then every problem with its file:line:col, field and message. The
 * same page shell and CSP as the index of a run (no script, nothing loaded).
 */
export function invalidPage(problems: readonly Problem[], ctx: { runId?: string } = {}): string {
  const rows = problems.map((p) => [code(`${p.file}:${p.line}:${p.column}`), p.path ? code(p.path) : '–', esc(p.message)]);
  const body = `<main>
<header class="banner failed" data-status="invalid">
<h1><span class="mark" aria-hidden="true">✗</span> licsim — input invalid: nothing was run</h1>
<p>${esc(problemCount(problems))}. No scenario ran, so this report holds no results: it replaces the previous one,
which no longer applies. Fix these and run again (<code>licsim validate</code> checks the files without running them).</p>
</header>
<section class="card" id="problems"><h2>Problems (${formatNumber(problems.length)})</h2>${table(['Where', 'Field', 'Problem'], rows, {
    rowClass: () => 'failed',
  })}</section>
</main>`;
  return htmlPage({
    title: 'licsim report — INPUT INVALID',
    csp: INDEX_CSP,
    ...(ctx.runId === undefined ? {} : { runId: ctx.runId }),
    body,
  });
}
