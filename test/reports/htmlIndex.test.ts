import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScenarioOutcome, SuiteResult } from '../../engine/result.ts';
import { counted, formatNumber, formatSeconds, groupDigits } from '../../reports/html/format.ts';
import { durationKey, durationsOf, sourceHref, tagsOf } from '../../reports/html/reportContext.ts';
import { chartConfigs, indexPage, scenarioPage } from '../../reports/index.ts';
import type { Timings } from '../../reports/types.ts';
import { smallOutcome, suite, verdict } from './fixtures.ts';

/** The small scenario with every verdict passed. */
function passingOutcome(name = 'all is well'): ScenarioOutcome {
  const o = smallOutcome(name);
  return { ...o, passed: true, verdicts: o.verdicts.map((v) => ({ ...v, passed: true })) };
}

/** The page of the suite's scenario `index`, every chart written. */
function scenarioHtml(s: SuiteResult, index = 0, ctx: Partial<Parameters<typeof scenarioPage>[2]> = {}): string {
  const specs = chartConfigs(s.scenarios[index] as ScenarioOutcome, index);
  return scenarioPage(s, index, { specs, rendered: new Set(specs.map((c) => c.id)), excerptDays: 3, ...ctx });
}

/** The `<details …>` opening tag of each scenario of index.html, in order. */
const rows = (html: string) => [...html.matchAll(/<details [^>]*>/g)].map((m) => m[0]);

/** A count of one with a plural noun: "1 instances", "1 days" (a digit, comma or point before the 1 makes it another number). */
const ONE_PLURAL = /(?<![\d.,])1 (instances|days|scenarios|expectations|times|units|entries)\b/;

describe('index.html: every scenario a row to filter, collapsed when it passed', () => {
  const s = suite([smallOutcome('breaks'), passingOutcome(), { ...passingOutcome('replayed'), counterexample: true }]);
  const index = indexPage(s);

  it('each scenario is a <details> with its status as data: a failed one open, a passed one collapsed', () => {
    expect(rows(index)).toEqual([
      '<details id="scenario-01-breaks" data-status="failed" open>',
      '<details id="scenario-02-all-is-well" data-status="passed">',
      '<details id="scenario-03-replayed" data-status="passed" data-counterexample>',
    ]);
    // Its verdicts inside: the name the search reads, a failure's message.
    expect(index).toContain(
      '<ul class="verdicts"><li><b>never enforcement for any instance</b></li>' +
        '<li class="fail"><b>overdraft of UCL-Enhanced stays at 0</b> — overdraft reached 10 units on day 5 (limit 0) ' +
        '<code>scenarios/small.yaml:12</code></li></ul>',
    );
  });

  it('has the filters by status with their counts, the search and expand/collapse all, hidden until its script shows them', () => {
    expect(index).toContain('<div class="toolbar" id="filters" hidden>');
    const buttons = [...index.matchAll(/<button type="button" data-show="(\w+)" aria-pressed="(\w+)">([^<]+)<span class="n">(\d+)</g)];
    expect(buttons.map((m) => [m[1], m[2], m[3]?.trim(), m[4]])).toEqual([
      ['all', 'true', 'All', '3'],
      ['failed', 'false', 'Failed', '1'],
      ['passed', 'false', 'Passed', '2'],
      ['counterexample', 'false', 'Counterexample replayed', '1'],
    ]);
    expect(index).toContain('<input type="search" id="filter-q"');
    expect(index).toContain('<button type="button" id="expand-all">Expand all</button>');
    expect(index).toContain('<button type="button" id="collapse-all">Collapse all</button>');
    expect(index).toContain('<p class="shown" id="shown" aria-live="polite">3 of 3 scenarios shown</p>');
    // The tag filter is built by the script from the rows' data-tags: none here.
    expect(index).toContain('<label id="tag-filter" hidden>');
    expect(rows(index).filter((r) => r.includes('data-tags'))).toEqual([]);
  });

  it("reads a scenario's tags and its expectations' when the result has them, into data-tags and a label per tag", () => {
    const tagged = { ...passingOutcome('tagged'), tags: ['slow', ' nightly  run '] } as ScenarioOutcome & { tags: string[] };
    tagged.verdicts = [{ ...(tagged.verdicts[0] as ScenarioOutcome['verdicts'][number]), tags: ['cssm', 'slow'] } as never];
    expect(tagsOf(tagged)).toEqual(['cssm', 'nightly-run', 'slow']);
    const html = indexPage(suite([tagged, passingOutcome()]));
    expect(rows(html)).toEqual([
      '<details id="scenario-01-tagged" data-status="passed" data-tags="cssm nightly-run slow">',
      '<details id="scenario-02-all-is-well" data-status="passed">',
    ]);
    expect(html).toContain(
      '<span class="tags"><span class="tag">cssm</span> <span class="tag">nightly-run</span> <span class="tag">slow</span></span>',
    );
  });

  it('shows each scenario’s duration when given durations (a Map or a record, or from timings.json), nothing without', () => {
    const [a, b] = s.scenarios as [ScenarioOutcome, ScenarioOutcome];
    const map = new Map([
      [durationKey(a.file, a.name), 2.345],
      [durationKey(b.file, b.name), 1234.5],
    ]);
    const withMap = indexPage(s, { durations: map });
    expect([...withMap.matchAll(/<span class="duration">([^<]*)<\/span>/g)].map((m) => m[1])).toEqual(['2.35 s', '20 min 35 s']);
    expect(indexPage(s, { durations: Object.fromEntries(map) })).toBe(withMap);
    const timings: Timings = {
      schema: 'licsim/timings@1',
      seconds: 3,
      scenarios: [
        { file: a.file, name: a.name, seconds: 2.345 },
        { file: b.file, name: b.name, seconds: 1234.5 },
      ],
    };
    expect(indexPage(s, { durations: durationsOf(timings) })).toBe(withMap);
    expect(index).not.toContain('class="duration"');
    expect(scenarioHtml(s, 0, { durations: map })).toContain('<div><dt>duration</dt><dd>2.35 s</dd></div>');
    expect(scenarioHtml(s, 0)).not.toContain('<dt>duration</dt>');
  });

  it('reads as failed where nothing passed: no control, style or script of the page says "passed" as a status', () => {
    // What a reader of the folder (test/reports/reportState.ts) and a person take as green.
    expect(indexPage(suite([smallOutcome('a'), smallOutcome('b')]))).not.toMatch(/data-status="passed"|PASSED/);
    expect(index).toMatch(/data-status="passed"/);
  });

  it('gives the same bytes for the same results and durations', () => {
    expect(indexPage(s, { runId: 'r', durations: new Map([['x', 1]]) })).toBe(indexPage(s, { runId: 'r', durations: new Map([['x', 1]]) }));
  });
});

