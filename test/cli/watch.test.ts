import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { passedOn, watchLine, watchRuns } from '../../cli/watch.ts';

const c = pc.createColors(false);

describe('licsim run --watch (issue 14)', () => {
  it('passes each run the flags as written, without the paths and --watch', () => {
    const run = new Command('run').option('-o, --out <dir>').option('--force').option('--only <names>').option('--no-color');
    expect(passedOn(run, ['scenarios/', '--out', 'rep', '--watch', '--force', 'more/', '--only=a,b', '-o', 'x', '--no-color'])).toEqual([
      '--out',
      'rep',
      '--force',
      '--only=a,b',
      '-o',
      'x',
      '--no-color',
    ]);
  });

  it('ends each run with one line: the time, what changed, the counts and the seconds', () => {
    const summary = { scenarios: 3, failed: 1, expectations: 9, expectationsFailed: 2, invalid: false };
    expect(watchLine(summary, ['a.yaml'], 1.23, '10:01:02', c)).toBe(
      '[10:01:02] a.yaml changed: 3 scenarios, 1 failed; 9 expectations, 2 failed (1.2 s)',
    );
    expect(watchLine({ ...summary, failed: 0, expectationsFailed: 0, scenarios: 1 }, [], 0.5, '10:01:02', c)).toBe(
      '[10:01:02] first run: 1 scenario, all passed; 9 expectations, all passed (0.5 s)',
    );
    expect(watchLine({ ...summary, invalid: true }, ['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml'], 2, '10:01:02', c)).toBe(
      '[10:01:02] a.yaml, b.yaml, c.yaml and 1 more changed: input invalid: nothing was run (2.0 s)',
    );
  });

  it('runs once, then again when a scenario file changes: that file alone, with its new verdict', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-watch-'));
    const folder = join(dir, 'suite');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(folder);
    const text = (await readFile('scenarios/examples/fuzz/late-purchase.yaml', 'utf8')).replace(/^fuzz:[\s\S]*$/m, '');
    await writeFile(join(folder, 'a.yaml'), text);
    await writeFile(join(folder, 'b.yaml'), text.replace('name: A purchase', 'name: Another purchase'));
    const lines: string[] = [];
    let stop = () => {};
    const until = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const second = new Promise<void>((resolve) => {
      const write = (line: string) => {
        lines.push(line);
        if (lines.filter((l) => l.startsWith('[')).length === 2) resolve();
      };
      void watchRuns([folder], {
        out: join(dir, 'rep'),
        color: false,
        args: ['--out', join(dir, 'rep'), '--reporter', 'silent'],
        write,
        until,
      });
    });
    // The first run, then a change that breaks a.yaml's expectation (the purchase a day after the overage period).
    while (!lines.some((l) => l.includes('watching'))) await new Promise((r) => setTimeout(r, 100));
    await writeFile(join(folder, 'a.yaml'), text.replace('at: 30d, do: purchase', 'at: 31d, do: purchase'));
    await second;
    stop();
    const summaries = lines.filter((l) => l.startsWith('['));
    expect(summaries[0]).toMatch(/^\[\d\d:\d\d:\d\d\] first run: 2 scenarios, all passed; 2 expectations, all passed \(\d+\.\d s\)$/);
    expect(summaries[1]).toMatch(
      /^\[\d\d:\d\d:\d\d\] .*suite\/a\.yaml changed: 1 scenario, 1 failed; 1 expectation, 1 failed \(\d+\.\d s\)$/,
    );
  }, 60_000);
});
