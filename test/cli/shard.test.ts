import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readBlob, type ShardBlob } from '../../cli/blob.ts';
import { mergeCommand } from '../../cli/commands/merge.ts';
import { type RunOptions, runCommand } from '../../cli/commands/run.ts';
import { UsageError } from '../../cli/errors.ts';
import { mergeBlobs } from '../../cli/mergeBlobs.ts';
import { assignShards, parseShard, splitId } from '../../cli/shard.ts';
import { fileCosts, readShardCosts } from '../../cli/shardCosts.ts';
import { resultsJson } from '../../reports/renderReport.ts';
import { licsim } from '../support/cli.ts';

/** A tiny scenario: `count` clusters of 10 desk-phone users for `days` days on `owned` UCL-Enhanced licences. */
const scenario = (name: string, count: number, days: number, owned: number, seed = 1) => `licsim: 3
name: ${name}
description: ${count} clusters register on day 2.
seed: ${seed}
duration: ${days}d
accounts:
  - { id: va, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: ${owned} }] }
fleet:
  - { name: sl, model: smart-licensing, count: ${count}, account: va, users: 10, profiles: { desk-phone: 1 } }
timeline:
  - { at: 2d, do: register }
expect:
  - maxOverdraft: { max: 0 }
`;

let root: string;
let suite: string;

const options = (out: string, extra: Partial<RunOptions> = {}): RunOptions => ({
  out,
  reporter: ['silent'],
  color: false,
  backend: 'compiled',
  jobs: 2,
  seed: 7,
  ...extra,
});
const blobFiles = async (dir: string) => (await readdir(dir)).filter((f) => f.endsWith('.json')).map((f) => join(dir, f));
const results = (dir: string) => readFile(join(dir, 'results.json'), 'utf8');

/** Runs the suite as `total` shards into `dir` (one blob each) and returns each shard's exit code. */
async function shards(dir: string, total: number, extra: Partial<RunOptions> = {}): Promise<number[]> {
  const codes: number[] = [];
  for (let index = 1; index <= total; index++) codes.push(await runCommand([suite], options(dir, { ...extra, shard: { index, total } })));
  return codes;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'licsim-shard-'));
  suite = join(root, 'suite');
  await mkdir(join(suite, 'counterexamples'), { recursive: true });
  await writeFile(join(suite, 'a-small.yaml'), scenario('small', 2, 10, 100));
  await writeFile(join(suite, 'b-medium.yaml'), scenario('medium', 5, 20, 100));
  await writeFile(join(suite, 'c-large.yaml'), scenario('large', 8, 30, 200));
  await writeFile(join(suite, 'd-fails.yaml'), scenario('runs short', 6, 15, 5));
  await writeFile(join(suite, 'e-long.yaml'), scenario('long', 1, 90, 100));
  await writeFile(join(suite, 'counterexamples', 'saved.yaml'), scenario('saved counterexample', 3, 12, 100, 42));
});

beforeEach(() => {
  vi.stubEnv('GITHUB_ACTIONS', '');
  vi.stubEnv('GITHUB_STEP_SUMMARY', '');
});

