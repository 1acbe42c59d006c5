import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pc from 'picocolors';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROGRESS_INTERVAL_MS, ProgressLine } from '../../cli/commands/verify.ts';
import { exploreVariant } from '../../verify/checker.ts';
import { parseVerification } from '../../verify/loader.ts';
import { licsim, licsimProcess } from '../support/cli.ts';

// Tiny worlds: one instance, at most one event on a path, a few months: each is checked in well under a second.
const WORLD = (name: string, purchased: number) => `licsim: 3
name: ${name}
description: One cluster of ten users; the environment may add five.
seed: 1
duration: 120d
accounts:
  - { id: va, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: ${purchased} }] }
fleet:
  - { name: shop, model: smart-licensing, count: 1, account: va, users: 10, profiles: { desk-phone: 1 } }
timeline:
  - { at: 1d, do: register }
`;

const HOLDS = `${WORLD('enough bought', 20)}verify:
  events: 1
  alphabet:
    - { do: grow, users: 5, target: { groups: [shop] } }
  properties:
    - { name: never enforced, rules: [SL-12], never: { state: enforcement } }
    - { name: state and ledger agree, consistent: true }
`;

const FAILS = `${WORLD('growth past the purchase', 10)}verify:
  events: 1
  alphabet:
    - { do: grow, users: 5, target: { groups: [shop] } }
  properties:
    - name: never enforced
      rules: [SL-12]
      never: { state: enforcement }
    - { name: state and ledger agree, consistent: true }
`;

const EXPECTED = FAILS.replace('name: growth past the purchase', 'name: a known weakness').replace(
  '      rules: [SL-12]\n',
  '      rules: [SL-12]\n      expect: violated\n',
);

const BAD = FAILS.replace('    - { do: grow, users: 5', '    - { do: grow, userz: 5');

