import { mkdtemp, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { licsim } from '../support/cli.ts';

/**
 * Three VAs, one per region, each a unit of its own (no entry couples them): a partition holds whole VAs. Two
 * expectations are over the whole fleet and fail, so the merge's verdicts, evidence and causes are compared too.
 */
const REGIONS = `licsim: 3
name: three regions
seed: 11
duration: 90d
accounts:
  - { id: va-a, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: 100 }] }
  - { id: va-b, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: 40 }] }
  - { id: va-c, kind: virtual-account, purchases: [] }
fleet:
  - { name: a, model: smart-licensing, count: 12, account: va-a, users: 1..10, profiles: { desk-phone: 1 } }
  - { name: b, model: smart-licensing, count: 8, account: va-b, users: 1..10, profiles: { desk-phone: 1 } }
  - { name: c, model: smart-licensing, count: 5, account: va-c, users: 1..10, profiles: { desk-phone: 1 } }
timeline:
  - { at: 0d, do: register, target: { fraction: 80% } }
  - { at: 30d, do: purchase, account: va-c, type: UCL-Enhanced, count: 10 }
expect:
  - eventually: { state: authorized, for: 90%, within: 10d }
  - never: { state: [outOfComplianceOverage], for: 90% }
  - stateCount: { state: authorized, day: 60, atLeast: 50% }
  - alarm: { name: SmartLicenseInEval, cleared: true, by: 20d }
  - ledgerBalanced: true
`;

let dir: string;
let file: string;

const results = (d: string) => readFile(join(d, 'results.json'), 'utf8');

/** Runs `args` as every partition 1..total into `blobs`; each run's exit code and first line. */
async function partitions(args: string[], total: number, blobs: string): Promise<Array<{ code: number; stdout: string }>> {
  const runs: Array<{ code: number; stdout: string }> = [];
  for (let i = 1; i <= total; i++) runs.push(await licsim(['run', ...args, '--partition', `${i}/${total}`, '--out', blobs]));
  return runs;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'licsim-partitions-'));
  file = join(dir, 'regions.yaml');
  await writeFile(file, REGIONS);
});

describe('licsim run --partition i/n and merge (issue 16)', () => {
  it('the bundled suite (the national fleet in it) in 3 partitions merges into the whole run’s results.json, byte for byte', async () => {
    const whole = await licsim(['run', 'scenarios/', '--out', join(dir, 'whole')]);
    expect(whole.code).toBe(0);
    const blobs = join(dir, 'suite-blobs');
    const runs = await partitions(['scenarios/'], 3, blobs);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    // The national fleet's three VAs go one to a partition: 50,000 clusters each.
    expect(runs.map((r) => /A national fleet[^\n]*\((\S+) of 150,000 instances\)/.exec(r.stdout)?.[1])).toEqual([
      '50,000',
      '50,000',
      '50,000',
    ]);
    expect((await readdir(blobs)).sort()).toEqual([1, 2, 3].map((i) => `licsim-partition-blob-${i}-of-3.json`));
    const merged = await licsim(['merge', blobs, '--out', join(dir, 'merged')]);
    expect([merged.code, merged.stderr]).toEqual([0, '']);
    expect(merged.stdout).toContain('Merged        3 partitions');
    expect(await results(join(dir, 'merged'))).toBe(await results(join(dir, 'whole')));
  }, 240_000);

  it('expectations over the whole fleet fail in the merge as in the whole run, with the same evidence and causes (exit 1)', async () => {
    const whole = await licsim(['run', file, '--out', join(dir, 'regions-whole')]);
    expect(whole.code).toBe(1);
    const blobs = join(dir, 'regions-blobs');
    // A partition judges nothing: it exits 0 whatever the merge will find.
    expect((await partitions([file], 2, blobs)).map((r) => r.code)).toEqual([0, 0]);
    const merged = await licsim(['merge', blobs, '--out', join(dir, 'regions-merged')]);
    expect(merged.code).toBe(1);
    const text = await results(join(dir, 'regions-merged'));
    expect(text).toBe(await results(join(dir, 'regions-whole')));
    const verdicts = JSON.parse(text).scenarios[0].verdicts as Array<{ passed: boolean; evidence: Array<{ cause?: unknown }> }>;
    expect(verdicts.map((v) => v.passed)).toEqual([false, false, true, false, true]);
    // The causes came from running again only the units the evidence names.
    expect(verdicts[1]?.evidence[0]?.cause).toBeDefined();
  }, 60_000);

  it('a missing, duplicated or foreign partition, and scenario files changed since, are refused (exit 2), each named', async () => {
    const blobs = join(dir, 'check-blobs');
    await partitions([file], 3, blobs);
    const one = join(blobs, 'licsim-partition-blob-1-of-3.json');
    const two = join(blobs, 'licsim-partition-blob-2-of-3.json');
    const three = join(blobs, 'licsim-partition-blob-3-of-3.json');
    const out = join(dir, 'check-out');
    const missing = await licsim(['merge', one, three, '--out', out]);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('partition 2/3 is missing')]);
    const twice = await licsim(['merge', one, two, two, three, '--out', out]);
    expect(twice.stderr).toContain(`partition 2/3 is given 2 times: ${two}, ${two}`);
    const other = join(dir, 'other-blobs');
    await licsim(['run', file, '--seed', '5', '--partition', '2/3', '--out', other]);
    const foreign = await licsim(['merge', one, join(other, 'licsim-partition-blob-2-of-3.json'), three, '--out', out]);
    expect([foreign.code, foreign.stderr]).toEqual([2, expect.stringContaining('inputs (run id)')]);
    await writeFile(file, REGIONS.replace('count: 40', 'count: 41'));
    const changed = await licsim(['merge', blobs, '--out', out]);
    expect([changed.code, changed.stderr]).toEqual([2, expect.stringContaining('are not those the partitions ran')]);
    await writeFile(file, REGIONS);
    // JSON Lines: the header, then a line per scenario (what the merge streams); a blob cut short is refused.
    const text = await readFile(two, 'utf8');
    expect(text.split('\n')).toHaveLength(3);
    const cut = join(blobs, 'cut.json');
    await writeFile(cut, `${text.split('\n')[0]}\n`);
    const short = await licsim(['merge', one, cut, three, '--out', out]);
    expect([short.code, short.stderr]).toEqual([2, expect.stringContaining(`${cut}: not a whole licsim blob: it ends before line 2`)]);
    await rename(cut, join(dir, 'cut.json'));
    // A blob renamed keeps its partition: the header, not the file name, says which it is.
    await rename(three, join(blobs, 'renamed.json'));
    // (exit 1: its expectations fail, as in the whole run)
    expect((await licsim(['merge', one, two, join(blobs, 'renamed.json'), '--out', out])).code).toBe(1);
  }, 60_000);

  it('options a partition cannot honour are refused by name (exit 2), before anything runs', async () => {
    const r = await licsim(['run', file, '--partition', '1/2', '--baseline', '--bail', '--out', join(dir, 'never')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--bail, --baseline: not with --partition i/n');
    const bad = await licsim(['run', file, '--partition', '3/2']);
    expect(bad.code).toBe(2);
    await expect(readdir(join(dir, 'never'))).rejects.toThrow();
  });
});
