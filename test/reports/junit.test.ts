import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { junitXml } from '../../reports/index.ts';
import { comparisonOutcome, smallOutcome, suite, verdict } from './fixtures.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['testsuite', 'testcase'].includes(name),
});

interface Case {
  name: string;
  classname: string;
  failure?: { message: string; '#text'?: string };
}
interface Parsed {
  testsuites: { tests: string; failures: string; testsuite: Array<{ name: string; tests: string; failures: string; testcase?: Case[] }> };
}

describe('junit.xml', () => {
  const hostile = smallOutcome('<script>alert(1)</script> & "quotes" \u0001\u001f ]]>');
  hostile.verdicts.push(
    verdict({ title: 'bad <chars> \u0000 & ]]>', passed: false, message: 'line1\nline2 \u0007 "q"', evidence: [{ detail: '<b>&</b>' }] }),
  );
  hostile.passed = false;
  const s = suite([smallOutcome(), comparisonOutcome(), hostile]);
  const xml = junitXml(s);
  const parsed = parser.parse(xml) as Parsed;

  it('is well-formed XML even with markup and control characters in names', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for the control characters XML cannot hold
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  });

  it('has one testsuite per scenario and one testcase per verdict, with counts matching the verdicts', () => {
    const suites = parsed.testsuites.testsuite;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: names with control characters are written with U+FFFD
    expect(suites.map((x) => x.name)).toEqual(s.scenarios.map((o) => o.name.replace(/[\u0000-\u001f]/g, '\uFFFD')));
    s.scenarios.forEach((o, i) => {
      const ts = suites[i];
      expect(Number(ts?.tests)).toBe(o.verdicts.length);
      expect(ts?.testcase).toHaveLength(o.verdicts.length);
      expect(Number(ts?.failures)).toBe(o.verdicts.filter((v) => !v.passed).length);
      expect(ts?.testcase?.filter((c) => c.failure)).toHaveLength(o.verdicts.filter((v) => !v.passed).length);
    });
    const all = s.scenarios.flatMap((o) => o.verdicts);
    expect(Number(parsed.testsuites.tests)).toBe(all.length);
    expect(Number(parsed.testsuites.failures)).toBe(all.filter((v) => !v.passed).length);
  });

  it('names comparison testcases with their variant and derives classname from the file', () => {
    const cases = parsed.testsuites.testsuite[1]?.testcase ?? [];
    expect(cases.map((c) => c.name)).toEqual([
      'no instance in enforcement before day 100 [variant A]',
      'no instance in enforcement before day 100 [variant B]',
    ]);
    expect(cases[0]?.classname).toBe('scenarios.overage');
  });

  it('puts the evidence in the failure body', () => {
    const failure = parsed.testsuites.testsuite[0]?.testcase?.find((c) => c.failure)?.failure;
    expect(failure?.message).toContain('overdraft reached 10 units on day 5');
    expect(failure?.['#text']).toContain('small-000, day 5: 10 units (limit 0)');
    expect(failure?.['#text']).toContain('SL-7, SL-12');
  });

  it('adds a failing testcase for a scenario that failed without a failing verdict', () => {
    const o = smallOutcome();
    o.verdicts = o.verdicts.filter((v) => v.passed);
    o.passed = false;
    const p = parser.parse(junitXml(suite([o]))) as Parsed;
    expect(Number(p.testsuites.failures)).toBe(1);
  });
});