describe('numbers with separators and counts in the right number', () => {
  /** A scenario of 150,000 instances over 1,200 days owning 8,760 licences, 1,500 reached by its first timeline entry. */
  function large(): SuiteResult {
    const o = structuredClone(smallOutcome('large'));
    const result = (o.runs[0] as ScenarioOutcome['runs'][number]).result;
    result.scenario.instances = 150000;
    result.scenario.days = 1200;
    result.scenario.groups[0] = { ...(result.scenario.groups[0] as (typeof result.scenario.groups)[number]), count: 150000 };
    const type = result.final.accounts[0]?.types[0];
    if (!type) throw new Error('no licence type');
    Object.assign(type, { owned: 8760, inUse: 12345, overdraft: 3585 });
    const first = result.timeline[0];
    if (!first) throw new Error('no timeline entry');
    Object.assign(first, { at: 1005, reached: 1500 });
    o.verdicts[1] = { ...(o.verdicts[1] as ScenarioOutcome['verdicts'][number]) };
    o.verdicts[1].evidence = [{ instance: 'small-000', day: 1005, value: 3585, limit: 1000, detail: 'over' }];
    o.verdicts[1].message = 'overdraft reached 12000 units on day 1005 (2028-10-02), north-00002 first';
    return suite([o]);
  }

  it('groups thousands (en-US, one formatter) on the index and on the scenario page', () => {
    const index = indexPage(large());
    expect(index).toContain('<small>1 of 2 expectations passed · 150,000 instances · 1,200 days</small>');
    const page = scenarioHtml(large());
    expect(page).toContain('<div><dt>days</dt><dd>1,200</dd></div><div><dt>instances</dt><dd>150,000</dd></div>');
    expect(page).toContain('<td class="num">150,000</td>');
    expect(page).toMatch(/<td[^>]*>8,760<\/td><td[^>]*>12,345<\/td><td[^>]*>0<\/td><td[^>]*><strong>3,585<\/strong><\/td>/);
    expect(page).toContain('<td class="num">1,005</td><td><code>register</code></td><td class="num">1,500</td>');
    expect(page).toMatch(/<li>small-000, day 1,005: 3,585 \(limit 1,000\) — over<\/li>/);
    // Counts in an expectation's text are grouped too, dates and names are not.
    const message = 'overdraft reached 12,000 units on day 1,005 (2028-10-02), north-00002 first';
    expect(page).toContain(`<td>${message}<ul class="evidence">`);
    expect(index).toContain(`<li class="fail"><b>overdraft of UCL-Enhanced stays at 0</b> — ${message}`);
    expect(
      groupDigits('150000 of 150000 reached (150000 must); SL-12, seed-2026, 3.14159, v1000x, 0012345, #1234, a.yaml:1234, 1234.'),
    ).toBe('150,000 of 150,000 reached (150,000 must); SL-12, seed-2026, 3.14159, v1000x, 0012345, #1234, a.yaml:1234, 1,234.');
    expect(formatNumber(1234567.891)).toBe('1,234,567.89');
    expect(formatNumber(-0)).toBe('0');
  });

  it('says 1 instance, 1 day, 1 scenario and 1 expectation, never "1 instances" or "(s)"', () => {
    const o = structuredClone(smallOutcome('one'));
    const result = (o.runs[0] as ScenarioOutcome['runs'][number]).result;
    result.scenario.instances = 1;
    result.scenario.days = 1;
    o.verdicts = [verdict({ title: 'fails', passed: false, evidence: [{ instance: 'small-000', day: 0, detail: 'd' }] })];
    o.passed = false;
    const one = suite([o]);
    const index = indexPage(one);
    expect(index).toContain('licsim — 1 of 1 scenario failed</h1>');
    expect(index).toContain('<p>1 scenario, 0 of 1 expectation passed.</p>');
    expect(index).toContain('<small>0 of 1 expectation passed · 1 instance · 1 day</small>');
    expect(index).toContain('1 of 1 scenario shown');
    const page = scenarioHtml(one, 0, { excerptDays: 1 });
    expect(page).toContain('(±1 day)');
    expect(page).toContain('Scenario 1 of 1 · this run: 1 of 1 scenario failed');
    for (const html of [index, page]) {
      expect(html).not.toMatch(ONE_PLURAL);
      expect(html).not.toContain('(s)');
    }
    expect(indexPage(suite([passingOutcome(), passingOutcome('b')]))).toContain('licsim — All scenarios passed</h1>');
    expect(counted(1000, 'instance')).toBe('1,000 instances');
  });

  it('reads a duration as seconds below a minute, minutes and seconds above', () => {
    expect([0, 0.004, 2.345, 12.34, 59.96, 125, 3600].map(formatSeconds)).toEqual([
      '0 s',
      '< 0.01 s',
      '2.35 s',
      '12.3 s',
      '1 min 0 s',
      '2 min 5 s',
      '60 min 0 s',
    ]);
  });
});

