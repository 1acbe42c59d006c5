import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScenarioOutcome, SuiteResult } from '../../engine/result.ts';
import { chartThreads } from '../../reports/charts/chartPool.ts';
import { indexPage, writeReports } from '../../reports/index.ts';
import { smallOutcome, suite } from './fixtures.ts';
import { exists, runIds } from './reportState.ts';

const HOSTILE = '<script>alert(1)</script>';

/** `count` scenarios from one simulated outcome, renamed: every tenth fails (its overdraft verdict), the others pass. */
function manyScenarios(count: number, name: (i: number) => string): SuiteResult {
  const failing = smallOutcome();
  const passing: ScenarioOutcome = { ...failing, passed: true, verdicts: failing.verdicts.map((v) => ({ ...v, passed: true })) };
  return suite(Array.from({ length: count }, (_, i) => ({ ...(i % 10 === 9 ? failing : passing), name: name(i) })));
}

const realistic = (i: number) => `Scenario ${i + 1}: connected clusters outgrow their virtual account`;
const MiB = 1024 * 1024;

/** Every file below `dir` but the manifest, as `/`-separated relative paths, sorted. */
async function filesBelow(dir: string): Promise<string[]> {
  const all = await readdir(dir, { recursive: true, withFileTypes: true });
  return all
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .filter((f) => f !== '.licsim-report.json')
    .sort();
}

/** The local files a page points at (href and src, fragments dropped), relative to the report folder. */
function localTargets(page: string, html: string): string[] {
  return [...html.matchAll(/(?:href|src)="([^"#]+)(?:#[^"]*)?"/g)]
    .map((m) => m[1] as string)
    .filter((url) => !/^[a-z]+:/i.test(url))
    .map((url) => posix.normalize(posix.join(posix.dirname(page), url.replace(/&amp;/g, '&'))));
}

describe('a report of many scenarios: index.html lists them, each has its own page', () => {
  it('index.html of 1,000 scenarios stays under 2 MiB, one small row per scenario, and links every page', () => {
    const thousand = indexPage(manyScenarios(1000, realistic), { runId: 'r1' });
    const half = indexPage(manyScenarios(500, realistic), { runId: 'r1' });
    const bytes = Buffer.byteLength(thousand);
    expect(bytes).toBeLessThanOrEqual(2 * MiB);
    // It grows by one table row per scenario (under 600 bytes with a 65-character name), nothing else.
    expect((bytes - Buffer.byteLength(half)) / 500).toBeLessThan(600);
    const rows = [...thousand.matchAll(/<a class="scenario-name" href="(scenarios\/[^"]+)">/g)].map((m) => m[1]);
    expect(rows).toHaveLength(1000);
    expect(new Set(rows).size).toBe(1000);
    expect(rows[0]).toBe('scenarios/01-scenario-1-connected-clusters-outgrow-th.html');
    expect(rows[999]).toBe('scenarios/1000-scenario-1000-connected-clusters-outgrow.html');
    // The 100 failures: the first 50 listed on top, the rest counted.
    expect(thousand).toContain('<h2>Failures (100)</h2>');
    expect(thousand.match(/<li><a href="scenarios\//g)).toHaveLength(50);
    expect(thousand).toContain("… and 50 more, listed on each scenario's page.");
  });

  it("writes a page per scenario, every link resolving, every file in the manifest, the pool's PNGs this thread's", async () => {
    const names = (i: number) => ['Same name', 'Same name', HOSTILE, '../../etc/passwd', 'Ünïcödé ñame'][i] ?? `Scenario ${i + 1}`;
    const s = manyScenarios(48, names);
    const options = { env: {}, runId: 'paged1', chartSize: { width: 400, height: 200 } };
    const dir = join(await mkdtemp(join(tmpdir(), 'licsim-paged-')), 'report');
    const files = await writeReports(s, dir, { ...options, chartThreads: 2 });

    // One page per scenario, named by index and slug: unique, inside scenarios/, in suite order.
    const pages = files.pages.map((p) => relative(dir, p));
    expect(pages.slice(0, 6)).toEqual([
      'scenarios/01-same-name.html',
      'scenarios/02-same-name.html',
      'scenarios/03-script-alert-1-script.html',
      'scenarios/04-etc-passwd.html',
      'scenarios/05-unicode-name.html',
      'scenarios/06-scenario-6.html',
    ]);
    expect(new Set(pages).size).toBe(48);
    expect(files.charts).toHaveLength(4 * 48);

    // index.html links every page; every href and src of every page is a file of the report.
    const index = await readFile(files.html, 'utf8');
    expect([...index.matchAll(/<a class="scenario-name" href="([^"]+)">/g)].map((m) => m[1])).toEqual(pages);
    const present = new Set(await filesBelow(dir));
    const targets = new Set<string>();
    // Source links (file:line) leave the report folder for the scenario file beside it.
    const outside = new Set<string>();
    for (const page of ['index.html', ...pages]) {
      const html = await readFile(join(dir, page), 'utf8');
      for (const t of localTargets(page, html)) (t.startsWith('../') ? outside : targets).add(t);
    }
    expect([...targets].filter((t) => !present.has(t))).toEqual([]);
    // What the pages point at: the pages, the charts, the script, the index; nothing else.
    expect(targets).toEqual(new Set(['index.html', 'scenarios/charts.js', ...pages, ...files.charts.map((c) => relative(dir, c))]));
    expect(outside).toEqual(new Set([relative(dir, resolve('scenarios/small.yaml')).split('\\').join('/')]));
    const hostile = await readFile(join(dir, pages[2] as string), 'utf8');
    expect(hostile).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hostile).not.toContain(HOSTILE);

    // The manifest lists exactly the files there, each with its size and SHA-256; every one carries the run id.
    const manifest = JSON.parse(await readFile(join(dir, '.licsim-report.json'), 'utf8')) as {
      files: Array<{ path: string; size: number; sha256: string }>;
    };
    expect(manifest.files.map((f) => f.path).sort()).toEqual([...present]);
    for (const f of manifest.files) {
      const data = await readFile(join(dir, ...f.path.split('/')));
      expect([f.path, data.length, createHash('sha256').update(data).digest('hex')]).toEqual([f.path, f.size, f.sha256]);
    }
    const ids = await runIds(dir);
    expect(Object.keys(ids).filter((f) => f.startsWith('scenarios/'))).toHaveLength(49);
    expect(Object.entries(ids).filter(([, id]) => id !== 'paged1')).toEqual([]);
    expect(Object.keys(ids).length).toBe(present.size + 1);

    // Drawn in this thread instead: the same files, byte for byte, in the same order.
    const single = join(dirname(dir), 'single');
    await writeReports(s, single, { ...options, chartThreads: 0 });
    const again = JSON.parse(await readFile(join(single, '.licsim-report.json'), 'utf8')) as typeof manifest;
    expect(again.files).toEqual(manifest.files);
    expect(await exists(join(single, 'INCOMPLETE'))).toBe(false);
  });

  it('draws charts on worker threads only when there are enough of them to pay for starting one', () => {
    expect(chartThreads(4)).toBe(0);
    expect(chartThreads(99)).toBe(0);
    const cores = availableParallelism();
    expect(chartThreads(4000)).toBe(cores >= 2 ? Math.min(cores, 4) : 0);
    expect(chartThreads(100)).toBe(cores >= 2 ? 2 : 0);
  });
});
