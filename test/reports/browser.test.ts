import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
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

/** What index.html shows: its scenario links (text, href as resolved, row status) and the scripts and images it has. */
interface IndexState {
  links: Array<{ name: string; href: string; status: string }>;
  scripts: number;
  images: number;
}

const INDEX_PROBE = `(() => ({
  links: [...document.querySelectorAll('#summary a.scenario-name')].map((a) => ({
    name: a.textContent, href: a.href, status: a.closest('details').dataset.status,
  })),
  scripts: document.scripts.length,
  images: document.images.length,
}))()`;

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

describe('the HTML report in headless Chromium', () => {
  let browser: Browser | undefined;
  let files: ReportFiles;

  beforeAll(async () => {
    // CI installs Debian's chromium: a missing browser is a failure, not a skip.
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium) to run the browser test`);
    // CI sets LICSIM_BROWSER_REPORT_DIR to keep the report and its screenshots as artifacts.
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

  /** A page that records errors, dialogs and every request that is not a local file. */
  async function watched(): Promise<{ page: Page; errors: string[]; dialogs: string[]; requests: string[] }> {
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
    return { page, errors, dialogs, requests };
  }

  it('index.html lists every scenario with its status and a link to its page, and runs only its filters', async () => {
    const { page, errors, dialogs, requests } = await watched();
    await page.goto(pathToFileURL(files.html).href, { waitUntil: 'load' });
    const state = await page.evaluate<IndexState>(INDEX_PROBE);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([]);
    expect(state.scripts).toBe(1);
    expect(state.images).toBe(0);
    expect(state.links.map((l) => [l.name, l.status])).toEqual([
      ['small fleet over entitlement', 'failed'],
      ['overage period 90 vs 30 days', 'failed'],
      [HOSTILE, 'failed'],
    ]);
    expect(state.links.map((l) => fileURLToPath(l.href))).toEqual(files.pages);
    await page.screenshot({ path: join(files.outDir, 'screenshot-index.png'), fullPage: false });
    await page.close();
  });

  it('every scenario page renders each of its charts, opens no dialog, logs no error and shows the hostile name as text', async () => {
    let figures = 0;
    const failed: string[] = [];
    const names: string[] = [];
    for (const [i, file] of files.pages.entries()) {
      const { page, errors, dialogs, requests } = await watched();
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await page.waitForFunction(ALL_CHARTS_SETTLED);
      const state = await page.evaluate<PageState>(PROBE);
      expect([errors, dialogs, requests], file).toEqual([[], [], []]);
      expect(state.figures, file).toBeGreaterThan(0);
      expect(state.images).toBe(state.figures);
      expect(state.imagesLoaded).toBe(state.figures);
      expect(state.interactive).toBe(state.figures);
      expect(state.canvasesPainted).toBe(state.figures);
      expect(state.injected).toBe(0);
      figures += state.figures;
      failed.push(...state.failedSections);
      names.push(...state.names);
      if (i === 0) await page.screenshot({ path: join(files.outDir, 'screenshot.png'), fullPage: false });
      await page.close();
    }
    expect(figures).toBe(files.charts.length);
    expect(failed).toContain('small fleet over entitlement');
    expect(names).toEqual(['small fleet over entitlement', 'overage period 90 vs 30 days', HOSTILE]);
  });

  it("runs no script written into a page: the policy allows only the report's own script file", async () => {
    const [first] = files.pages;
    if (!first) throw new Error('no scenario page');
    const injected = first.replace(/\.html$/, '-injected.html');
    const html = await readFile(first, 'utf8');
    await writeFile(injected, html.replace('</main>', "</main><script>document.title = 'injected'</script>"));
    try {
      const { page, errors } = await watched();
      await page.goto(pathToFileURL(injected).href, { waitUntil: 'load' });
      await page.waitForFunction(ALL_CHARTS_SETTLED);
      expect(await page.title()).toBe('small fleet over entitlement — FAILED — licsim report');
      expect(errors).toEqual([
        expect.stringContaining(
          "Executing inline script violates the following Content Security Policy directive 'script-src 'self' file:'",
        ),
      ]);
      expect((await page.evaluate<PageState>(PROBE)).interactive).toBe(4);
      await page.close();
    } finally {
      await rm(injected);
    }
  });

  it('index.html runs its own filters and no script written into it', async () => {
    const injected = files.html.replace(/\.html$/, '-injected.html');
    const html = await readFile(files.html, 'utf8');
    await writeFile(injected, html.replace('</main>', "</main><script>document.title = 'injected'</script>"));
    try {
      const { page, errors } = await watched();
      await page.goto(pathToFileURL(injected).href, { waitUntil: 'load' });
      expect(await page.title()).toBe('licsim report — FAILED');
      expect(errors).toEqual([expect.stringContaining('Executing inline script violates the following Content Security Policy directive')]);
      expect(await page.locator('#filters').isVisible()).toBe(true);
      await page.close();
    } finally {
      await rm(injected);
    }
  });

  it('shows the PNG fallback when scripts cannot run', async () => {
    if (!browser) throw new Error('browser did not start');
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(pathToFileURL(files.pages[1] ?? '').href, { waitUntil: 'load' });
    expect(await page.locator('figure.chart img').first().isVisible()).toBe(true);
    const state = await page.evaluate<PageState>(PROBE);
    expect(state.figures).toBeGreaterThan(0);
    expect(state.imagesLoaded).toBe(state.figures);
    expect(state.interactive).toBe(0);
    await context.close();
  });

  it('index.html filters to the failed scenario, expands a collapsed one, and links a failure to its row on its page', async () => {
    const failing = smallOutcome('breaks its entitlement');
    // Its failure explained as licsim run explains one (scenarios/run/explain.ts): the instance's changes of status that led there.
    const why = 'OUT_OF_COMPLIANCE from cssm:va, on its NEW_DAY going vaCompliant → vaOutOfCompliance: UCL-Enhanced 10 in use of 5 owned';
    failing.verdicts = failing.verdicts.map((v) =>
      v.passed
        ? v
        : {
            ...v,
            evidence: [
              {
                instance: 'small-000',
                day: 31,
                detail: 'entered outOfComplianceOverage on day 31',
                cause: [
                  {
                    day: 31,
                    kind: 'transition',
                    from: 'authorized',
                    to: 'outOfComplianceOverage',
                    event: 'OUT_OF_COMPLIANCE',
                    why,
                    rules: ['SL-7'],
                  },
                ],
              },
              ...v.evidence,
            ],
          },
    );
    // Tagged as a loader that reads `tags:` would tag it (ScenarioOutcome has no tags field yet: the report reads it if present).
    const passing = { ...smallOutcome('stays within'), passed: true, tags: ['nightly'] };
    passing.verdicts = passing.verdicts.map((v) => ({ ...v, passed: true }));
    const dir = await mkdtemp(join(tmpdir(), 'licsim-browser-filter-'));
    const report = await writeReports(suite([failing, passing]), join(dir, 'report'), { env: {}, chartSize: { width: 300, height: 150 } });
    const { page, errors, requests } = await watched();
    await page.goto(pathToFileURL(report.html).href, { waitUntil: 'load' });
    const failedRow = page.locator('details[data-status="failed"]');
    const passedRow = page.locator('details[data-status="passed"]');
    const shown = page.locator('#shown');
    expect(await shown.textContent()).toBe('2 of 2 scenarios shown');
    // Failed open, passed collapsed: its verdicts are not shown until it is expanded.
    const isOpen = (d: { open: boolean }) => d.open;
    expect([await failedRow.evaluate(isOpen), await passedRow.evaluate(isOpen)]).toEqual([true, false]);
    expect(await passedRow.locator('ul.verdicts').isVisible()).toBe(false);

    await page.click('button[data-show="failed"]');
    expect(await shown.textContent()).toBe('1 of 2 scenarios shown');
    expect(await passedRow.isVisible()).toBe(false);
    expect(await failedRow.isVisible()).toBe(true);
    expect(new URL(page.url()).hash).toBe('#status=failed');

    // The search narrows by expectation name too; the state stays in the hash.
    await page.click('button[data-show="all"]');
    await page.fill('#filter-q', 'stays within');
    expect(await shown.textContent()).toBe('1 of 2 scenarios shown');
    expect(await failedRow.isVisible()).toBe(false);
    expect(new URL(page.url()).hash).toBe('#q=stays+within');
    await page.fill('#filter-q', '');
    expect(await shown.textContent()).toBe('2 of 2 scenarios shown');
    // The tag filter, shown because a scenario has tags, offers its tags.
    expect(await page.locator('#filter-tag option').allTextContents()).toEqual(['any', 'nightly']);
    await page.selectOption('#filter-tag', 'nightly');
    expect([await shown.textContent(), new URL(page.url()).hash]).toEqual(['1 of 2 scenarios shown', '#tag=nightly']);
    await page.selectOption('#filter-tag', '');

    // Expanding the collapsed scenario (its summary's marker, not its link) shows its verdicts.
    await passedRow.locator('summary').click({ position: { x: 4, y: 8 } });
    expect(await passedRow.evaluate(isOpen)).toBe(true);
    expect(await passedRow.locator('ul.verdicts li b').allTextContents()).toEqual([
      'never enforcement for any instance',
      'overdraft of UCL-Enhanced stays at 0',
    ]);

    // The failure on top links to its expectation's row on the scenario's page.
    const failure = page.locator('#failures li a').first();
    const href = await failure.evaluate((a: { href: string }) => a.href);
    expect(fileURLToPath(href.replace(/#.*$/, ''))).toBe(report.pages[0]);
    await failure.click();
    await page.waitForURL(/#expectation-2$/);
    expect(await page.locator('tr#expectation-2 strong').textContent()).toBe('overdraft of UCL-Enhanced stays at 0');
    expect(await page.locator('tr#expectation-2').getAttribute('class')).toBe('failed');
    // Its explain table: collapsed under the evidence row, opened, the change, its trigger, the rule, the command for the whole story.
    const cause = page.locator('tr#expectation-2 details.cause');
    expect(await cause.locator('table').isVisible()).toBe(false);
    await cause.locator('summary').click();
    expect(await cause.locator('tbody tr td').allTextContents()).toEqual(['31', 'authorized → outOfComplianceOverage', why, 'SL-7']);
    expect(await cause.locator('code').textContent()).toMatch(/^licsim explain .* --instance small-000$/);
    expect([errors, requests]).toEqual([[], []]);
    await page.close();
  });
});
