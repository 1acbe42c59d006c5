import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { ScenarioOutcome } from '../../engine/result.ts';
import { junitXml, type Timings, writeReports } from '../../reports/index.ts';
import { smallOutcome, suite, verdict } from './fixtures.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
});

interface Case {
  name: string;
  classname: string;
  time?: string;
  file?: string;
  line?: string;
}
interface Suite {
  name: string;
  time?: string;
  testcase: Case[];
  properties?: { property: Array<{ name: string; value: string }> };
}
interface Parsed {
  testsuites: { time?: string; testsuite: Suite[] };
}

/**
 * Two scenarios of one file (one classname) with the same expectations, the second's
 * written on other lines, and in the first an expectation written twice with no source.
 */
function twins(): ScenarioOutcome[] {
  const a = smallOutcome('first twin');
  a.verdicts.push(verdict({ title: 'never enforcement for any instance', passed: true }));
  const b = smallOutcome('second twin');
  b.verdicts = b.verdicts.map((v) => (v.source ? { ...v, source: { ...v.source, line: 30 } } : v));
  return [a, b];
}

const TIMINGS: Timings = {
  schema: 'licsim/timings@1',
  seconds: 2.25,
  scenarios: [
    { file: 'scenarios/small.yaml', name: 'first twin', seconds: 1.5 },
    { file: 'scenarios/small.yaml', name: 'second twin', seconds: 0.5 },
  ],
};

describe('junit.xml: times, unique names, file and line (issue 14, item 7)', () => {
  it('names are unique within a classname: by the line of the expectation, then #1, #2 in suite order', () => {
    const xml = junitXml(suite(twins()), 'run1');
    expect(XMLValidator.validate(xml)).toBe(true);
    const cases = (parser.parse(xml) as Parsed).testsuites.testsuite.flatMap((s) => s.testcase);
    expect(cases.map((c) => [c.classname, c.name])).toEqual([
      ['scenarios.small', 'never enforcement for any instance #1'],
      ['scenarios.small', 'overdraft of UCL-Enhanced stays at 0 (line 12)'],
      ['scenarios.small', 'never enforcement for any instance #2'],
      ['scenarios.small', 'never enforcement for any instance #3'],
      ['scenarios.small', 'overdraft of UCL-Enhanced stays at 0 (line 30)'],
    ]);
    expect(new Set(cases.map((c) => `${c.classname} ${c.name}`)).size).toBe(cases.length);
    // The same suite gives the same names.
    expect(junitXml(suite(twins()), 'run1')).toBe(xml);
  });

  it('each testcase has file, and line where its expectation is written', () => {
    const cases = (parser.parse(junitXml(suite(twins()))) as Parsed).testsuites.testsuite.flatMap((s) => s.testcase);
    expect(cases.map((c) => [c.file, c.line])).toEqual([
      ['scenarios/small.yaml', undefined],
      ['scenarios/small.yaml', '12'],
      ['scenarios/small.yaml', undefined],
      ['scenarios/small.yaml', undefined],
      ['scenarios/small.yaml', '30'],
    ]);
  });

  it("with timings: a suite's time is its scenario's seconds, shared by its testcases; the root's the run's", () => {
    const p = parser.parse(junitXml(suite(twins()), 'run1', TIMINGS)) as Parsed;
    expect(p.testsuites.time).toBe('2.250');
    expect(p.testsuites.testsuite.map((s) => s.time)).toEqual(['1.500', '0.500']);
    expect(p.testsuites.testsuite.map((s) => s.testcase.map((c) => c.time))).toEqual([
      ['0.500', '0.500', '0.500'],
      ['0.250', '0.250'],
    ]);
  });

  it('without timings (a report re-rendered from results.json) no time is made up: no time attributes', () => {
    const xml = junitXml(suite(twins()), 'run1');
    expect(xml).not.toMatch(/\btime="/);
  });

  it("timings that are not this suite's (another order or name) are not used", () => {
    const swapped: Timings = { ...TIMINGS, scenarios: [...TIMINGS.scenarios].reverse() };
    const p = parser.parse(junitXml(suite(twins()), 'run1', swapped)) as Parsed;
    expect(p.testsuites.testsuite.map((s) => s.time)).toEqual([undefined, undefined]);
  });

  it('writeReports puts the timings in timings.json and junit.xml; results.json is the same byte for byte without them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-times-'));
    const s = suite(twins());
    const timed = await writeReports(s, join(dir, 'timed'), { env: {}, runId: 'r1', timings: TIMINGS, chartThreads: 0 });
    const plain = await writeReports(s, join(dir, 'plain'), { env: {}, runId: 'r1', chartThreads: 0 });
    expect(timed.timings).toBe(join(dir, 'timed', 'timings.json'));
    expect(plain.timings).toBeUndefined();
    expect(JSON.parse(await readFile(join(dir, 'timed', 'timings.json'), 'utf8'))).toEqual({ ...TIMINGS, runId: 'r1' });
    expect(await readFile(timed.results, 'utf8')).toBe(await readFile(plain.results, 'utf8'));
    expect(await readFile(timed.results, 'utf8')).not.toContain('seconds');
    expect(await readFile(timed.junit, 'utf8')).toContain(
      '<testsuite name="first twin" tests="3" failures="1" errors="0" skipped="0" time="1.500"',
    );
  });
});
