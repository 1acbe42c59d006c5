import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { SuiteResult } from '../../engine/result.ts';
import { annotations, writeReports } from '../../reports/index.ts';
import type { Problem } from '../../scenarios/loader/problems.ts';
import { smallOutcome, suite } from './fixtures.ts';

/** 12 problems in two files; the first has a path and a message GitHub's escaping must handle. */
function problems(): Problem[] {
  const list: Problem[] = [
    {
      file: 'suite/a,b.yaml',
      line: 10,
      column: 12,
      path: 'fleet[0].count',
      message: 'expected a whole number of at least 1, found "50%"\nnext',
    },
  ];
  for (let i = 0; i < 11; i++)
    list.push({ file: 'suite/c.yaml', line: 20 + i, column: 3, path: `expect[${i}]`, message: `unknown key "cout" (${i})` });
  return list;
}

const invalidSuite = (list = problems()): SuiteResult => ({
  schema: 'licsim/suite-result@1',
  passed: false,
  scenarios: [],
  invalid: true,
  problems: list,
});

const GITHUB = {
  GITHUB_ACTIONS: 'true',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/licensing',
  GITHUB_RUN_ID: '77',
};

describe('GitHub Actions: input problems are annotated and summarised (issue 14, item 6)', () => {
  it('one ::error per problem with file, line, col and title, at most 10, then a notice counting the rest', () => {
    const lines = annotations(invalidSuite());
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe(
      '::error file=suite/a%2Cb.yaml,line=10,col=12,title=licsim%3A invalid input — fleet[0].count::' +
        'fleet[0].count: expected a whole number of at least 1, found "50%25"%0Anext',
    );
    expect(lines[1]).toBe(
      '::error file=suite/c.yaml,line=20,col=3,title=licsim%3A invalid input — expect[0]::expect[0]: unknown key "cout" (0)',
    );
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(10);
    expect(lines[10]).toMatch(/^::notice title=licsim::2 more input problem\(s\) not annotated \(GitHub shows at most 10\)/);
    expect(annotations(invalidSuite(), 3)).toHaveLength(4);
  });

  it('writeReports of an invalid run: annotations printed, the job summary says so and lists every problem', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-gh-invalid-'));
    const stepSummary = join(dir, 'step-summary.md');
    await writeFile(stepSummary, '# earlier step\n');
    const printed: string[] = [];
    const files = await writeReports(invalidSuite(), join(dir, 'report'), {
      env: { ...GITHUB, GITHUB_STEP_SUMMARY: stepSummary },
      output: (l) => printed.push(l),
    });
    expect(printed.filter((l) => l.startsWith('::error file='))).toHaveLength(10);
    const job = await readFile(stepSummary, 'utf8');
    expect(job.startsWith('# earlier step\n')).toBe(true);
    expect(job).toContain('## ❌ licsim: input invalid — nothing was run');
    expect(job).toContain('12 problems in 2 scenario files (exit 2)');
    expect(job).toContain('| suite/a,b.yaml | 10 | 12 | fleet\\[0\\].count | expected a whole number of at least 1, found "50%" next |');
    for (let i = 0; i < 11; i++) expect(job).toContain(`| suite/c.yaml | ${20 + i} | 3 | expect\\[${i}\\] | unknown key "cout" (${i}) |`);
    expect(await readFile(files.summary, 'utf8')).toBe(job.slice('# earlier step\n'.length));

    // The folder's other files say so too.
    expect((await readdir(files.outDir)).sort()).toEqual(['.licsim-report.json', 'index.html', 'junit.xml', 'results.json', 'summary.md']);
    const results = JSON.parse(await readFile(files.results, 'utf8'));
    expect(results).toMatchObject({ schema: 'licsim/suite-result@1', passed: false, invalid: true, scenarios: [] });
    expect(results.problems).toEqual(problems());
    const html = await readFile(files.html, 'utf8');
    expect(html).toContain('<title>licsim report — INPUT INVALID</title>');
    expect(html).toContain('data-status="invalid"');
    expect(html).toContain('<code>suite/a,b.yaml:10:12</code>');
    expect(html).toContain('<code>expect[10]</code>');
    expect(html).not.toContain('PASSED');
    const xml = await readFile(files.junit, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (n) => ['testsuite', 'testcase'].includes(n),
    });
    const junit = parser.parse(xml) as {
      testsuites: {
        tests: string;
        errors: string;
        failures: string;
        testsuite: Array<{ file: string; errors: string; testcase: Array<Record<string, unknown>> }>;
      };
    };
    expect([junit.testsuites.tests, junit.testsuites.errors, junit.testsuites.failures]).toEqual(['12', '12', '0']);
    expect(junit.testsuites.testsuite.map((s) => [s.file, s.errors])).toEqual([
      ['suite/a,b.yaml', '1'],
      ['suite/c.yaml', '11'],
    ]);
    expect(junit.testsuites.testsuite[0]?.testcase[0]).toMatchObject({
      name: 'fleet[0].count at 10:12',
      file: 'suite/a,b.yaml',
      line: '10',
    });
  });
});

describe('summary links: relative in the folder, never relative in a job summary (issue 14, item 7)', () => {
  it('without --report-url the job summary links nothing of the folder: it names it and links the run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-gh-links-'));
    const stepSummary = join(dir, 'step-summary.md');
    const out = join(dir, 'report');
    const files = await writeReports(suite([smallOutcome()]), out, {
      env: { ...GITHUB, GITHUB_STEP_SUMMARY: stepSummary },
      output: () => {},
    });
    const job = await readFile(stepSummary, 'utf8');
    expect(job).not.toMatch(/\]\((?!https:)/);
    expect(job).not.toContain('### Charts');
    expect(job).toContain(`the folder ${out} on the runner`);
    expect(job).toContain("[this run's page](https://github.com/acme/licensing/actions/runs/77)");
    const folder = await readFile(files.summary, 'utf8');
    expect(folder).toContain('[overdraft](charts/01-small-fleet-over-entitlement-overdraft.png)');
    expect(folder).toContain('Full report: [index.html](index.html)');
  });

  it('with a report URL every link is absolute, in summary.md and the job summary alike', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-gh-links-'));
    const stepSummary = join(dir, 'step-summary.md');
    const files = await writeReports(suite([smallOutcome()]), join(dir, 'report'), {
      env: { ...GITHUB, GITHUB_STEP_SUMMARY: stepSummary },
      output: () => {},
      reportUrl: 'https://ci.example/artifacts/run 5',
    });
    const folder = await readFile(files.summary, 'utf8');
    expect(await readFile(stepSummary, 'utf8')).toBe(folder);
    expect(folder).toContain('[overdraft](https://ci.example/artifacts/run%205/charts/01-small-fleet-over-entitlement-overdraft.png)');
    expect(folder).toContain('Full report: [index.html](https://ci.example/artifacts/run%205/index.html)');
    expect(folder).not.toMatch(/\]\((?!https:)/);
  });
});
