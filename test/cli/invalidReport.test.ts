import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunOptions, runCommand } from '../../cli/commands/run.ts';
import { ReportedError, UsageError } from '../../cli/errors.ts';
import { writeReports } from '../../reports/index.ts';
import { smallOutcome, suite } from '../reports/fixtures.ts';
import { licsim } from '../support/cli.ts';

const GOOD = `licsim: 3
name: small passing
description: Five clusters register and stay authorized.
seed: 3
duration: 30d
accounts:
  - { id: va, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: 100 }] }
fleet:
  - { name: sl, model: smart-licensing, count: 5, account: va, users: 10, profiles: { desk-phone: 1 } }
timeline:
  - { at: 5d, do: register }
expect:
  - eventually: { state: authorized, within: 6d }
  - eventually: { state: authorized, within: 6d }
  - maxOverdraft: { max: 0 }
`;
const BAD = GOOD.replace('count: 5,', 'count: five,').replace('name: small passing', 'name: broken');
const OTHER = GOOD.replace('name: small passing', 'name: other scenario');
const PROBLEM = 'fleet[0].count: expected a whole number of at least 1, found "five"';

let dir: string;
const options = (out: string, extra: Partial<RunOptions> = {}): RunOptions => ({
  out,
  reporter: ['silent'],
  color: false,
  backend: 'compiled',
  ...extra,
});
/** What a folder holds, its subfolders' files as `sub/file`. */
async function listing(folder: string): Promise<string[]> {
  const all = await readdir(folder, { recursive: true, withFileTypes: true });
  return all
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(folder.length + 1))
    .sort();
}
/** A passing report with charts and a scenario page, written the way every report is. */
async function passingReport(out: string): Promise<void> {
  const o = smallOutcome();
  o.verdicts = o.verdicts.filter((v) => v.passed);
  o.passed = true;
  await writeReports(suite([o]), out, { env: {}, chartThreads: 0 });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'licsim-invalid-'));
  await writeFile(join(dir, 'good.yaml'), GOOD);
  await writeFile(join(dir, 'bad.yaml'), BAD);
  await writeFile(join(dir, 'other.yaml'), OTHER);
});
afterEach(() => vi.unstubAllEnvs());

