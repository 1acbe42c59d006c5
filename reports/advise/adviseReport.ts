import { escapeHtml as esc } from '../escape.ts';
import { formatNumber } from '../html/format.ts';
import { badge, table } from '../html/markup.ts';
import { htmlPage, INDEX_CSP } from '../html/page.ts';
import type { ChartSpec } from '../types.ts';

/** What the advise report shows: the plan, its cost against the naive one, and the replay's verdict and charts. */
export interface AdviseReport {
  file: string;
  target: string;
  plan: Array<{ day: number; account: string; type: string; units: number; kind: string; cost: number }>;
  cost: number;
  naiveCost: number;
  flat: boolean;
  solveSeconds: number;
  replay: { file: string; passed: boolean; verdicts: Array<{ title: string; passed: boolean; message: string }> };
}

/** index.html of `licsim advise`: the plan's purchases, what it costs against the naive plan, the replay's verdict and its usage charts. */
export function adviseHtml(r: AdviseReport, charts: readonly ChartSpec[]): string {
  const rows = r.plan.map((p) => [
    esc(formatNumber(p.day)),
    esc(p.account),
    esc(p.type),
    esc(formatNumber(p.units)),
    esc(p.kind),
    esc(formatNumber(p.cost)),
  ]);
  const saving = r.naiveCost - r.cost;
  const versus =
    saving > 0
      ? `${formatNumber(saving)} less than the naive plan (${formatNumber(r.naiveCost)}: each type's peak shortfall bought on day 0)`
      : r.flat
        ? `the same as the naive plan: with flat perpetual prices, buying early costs no more`
        : `the naive plan (each type's peak on day 0) costs ${formatNumber(r.naiveCost)}`;
  const verdicts = r.replay.verdicts.map((v) => `<li>${badge(v.passed)} ${esc(v.title)}: ${esc(v.message)}</li>`).join('');
  const figures = charts
    .map(
      (c) =>
        `<figure><img src="${esc(c.file)}" alt="${esc(c.title)}" width="${c.width}"><figcaption>${esc(c.caption)}</figcaption></figure>`,
    )
    .join('\n');
  const body = `<main>
<h1>${badge(r.replay.passed)} licsim advise — ${esc(r.file)} (${esc(r.target)})</h1>
<section class="card">
<h2>Plan: ${esc(formatNumber(r.plan.length))} purchases, cost ${esc(formatNumber(r.cost))}</h2>
<p>${esc(versus)}. Solved to optimality by HiGHS in ${esc(r.solveSeconds.toFixed(2))} s.</p>
${table(['Day', 'Account', 'Type', 'Units', 'Kind', 'Cost'], rows, { numeric: [0, 3, 5] })}
<h3>Replayed: <code>${esc(r.replay.file)}</code></h3>
<ul class="evidence">${verdicts}</ul>
${figures}
</section>
</main>`;
  const csp = INDEX_CSP.replace("default-src 'none';", "default-src 'none'; img-src 'self' file:;");
  return htmlPage({ title: `licsim advise — ${r.replay.passed ? 'PASSED' : 'FAILED'}`, csp, body });
}