describe('--shard i/n', () => {
  it('takes whole numbers with 1 ≤ i ≤ n, and says what it expected otherwise', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, total: 3 });
    expect(parseShard('1/1')).toEqual({ index: 1, total: 1 });
    for (const bad of ['0/3', '4/3', '1/0', '1.5/3', '-1/3', '1/3/4', 'a/b', '1', ' 1/3', ''])
      expect(() => parseShard(bad), bad).toThrow(/^expected i\/n/);
  });

  it('splits by cost (greedy LPT, ties by file and name, then to the lowest shard), each shard in suite order', () => {
    const s = (file: string, cost: number) => ({ file, name: file, cost });
    // Costs 9, 7, 5, 4, 4 on 2 shards: 9 → 1; 7 → 2; 5 → 2 (12); 4 (d) → 1 (13); 4 (e) → 2 (16).
    expect(assignShards([s('a', 9), s('e', 4), s('b', 7), s('d', 4), s('c', 5)], 2)).toEqual([
      [0, 3],
      [1, 2, 4],
    ]);
    // File count would put two scenarios on each shard; cost puts the one big one alone.
    expect(assignShards([s('a', 1), s('b', 1), s('c', 1), s('d', 10)], 2)).toEqual([[3], [0, 1, 2]]);
    // More shards than scenarios: the last ones are empty.
    expect(assignShards([s('a', 1), s('b', 2)], 3)).toEqual([[1], [0], []]);
    // Scenarios of no cost (a costs file of zeros) still spread: ties go to the shard with fewer scenarios.
    expect(assignShards([s('a', 0), s('b', 0), s('c', 0), s('d', 0)], 2)).toEqual([
      [0, 2],
      [1, 3],
    ]);
  });

  it('a costs file: listed scenarios cost their events; one it does not list, its instance-days at the rate of those listed', () => {
    const loaded = (file: string, instances: number, days: number) =>
      ({ file, name: file, variants: [{ label: 'A', scenario: { fleet: [{ count: instances }], days, timeline: [] } }] }) as never;
    const scenarios = [loaded('a', 10, 10), loaded('b', 2, 10), loaded('c', 5, 20)];
    // a: 500 events over 100 instance-days, c: 100 over 100: 3 events per instance-day; b (20 instance-days) is estimated at 60.
    const costs = fileCosts(
      scenarios,
      [
        { file: 'a', name: 'a', cost: 500 },
        { file: 'c', name: 'c', cost: 100 },
        { file: 'gone', name: 'gone', cost: 9 },
      ],
      'h',
    );
    expect(costs).toEqual({ costs: [500, 60, 100], source: 'events (--shard-costs sha256 h)', estimated: 1 });
    // Listing none of them: instance-days throughout.
    expect(fileCosts(scenarios, [], 'h').costs).toEqual([100, 20, 100]);
  });

  it("a split's identity changes with any scenario's cost, its order or the costs' source", () => {
    const list = [
      { file: 'a', name: 'x', cost: 1 },
      { file: 'b', name: 'y', cost: 2 },
    ];
    const id = splitId(list, 'instance-days');
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(splitId(list, 'instance-days')).toBe(id);
    expect(splitId([list[0] as (typeof list)[0], { file: 'b', name: 'y', cost: 3 }], 'instance-days')).not.toBe(id);
    expect(splitId([...list].reverse(), 'instance-days')).not.toBe(id);
    expect(splitId(list, 'events')).not.toBe(id);
  });
});