describe('a run on invalid input replaces the previous report with one that says so (issue 14, item 6)', () => {
  it('in process: exit 2 as before, and the old PASSED report, charts and pages are gone', async () => {
    // Outside GitHub Actions whatever runs these tests.
    vi.stubEnv('GITHUB_ACTIONS', '');
    vi.stubEnv('GITHUB_STEP_SUMMARY', '');
    const out = join(dir, 'in-process');
    await passingReport(out);
    expect((await listing(out)).some((f) => f.startsWith('charts/'))).toBe(true);
    const error = await runCommand([join(dir, 'good.yaml'), join(dir, 'bad.yaml')], options(out)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ReportedError);
    expect((error as ReportedError).exitCode).toBe(2);
    expect((error as ReportedError).lines).toEqual([`${join(dir, 'bad.yaml')}:9:48: ${PROBLEM}`]);
    expect(await listing(out)).toEqual(['.licsim-report.json', 'index.html', 'junit.xml', 'results.json', 'summary.md']);
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
    expect(results).toMatchObject({ passed: false, invalid: true, scenarios: [] });
    expect(results.problems).toEqual([
      {
        file: join(dir, 'bad.yaml'),
        line: 9,
        column: 48,
        path: 'fleet[0].count',
        message: 'expected a whole number of at least 1, found "five"',
      },
    ]);
    const html = await readFile(join(out, 'index.html'), 'utf8');
    expect(html).toContain('input invalid: nothing was run');
    expect(html).toContain(`<code>${join(dir, 'bad.yaml')}:9:48</code>`);
    expect(html).not.toContain('PASSED');
    expect(await readFile(join(out, 'junit.xml'), 'utf8')).toMatch(/<testsuites name="licsim" tests="1" failures="0" errors="1"/);
    expect(await readFile(join(out, 'summary.md'), 'utf8')).toContain('## ❌ licsim: input invalid — nothing was run');
    // The same input gives the same results.json.
    const first = await readFile(join(out, 'results.json'), 'utf8');
    await runCommand([join(dir, 'bad.yaml'), join(dir, 'good.yaml')], options(out)).catch(() => undefined);
    expect(await readFile(join(out, 'results.json'), 'utf8')).toBe(first);
  });

  it('an --out licsim may not write is left as it is; the problems are reported with a line saying no report was written', async () => {
    vi.stubEnv('GITHUB_ACTIONS', '');
    const mine = join(dir, 'mine');
    await mkdir(mine);
    await writeFile(join(mine, 'notes.txt'), 'mine');
    const error = (await runCommand([join(dir, 'bad.yaml')], options(mine)).catch((e: unknown) => e)) as ReportedError;
    expect(error.exitCode).toBe(2);
    expect(error.lines[0]).toBe(`${join(dir, 'bad.yaml')}:9:48: ${PROBLEM}`);
    expect(error.lines[1]).toMatch(
      /^no report was written: --out .*mine holds files licsim did not write, or that changed since it wrote them: notes\.txt/,
    );
    expect(await listing(mine)).toEqual(['notes.txt']);
  });

  it('usage errors that are not about the files (an --only matching nothing, a bad --report-url) overwrite nothing', async () => {
    const out = join(dir, 'kept');
    await passingReport(out);
    const before = await Promise.all(['results.json', 'index.html', 'junit.xml'].map((f) => readFile(join(out, f), 'utf8')));
    const files = await listing(out);
    await expect(runCommand([join(dir, 'good.yaml')], options(out, { only: ['nothing-like-this'] }))).rejects.toThrow(UsageError);
    await expect(runCommand([join(dir, 'bad.yaml')], options(out, { reportUrl: 'ci/report' }))).rejects.toThrow(
      '--report-url: expected an absolute http(s) URL such as https://ci.example/artifacts/report/, found "ci/report"',
    );
    expect(await listing(out)).toEqual(files);
    expect(await Promise.all(['results.json', 'index.html', 'junit.xml'].map((f) => readFile(join(out, f), 'utf8')))).toEqual(before);
  });

  it('end to end under GitHub Actions: exit 2, the same message, an annotation per problem and the job summary', async () => {
    const out = join(dir, 'e2e');
    await passingReport(out);
    const stepSummary = join(dir, 'step-summary.md');
    await writeFile(stepSummary, '');
    const r = await licsim(['run', join(dir, 'good.yaml'), join(dir, 'bad.yaml'), '--out', out], {
      env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: stepSummary, CI: 'true' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`licsim: 1 problem in 1 scenario file; nothing was run\n  ${join(dir, 'bad.yaml')}:9:48: ${PROBLEM}\n`);
    expect(r.stdout).toBe(
      `::error file=${join(dir, 'bad.yaml')},line=9,col=48,title=licsim%3A invalid input — fleet[0].count::${PROBLEM}\n`,
    );
    const job = await readFile(stepSummary, 'utf8');
    expect(job).toContain('## ❌ licsim: input invalid — nothing was run');
    expect(job).toContain(
      `| ${join(dir, 'bad.yaml')} | 9 | 48 | fleet\\[0\\].count | expected a whole number of at least 1, found "five" |`,
    );
    expect(JSON.parse(await readFile(join(out, 'results.json'), 'utf8'))).toMatchObject({ passed: false, invalid: true });
  });
});

describe('--only says how many scenarios it filtered out; junit.xml gets the durations (issue 14, items 7 and 8)', () => {
  it('console, results.json, summary.md, junit.xml and timings.json; results.json stays the same for the same input', async () => {
    const run = (out: string) =>
      licsim(['run', join(dir, 'good.yaml'), join(dir, 'other.yaml'), '--only', 'passing', '--out', join(dir, out)]);
    const [a, b] = await Promise.all([run('only-a'), run('only-b')]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.stdout).toContain(' --only passing: 1 of 2 scenarios match; 1 filtered out\n');
    const results = await readFile(join(dir, 'only-a', 'results.json'), 'utf8');
    expect(results).toBe(await readFile(join(dir, 'only-b', 'results.json'), 'utf8'));
    expect(JSON.parse(results)).toMatchObject({ passed: true, filtered: 1, scenarios: [{ name: 'small passing' }] });
    expect(await readFile(join(dir, 'only-a', 'summary.md'), 'utf8')).toContain(
      'The filters ran 1 of 2 scenarios: 1 filtered out (not run, not counted).',
    );
    const junit = await readFile(join(dir, 'only-a', 'junit.xml'), 'utf8');
    expect(junit).toContain('<property name="licsim.filtered" value="1"/>');
    expect(junit).toContain('<!-- 1 scenario filtered out (not run, not counted below) -->');
    // Durations: measured by the runner, in timings.json and junit.xml, not in results.json.
    const timings = JSON.parse(await readFile(join(dir, 'only-a', 'timings.json'), 'utf8'));
    expect(timings).toMatchObject({ schema: 'licsim/timings@1', scenarios: [{ file: join(dir, 'good.yaml'), name: 'small passing' }] });
    const seconds = timings.scenarios[0].seconds as number;
    expect(seconds).toBeGreaterThan(0);
    expect(junit).toContain(`<testsuite name="small passing" tests="3" failures="0" errors="0" skipped="0" time="${seconds.toFixed(3)}"`);
    const classname = join(dir, 'good').slice(1).replace(/\//g, '.');
    expect(junit).toContain(
      `<testcase name="all instances reach authorized within 6 days (line 13)" classname="${classname}" ` +
        `time="${(seconds / 3).toFixed(3)}" file="${join(dir, 'good.yaml')}" line="13"/>`,
    );
    expect(junit).not.toContain('time="0"');
    expect(results).not.toContain('seconds');
  }, 60_000);
});
