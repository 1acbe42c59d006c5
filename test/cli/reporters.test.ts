import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../cli/errors.ts';
import { deliverReports, reporterPlan } from '../../cli/reporters.ts';
import { licsim } from '../support/cli.ts';

describe('reporters like vitest’s (issue 14)', () => {
  it('plans the console reporter, the file reporters and where each goes', () => {
    expect(reporterPlan([])).toEqual({ console: 'default', files: [], github: false });
    expect(reporterPlan(['dot', 'junit', 'json'], ['junit=out/j.xml'])).toEqual({
      console: 'dot',
      files: [
        { name: 'junit', to: 'out/j.xml' },
        { name: 'json', to: null },
      ],
      github: false,
    });
    // A file printed on stdout is the console's only output unless a console reporter is named.
    expect(reporterPlan(['json']).console).toBe('silent');
    expect(reporterPlan(['markdown'], ['summary.md'])).toEqual({
      console: 'default',
      files: [{ name: 'markdown', to: 'summary.md' }],
      github: false,
    });
    // html is the report folder itself; with an --output-file it is copied there.
    expect(reporterPlan(['html', 'github'])).toEqual({ console: 'default', files: [], github: true });
    expect(reporterPlan(['html'], ['html=site']).files).toEqual([{ name: 'html', to: 'site' }]);
  });

  it('refuses an unknown reporter, two console reporters and an --output-file for no reporter of the run', () => {
    expect(() => reporterPlan(['dots'])).toThrow(
      new UsageError('--reporter dots: expected one of default, verbose, dot, silent, json, junit, markdown, html, github'),
    );
    expect(() => reporterPlan(['dot', 'verbose'])).toThrow(/the console takes one of default, verbose, dot, silent/);
    expect(() => reporterPlan(['json'], ['junit=x.xml'])).toThrow(/junit is not a file reporter of this run/);
    expect(() => reporterPlan(['json', 'junit'], ['x.xml'])).toThrow(/say which reporter it is for, e.g. junit=x.xml/);
  });

  it('copies each file from the report folder, or prints it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-reporters-'));
    await writeFile(join(dir, 'results.json'), '{"r":1}\n');
    await writeFile(join(dir, 'junit.xml'), '<x/>\n');
    const printed: string[] = [];
    await deliverReports(reporterPlan(['json', 'junit'], [`junit=${join(dir, 'deep', 'j.xml')}`]), dir, (t) => printed.push(t));
    expect(printed).toEqual(['{"r":1}\n']);
    expect(await readFile(join(dir, 'deep', 'j.xml'), 'utf8')).toBe('<x/>\n');
  });

  it('dot, junit to a file and github at once; json alone on stdout is the report’s results.json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-reporters-cli-'));
    const file = join(dir, 'late.yaml');
    const text = (await readFile('scenarios/examples/fuzz/late-purchase.yaml', 'utf8')).replace(/^fuzz:[\s\S]*$/m, '');
    await writeFile(file, text.replace('at: 30d, do: purchase', 'at: 31d, do: purchase'));
    const out = join(dir, 'rep');
    const a = await licsim([
      'run',
      file,
      '--out',
      out,
      '--reporter',
      'dot',
      '--reporter',
      'junit,github',
      '--output-file',
      `junit=${join(dir, 'j.xml')}`,
    ]);
    expect(a.code).toBe(1);
    expect(a.stdout.startsWith('F\n ✗ ')).toBe(true);
    expect(a.stdout).toMatch(/^::error file=.*late\.yaml,line=27,title=licsim%3A /m);
    expect(await readFile(join(dir, 'j.xml'), 'utf8')).toBe(await readFile(join(out, 'junit.xml'), 'utf8'));
    const b = await licsim(['run', file, '--out', out, '--reporter', 'json']);
    expect(b.code).toBe(1);
    expect(b.stdout).toBe(await readFile(join(out, 'results.json'), 'utf8'));
  }, 60_000);
});
