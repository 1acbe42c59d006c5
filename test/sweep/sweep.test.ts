import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../engine/run/simulation.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import type { LoadedScenario } from '../../scenarios/loader/resolveScenario.ts';
import { runLoaded } from '../../scenarios/run/runLoaded.ts';
import { pointLoaded, type SweepResult, sweepSpec } from '../../sweep/index.ts';
import { licsim } from '../support/cli.ts';
import { oneCluster } from '../support/oneCluster.ts';

const BUNDLED = 'scenarios/designer/overage-sweep.yaml';

/** Ten clusters of growing size on a VA 5 short from day 1: overage from day 1, enforcement after overageDays. */
const SMALL = `licsim: 3
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
`;

function load(text: string): LoadedScenario {
  const r = parseScenarios(text, 'small.yaml');
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.scenarios[0] as LoadedScenario;
}

describe('sweeps: common random numbers (issue 15)', () => {
  const loaded = load(SMALL);
  const spec = sweepSpec(loaded, undefined, { params: [{ path: 'smart-licensing.overageDays', values: '30,60,90' }] });
  if (!spec.ok) throw new Error(JSON.stringify(spec.problems));

  it('every point runs the same fleet: the same identities and populations, only the policy differs', () => {
    const sims = spec.spec.points.map(
      (p) => new Simulation((pointLoaded(spec.spec, p.values, 7).variants[0] as NonNullable<LoadedScenario['variants'][0]>).scenario),
    );
    const fleetOf = (sim: Simulation) => ({
      identities: Array.from({ length: sim.fleet.size }, (_, g) => sim.fleet.identity(g)),
      populations: sim.populations.map((p) => p.save()),
    });
    const first = fleetOf(sims[0] as Simulation);
    expect(first.identities).toHaveLength(10);
    for (const sim of sims.slice(1)) expect(fleetOf(sim)).toEqual(first);
    expect(sims.map((s) => s.scenario.policy['smart-licensing'].overageDays)).toEqual([30, 60, 90]);
  });

  it('two runs of the same point give identical results; a different point differs only where the policy acts', () => {
    const run = (days: number) =>
      runLoaded(pointLoaded(spec.spec, { 'smart-licensing.overageDays': days }, 7), undefined, 'compiled', { explain: false });
    const [a, b] = [run(30), run(30)];
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const c = run(90);
    const day0 = (o: typeof a) => o.runs[0]?.result.series.usage.map((u) => u.consumption[0]);
    expect(day0(c)).toEqual(day0(a));
    // 30 days of overage from day 1 run out on day 31; 90 days outlast the purchase of day 70.
    expect(a.runs[0]?.result.outcomes.entered.enforcement?.first).toBe(31);
    expect(c.runs[0]?.result.outcomes.entered.enforcement).toBeUndefined();
  });
});

