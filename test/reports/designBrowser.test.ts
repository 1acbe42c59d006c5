import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReports } from '../../reports/index.ts';
import { loadScenarios } from '../../scenarios/loader/loadScenarios.ts';
import { runLoaded } from '../../scenarios/run/runLoaded.ts';
import { licsim } from '../support/cli.ts';
import { suite } from './fixtures.ts';

const CHROMIUM = '/usr/bin/chromium';
const FOUR = 'scenarios/designer/overage-four-ways.yaml';
const SWEEP = 'scenarios/designer/overage-sweep.yaml';

const SETTLED =
  "document.querySelectorAll('figure.chart').length === document.querySelectorAll('figure.chart.interactive, figure.chart.static').length";

/** Each chart's legend as Chart.js drew it: its labels and the point style of each entry. */
const LEGENDS = `(() => [...document.querySelectorAll('figure.chart')].map((f) => {
  const chart = window.Chart.getChart(f.querySelector('canvas'));
  return {
    id: f.dataset.chart,
    items: chart.legend.legendItems
      .filter((i) => !i.hidden)
      .map((i) => ({ text: i.text, style: i.pointStyle, dash: (i.lineDash || []).join(',') })),
  };
}))()`;

describe('designer reports in headless Chromium (issue 15)', () => {
  let browser: Browser | undefined;
  let dir: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium to run the browser test`);
    dir = await mkdtemp(join(tmpdir(), 'licsim-design-browser-'));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('a 4-variant comparison: every chart renders, each legend lists every variant, each in a style of its own', async () => {
    const loaded = await loadScenarios(FOUR);
    if (!loaded.ok) throw new Error('the bundled comparison does not load');
    const outcome = runLoaded(loaded.scenarios[0] as NonNullable<(typeof loaded.scenarios)[0]>);
    const files = await writeReports(suite([outcome]), join(dir, 'compare'), { env: {} });
    const page = await (browser as Browser).newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(files.pages[0] as string).href, { waitUntil: 'load' });
    await page.waitForFunction(SETTLED);
    expect(errors).toEqual([]);
    expect(await page.locator('figure.chart.interactive').count()).toBe(files.charts.length);
    const legends = await page.evaluate<Array<{ id: string; items: Array<{ text: string; style: string; dash: string }> }>>(LEGENDS);
    const states = legends.find((l) => l.id.endsWith('-states'));
    expect(states?.items.map((i) => i.text)).toEqual(['A', 'B', 'C', 'D'].flatMap((v) => [`overage [${v}]`, `enforcement [${v}]`]));
    for (const l of legends.filter((x) => x.id.endsWith('-states') || x.id.endsWith('-overdraft'))) {
      const byVariant = new Map<string, string>();
      for (const item of l.items) {
        const variant = /\[(\w)\]$/.exec(item.text)?.[1] ?? '';
        byVariant.set(variant, item.style);
      }
      expect([...byVariant.keys()].sort(), l.id).toEqual(['A', 'B', 'C', 'D']);
      expect(new Set(byVariant.values()).size, l.id).toBe(4);
    }
    // The outcomes table: a column per variant, D's enforcement days against A's in green.
    const header = await page.locator('table.outcomes thead').innerText();
    expect(header).toContain('Variant D');
    expect(await page.locator('table.outcomes .better').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(dir, 'compare.png') });
    await page.close();
  });

  it('a sweep report: its charts load, its table has a row per point, its expectations are listed', async () => {
    const out = join(dir, 'sweep');
    const r = await licsim(['sweep', SWEEP, '--out', out, '--no-cache', '-j', '1']);
    expect(r.code).toBe(0);
    const page = await (browser as Browser).newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(pathToFileURL(join(out, 'index.html')).href, { waitUntil: 'load' });
    expect(errors).toEqual([]);
    const images = await page.evaluate<Array<{ src: string; width: number }>>(
      "[...document.images].map((i) => ({ src: i.getAttribute('src'), width: i.naturalWidth }))",
    );
    expect(images.map((i) => i.src)).toEqual([
      'charts/sweep-01-enforcementdays.png',
      'charts/sweep-01-overdraftunitdays.png',
      'charts/sweep-01-refusals.png',
    ]);
    for (const i of images) expect(i.width, i.src).toBe(1000);
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as { sweeps: Array<{ points: unknown[] }> };
    const tables = page.locator('section.card table');
    expect(await tables.nth(1).locator('tbody tr').count()).toBe(results.sweeps[0]?.points.length);
    expect(await tables.nth(0).innerText()).toContain('enforcementDays nonIncreasing in smart-licensing.overageDays');
    await page.screenshot({ path: join(dir, 'sweep.png'), fullPage: true });
    await page.close();
  });
});
