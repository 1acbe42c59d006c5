import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SuiteResult } from '../../engine/result.ts';
import { runScenario } from '../../engine/runScenario.ts';
import { jsonForScript } from '../../reports/escape.ts';
import { INDEX_SCRIPT } from '../../reports/html/indexScript.ts';
import { finalPosition } from '../../reports/html/scenarioResults.ts';
import { chartConfigs, eventExcerpts, indexPage, scenarioPage } from '../../reports/index.ts';
import { outcome, smallOutcome, smallScenario, suite, verdict } from './fixtures.ts';

const HOSTILE = '<script>alert(1)</script>';

/** The page of the suite's scenario `index`, every chart's PNG written unless `rendered` says otherwise. */
function scenarioHtml(s: SuiteResult, index = 0, rendered?: Set<string>): string {
  const specs = chartConfigs(s.scenarios[index] as SuiteResult['scenarios'][number], index);
  return scenarioPage(s, index, { specs, rendered: rendered ?? new Set(specs.map((c) => c.id)), excerptDays: 3 });
}

/** index.html and the one scenario's page of a suite of one scenario named `name`. */
function pages(name = HOSTILE): { index: string; scenario: string } {
  const s = suite([smallOutcome(name)]);
  return { index: indexPage(s), scenario: scenarioHtml(s) };
}

/** The Content-Security-Policy of a page. */
const csp = (html: string) => /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';