const SCENARIO = `licsim: 3
name: a plain scenario
seed: 3
duration: 10d
accounts:
  - { id: va, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: 100 }] }
fleet:
  - { name: sl, model: smart-licensing, count: 1, account: va, users: 10, profiles: { desk-phone: 1 } }
expect:
  - maxOverdraft: { max: 0 }
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'licsim-verify-'));
  await mkdir(join(dir, 'suite'));
  await writeFile(join(dir, 'suite', 'holds.yaml'), HOLDS);
  await writeFile(join(dir, 'suite', 'expected.yaml'), EXPECTED);
  await writeFile(join(dir, 'suite', 'plain.yaml'), SCENARIO);
  await writeFile(join(dir, 'fails.yaml'), FAILS);
  await writeFile(join(dir, 'bad.yaml'), BAD);
  await writeFile(join(dir, 'plain.yaml'), SCENARIO);
});

const json = async (file: string) => JSON.parse(await readFile(file, 'utf8'));

describe('licsim verify', () => {
  it('exit 0 when every property holds or is violated as expected; scenario files are skipped and counted', async () => {
    const out = join(dir, 'out-pass');
    const r = await licsim(['verify', join(dir, 'suite'), '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ ✓ .*holds\.yaml › enough bought \(\d+ states, \d+ distinct, depth 1\) [\d.]+ s\n/);
    expect(r.stdout).toContain('✓ never enforced — holds [SL-12]');
    expect(r.stdout).toContain('✓ never enforced — violated, as expected [SL-12]');
    expect(r.stdout).toContain('Skipped 1 scenario file (licsim run runs it)');
    expect(r.stdout).toMatch(/ Properties {4}4 passed \(4\)/);
    const results = await json(join(out, 'results.json'));
    expect(results).toMatchObject({ schema: 'licsim/verify-result@1', passed: true, seed: null });
    expect(results.files.map((f: { name: string }) => f.name)).toEqual(['a known weakness', 'enough bought']);
    const [expected] = results.files[0].variants[0].properties;
    expect(expected).toMatchObject({ name: 'never enforced', kind: 'never', outcome: 'violated', passed: true, expectViolated: true });
    expect(expected.counterexample.steps).toEqual([{ day: 0, event: 'grow users 5 (shop)' }]);
    // An expected violation's counterexample is written too.
    expect(existsSync(join(out, expected.counterexample.file))).toBe(true);
    const junit = await readFile(join(out, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testsuites name="licsim verify" tests="4" failures="0"/);
  });

  it('exit 1 when a property fails: its counterexample is a scenario that licsim run fails on', async () => {
    const out = join(dir, 'out-fail');
    const r = await licsim(['verify', join(dir, 'fails.yaml'), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ never enforced — violated [SL-12]');
    expect(r.stdout).toContain('1. day 0: grow users 5 (shop)');
    expect(r.stdout).toContain('✓ state and ledger agree — holds');
    expect(r.stdout).toMatch(/ Properties {4}1 passed, 1 failed \(2\)/);
    const results = await json(join(out, 'results.json'));
    const [never, consistent] = results.files[0].variants[0].properties;
    expect(never).toMatchObject({ outcome: 'violated', passed: false, rules: ['SL-12'], source: { line: 17 } });
    expect(consistent).toMatchObject({ outcome: 'holds', passed: true, counterexample: null });
    expect(never.counterexample.file).toBe('counterexamples/fails--never-enforced.yaml');
    expect(await readdir(join(out, 'counterexamples'))).toEqual(['fails--never-enforced.yaml']);

    const junit = await readFile(join(out, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testsuites name="licsim verify" tests="2" failures="1"/);
    expect(junit).toContain('classname="');
    expect(junit).toMatch(/<failure message="violated \(SL-12\)" type="violated">[^<]*1\. day 0: grow users 5 \(shop\)/);
    const summary = await readFile(join(out, 'summary.md'), 'utf8');
    expect(summary).toContain('Within the bounds: horizon 120 days, at most 1 event of the alphabet on a path');
    expect(summary).toMatch(/\n1\. day 0: grow users 5 \(shop\)\n\nbroken on day \d+\n/);
    const html = await readFile(join(out, 'index.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('fails, as the checker found');
    expect(html).toContain('entered enforcement on day');

    // Replayed through both backends, it fails identically: the same expectation, with the same evidence.
    const replay = await licsim(['run', join(out, never.counterexample.file), '--out', join(dir, 'out-replay')]);
    const actors = await licsim([
      'run',
      join(out, never.counterexample.file),
      '--out',
      join(dir, 'out-replay-actors'),
      '--backend',
      'actors',
    ]);
    for (const r of [replay, actors]) {
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('entered enforcement on day');
    }
    const verdicts = async (report: string) =>
      (await json(join(dir, report, 'results.json'))).scenarios.map((s: { verdicts: unknown }) => s.verdicts);
    const compiled = await verdicts('out-replay');
    expect(compiled[0]).toEqual([expect.objectContaining({ kind: 'never', passed: false, evidence: [expect.anything()] })]);
    expect(await verdicts('out-replay-actors')).toEqual(compiled);
  });

  it('--seed N: the counterexample holds seed N, and the replay hint is the plain licsim run of it', async () => {
    const out = join(dir, 'out-seed');
    const r = await licsim(['verify', join(dir, 'fails.yaml'), '--out', out, '--seed', '9']);
    expect(r.code).toBe(1);
    const file = join(out, 'counterexamples', 'fails--never-enforced.yaml');
    const yaml = await readFile(file, 'utf8');
    expect(yaml).toMatch(/^seed: 9$/m);
    expect(yaml).not.toMatch(/^seed: 1$/m);
    expect(r.stdout).toContain(`replay: licsim run ${file}\n`);
    expect(r.stdout).not.toContain('--seed');
    expect(await json(join(out, 'results.json'))).toMatchObject({ seed: 9 });
    const summary = await readFile(join(out, 'summary.md'), 'utf8');
    expect(summary).toContain('replay: `licsim run counterexamples/fails--never-enforced.yaml`');
  });

  it('results.json is byte-identical across two runs', async () => {
    const a = await licsim(['verify', join(dir, 'fails.yaml'), '--out', join(dir, 'same-a')]);
    const b = await licsim(['verify', join(dir, 'fails.yaml'), '--out', join(dir, 'same-b')]);
    expect([a.code, b.code]).toEqual([1, 1]);
    const text = await readFile(join(dir, 'same-a', 'results.json'), 'utf8');
    expect(text).toEqual(await readFile(join(dir, 'same-b', 'results.json'), 'utf8'));
    expect(text).not.toMatch(/seconds|"time"/);
  });

  it('--jobs 2 (worker threads) gives results.json byte-identical to --jobs 1 (in process), and the same lines', async () => {
    const files = [join(dir, 'suite', 'holds.yaml'), join(dir, 'fails.yaml')];
    const one = await licsim(['verify', ...files, '--out', join(dir, 'jobs-1'), '--jobs', '1']);
    const two = await licsim(['verify', ...files, '--out', join(dir, 'jobs-2'), '--jobs', '2']);
    expect([one.code, two.code]).toEqual([1, 1]);
    expect(two.stderr).toBe('');
    const text = await readFile(join(dir, 'jobs-1', 'results.json'), 'utf8');
    expect(await readFile(join(dir, 'jobs-2', 'results.json'), 'utf8')).toEqual(text);
    expect(JSON.parse(text).files.map((f: { name: string }) => f.name)).toEqual(['enough bought', 'growth past the purchase']);
    expect(await readdir(join(dir, 'jobs-2', 'counterexamples'))).toEqual(['fails--never-enforced.yaml']);
    // The same lines in the same order (file, then variant), but for the seconds and the folder's name.
    const lines = (r: { stdout: string }, out: string) =>
      r.stdout
        .replaceAll(join(dir, out), 'OUT')
        .replace(/ [\d.]+ s\n/g, ' N s\n')
        .split('\n');
    expect(lines(two, 'jobs-2')).toEqual(lines(one, 'jobs-1'));
  });

  it('a crash while exploring is exit 3, naming the file, on worker threads and in process', async () => {
    for (const jobs of ['2', '1']) {
      const files = [join(dir, 'suite', 'holds.yaml'), join(dir, 'fails.yaml')];
      const r = await licsimProcess(['verify', ...files, '--out', join(dir, `crash-${jobs}`), '--jobs', jobs], {
        env: { LICSIM_TEST_CRASH_VERIFICATION: 'growth past the purchase' },
      });
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(`licsim crashed while checking ${join(dir, 'fails.yaml')} › growth past the purchase:`);
      expect(r.stderr).toContain('a crash the verify test asked for');
    }
  });

  it('exit 1 when --max-states cuts the exploration short: the verdicts are unknown', async () => {
    const out = join(dir, 'out-cut');
    const r = await licsim(['verify', join(dir, 'suite', 'holds.yaml'), '--out', out, '--max-states', '1']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('cut short');
    const results = await json(join(out, 'results.json'));
    expect(results.files[0].variants[0]).toMatchObject({ complete: false, states: 1 });
    expect(results.files[0].variants[0].properties[0]).toMatchObject({ outcome: 'unknown', passed: false });
  });

  it('exit 2 on a bad key, with file:line:col and no stack trace; nothing is written', async () => {
    const out = join(dir, 'out-bad');
    const r = await licsim(['verify', join(dir, 'bad.yaml'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.yaml:15:19: verify.alphabet[0].userz: unknown key "userz"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('--out: a folder licsim verify wrote is replaced whole (old counterexamples go); a foreign one is refused (exit 2)', async () => {
    const out = join(dir, 'out-reused');
    expect((await licsim(['verify', join(dir, 'fails.yaml'), '--out', out])).code).toBe(1);
    expect(await readdir(join(out, 'counterexamples'))).toHaveLength(1);
    expect((await licsim(['verify', join(dir, 'suite', 'holds.yaml'), '--out', out])).code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['.licsim-report.json', 'index.html', 'junit.xml', 'results.json', 'summary.md']);
    expect((await readdir(dir)).filter((n) => n.startsWith('.out-reused'))).toEqual([]);

    const foreign = join(dir, 'out-foreign');
    await mkdir(foreign);
    await writeFile(join(foreign, 'notes.txt'), 'mine');
    const r = await licsim(['verify', join(dir, 'suite', 'holds.yaml'), '--out', foreign]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds files licsim did not write, or that changed since it wrote them: notes\.txt/);
    expect(await readdir(foreign)).toEqual(['notes.txt']);
  });

  it('exit 2 when no verification file is given', async () => {
    const r = await licsim(['verify', join(dir, 'plain.yaml'), '--out', join(dir, 'out-none')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no verification files to check');
    expect(r.stderr).toContain('skipped 1 scenario file (licsim run runs it)');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('licsim verify: progress', () => {
  it('the checker reports every 25 expanded states, so a world of slow states still shows progress', () => {
    // 99 states: up to three events of the alphabet on a path.
    const loaded = parseVerification(HOLDS.replace('events: 1', 'events: 3').replace('count: 20', 'count: 40'), 'progress.yaml');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const v = loaded.verification;
    const reported: number[] = [];
    const x = exploreVariant(v, v.world.variants[0] as (typeof v.world.variants)[0], { onProgress: (p) => reported.push(p.states) });
    expect(x.states).toBeGreaterThanOrEqual(75);
    expect(x.states).toBeLessThan(500);
    expect(reported).toEqual(Array.from({ length: Math.floor(x.states / 25) }, (_, i) => (i + 1) * 25));
  });

  it('the progress line is rewritten at most every 200 ms, however often the checker reports', () => {
    let now = 1000;
    const written: number[] = [];
    const line = new ProgressLine(true, pc.createColors(false), {
      write: (text) => {
        if (text.includes('states')) written.push(now);
      },
      now: () => now,
      columns: () => 80,
    });
    const figures = (states: number) => ({ states, distinct: states, depth: 1, seconds: 1 });
    for (const t of [1000, 1050, 1150, 1199, 1200, 1350, 1399, 1401, 1500]) {
      now = t;
      line.show('a world', figures(t));
    }
    expect(PROGRESS_INTERVAL_MS).toBe(200);
    expect(written).toEqual([1000, 1200, 1401]);
    // Cleared between variants: the next one's first report is shown at once.
    line.clear();
    now = 1410;
    line.show('the next world', figures(1));
    expect(written).toEqual([1000, 1200, 1401, 1410]);
  });
});

describe('licsim verify: its default report folder', () => {
  it('licsim-verify, like licsim-report, is ignored by git and by biome', async () => {
    const root = new URL('../../', import.meta.url);
    const ignored = (await readFile(new URL('.gitignore', root), 'utf8')).split('\n');
    const biome = JSON.parse(await readFile(new URL('biome.json', root), 'utf8')) as { files: { includes: string[] } };
    for (const folder of ['licsim-report', 'licsim-verify']) {
      expect(ignored, folder).toContain(`${folder}/`);
      expect(biome.files.includes, folder).toContain(`!${folder}`);
    }
  });
});
