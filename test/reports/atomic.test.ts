import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SuiteResult } from '../../engine/result.ts';
import { beginReport, readSuiteResult, writeReports } from '../../reports/index.ts';
import { outcome, smallOutcome, suite, verdict } from './fixtures.ts';
import { exists, readsAsGreen } from './reportState.ts';

/** A suite that passes: the small scenario with only its passing verdict. */
function greenSuite(): SuiteResult {
  const o = smallOutcome();
  const run = o.runs[0];
  if (!run) throw new Error('no run');
  return suite([outcome(o.file, run.result, [verdict({ title: 'never enforcement for any instance', passed: true })])]);
}

describe('atomic reports', () => {
  it('after beginReport on a folder holding a green report, nothing there reads as passed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-atomic-'));
    const old = await writeReports(greenSuite(), dir, { env: {} });
    expect(await readsAsGreen(dir)).toEqual(['results.json', 'junit.xml', 'summary.md', 'index.html']);

    await beginReport(dir);
    expect(await readsAsGreen(dir)).toEqual([]);
    expect(await exists(join(dir, 'INCOMPLETE'))).toBe(true);
    for (const chart of old.charts) expect(await exists(chart), chart).toBe(false);
    await expect(readSuiteResult(join(dir, 'results.json'))).rejects.toThrow(/did not complete/);
  });

  it('with force, in a folder that also holds a file of the user, beginReport keeps it and nothing reads as passed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-atomic-'));
    const old = await writeReports(greenSuite(), dir, { env: {} });
    await writeFile(join(dir, 'notes.txt'), 'not ours');
    await expect(beginReport(dir)).rejects.toThrow(/holds files licsim did not write.*notes\.txt/);
    expect(await readsAsGreen(dir)).toHaveLength(4);

    await beginReport(dir, { force: true });
    expect(await readsAsGreen(dir)).toEqual([]);
    expect(await exists(join(dir, 'INCOMPLETE'))).toBe(true);
    for (const chart of old.charts) expect(await exists(chart), chart).toBe(false);
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('not ours');
  });

  it('writeReports replaces the placeholders, removes INCOMPLETE and leaves no temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-atomic-'));
    await beginReport(dir);
    const files = await writeReports(suite([smallOutcome()]), dir, { env: {} });
    expect(await exists(join(dir, 'INCOMPLETE'))).toBe(false);
    const names = [...(await readdir(dir)), ...(await readdir(join(dir, 'charts')))];
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(files.charts.length).toBe(4);
    expect(files.pages).toEqual([join(dir, 'scenarios', '01-small-fleet-over-entitlement.html')]);
    for (const f of [files.html, files.junit, files.summary, files.results, ...files.charts, ...files.pages])
      expect(await exists(f), f).toBe(true);
  });

  it('removes the charts of an earlier report that the new one does not draw', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-atomic-'));
    const old = await writeReports(suite([smallOutcome('first'), smallOutcome('second')]), dir, { env: {} });
    const now = await writeReports(suite([smallOutcome('first')]), dir, { env: {} });
    const stale = old.charts.filter((c) => !now.charts.includes(c));
    expect(stale.length).toBe(4);
    for (const c of stale) expect(await exists(c), c).toBe(false);
    for (const c of now.charts) expect(await exists(c), c).toBe(true);
  });

  it('writes the full report of a failing run, and results.json re-reads as the same suite', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-atomic-'));
    const s = suite([smallOutcome()]);
    const files = await writeReports(s, dir, { env: {} });
    const again = await readSuiteResult(files.results);
    expect(again).toEqual({ ...JSON.parse(JSON.stringify(s)), runId: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(again.passed).toBe(false);
    expect(await readFile(files.results, 'utf8')).toContain('\n  "scenarios": [');
    expect(await readFile(files.html, 'utf8')).toContain('data-status="failed"');
  });
});
