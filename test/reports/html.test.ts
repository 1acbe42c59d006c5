import { describe, expect, it } from 'vitest';
import { runScenario } from '../../engine/runScenario.ts';
import { jsonForScript } from '../../reports/escape.ts';
import { finalPosition } from '../../reports/html/scenarioResults.ts';
import { chartConfigs, eventExcerpts, htmlReport } from '../../reports/index.ts';
import { outcome, smallOutcome, smallScenario, suite, verdict } from './fixtures.ts';

const HOSTILE = '<script>alert(1)</script>';

function page(name = HOSTILE): string {
  const s = suite([smallOutcome(name)]);
  return htmlReport(s, { charts: s.scenarios.map((o, i) => chartConfigs(o, i)), images: new Map(), excerptDays: 3 });
}

describe('index.html', () => {
  it('shows user text as text: a hostile scenario name is escaped everywhere', () => {
    const html = page();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain(HOSTILE);
    expect(html.match(/<\/script>/g)).toHaveLength(3);
  });

  it('cannot be broken out of from inline JSON', () => {
    const json = jsonForScript({ name: '</script><script>alert(1)</script><!--', sep: '\u2028' });
    expect(json).not.toMatch(/<|>|\u2028/);
    expect(JSON.parse(json)).toEqual({ name: '</script><script>alert(1)</script><!--', sep: '\u2028' });
  });

  it('needs no network: no external script, style or image, and a CSP forbidding connections', () => {
    const html = page('plain');
    expect(html).not.toMatch(/<(script|img|link)[^>]+(src|href)="(https?:)?\/\//i);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toContain('sourceMappingURL');
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

  it('puts the failures first and anchors every scenario', () => {
    const html = page('plain');
    expect(html.indexOf('id="failures"')).toBeLessThan(html.indexOf('id="summary"'));
    expect(html).toContain('<a href="#scenario-01-plain">plain</a>');
    expect(html).toContain('id="scenario-01-plain"');
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