describe('licsim sweep: what the review found (each failed before its fix)', () => {
  it('a point read back gives the metrics this sweep asks for, not those of the run that kept it; runs at once share a cache', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-sweep-'));
    const args = (out: string, metric: string) => [
      'sweep',
      BUNDLED,
      '--out',
      join(dir, out),
      '--cache',
      join(dir, 'cache'),
      '--metric',
      metric,
      '-j',
      '1',
    ];
    const [a, b, c] = await Promise.all([licsim(args('a', 'refusals')), licsim(args('b', 'refusals')), licsim(args('c', 'refusals'))]);
    expect([a.code, b.code, c.code, a.stderr, b.stderr, c.stderr]).toEqual([0, 0, 0, '', '', '']);
    const again = await licsim(args('d', 'enforcementDays'));
    expect(again.stdout).toContain('7 points × 1 seed: 0 run, 7 cached');
    const result = JSON.parse(await readFile(join(dir, 'd', 'results.json'), 'utf8')) as SweepResult;
    expect(result.sweeps[0]?.points.map((p) => p.metrics.enforcementDays)).toEqual([6000, 4500, 3000, 1500, 0, 0, 0]);
  });

  it('refuses, exit 2, naming the flag: a range with no whole number, a parameter twice, samples on a grid, --cache a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-sweep-'));
    const file = join(dir, 'small.yaml');
    await writeFile(file, SMALL);
    await writeFile(join(dir, 'not-a-folder'), '');
    const run = (...extra: string[]) => licsim(['sweep', file, '--out', join(dir, 'out'), '--no-cache', ...extra]);
    const cases: Array<[string[], string]> = [
      [
        ['--param', 'smart-licensing.usageReportDays=0.1..0.9', '--sampling', 'random', '--samples', '3'],
        'licsim: --param: smart-licensing.usageReportDays: expected a range holding a whole number to sample, found "0.1..0.9"',
      ],
      [
        ['--param', 'smart-licensing.overageDays=30,60', '--param', 'smart-licensing.overageDays=90'],
        'licsim: --param: smart-licensing.overageDays: given twice (each parameter once, with all its values)',
      ],
      [
        ['--param', 'smart-licensing.overageDays=30,60', '--samples', '2'],
        'licsim: --samples: samples is for random or latin-hypercube sampling; a grid runs every combination (give sampling too)',
      ],
      [['--param', 'smart-licensing.overageDays=30,60', '--seeds', '1,1'], 'licsim: --seeds: a seed is listed twice (1,1)'],
    ];
    for (const [extra, message] of cases) {
      const r = await run(...extra);
      expect([r.code, r.stderr.split('\n')[0]], extra.join(' ')).toEqual([2, message]);
    }
    const cache = await licsim([
      'sweep',
      file,
      '--out',
      join(dir, 'out'),
      '--cache',
      join(dir, 'not-a-folder'),
      '--param',
      'smart-licensing.overageDays=30',
    ]);
    expect(cache.code).toBe(2);
    expect(cache.stderr).toContain('not a folder');
    expect(cache.stderr).not.toMatch(/\n\s+at /);
  });

  it('monotone over points that never differ in its parameter alone fails instead of passing over nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-sweep-'));
    const file = join(dir, 'one.yaml');
    await writeFile(
      file,
      `${SMALL}sweep:\n  params: { smart-licensing.overageDays: [30] }\n  expect:\n` +
        '    - monotone: { metric: enforcementDays, in: smart-licensing.overageDays, direction: decreasing }\n',
    );
    const r = await licsim(['sweep', file, '--out', join(dir, 'out'), '--no-cache', '-j', '1']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('no two points differ in smart-licensing.overageDays alone with enforcementDays at both');
  });
});