describe("a verdict's source links to its scenario file, relatively from the report folder", () => {
  const s = suite([smallOutcome('linked')]);

  it('from index.html and from a scenario page, when the report folder is known', () => {
    const reportDir = 'out/report';
    expect(indexPage(s, { reportDir })).toContain(
      '<a class="source" href="../../scenarios/small.yaml#L12"><code>scenarios/small.yaml:12</code></a>',
    );
    expect(scenarioHtml(s, 0, { reportDir })).toContain(
      '<td><a class="source" href="../../../scenarios/small.yaml#L12"><code>scenarios/small.yaml:12</code></a></td>',
    );
    // A report beside the scenarios folder, an absolute one, an absolute file.
    expect(sourceHref('scenarios/small.yaml', 12, 'licsim-report')).toBe('../scenarios/small.yaml#L12');
    expect(sourceHref('scenarios/small.yaml', 3, resolve('licsim-report'), 'scenarios')).toBe('../../scenarios/small.yaml#L3');
    expect(sourceHref('/repo/suite/a.yaml', 1, '/repo/out')).toBe('../suite/a.yaml#L1');
    // Characters a URL path cannot hold as they are.
    expect(sourceHref('/repo/my suite/a#1?.yaml', 7, '/repo/out')).toBe('../my%20suite/a%231%3F.yaml#L7');
  });

  it('is text when the report folder is not given, and escaped either way', () => {
    expect(indexPage(s)).not.toContain('class="source"');
    const o = structuredClone(smallOutcome('odd'));
    (o.verdicts[1] as ScenarioOutcome['verdicts'][number]).source = { file: 'a"><script>x.yaml', line: 2 };
    const html = indexPage(suite([o]), { reportDir: '.' });
    expect(html).toContain('<a class="source" href="a%22%3E%3Cscript%3Ex.yaml#L2"><code>a&quot;&gt;&lt;script&gt;x.yaml:2</code></a>');
  });
});