describe('a sharded run merged equals the unsharded run', () => {
  let full: string;
  let costs: string;

  beforeAll(async () => {
    full = join(root, 'full');
    costs = join(root, 'costs', 'shard-costs.json');
    expect(await runCommand([suite], options(full, { writeShardCosts: costs }))).toBe(1);
  }, 60_000);

  it('3 shards by instance-days: each scenario runs once, the counterexample first; merged results.json is byte-identical', async () => {
    const dir = join(root, 'blobs-3');
    expect(await shards(dir, 3)).toEqual([0, 0, 1]);
    const files = await blobFiles(dir);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual([
      'licsim-blob-1-of-3.json',
      'licsim-blob-2-of-3.json',
      'licsim-blob-3-of-3.json',
    ]);
    const blobs: ShardBlob[] = await Promise.all(files.map(readBlob));
    // Instance-days (instances × days), dearest first: large 240 → 1, medium 100 → 2, runs short 90 → 3, long 90
    // (d-fails.yaml sorts before e-long.yaml) → 3 (180), saved 36 → 2 (136), small 20 → 2 (156).
    expect(blobs.map((b) => b.outcomes.map((o) => o.name))).toEqual([
      ['large'],
      ['saved counterexample', 'small', 'medium'],
      ['runs short', 'long'],
    ]);
    expect(blobs.map((b) => b.positions)).toEqual([[3], [0, 1, 2], [4, 5]]);
    expect(new Set(blobs.map((b) => b.split)).size).toBe(1);
    expect(blobs[1]?.outcomes[0]).toMatchObject({ counterexample: true, passed: true });
    const merged = join(root, 'merged-3');
    const mergedCosts = join(root, 'costs', 'merged.json');
    expect(await mergeCommand([...files].reverse(), { out: merged, color: false, writeShardCosts: mergedCosts })).toBe(1);
    expect(await results(merged)).toBe(await results(full));
    // The merged run writes the same costs file as the whole run.
    expect(await readFile(mergedCosts, 'utf8')).toBe(await readFile(costs, 'utf8'));
    const timings = JSON.parse(await readFile(join(merged, 'timings.json'), 'utf8'));
    expect(timings.scenarios.map((t: { name: string }) => t.name)).toEqual([
      'saved counterexample',
      'small',
      'medium',
      'large',
      'runs short',
      'long',
    ]);
    expect((await readdir(merged)).sort()).toEqual(
      ['.licsim-report.json', 'charts', 'index.html', 'junit.xml', 'results.json', 'scenarios', 'summary.md', 'timings.json'].sort(),
    );
    expect(await readFile(join(merged, 'junit.xml'), 'utf8')).toContain('name="runs short"');
  }, 60_000);

  it('--write-shard-costs writes events per scenario; --shard-costs splits by them; merged results.json still identical', async () => {
    const written = JSON.parse(await readFile(costs, 'utf8'));
    expect(written.schema).toBe('licsim/shard-costs@1');
    const ran = JSON.parse(await results(full));
    type Run = { result: { work: { steps: number; messages: number } } };
    expect(written.scenarios).toEqual(
      ran.scenarios.map((o: { file: string; name: string; runs: Run[] }) => ({
        file: o.file,
        name: o.name,
        cost: o.runs.reduce((n, r) => n + r.result.work.steps + r.result.work.messages, 0),
      })),
    );
    // A committed file lists the long scenario as by far the dearest: it gets a shard of its own.
    const file = join(root, 'costs', 'edited.json');
    const edited = written.scenarios.map((s: { name: string; cost: number }) => ({ ...s, cost: s.name === 'long' ? 1_000_000 : s.cost }));
    await writeFile(file, JSON.stringify({ ...written, scenarios: edited }, null, 2));
    const dir = join(root, 'blobs-costs');
    await shards(dir, 2, { shardCosts: file });
    const blobs = await Promise.all((await blobFiles(dir)).map(readBlob));
    expect(blobs.map((b) => b.outcomes.map((o) => o.name))).toEqual([
      ['long'],
      ['saved counterexample', 'small', 'medium', 'large', 'runs short'],
    ]);
    expect(blobs[0]?.costSource).toMatch(/^events \(--shard-costs sha256 [0-9a-f]{16}\)$/);
    const merged = join(root, 'merged-costs');
    // A folder stands for the blobs in it.
    expect(await mergeCommand([dir], { out: merged, color: false })).toBe(1);
    expect(await results(merged)).toBe(await results(full));
  }, 60_000);

  it('a shard with no scenarios writes an empty blob and passes; the 7 blobs merge to the same results.json', async () => {
    const dir = join(root, 'blobs-7');
    const log = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    let codes: number[];
    let said: string;
    try {
      codes = await shards(dir, 7, { reporter: ['default'] });
    } finally {
      said = log.mock.calls.map((c) => String(c[0])).join('');
      log.mockRestore();
    }
    expect(codes.at(-1)).toBe(0);
    expect(said).toContain(' --shard 7/7: no scenarios to run (all 6 scenarios went to other shards); wrote an empty blob\n');
    const empty = await readBlob(join(dir, 'licsim-blob-7-of-7.json'));
    expect([empty.outcomes, empty.positions, empty.scenarios]).toEqual([[], [], 6]);
    const given = await Promise.all((await blobFiles(dir)).map(async (file) => ({ file, blob: await readBlob(file) })));
    const { suite: merged, runId } = mergeBlobs(given);
    expect(resultsJson(merged, runId)).toBe(await results(full));
  }, 60_000);

  it('a shard stopped by --bail counts what it did not run; merge counts it too (notRun), the rest in their places', async () => {
    const dir = join(root, 'blobs-bail');
    // Shard 3/3 runs "runs short" (fails) before "long": with --bail and one job, "long" never starts.
    expect(await runCommand([suite], options(dir, { shard: { index: 3, total: 3 }, bail: true, jobs: 1 }))).toBe(1);
    const bailed = await readBlob(join(dir, 'licsim-blob-3-of-3.json'));
    expect([bailed.positions, bailed.outcomes.map((o) => o.name), bailed.notRun]).toEqual([[4], ['runs short'], 1]);
    const others = (await blobFiles(join(root, 'blobs-3'))).slice(0, 2);
    const given = await Promise.all(
      [...others, join(dir, 'licsim-blob-3-of-3.json')].map(async (file) => ({ file, blob: await readBlob(file) })),
    );
    const { suite: merged } = mergeBlobs(given);
    expect([merged.scenarios.map((o) => o.name), merged.notRun, merged.passed]).toEqual([
      ['saved counterexample', 'small', 'medium', 'large', 'runs short'],
      1,
      false,
    ]);
  }, 60_000);

  it('merge refuses a missing or doubled shard, and blobs of another split, inputs or version, naming each', async () => {
    const dir = join(root, 'blobs-3');
    const files = await blobFiles(dir);
    const given = await Promise.all(files.map(async (file) => ({ file, blob: await readBlob(file) })));
    const [one, two, three] = given as [(typeof given)[0], (typeof given)[0], (typeof given)[0]];
    const problems = (list: typeof given) => {
      try {
        mergeBlobs(list);
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as UsageError).lines;
      }
      throw new Error('merged');
    };
    expect(problems([one, three])).toEqual(['shard 2/3 is missing']);
    expect(problems([one, two, two, three])).toEqual([`shard 2/3 is given 2 times: ${two.file}, ${two.file}`]);
    const other = (patch: Partial<ShardBlob>) => ({ file: 'other.json', blob: { ...three.blob, ...patch } });
    expect(problems([one, two, other({ inputs: 'feedfacefeedface' })])).toEqual([
      `other.json: inputs (run id) feedfacefeedface, but ${one.file} has ${one.blob.inputs}: ` +
        'every shard must load the same scenarios with the same --seed and --only',
    ]);
    expect(problems([one, two, other({ licsim: '9.9.9' })])[0]).toMatch(/^other\.json: licsim version 9\.9\.9, but .* has 0\.1\.0: /);
    expect(problems([one, two, other({ split: 'abc', costSource: 'events' })])[0]).toMatch(
      /^other\.json: split abc \(events\), but .* every shard must split by the same costs \(--shard-costs\)$/,
    );
    // A shard of a run with another --seed has other inputs.
    const seeded = join(root, 'blobs-seed');
    await runCommand([suite], options(seeded, { seed: 8, shard: { index: 3, total: 3 } }));
    const error = await mergeCommand([files[0] as string, files[1] as string, join(seeded, 'licsim-blob-3-of-3.json')], {
      out: join(root, 'never'),
      color: false,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).lines).toEqual([expect.stringMatching(/licsim-blob-3-of-3\.json: inputs \(run id\) [0-9a-f]{16}, but /)]);
    await expect(readdir(join(root, 'never'))).rejects.toThrow(/ENOENT/);
  }, 60_000);
});

