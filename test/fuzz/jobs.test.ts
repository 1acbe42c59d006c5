import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { licsim } from '../support/cli.ts';

const EXAMPLE = 'scenarios/examples/fuzz/late-purchase.yaml';

/** What a fuzz run left in its --out: results.json, summary.md, junit.xml and every counterexample, by name. */
async function outputs(out: string): Promise<Record<string, string>> {
  const names = ['results.json', 'summary.md', 'junit.xml', 'index.html'];
  const files: Record<string, string> = {};
  for (const n of names) files[n] = await readFile(join(out, n), 'utf8');
  for (const n of (await readdir(join(out, 'counterexamples'))).sort()) files[n] = await readFile(join(out, 'counterexamples', n), 'utf8');
  return files;
}

describe('licsim fuzz --jobs', () => {
  it('fuzzes scenarios on worker threads with the results of one after another, byte for byte, in scenario order', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-fuzz-jobs-'));
    const suite = join(dir, 'suite');
    await mkdir(suite);
    const text = await readFile(EXAMPLE, 'utf8');
    // Three scenarios: the example, one that breaks sooner (a purchase on day 29 of a 28-day period), one that always holds.
    await writeFile(join(suite, 'a-late.yaml'), text);
    await writeFile(
      join(suite, 'b-sooner.yaml'),
      text.replace('name: A purchase on the last day', 'name: A purchase past the day').replace('overageDays: 30', 'overageDays: 28'),
    );
    await writeFile(
      join(suite, 'c-holds.yaml'),
      text.replace('name: A purchase on the last day', 'name: Plenty of licences').replace('count: 5 }]', 'count: 50 }]'),
    );
    const one = await licsim(['fuzz', suite, '--seed', '3', '--runs', '60', '--jobs', '1', '--out', join(dir, 'one'), '--no-color']);
    const two = await licsim(['fuzz', suite, '--seed', '3', '--runs', '60', '--jobs', '2', '--out', join(dir, 'two'), '--no-color']);
    expect([one.code, two.code, two.stderr]).toEqual([1, 1, '']);
    const [a, b] = [await outputs(join(dir, 'one')), await outputs(join(dir, 'two'))];
    expect(Object.keys(b)).toEqual(Object.keys(a));
    expect(Object.keys(a).filter((n) => n.endsWith('.yaml'))).toHaveLength(2);
    for (const name of Object.keys(a))
      if (name === 'results.json' || name.endsWith('.yaml')) expect(b[name], name).toBe(a[name]);
      else expect(strip(b[name], join(dir, 'two')), name).toEqual(strip(a[name], join(dir, 'one')));
    // The console in scenario order, as one after another (timings aside).
    const lines = (s: string) =>
      s
        .split('\n')
        .filter((l) => /^ [✓✗] /.test(l))
        .map((l) => l.replace(/ — .*/, ''));
    expect(lines(two.stdout)).toEqual(lines(one.stdout));
    expect(lines(one.stdout).map((l) => l.replace(/^.*› /, ''))).toEqual([
      'A purchase on the last day of the overage period',
      'A purchase past the day of the overage period',
      'Plenty of licences of the overage period',
    ]);
  }, 120_000);
});

/** A report without its timings (seconds and runs per second differ from run to run) and with its --out as OUT. */
function strip(text: string | undefined, out: string): string {
  return (text ?? '').replaceAll(out, 'OUT').replace(/\d+(\.\d+)? ?(s|ms|runs\/s)\b/g, '<t>');
}