describe('the HTML report: index.html and a page per scenario', () => {
  it('shows user text as text: a hostile scenario name is escaped everywhere', () => {
    for (const html of Object.values(pages())) {
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).not.toContain(HOSTILE);
    }
    const { index, scenario } = pages();
    // index.html has one inline script, its filters; a scenario page the chart data (JSON, not code) and the report's one script file.
    expect(index.match(/<script[^>]*>/g)).toEqual(['<script>']);
    expect(index).toContain(`<script>${INDEX_SCRIPT}</script>`);
    expect(scenario.match(/<script[^>]*>/g)).toEqual(['<script type="application/json" id="licsim-charts">', '<script src="charts.js">']);
    expect(scenario.match(/<\/script>/g)).toHaveLength(2);
  });

  it('runs no script written into a page: a scenario page allows only its own files, index.html only its filters, by hash', () => {
    const { index, scenario } = pages('plain');
    const script = /<script>(.*?)<\/script>/s.exec(index)?.[1] ?? '';
    const hash = createHash('sha256').update(script).digest('base64');
    expect(csp(index)).toBe(
      `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'`,
    );
    expect(csp(scenario)).toBe(
      "default-src 'none'; img-src 'self' file:; style-src 'unsafe-inline'; script-src 'self' file:; base-uri 'none'; form-action 'none'",
    );
  });

  it('a scenario page shows its charts from the PNG files, and says which one could not be rendered', () => {
    const s = suite([smallOutcome('plain')]);
    const specs = chartConfigs(s.scenarios[0] as SuiteResult['scenarios'][number], 0);
    expect(specs.map((c) => c.file)).toEqual([
      'charts/01-plain-usage-ucl-enhanced.png',
      'charts/01-plain-overdraft.png',
      'charts/01-plain-states.png',
      'charts/01-plain-alarms.png',
    ]);
    const html = scenarioHtml(s, 0, new Set(specs.slice(1).map((c) => c.id)));
    expect(html).not.toContain('data:image');
    expect([...html.matchAll(/<img class="chart-png" src="([^"]+)"/g)].map((m) => m[1])).toEqual(specs.slice(1).map((c) => `../${c.file}`));
    expect(html.match(/The PNG of this chart could not be rendered\./g)).toHaveLength(1);
    // Every chart keeps its interactive data, the one without a PNG too.
    const data = JSON.parse(/<script type="application\/json" id="licsim-charts">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}');
    expect(Object.keys(data)).toEqual(specs.map((c) => c.id));
  });

  it('a scenario page links back to index.html and to the previous and next scenario', () => {
    const s = suite([smallOutcome('first'), smallOutcome('second'), smallOutcome('third')]);
    const links = (html: string) =>
      [...(/<nav class="pager">(.*?)<\/nav>/s.exec(html)?.[1] ?? '').matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(links(scenarioHtml(s, 0))).toEqual(['../index.html', '02-second.html']);
    expect(links(scenarioHtml(s, 1))).toEqual(['../index.html', '01-first.html', '03-third.html']);
    expect(links(scenarioHtml(s, 2))).toEqual(['../index.html', '02-second.html']);
    expect(scenarioHtml(s, 1)).toContain('Scenario 2 of 3 · this run: 3 of 3 scenarios failed');
  });

  it('cannot be broken out of from inline JSON', () => {
    const json = jsonForScript({ name: '</script><script>alert(1)</script><!--', sep: '\u2028' });
    expect(json).not.toMatch(/<|>|\u2028/);
    expect(JSON.parse(json)).toEqual({ name: '</script><script>alert(1)</script><!--', sep: '\u2028' });
  });

  it('needs no network: no external script, style or image, and a CSP forbidding connections', () => {
    for (const html of Object.values(pages('plain'))) {
      expect(html).not.toMatch(/<(script|img|link)[^>]+(src|href)="(https?:)?\/\//i);
      expect(csp(html)).toMatch(/^default-src 'none';/);
      expect(html).not.toContain('sourceMappingURL');
    }
  });

  it("SLR-11: the accounts' final position shows the shortfall inside the overdraft, and the status as CSSM's verdict", () => {
    const html = finalPosition(smallOutcome());
    expect(html).toContain('<th class="num">of which reserved instances short</th>');
    expect(html).toContain('<th>Account status (CSSM)</th>');
    expect(html).toContain('<th class="num">Owned</th>');
    // va-small ends with 30 owned and in use, nothing reserved: no overdraft, no shortfall.
    expect(html).toMatch(
      /<td>va-small<\/td><td>UCL-Enhanced<\/td><td[^>]*>30<\/td><td[^>]*>30<\/td><td[^>]*>0<\/td><td[^>]*>0<\/td><td[^>]*>0<\/td>/,
    );
  });

  it('SLR-11: a reserved instance 2 short of its reservation shows 2 of overdraft, all of it shortfall', () => {
    // One cluster reserves its 10 UCL-Enhanced on day 3 and grows to 12 users on day 10; the VA owns 20.
    const s = smallScenario('short');
    s.fleet = s.fleet.map((g) => ({ ...g, count: 1 }));
    s.timeline = [
      { at: 1, target: {}, action: { kind: 'slr-enable' } },
      { at: 2, target: {}, action: { kind: 'slr-request' } },
      { at: 3, target: {}, action: { kind: 'slr-authorize', headroom: 0 } },
      { at: 4, target: {}, action: { kind: 'slr-install' } },
      { at: 10, target: {}, action: { kind: 'grow', users: 2 } },
    ];
    const html = finalPosition(outcome('short.yaml', runScenario(s), []));
    // Owned 20, in use 0 (the reservation is not in use by the rest of the VA), reserved 10, overdraft 2, of which short 2.
    const cells = [...html.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
    expect(cells).toEqual([
      'va-small',
      'UCL-Enhanced',
      '20',
      '0',
      '10',
      '<strong>2</strong>',
      '2',
      '<span class="badge pass">compliant</span>',
    ]);
    // The last cell is CSSM's verdict: the air-gapped instance's use never reaches it.
  });

  it("index.html puts the failures first, each linked to its row on its scenario's page; old anchors land on the scenario", () => {
    const { index, scenario } = pages('plain');
    expect(index.indexOf('id="failures"')).toBeLessThan(index.indexOf('id="summary"'));
    expect(index).toContain(
      '<li><a href="scenarios/01-plain.html#expectation-2" data-for="scenario-01-plain">plain</a> — ' +
        '<strong>overdraft of UCL-Enhanced stays at 0</strong>',
    );
    expect(scenario).toContain('<tr id="expectation-2" class="failed">');
    expect(index).toContain('<details id="scenario-01-plain" data-status="failed" open>');
    expect(index).toContain('<a class="scenario-name" href="scenarios/01-plain.html">plain</a>');
    expect(scenario).toContain('id="scenario-01-plain"');
  });
});

describe('event-log excerpts around failures', () => {
  it('shows the evidence instance’s entries within the window of the evidence day', () => {
    const [excerpt] = eventExcerpts(smallOutcome(), 3);
    // Day 5: it registers: CSSM's register effect, which records the report the registration carried, logged with the instance.
    expect(excerpt?.entries.map((e) => [e.day, e.instance, e.kind, e.event])).toEqual([
      [5, 'small-000', 'transition', 'REGISTER'],
      [5, 'small-000', 'cleared', 'SmartLicenseInEval'],
      [5, 'small-000', 'effect', 'register'],
      [6, 'small-000', 'transition', 'OUT_OF_COMPLIANCE'],
      [6, 'small-000', 'alarm', 'SmartLicenseInOverage_OutOfCompliance'],
    ]);
  });

  it('says the log holds no entries, and that it was capped, when nothing is left', () => {
    const scenario = { ...smallScenario(), options: { eventLogLimit: 3 } };
    const result = runScenario(scenario);
    expect(result.eventsDropped).toBeGreaterThan(0);
    const o = outcome('s.yaml', result, [
      verdict({ title: 't', passed: false, evidence: [{ instance: 'small-002', day: 20, detail: 'd' }] }),
    ]);
    const [excerpt] = eventExcerpts(o, 3);
    expect(excerpt?.entries).toEqual([]);
    expect(excerpt?.note).toContain(
      'The event log holds no entries for small-002 within 3 days of day 20. ' +
        `The log was capped: it kept ${result.events.length} entries and dropped ${result.eventsDropped}`,
    );
  });
});
