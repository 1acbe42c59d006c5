import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { fuzzHtml, fuzzScenario, readTargets, type ScenarioFuzz } from '../../fuzz/index.ts';
import { actionText, timelineRows } from '../../fuzz/timelineRows.ts';
import { licsim } from '../support/cli.ts';

const EXAMPLE = 'scenarios/examples/fuzz/late-purchase.yaml';
const NAME = 'A purchase on the last day of the overage period';
const PURCHASE = 'purchase account: va, type: UCL-Enhanced, count: 10';
const OUT = '/tmp/licsim-fuzz-out';
const OPTIONS = { seed: 1, budget: '--runs 200', out: OUT };
const CHROMIUM = '/usr/bin/chromium';

let example: string;

beforeAll(async () => {
  example = await readFile(EXAMPLE, 'utf8');
});

async function targetOf(text: string) {
  const file = join(await mkdtemp(join(tmpdir(), 'licsim-fuzz-html-')), 'variant.yaml');
  await writeFile(file, text);
  const read = await readTargets(file);
  if (read.kind !== 'targets' || !read.targets[0]) throw new Error(JSON.stringify(read));
  return read.targets[0];
}

async function fuzzed(text: string, runs = 200): Promise<ScenarioFuzz> {
  return fuzzScenario(await targetOf(text), { seed: 1, runs });
}

/** The `<tr>` of a timeline table row by its class, whole. */
function rowOf(html: string, change: string): string[] {
  return [...html.matchAll(new RegExp(`<tr class="change-${change}">.*?</tr>`, 'g'))].map((m) => m[0]);
}

