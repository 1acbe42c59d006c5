import { outcomeMetric } from '../../engine/outcomes/metrics.ts';
import { spreadOf } from '../../sweep/lines.ts';
import { type ScenarioSweep, SWEEP_RESULT_SCHEMA, type SweepResult } from '../../sweep/result.ts';
import { escapeHtml as esc, escapeXmlAttr, escapeXmlText, escapeMarkdown as md } from '../escape.ts';
import { formatNumber } from '../html/format.ts';
import { badge, table } from '../html/markup.ts';
import { htmlPage, INDEX_CSP } from '../html/page.ts';
import { junitClassname } from '../junit.ts';
import type { ChartSpec } from '../types.ts';
import type { ReportFile } from '../verify/verifyFolder.ts';

/** A point's value of a metric over its seeds: the mean, and the range when the seeds differ. */
const cell = (sweep: ScenarioSweep, label: string, metric: string) =>
  spreadOf(
    sweep.points.filter((p) => p.label === label),
    metric,
  );

const labels = (sweep: ScenarioSweep) => [...new Set(sweep.points.map((p) => p.label))];

function sweepSection(sweep: ScenarioSweep, charts: readonly ChartSpec[]): string {
  const headers = [...sweep.params.map((p) => p.key), ...sweep.metrics.map((m) => outcomeMetric(m)?.title ?? m), 'Expectations'];
  const rows = labels(sweep).map((label) => {
    const first = sweep.points.find((p) => p.label === label);
    const failed = new Set(sweep.points.filter((p) => p.label === label).flatMap((p) => p.expectations.failed));
    const total = first?.expectations.total ?? 0;
    return [
      ...sweep.params.map((p) => esc(String(first?.values[p.path]))),
      ...sweep.metrics.map((m) => {
        const c = cell(sweep, label, m);
        const spread = c.min !== c.max ? ` <span class="delta">(${esc(formatNumber(c.min))}–${esc(formatNumber(c.max))})</span>` : '';
        return `${esc(formatNumber(c.mean))}${spread}`;
      }),
      total ? (failed.size ? `<span class="worse">${esc([...failed].join('; '))}</span>` : `${total} passed`) : '—',
    ];
  });
  const numeric = sweep.metrics.map((_, i) => sweep.params.length + i);
  const verdicts = sweep.verdicts.length
    ? table(
        ['', 'Sweep expectation', 'Verdict'],
        sweep.verdicts.map((v) => [badge(v.passed), esc(v.title), esc(v.message)]),
      )
    : '<p class="muted">No sweep expectations.</p>';
  const figures = charts
    .map(
      (c) =>
        `<figure><img src="${esc(c.file)}" alt="${esc(c.title)}" width="${c.width}"><figcaption>${esc(c.caption)}</figcaption></figure>`,
    )
    .join('\n');
  const seeds = sweep.seeds.length > 1 ? `, each at seeds ${sweep.seeds.join(', ')} (mean, with the range across seeds)` : '';
  return `<section class="card">
<h2>${badge(sweep.passed)} ${esc(sweep.name)}</h2>
<p class="muted">${esc(sweep.file)} · ${labels(sweep).length} points (${esc(sweep.sampling)})${esc(seeds)} ·
the same fleet at every point (common random numbers)</p>
<h3>Sweep expectations</h3>${verdicts}
<h3>Outcomes by point</h3>${table(headers, rows, { numeric })}
${figures}
</section>`;
}

