import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { licsim } from '../support/cli.ts';

const EXAMPLE = 'scenarios/examples/fuzz/late-purchase.yaml';
const NAME = 'A purchase on the last day of the overage period';

let dir: string;
let holds: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'licsim-fuzz-junit-'));
  holds = join(dir, 'holds.yaml');
  await writeFile(holds, (await readFile(EXAMPLE, 'utf8')).replace('at: 30d, do: purchase', 'at: 20d, do: purchase'));
});

const xmlText = (s: string) =>
  s
    .replace(/&#10;/g, '\n')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('licsim fuzz junit.xml', () => {
  it('one testsuite, one testcase per scenario; a failure with the expectation, evidence, steps and the file', async () => {
    const out = join(dir, 'a');
    const r = await licsim(['fuzz', EXAMPLE, holds, '--seed', '1', '--runs', '30', '--out', out]);
    expect(r.code).toBe(1);
    const xml = await readFile(join(out, 'junit.xml'), 'utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(xml.match(/<testsuite /g)).toHaveLength(1);
    expect(xml).toContain('<testsuites name="licsim fuzz" tests="2" failures="1" errors="0" skipped="0" time="0">');
    const cases = [...xml.matchAll(/<testcase name="([^"]*)" classname="([^"]*)"[^>]*?(\/?)>/g)];
    expect(cases.map((c) => [c[1], c[2], c[3]])).toEqual([
      [NAME, 'scenarios.examples.fuzz.late-purchase', ''],
      [NAME, expect.stringMatching(/\.holds$/), '/'],
    ]);
    const failure = /<failure message="([^"]*)" type="([^"]*)">([^<]*)<\/failure>/.exec(xml);
    expect(failure).not.toBeNull();
    const [, message, type, body] = failure as RegExpExecArray;
    expect(type).toBe('never');
    expect(xmlText(message as string)).toMatch(/^no instance enters outOfComplianceEnforced \(SL-12\): /);
    const text = xmlText(body as string);
    expect(text).toContain('- hq-000, day 31: entered — entered outOfComplianceEnforced on day 31');
    expect(text).toContain('steps from the original:\n- shifted timeline[1] purchase from day 30 to day 31 (+1 d)');
    const files = await readdir(join(out, 'counterexamples'));
    expect(text).toContain(`counterexample: ${join(out, 'counterexamples', files[0] as string)}`);
  }, 30_000);

  it('no counterexample: every testcase passes', async () => {
    const out = join(dir, 'b');
    const r = await licsim(['fuzz', holds, '--seed', '1', '--runs', '10', '--out', out]);
    expect(r.code).toBe(0);
    const xml = await readFile(join(out, 'junit.xml'), 'utf8');
    expect(xml).toContain('tests="1" failures="0"');
    expect(xml).not.toContain('<failure');
  }, 30_000);
});
