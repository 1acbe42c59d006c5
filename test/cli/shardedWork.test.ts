import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { licsim } from '../support/cli.ts';

/** A small sweep: three overage periods over ten clusters 5 units short from day 1 (a smallest bisection too). */
const SWEEP = `licsim: 3
name: small sweep
seed: 7
duration: 120d
accounts:
  - { id: va, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: 95 }] }
fleet:
  - { name: hq, model: smart-licensing, count: 10, account: va, users: 5..15, profiles: { desk-phone: 1 } }
timeline:
  - { at: 0d, do: register }
  - { at: 70d, do: purchase, account: va, type: UCL-Enhanced, count: 100 }
sweep:
  params:
    smart-licensing.overageDays: 30..90:15
  expect:
    - monotone: { metric: enforcementDays, in: smart-licensing.overageDays, direction: nonIncreasing }
    - smallest: { param: smart-licensing.overageDays, range: 1..120, where: { metric: enforcementDays, atMost: 0 }, atMost: 90 }
`;

const FUZZ = ['scenarios/examples/fuzz', 'scenarios/designer/overage-clock.yaml'];

let dir: string;
let sweepFile: string;

const results = (d: string) => readFile(join(d, 'results.json'), 'utf8');

/** Runs `args` as every shard 1..total into `blobs`; their exit codes. */
async function shards(args: string[], total: number, blobs: string): Promise<number[]> {
  const codes: number[] = [];
  for (let i = 1; i <= total; i++) codes.push((await licsim([...args, '--shard', `${i}/${total}`, '--out', blobs])).code);
  return codes;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'licsim-sharded-'));
  sweepFile = join(dir, 'sweep.yaml');
  await writeFile(sweepFile, SWEEP);
});

describe('licsim sweep --shard i/n and merge (issue 16)', () => {
  it('three shards merged give the unsharded sweep’s results.json, byte for byte; each shard runs only its share', async () => {
    const one = await licsim(['sweep', sweepFile, '--no-cache', '--out', join(dir, 'sweep-one')]);
    expect(one.code).toBe(0);
    const blobs = join(dir, 'sweep-blobs');
    const lines: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const r = await licsim(['sweep', sweepFile, '--no-cache', '--shard', `${i}/3`, '--out', blobs]);
      expect(r.code).toBe(0);
      lines.push(r.stdout.split('\n')[0] as string);
    }
    // Five points, dealt by cost: 2 + 2 + 1, every run once.
    expect(lines.map((l) => /(\d+) of 5 runs/.exec(l)?.[1])).toEqual(['2', '2', '1']);
    expect((await readdir(blobs)).sort()).toEqual([1, 2, 3].map((i) => `licsim-sweep-blob-${i}-of-3.json`));
    const merged = await licsim(['merge', blobs, '--out', join(dir, 'sweep-merged')]);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain('0 run, 0 cached, 5 from shards');
    expect(await results(join(dir, 'sweep-merged'))).toBe(await results(join(dir, 'sweep-one')));
  }, 60_000);

  it('the merge refuses a missing shard, a sweep file changed since the shards ran, and suite-only flags (exit 2)', async () => {
    const blobs = join(dir, 'sweep-blobs');
    const missing = await licsim(['merge', join(blobs, 'licsim-sweep-blob-1-of-3.json'), join(blobs, 'licsim-sweep-blob-3-of-3.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('shard 2/3 is missing');
    const flag = await licsim(['merge', blobs, '--report-url', 'https://example.org/r/', '--out', join(dir, 'x')]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain(
      "--report-url: only for the blobs of licsim run --shard or --partition i/n; these are licsim sweep --shard i/n's",
    );
    const copy = join(dir, 'changed');
    await cp(blobs, copy, { recursive: true });
    await writeFile(sweepFile, SWEEP.replace('seed: 7', 'seed: 8'));
    try {
      const changed = await licsim(['merge', copy, '--out', join(dir, 'y')]);
      expect(changed.code).toBe(2);
      expect(changed.stderr).toMatch(/sweep\.yaml: the sweep's inputs \(run id \w+\) are not those the shards ran \(\w+\)/);
    } finally {
      await writeFile(sweepFile, SWEEP);
    }
  }, 60_000);
});

describe('licsim fuzz --shard i/n and merge (issue 16)', () => {
  it('the shards search disjoint shares of one search: merged, the campaign of one process, byte for byte', async () => {
    for (const all of [[], ['--all']]) {
      const args = ['fuzz', ...FUZZ, '--runs', '40', '--seed', '9', ...all];
      const tag = all.length ? 'all' : 'first';
      const one = await licsim([...args, '--out', join(dir, `fuzz-one-${tag}`)]);
      expect(one.code).toBe(1);
      const blobs = join(dir, `fuzz-blobs-${tag}`);
      // Each shard exits 1 when its share found a counterexample, as the campaign would.
      expect((await shards(args, 3, blobs)).some((code) => code === 1)).toBe(true);
      const merged = await licsim(['merge', blobs, '--out', join(dir, `fuzz-merged-${tag}`)]);
      expect(merged.stderr).toBe('');
      expect(merged.code).toBe(1);
      expect(await results(join(dir, `fuzz-merged-${tag}`))).toBe(await results(join(dir, `fuzz-one-${tag}`)));
      const written = await readdir(join(dir, `fuzz-one-${tag}`, 'counterexamples'));
      expect(await readdir(join(dir, `fuzz-merged-${tag}`, 'counterexamples'))).toEqual(written);
      for (const name of written)
        expect(await readFile(join(dir, `fuzz-merged-${tag}`, 'counterexamples', name), 'utf8')).toBe(
          await readFile(join(dir, `fuzz-one-${tag}`, 'counterexamples', name), 'utf8'),
        );
    }
  }, 240_000);

  it('--shard needs --seed, and takes no --save or --prune; blobs of two kinds are not merged (exit 2)', async () => {
    const noSeed = await licsim(['fuzz', FUZZ[0] as string, '--shard', '1/2']);
    expect([noSeed.code, noSeed.stderr]).toEqual([2, expect.stringContaining('--shard 1/2 needs --seed') as string]);
    const save = await licsim(['fuzz', FUZZ[0] as string, '--seed', '1', '--save', '--shard', '1/2']);
    expect([save.code, save.stderr]).toEqual([2, expect.stringContaining('--shard with --save') as string]);
    const mixed = await licsim([
      'merge',
      join(dir, 'fuzz-blobs-first', 'licsim-fuzz-blob-1-of-3.json'),
      join(dir, 'sweep-blobs', 'licsim-sweep-blob-2-of-3.json'),
    ]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('cannot merge blobs of different kinds: ');
    expect(mixed.stderr).toContain("licsim-sweep-blob-2-of-3.json is licsim sweep --shard i/n's");
    const other = await licsim([
      'merge',
      join(dir, 'fuzz-blobs-first', 'licsim-fuzz-blob-1-of-3.json'),
      join(dir, 'fuzz-blobs-all', 'licsim-fuzz-blob-2-of-3.json'),
      join(dir, 'fuzz-blobs-first', 'licsim-fuzz-blob-3-of-3.json'),
    ]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(
      /fuzz-blob-2-of-3\.json: inputs \(run id\) \w+, but .* has \w+: every shard must search the same scenarios/,
    );
  }, 60_000);
});