describe('bad input', () => {
  it('--shard-costs needs --shard; --write-shard-costs a whole run; a shard will not write its blob into a report folder', async () => {
    const out = join(root, 'usage');
    await expect(runCommand([suite], options(out, { shardCosts: 'x.json' }))).rejects.toThrow(
      '--shard-costs: only with --shard i/n (it says how to split the suite)',
    );
    await expect(runCommand([suite], options(out, { shard: { index: 1, total: 2 }, writeShardCosts: 'x.json' }))).rejects.toThrow(
      /^--write-shard-costs: a shard runs part of the suite; /,
    );
    await expect(runCommand([suite], options(out, { shard: { index: 1, total: 2 }, shardCosts: join(root, 'none.json') }))).rejects.toThrow(
      `--shard-costs ${join(root, 'none.json')}: cannot read it (ENOENT)`,
    );
    await expect(runCommand([suite], options(join(root, 'full'), { shard: { index: 1, total: 2 } }))).rejects.toThrow(
      /--out .*full is a report folder \(licsim wrote it\); --shard 1\/2 writes its blob to a folder of its own/,
    );
    await expect(readdir(out)).rejects.toThrow(/ENOENT/);
  });

  it('a --shard-costs file with problems: every one at file:line:col with what was expected', async () => {
    const file = join(root, 'bad-costs.json');
    await writeFile(
      file,
      '{\n  "schema": "licsim/shard-costs@1",\n  "unit": "events",\n  "scenarios": [\n' +
        '    { "file": "a.yaml", "name": "a", "cost": -1 },\n' +
        '    { "file": "a.yaml", "cost": 3 }\n  ]\n}\n',
    );
    const error = (await readShardCosts(file).catch((e: unknown) => e)) as UsageError;
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(`--shard-costs ${file}: 2 problems`);
    expect(error.lines).toEqual([
      `${file}:5:46: scenarios[0].cost: expected a whole number of events, 0 or more`,
      `${file}:6:5: scenarios[1].name: expected the scenario's name`,
    ]);
    await writeFile(file, '{ "schema": "licsim/shard-costs@1", "scenarios": [ }');
    const broken = (await readShardCosts(file).catch((e: unknown) => e)) as UsageError;
    expect(broken.lines[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:\\d+: not JSON: `));
  });

  it('end to end: a bad --shard exits 2 naming the flag; merge of a file that is no blob exits 2 naming it', async () => {
    const r = await licsim(['run', suite, '--shard', '4/3', '--out', join(root, 'nothing')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "error: option '--shard <i/n>' argument '4/3' is invalid. expected i/n with 1 ≤ i ≤ n, such as 1/3; found 4/3",
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const m = await licsim(['merge', join(suite, 'a-small.yaml'), '--out', join(root, 'nothing')]);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain(`licsim: ${join(suite, 'a-small.yaml')}: not a licsim blob: not JSON`);
    await expect(readdir(join(root, 'nothing'))).rejects.toThrow(/ENOENT/);
  }, 30_000);
});