describe('fuzzHtml: the bundled example (the purchase shifted from day 30 to 31)', () => {
  let f: ScenarioFuzz;
  let html: string;

  beforeAll(async () => {
    const read = await readTargets(EXAMPLE);
    if (read.kind !== 'targets' || !read.targets[0]) throw new Error(`cannot read ${EXAMPLE}`);
    f = fuzzScenario(read.targets[0], { seed: 1, runs: 200 });
    html = fuzzHtml([f], OPTIONS);
  });

  it('is one self-contained page: the index CSP, no script, nothing loaded', () => {
    expect(html.startsWith('<!doctype html>\n')).toBe(true);
    expect(html).toContain(
      '<meta http-equiv="Content-Security-Policy" ' +
        `content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">`,
    );
    expect(html).not.toMatch(/<script|<link|<img|src=|https?:\/\//);
  });

  it('says the verdict, the seed and the budget in its header', () => {
    expect(html).toContain('<title>licsim fuzz — 1 counterexample</title>');
    expect(html).toContain('<header class="banner failed" data-status="failed">');
    expect(html).toContain('licsim fuzz — 1 counterexample found</h1>');
    expect(html).toContain('<p>Seed 1, --runs 200: 1 scenario fuzzed.');
  });

  it('a section for the scenario: file › name, status, runs and variants the loader refused', () => {
    expect(html).toContain(`<h2><span class="badge fail">FAILED</span> <span class="muted">${EXAMPLE} ›</span> ${NAME}</h2>`);
    expect(html).toContain(
      '<dl class="facts"><div><dt>Status</dt><dd>counterexample</dd></div><div><dt>Runs</dt><dd>7</dd></div>' +
        '<div><dt>Refused by the loader</dt><dd>0</dd></div><div><dt>Seed</dt><dd>1</dd></div></dl>',
    );
  });

  it('the broken expectation, its evidence (hq-000, day 31) and the rule of the transition', () => {
    expect(html).toContain('<h3 id="cx-1-1"><span class="badge fail">FAILED</span> no instance enters outOfComplianceEnforced</h3>');
    expect(html).toContain('(rule of the transition: <code>SL-12</code>)');
    expect(html).toContain('<li>hq-000, day 31: entered — entered outOfComplianceEnforced on day 31</li>');
    expect(html).toContain('<li>shifted timeline[1] purchase from day 30 to day 31 (+1 d)</li>');
  });

  it('both timelines side by side, the shifted purchase marked 30 → 31 (+1 d)', () => {
    expect(html).toContain(
      '<th>Entry</th><th class="num">Original: day</th><th>Original: action</th><th class="num">Minimal: day</th>' +
        '<th>Minimal: action</th><th>Change</th>',
    );
    expect(rowOf(html, 'kept')).toEqual([
      '<tr class="change-kept"><td><code>timeline[0]</code></td><td class="num">0</td><td>register</td>' +
        '<td class="num">0</td><td>register</td><td><span class="muted">—</span></td></tr>',
    ]);
    expect(rowOf(html, 'shifted')).toEqual([
      `<tr class="change-shifted"><td><code>timeline[1]</code></td><td class="num">30</td><td>${PURCHASE}</td>` +
        `<td class="num">30 → <strong>31</strong> (+1&nbsp;d)</td><td>${PURCHASE}</td><td>shifted (+1&nbsp;d)</td></tr>`,
    ]);
    expect(rowOf(html, 'dropped')).toEqual([]);
    expect(rowOf(html, 'inserted')).toEqual([]);
    // The drawing: one axis per side on one scale of days, the failure's day in red.
    expect(html).toContain('font-weight="600" fill="#1f2328">Original</text>');
    expect(html).toContain('font-weight="600" fill="#1f2328">Minimal</text>');
    expect(html).toContain(`<title>original, timeline[1] day 30: ${PURCHASE}</title>`);
    expect(html).toContain(`<title>minimal (shifted), timeline[1] day 31: ${PURCHASE}</title>`);
    expect(html).toContain(
      'aria-label="The original and the minimal timeline over 60 days: timeline[0] day 0; timeline[1] day 30 to 31; broken on day 31"',
    );
    expect(html).toContain('>broken on day 31</text>');
  });

  it('links the counterexample file relative to index.html, with its replay command, fast-check seed and path', () => {
    const c = f.counterexample;
    expect(c?.name).toMatch(/^counterexamples\/a-purchase-on-the-last-day-of-the-overage-period-[0-9a-f]{8}\.yaml$/);
    expect(html).toContain(`Counterexample file: <a href="${c?.name}">${c?.name}</a>.`);
    expect(html).toContain(`Replay it with <code>licsim run ${OUT}/${c?.name}</code>.`);
    expect(html).toContain(`fast-check seed 1, path <code>${c?.found.path}</code>; shrunk in ${c?.found.shrinkRuns} runs.`);
    expect(html).toContain(`Search again with <code>licsim fuzz ${EXAMPLE} --seed 1 --runs 200</code>.`);
  });
});

describe('fuzzHtml: other changes and other outcomes', () => {
  it('a dropped entry is struck through on the minimal side, kept on the original side', async () => {
    const html = fuzzHtml([await fuzzed(example.replace('  drop: false', '  drop: true'))], OPTIONS);
    expect(html).toContain('<li>dropped timeline[1] purchase of day 30</li>');
    expect(rowOf(html, 'dropped')).toEqual([
      `<tr class="change-dropped"><td><code>timeline[1]</code></td><td class="num">30</td><td>${PURCHASE}</td>` +
        `<td class="num"><del>30</del></td><td><del>${PURCHASE}</del></td><td>dropped</td></tr>`,
    ]);
    expect(html).toContain(`<title>minimal, timeline[1] dropped (was day 30: ${PURCHASE})</title>`);
  });

  it('an inserted entry shows only on the minimal side', async () => {
    const text = example
      .replace('at: 30d, do: purchase', 'at: 20d, do: purchase')
      .replace('  shift: 5d', '  shift: 0\n  insert:\n    - { do: update-usage }\n    - { do: grow, users: 20 }');
    const html = fuzzHtml([await fuzzed(text, 100)], OPTIONS);
    expect(rowOf(html, 'inserted')).toEqual([
      '<tr class="change-inserted"><td><ins>new</ins></td><td class="num"><span class="muted">—</span></td>' +
        '<td><span class="muted">—</span></td><td class="num"><ins>0</ins></td><td><ins>grow users: 20</ins></td><td>inserted</td></tr>',
    ]);
    expect(rowOf(html, 'kept')).toHaveLength(2);
    expect(html).toContain('<title>minimal (inserted), inserted day 0: grow users: 20</title>');
    expect(html).not.toContain('<title>original, inserted');
  });

  it('a policy value changed is listed below the timelines, from → to', async () => {
    const text = example.replace('  shift: 5d', '  shift: 0').replace('  drop: false', '  drop: false\n  policy: { overageDays: 10..60 }');
    const html = fuzzHtml([await fuzzed(text, 100)], OPTIONS);
    expect(html).toContain(
      '<p>Policy values changed:</p><ul class="evidence policy"><li><code>smart-licensing</code> <code>overageDays</code>: ' +
        '30 → <strong>29</strong> days</li></ul>',
    );
    expect(rowOf(html, 'kept')).toHaveLength(2);
  });

  it('escapes a scenario name with <script> and &', async () => {
    const hostile = 'Late <script>alert(1)</script> & "co"';
    const html = fuzzHtml([await fuzzed(example.replace(`name: ${NAME}`, `name: '${hostile}'`))], OPTIONS);
    expect(html).toContain(' Late &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;</h2>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('& "co"');
  });

  it('a scenario that holds says so, and the header says no expectation was broken', async () => {
    const html = fuzzHtml([await fuzzed(example.replace('at: 30d, do: purchase', 'at: 20d, do: purchase'), 30)], OPTIONS);
    expect(html).toContain('<header class="banner passed" data-status="passed">');
    expect(html).toContain('licsim fuzz — no expectation broken</h1>');
    expect(html).toContain('<section class="card scenario passed" id="scenario-1" data-status="passed">');
    expect(html).toContain('<div><dt>Status</dt><dd>held for 30 runs</dd></div><div><dt>Runs</dt><dd>30</dd></div>');
    expect(html).not.toContain('<h3');
    expect(html).not.toContain('<table');
  });

  it('a scenario without expectations is not checked', async () => {
    const html = fuzzHtml([await fuzzed(example.replace('expect:\n  - never: { state: outOfComplianceEnforced }\n', ''))], OPTIONS);
    expect(html).toContain('<section class="card scenario unchecked" id="scenario-1" data-status="unchecked">');
    expect(html).toContain('<h2><span class="badge">NOT CHECKED</span>');
    expect(html).toContain('<dd>not checked: no expectations</dd></div><div><dt>Runs</dt><dd>0</dd>');
  });
});

describe('timelineRows and actionText', () => {
  it('says an action by its kind and written keys, without its days', () => {
    expect(actionText('purchase', { at: '30d', do: 'purchase', account: 'va', type: 'UCL-Enhanced', count: 10 })).toBe(PURCHASE);
    expect(actionText('register', { at: '0d', do: 'register' })).toBe('register');
    expect(actionText('grow', { do: 'grow', users: 20, profiles: { desk: 1 } })).toBe('grow users: 20, profiles: {"desk":1}');
    expect(actionText('grow', { do: 'grow', note: 'x'.repeat(100) })).toBe(`grow note: ${'x'.repeat(78)}…`);
  });

  it('aligns rows per written entry, then the insertions', () => {
    const space = {
      derived: false,
      days: 60,
      drop: true,
      policy: [],
      fleet: [],
      purchases: [],
      entries: [
        { index: 0, kind: 'register', day: 0, minShift: 0, maxShift: 5 },
        { index: 1, kind: 'purchase', day: 30, minShift: -5, maxShift: 5 },
        { index: 2, kind: 'update-usage', day: 40, minShift: -5, maxShift: 5 },
      ],
      inserts: [{ kind: 'grow', written: { do: 'grow', users: 3 } }],
    };
    const timeline = [{ do: 'register' }, { do: 'purchase', count: 1 }, { do: 'update-usage' }];
    const minimal = {
      entries: [
        { shift: 0, drop: false },
        { shift: -2, drop: false },
        { shift: 0, drop: true },
      ],
      inserts: [{ choice: 0, day: 7 }],
      policy: [],
      fleet: [],
      purchases: [],
    };
    expect(timelineRows(space, timeline, minimal)).toEqual([
      { change: 'kept', entry: 0, original: { day: 0, action: 'register' }, minimal: { day: 0, action: 'register' } },
      {
        change: 'shifted',
        entry: 1,
        by: -2,
        original: { day: 30, action: 'purchase count: 1' },
        minimal: { day: 28, action: 'purchase count: 1' },
      },
      { change: 'dropped', entry: 2, original: { day: 40, action: 'update-usage' } },
      { change: 'inserted', minimal: { day: 7, action: 'grow users: 3' } },
    ]);
  });
});

describe('licsim fuzz --out', () => {
  it('writes index.html beside summary.md, its counterexample link resolving to the file written', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'licsim-fuzz-html-cli-')), 'out');
    const r = await licsim(['fuzz', EXAMPLE, '--seed', '1', '--runs', '30', '--out', out, '--no-color']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(` Report   ${join(out, 'index.html')}, ${join(out, 'summary.md')}\n`);
    const html = await readFile(join(out, 'index.html'), 'utf8');
    const href = /Counterexample file: <a href="([^"]+)">/.exec(html)?.[1];
    expect(href).toMatch(/^counterexamples\/a-purchase-on-the-last-day-of-the-overage-period-[0-9a-f]{8}\.yaml$/);
    expect(existsSync(join(out, href as string))).toBe(true);
    expect(html).toContain(`Replay it with <code>licsim run ${join(out, href as string)}</code>.`);
  }, 30_000);
});

