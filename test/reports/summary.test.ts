import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScenarioOutcome } from '../../engine/result.ts';
import { annotations, chartConfigs, summaryMarkdown, writeReports } from '../../reports/index.ts';
import { escapeData } from '../../reports/summary/github.ts';
import { smallOutcome, suite, verdict } from './fixtures.ts';

const MiB = 1024 * 1024;

/** The small scenario with `n` failing verdicts, each with a long piece of evidence. */
function manyFailures(n: number): ScenarioOutcome {
  const o = smallOutcome();
  for (let i = 0; i < n; i++) {
    o.verdicts.push(
      verdict({
        title: `expectation ${i} holds`,
        passed: false,
        message: `failure ${i}: 100% wrong\nsecond line`,
        rules: ['SL-12'],
        evidence: [{ instance: `small-${String(i % 3).padStart(3, '0')}`, day: i % 30, value: i, limit: 0, detail: 'x'.repeat(200) }],
      }),
    );
  }
  o.passed = false;
  return o;
}

describe('summary.md', () => {
  it('tables scenarios, then failures with evidence, then chart links', () => {
    const s = suite([smallOutcome()]);
    const md = summaryMarkdown(s, { charts: [chartConfigs(s.scenarios[0] as ScenarioOutcome, 0)], reportLink: 'index.html' });
    expect(md).toMatch(/^## ❌ licsim: 1 of 1 scenario failed/);
    expect(md).toContain('| ❌ | small fleet over entitlement | 1/2 | 3 | 30 |');
    expect(md).toContain('- small-000, day 5: 10 units (limit 0) — va-small UCL-Enhanced: 30 in use, 20 owned');
    expect(md).toContain(
      '[usage UCL-Enhanced](charts/01-small-fleet-over-entitlement-usage-ucl-enhanced.png) · ' +
        '[overdraft](charts/01-small-fleet-over-entitlement-overdraft.png)',
    );
    expect(md.indexOf('### Failures')).toBeLessThan(md.indexOf('### Charts'));
  });

  it('escapes Markdown and HTML in names', () => {
    const md = summaryMarkdown(suite([smallOutcome('<script>alert(1)</script> | *x*')]), { charts: [], reportLink: 'index.html' });
    expect(md).not.toContain('<script>');
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt; \\| \\*x\\*');
  });

  it('stays under 1 MiB with very many failures, ending with a pointer to the full report', () => {
    const md = summaryMarkdown(suite([manyFailures(6000)]), { charts: [], reportLink: 'https://ci.example/artifacts/report/index.html' });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(MiB);
    expect(Buffer.byteLength(md)).toBeGreaterThan(MiB - 4096);
    expect(md).toMatch(/Summary truncated\*\* to fit GitHub's 1 MiB job-summary limit: \d+ more line\(s\) not shown/);
    expect(md.trimEnd().endsWith('See the full report: [index.html](https://ci.example/artifacts/report/index.html).')).toBe(true);
    expect(md).toContain('| ❌ | small fleet over entitlement | 1/6002 |');
  });
});

describe('GitHub Actions output', () => {
  it('appends the summary to GITHUB_STEP_SUMMARY and prints at most 10 annotations and a count', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-gh-'));
    const stepSummary = join(dir, 'step-summary.md');
    await writeFile(stepSummary, '# earlier step\n');
    const lines: string[] = [];
    const s = suite([manyFailures(14)]);
    const files = await writeReports(s, join(dir, 'report'), {
      env: { GITHUB_STEP_SUMMARY: stepSummary, GITHUB_ACTIONS: 'true' },
      output: (l) => lines.push(l),
    });
    const appended = await readFile(stepSummary, 'utf8');
    // The job summary is summary.md up to its chart links, which (like the index.html link) are dead on GitHub: it has none.
    const summary = await readFile(files.summary, 'utf8');
    expect(appended.startsWith(`# earlier step\n${summary.slice(0, summary.indexOf('\n### Charts'))}\n`)).toBe(true);
    expect(appended).not.toMatch(/\]\((charts\/|index\.html)/);
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(10);
    expect(lines).toHaveLength(11);
    expect(lines[10]).toMatch(/^::notice title=licsim::5 more failed expectation\(s\) not annotated/);
    expect(lines[0]).toMatch(
      /^::error file=scenarios\/small.yaml,line=12,title=licsim%3A small fleet over entitlement — overdraft of UCL-Enhanced stays at 0::/,
    );
    for (const l of lines) expect(l).not.toMatch(/[\r\n]/);
    expect(lines[1]).toContain('::failure 0: 100%25 wrong%0Asecond line%0Arules: SL-12');
  });

  it('cuts the appended summary to what is left of the 1 MiB after earlier steps', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-gh-'));
    const stepSummary = join(dir, 'step-summary.md');
    await writeFile(stepSummary, 'x'.repeat(MiB - 100_000));
    await writeReports(suite([manyFailures(2000)]), join(dir, 'report'), { env: { GITHUB_STEP_SUMMARY: stepSummary } });
    const total = await readFile(stepSummary, 'utf8');
    expect(Buffer.byteLength(total)).toBeLessThanOrEqual(MiB);
    expect(total).toContain('Summary truncated');
  });

  it('prints nothing and touches no file outside GitHub Actions', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-gh-'));
    const lines: string[] = [];
    await writeReports(suite([smallOutcome()]), dir, { env: {}, output: (l) => lines.push(l) });
    expect(lines).toEqual([]);
  });

  it('escapes workflow-command data as GitHub requires', () => {
    expect(escapeData('50%\r\nnext')).toBe('50%25%0D%0Anext');
    expect(annotations(suite([manyFailures(3)]), 2)).toHaveLength(3);
  });
});