function junit(result: SweepResult): string {
  const suites = result.sweeps.map((s) => {
    const cases = s.verdicts.map((v) => {
      const names = `name="${escapeXmlAttr(v.title)}" classname="${escapeXmlAttr(junitClassname(s.file))}"`;
      const open = `    <testcase ${names} file="${escapeXmlAttr(s.file)}"`;
      if (v.passed) return `${open}/>`;
      const body = [v.message, ...v.evidence.map((e) => `${e.point} (seed ${e.seed}): ${e.metric} = ${e.value}`)].join('\n');
      const failure = `<failure message="${escapeXmlAttr(v.message)}" type="${v.kind}">${escapeXmlText(body)}</failure>`;
      return `${open}>\n      ${failure}\n    </testcase>`;
    });
    const failures = s.verdicts.filter((v) => !v.passed).length;
    return [
      `  <testsuite name="${escapeXmlAttr(s.name)}" tests="${s.verdicts.length}" failures="${failures}" errors="0" skipped="0">`,
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });
  const tests = result.sweeps.reduce((n, s) => n + s.verdicts.length, 0);
  const failures = result.sweeps.reduce((n, s) => n + s.verdicts.filter((v) => !v.passed).length, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="licsim sweep" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function summary(result: SweepResult, charts: ReadonlyArray<readonly ChartSpec[]>): string {
  const lines = [
    result.passed ? '## ✅ licsim sweep: every sweep expectation holds' : '## ❌ licsim sweep: a sweep expectation failed',
    '',
  ];
  result.sweeps.forEach((s, i) => {
    lines.push(`### ${md(s.name)}`, '');
    for (const v of s.verdicts) lines.push(`- ${v.passed ? '✅' : '❌'} ${md(v.title)}: ${md(v.message)}`);
    if (s.verdicts.length) lines.push('');
    lines.push(`| ${[...s.params.map((p) => md(p.key)), ...s.metrics.map((m) => md(outcomeMetric(m)?.title ?? m))].join(' | ')} |`);
    lines.push(`|${[...s.params, ...s.metrics].map(() => '---:').join('|')}|`);
    for (const label of labels(s)) {
      const first = s.points.find((p) => p.label === label);
      const values = s.metrics.map((m) => formatNumber(cell(s, label, m).mean));
      lines.push(`| ${[...s.params.map((p) => md(String(first?.values[p.path]))), ...values].join(' | ')} |`);
    }
    const links = (charts[i] ?? []).map((c) => `[${md(c.label)}](${encodeURI(c.file)})`);
    if (links.length) lines.push('', `Charts: ${links.join(' · ')}`);
    lines.push('');
  });
  return `${lines.join('\n')}\n`;
}

/**
 * The files of a sweep's report: results.json (the sweeps, byte-identical for the same inputs),
 * index.html (each sweep's expectations, a table of its points and its charts), summary.md,
 * junit.xml (a testcase per sweep expectation) and the charts' PNGs.
 */
export function sweepReportFiles(
  result: SweepResult,
  charts: ReadonlyArray<readonly ChartSpec[]>,
  pngs: ReadonlyMap<string, Uint8Array>,
): ReportFile[] {
  const body = `<main>
<h1>${badge(result.passed)} licsim sweep — ${formatNumber(result.sweeps.length)} scenario${result.sweeps.length === 1 ? '' : 's'}</h1>
${result.sweeps.map((s, i) => sweepSection(s, charts[i] ?? [])).join('\n')}
</main>`;
  const csp = INDEX_CSP.replace("default-src 'none';", "default-src 'none'; img-src 'self' file:;");
  return [
    { path: 'index.html', data: htmlPage({ title: `licsim sweep — ${result.passed ? 'PASSED' : 'FAILED'}`, csp, body }) },
    { path: 'summary.md', data: summary(result, charts) },
    { path: 'junit.xml', data: junit(result) },
    ...[...pngs.entries()].map(([path, data]) => ({ path, data })),
    { path: 'results.json', data: `${JSON.stringify(result, null, 2)}\n` },
  ];
}

/** The placeholder report while a sweep runs: everything reads as not passed. */
export function sweepPlaceholders(): ReportFile[] {
  const body = '<main><h1>licsim sweep — INCOMPLETE</h1><p>This sweep has not finished; nothing here has passed.</p></main>';
  return [
    { path: 'index.html', data: htmlPage({ title: 'licsim sweep — INCOMPLETE', csp: INDEX_CSP, body }) },
    {
      path: 'results.json',
      data: `${JSON.stringify({ schema: SWEEP_RESULT_SCHEMA, passed: false, incomplete: true, sweeps: [] }, null, 2)}\n`,
    },
    {
      path: 'junit.xml',
      data: [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="licsim sweep" tests="1" failures="0" errors="1">',
        '  <testsuite name="incomplete" tests="1" errors="1">',
        '    <testcase name="the sweep did not finish"><error message="incomplete"/></testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    },
    { path: 'summary.md', data: '## ❌ licsim sweep: incomplete\n' },
  ];
}