/** Where the two timelines land on the page, measured in the browser (page-side code as a string: no DOM library here). */
interface Layout {
  scripts: number;
  headers: Array<{ text: string; left: number; right: number; top: number }>;
  axes: number[];
  svgWidth: number;
  struck: string;
}

const LAYOUT_PROBE = `(() => {
  const box = (e) => e.getBoundingClientRect();
  const svg = document.querySelector('figure.chart svg');
  const del = document.querySelector('tr.change-dropped del');
  return {
    scripts: document.scripts.length,
    headers: [...document.querySelectorAll('table.timelines th')].map((th) => ({
      text: th.textContent, left: Math.round(box(th).left), right: Math.round(box(th).right), top: Math.round(box(th).top),
    })),
    axes: [...svg.querySelectorAll('line[x1="96"][x2="876"]')].map((l) => Math.round(box(l).top)),
    svgWidth: Math.round(box(svg).width),
    struck: del ? getComputedStyle(del).textDecorationLine : '',
  };
})()`;

describe('index.html of licsim fuzz in headless Chromium', () => {
  it('renders the original and the minimal timeline side by side, the dropped entry struck, nothing loaded', async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium to run the browser test`);
    const dir = await mkdtemp(join(tmpdir(), 'licsim-fuzz-html-browser-'));
    const file = join(dir, 'index.html');
    await writeFile(file, fuzzHtml([await fuzzed(example.replace('  drop: false', '  drop: true'))], { ...OPTIONS, out: dir }));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (r) => {
        if (!/^(file|data):/.test(r.url())) requests.push(r.url());
      });
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const layout = await page.evaluate<Layout>(LAYOUT_PROBE);
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
      expect(layout.scripts).toBe(0);
      expect(layout.headers.map((h) => h.text)).toEqual([
        'Entry',
        'Original: day',
        'Original: action',
        'Minimal: day',
        'Minimal: action',
        'Change',
      ]);
      // One row of headers, left to right: the original's columns, then the minimal's beside them.
      expect(new Set(layout.headers.map((h) => h.top)).size).toBe(1);
      const lefts = layout.headers.map((h) => h.left);
      expect(lefts).toEqual([...new Set(lefts)].sort((x, y) => x - y));
      const [, , originalAction, minimalDay] = layout.headers;
      expect((originalAction?.right ?? 0) <= (minimalDay?.left ?? 0)).toBe(true);
      // The drawing: two axes, the original above the minimal, across most of the page.
      expect(layout.axes).toHaveLength(2);
      expect((layout.axes[0] ?? 0) < (layout.axes[1] ?? 0)).toBe(true);
      expect(layout.svgWidth > 1000).toBe(true);
      expect(layout.struck).toBe('line-through');
    } finally {
      await browser.close();
    }
  }, 30_000);
});
