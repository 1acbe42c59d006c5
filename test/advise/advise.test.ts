import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { licsim } from '../support/cli.ts';

/** One cluster of ten desk-phone users (10 UCL-Enhanced) on a VA that owns nothing, registered on day 0, for 90 days. */
const TEN = `licsim: 3
name: ten Enhanced users, none owned
seed: 1
duration: 90d
accounts:
  - { id: va, kind: virtual-account, purchases: [] }
fleet:
  - { name: hq, model: smart-licensing, count: 1, account: va, users: 10, profiles: { desk-phone: 1 } }
timeline:
  - { at: 0d, do: register }
`;

interface Advice {
  plan: Array<{ day: number; type: string; units: number; kind: string; cost: number }>;
  cost: number;
  naive: { cost: number };
  replay: { passed: boolean; verdicts: Array<{ title: string; message: string }> };
}

async function advise(
  prices: string | null,
  extra: string[] = [],
  scenario = TEN,
): Promise<{ code: number; stdout: string; stderr: string; advice: Advice | null }> {
  const dir = await mkdtemp(join(tmpdir(), 'licsim-advise-'));
  await writeFile(join(dir, 'one.yaml'), scenario);
  if (prices !== null) await writeFile(join(dir, 'prices.yaml'), `licsim: 3\nprices:\n${prices}`);
  const args = [
    'advise',
    join(dir, 'one.yaml'),
    '--out',
    join(dir, 'out'),
    ...(prices === null ? [] : ['--prices', join(dir, 'prices.yaml')]),
    ...extra,
  ];
  const r = await licsim(args);
  const advice = r.code < 2 ? (JSON.parse(await readFile(join(dir, 'out', 'results.json'), 'utf8')) as Advice) : null;
  return { ...r, advice };
}

describe('licsim advise (issue 15)', () => {
  it('SL-11: borrowing makes CUWL the cheaper way to serve Enhanced demand: the plan buys 10 CUWL; no overdraft on replay', async () => {
    const r = await advise('  UCL-Enhanced: { perpetual: 100 }\n  CUWL: { perpetual: 60, lot: 5 }\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.advice?.plan).toEqual([expect.objectContaining({ day: 0, type: 'CUWL', units: 10, kind: 'perpetual', cost: 600 })]);
    expect([r.advice?.cost, r.advice?.naive.cost]).toEqual([600, 1000]);
    expect(r.advice?.replay.passed).toBe(true);
    expect(r.stdout).toContain('the plan saves 400');
  });

  it('with flat perpetual prices (no file) the plan is the naive one, and says so; a tie goes to the lower tier', async () => {
    const r = await advise(null);
    expect(r.advice?.plan).toEqual([expect.objectContaining({ day: 0, type: 'UCL-Enhanced', units: 10, cost: 10 })]);
    expect(r.advice?.naive.cost).toBe(10);
    expect(r.stdout).toContain('flat perpetual prices: buying early costs no more, so the naive plan is as cheap');
  });

  it('term licences for a short need; SL-12: no-enforcement lets a purchase wait within the overage period', async () => {
    // Term licences cost 10 a unit per 30 days, perpetual 100: over 90 days three terms (30 a unit) beat one perpetual.
    const prices = '  UCL-Enhanced: { perpetual: 100, term: 10 }\n';
    const zero = await advise(prices);
    expect(zero.advice?.plan.map((p) => [p.day, p.kind, p.units])).toEqual([
      [0, 'term', 10],
      [30, 'term', 10],
      [60, 'term', 10],
    ]);
    expect(zero.advice?.cost).toBe(300);
    // No enforcement: 90 days of overage (SL-12) let the first two periods go unbought.
    const late = await advise(prices, ['--target', 'no-enforcement']);
    expect(late.advice?.plan.map((p) => [p.day, p.kind])).toEqual([[60, 'term']]);
    expect(late.advice?.replay).toMatchObject({ passed: true });
    expect(late.advice?.replay.verdicts[0]?.title).toContain('enforcement');
  });

  it('bad input: a prices file with an unknown type or no price is located, exit 2; an unsold demand is said plainly', async () => {
    const bad = await advise('  UCL-Enhancd: { perpetual: 100 }\n  CUWL: { lot: 5 }\n');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/prices\.yaml:3:3: prices\.UCL-Enhancd: unknown licence type "UCL-Enhancd", did you mean "UCL-Enhanced"\?/);
    expect(bad.stderr).toMatch(/prices\.yaml:4:9: prices\.CUWL: expected perpetual, term or both/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const unsold = await advise('  UCL-Basic: { perpetual: 1 }\n');
    expect(unsold.code).toBe(2);
    expect(unsold.stderr).toContain('the solver found no plan: Infeasible');
  });

  it('the bundled national fleet: the replayed plan has overdraft 0 and costs less than the naive plan', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-advise-'));
    const r = await licsim(['advise', 'scenarios/large/national-fleet.yaml', '--prices', 'prices/list-prices.yaml', '--out', dir]);
    expect(r.code).toBe(0);
    const advice = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as Advice;
    expect(advice.replay.passed).toBe(true);
    expect(advice.replay.verdicts[0]?.message).toMatch(/^worst total overdraft 0 units/);
    expect(advice.cost).toBeLessThan(advice.naive.cost);
    const html = await readFile(join(dir, 'index.html'), 'utf8');
    expect(html).toContain(`Plan: ${advice.plan.length} purchases`);
    expect(html).toContain('charts/01-a-national-fleet-of-150-000-clusters-for-usage-va-south-ucl-enhancedplus.png');
  }, 180_000);
});