describe('licsim sweep', () => {
  it('runs the bundled sweep: a point per value, its expectations (monotone; smallest by bisection), a report', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-sweep-'));
    const r = await licsim(['sweep', BUNDLED, '--out', join(dir, 'out'), '--cache', join(dir, 'cache'), '-j', '2']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(7 points × 1 seed: 7 run, 0 cached;');
    expect(r.stdout).toContain('the smallest smart-licensing.overageDays with enforcementDays ≤ 0 is 90 (at most 90), found in');
    const result = JSON.parse(await readFile(join(dir, 'out', 'results.json'), 'utf8')) as SweepResult;
    const sweep = result.sweeps[0];
    expect(sweep?.points.map((p) => [p.values['smart-licensing.overageDays'], p.metrics.enforcementDays])).toEqual([
      [30, 6000],
      [45, 4500],
      [60, 3000],
      [75, 1500],
      [90, 0],
      [105, 0],
      [120, 0],
    ]);
    expect(sweep?.verdicts.map((v) => [v.kind, v.passed])).toEqual([
      ['monotone', true],
      ['smallest', true],
    ]);
    const junit = await readFile(join(dir, 'out', 'junit.xml'), 'utf8');
    expect(junit).toContain('<testsuites name="licsim sweep" tests="2" failures="0" errors="0">');
    const html = await readFile(join(dir, 'out', 'index.html'), 'utf8');
    expect(html).toContain('<img src="charts/sweep-01-enforcementdays.png"');
    expect((await readFile(join(dir, 'out', 'charts', 'sweep-01-enforcementdays.png'))).subarray(1, 4).toString()).toBe('PNG');

    // Again with one more point: only that point runs; the rest is read back, and results.json is as a run of all.
    const more = ['--param', 'smart-licensing.overageDays=30..135:15'];
    const again = await licsim(['sweep', BUNDLED, ...more, '--out', join(dir, 'again'), '--cache', join(dir, 'cache')]);
    expect(again.stdout).toContain('(8 points × 1 seed: 1 run, 7 cached;');
    const fresh = await licsim(['sweep', BUNDLED, ...more, '--out', join(dir, 'fresh'), '--no-cache']);
    expect(fresh.stdout).toContain('(8 points × 1 seed: 8 run, 0 cached;');
    expect(await readFile(join(dir, 'again', 'results.json'), 'utf8')).toBe(await readFile(join(dir, 'fresh', 'results.json'), 'utf8'));
  });

  it('a broken monotone expectation fails (exit 1) with the two points that break it; two parameters give heat maps', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-sweep-'));
    const file = join(dir, 'small.yaml');
    await writeFile(
      file,
      `${SMALL}sweep:
  params:
    smart-licensing.overageDays: 30..90:30
    smart-licensing.usageReportDays: [1, 7]
  seeds: [7, 8]
  metrics: [enforcementDays]
  expect:
    - monotone: { metric: enforcementDays, in: smart-licensing.overageDays, direction: increasing }
`,
    );
    const r = await licsim(['sweep', file, '--out', join(dir, 'out'), '--no-cache', '-j', '1']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('(6 points × 2 seeds: 12 run, 0 cached;');
    expect(r.stdout).toMatch(/✗ enforcementDays increasing in smart-licensing\.overageDays: enforcementDays is not increasing/);
    const result = JSON.parse(await readFile(join(dir, 'out', 'results.json'), 'utf8')) as SweepResult;
    expect(result.sweeps[0]?.verdicts[0]?.evidence).toHaveLength(2);
    expect(result.sweeps[0]?.points.map((p) => p.seed)).toEqual([7, 8, 7, 8, 7, 8, 7, 8, 7, 8, 7, 8]);
    const html = await readFile(join(dir, 'out', 'index.html'), 'utf8');
    expect(html).toContain('charts/sweep-01-enforcementdays-heat.png');
  });

  it('bad input: exit 2, located in the file or naming the flag, nothing run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-sweep-'));
    const file = join(dir, 'bad.yaml');
    await writeFile(file, `${SMALL}sweep:\n  params:\n    smart-licensing.overageDayz: 30..90:30\n`);
    const bad = await licsim(['sweep', file, '--out', join(dir, 'out')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      `${file}:14:5: sweep.params.smart-licensing.overageDayz: ` +
        'smart-licensing: unknown policy parameter "overageDayz", did you mean "overageDays"?',
    );
    const flag = await licsim(['sweep', file, '--param', 'node-locked.graceDays=1..5:1', '--out', join(dir, 'out')]);
    expect(flag).toMatchObject({ code: 2, stdout: '' });
    expect(flag.stderr).toContain('--param: node-locked.graceDays: ');
    const none = await licsim(['sweep', join(process.cwd(), 'scenarios/designer/overage-period.yaml'), '--out', join(dir, 'out')]);
    expect(none.stderr).toContain('has no sweep: add a sweep: block to a scenario, or give --param model.key=values');
    expect(none.code).toBe(2);
  });
});

it('a range without a step on a grid is refused, saying how to sample it', () => {
  const spec = sweepSpec(load(oneCluster({ name: 'x', expect: '  - never: { state: reserved }\n' })), undefined, {
    params: [{ path: 'smart-licensing.overageDays', values: '10..20' }],
  });
  expect(spec.ok ? [] : spec.problems.map((p) => p.message)).toEqual([
    'smart-licensing.overageDays: a range without a step is sampled: ' +
      'give a step (30..120:15), or sampling: random or latin-hypercube with samples',
  ]);
});
