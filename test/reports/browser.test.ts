import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReportFiles, writeReports } from '../../reports/index.ts';
import { comparisonOutcome, smallOutcome, suite } from './fixtures.ts';

const CHROMIUM = '/usr/bin/chromium';
const HOSTILE = '<script>alert(1)</script>';

// Page-side code as strings: the project compiles without the DOM library.
const ALL_CHARTS_SETTLED =
  "document.querySelectorAll('figure.chart').length === document.querySelectorAll('figure.chart.interactive, figure.chart.static').length";

/** What the page shows, measured inside the browser. */
interface PageState {
  figures: number;
  interactive: number;
  images: number;
  imagesLoaded: number;
  canvasesPainted: number;
  failedSections: string[];
  names: string[];
  injected: number;
}

const PROBE = `(() => {
  const images = [...document.querySelectorAll('figure.chart img')];
  const canvases = [...document.querySelectorAll('figure.chart canvas')];
  const painted = (c) => {
    const ctx = c.getContext('2d');
    if (!ctx || c.width === 0 || c.height === 0) return false;
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < px.length; i += 4 * 97) if (px[i] > 0) return true;
    return false;
  };
  return {
    figures: document.querySelectorAll('figure.chart').length,
    interactive: document.querySelectorAll('figure.chart.interactive').length,
    images: images.length,
    imagesLoaded: images.filter((i) => i.complete && i.naturalWidth > 0).length,
    canvasesPainted: canvases.filter((c) => window.Chart && window.Chart.getChart(c) !== undefined && painted(c)).length,
    failedSections: [...document.querySelectorAll('section.scenario[data-status="failed"] .scenario-name')].map((e) => e.textContent),
    names: [...document.querySelectorAll('section.scenario .scenario-name')].map((e) => e.textContent),
    injected: document.querySelectorAll('section.scenario script').length,
  };
})()`;

describe('index.html in headless Chromium', () => {
  let browser: Browser | undefined;
  let files: ReportFiles;

  beforeAll(async () => {
    // CI installs Debian's chromium: a missing browser is a failure, not a skip.
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium) to run the browser test`);
    // CI sets LICSIM_BROWSER_REPORT_DIR to keep the report and its screenshot as artifacts.
    const outDir = process.env.LICSIM_BROWSER_REPORT_DIR ?? (await mkdtemp(join(tmpdir(), 'licsim-browser-')));
    files = await writeReports(suite([smallOutcome(), comparisonOutcome(), smallOutcome(HOSTILE)]), outDir, { env: {} });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('renders every chart, opens no dialog, logs no error and shows the hostile name as text', async () => {
    if (!browser) throw new Error('browser did not start');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const dialogs: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (!/^(file|data):/.test(r.url())) requests.push(r.url());
    });
    await page.goto(pathToFileURL(files.html).href, { waitUntil: 'load' });
    await page.waitForFunction(ALL_CHARTS_SETTLED);
    const state = await page.evaluate<PageState>(PROBE);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([]);
    expect(state.figures).toBe(files.charts.length);
    expect(state.images).toBe(state.figures);
    expect(state.imagesLoaded).toBe(state.figures);
    expect(state.interactive).toBe(state.figures);
    expect(state.canvasesPainted).toBe(state.figures);
    expect(state.failedSections).toContain('small fleet over entitlement');
    expect(state.names).toContain(HOSTILE);
    expect(state.injected).toBe(0);
    await page.screenshot({ path: join(files.outDir, 'screenshot.png'), fullPage: false });
    await page.close();
  });

  it('shows the PNG fallback when scripts cannot run', async () => {
    if (!browser) throw new Error('browser did not start');
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(pathToFileURL(files.html).href, { waitUntil: 'load' });
    expect(await page.locator('figure.chart img').first().isVisible()).toBe(true);
    const state = await page.evaluate<PageState>(PROBE);
    expect(state.imagesLoaded).toBe(state.figures);
    expect(state.interactive).toBe(0);
    await context.close();
  });
});
