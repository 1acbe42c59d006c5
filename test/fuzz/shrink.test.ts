import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changeCount, type FuzzSpace, finalPass, fuzzScenario, readTargets, search, shiftBounds, type Variant } from '../../fuzz/index.ts';

const EXAMPLE = 'scenarios/examples/fuzz/late-purchase.yaml';

async function exampleTarget() {
  const read = await readTargets(EXAMPLE);
  if (read.kind !== 'targets' || !read.targets[0]) throw new Error(`cannot read ${EXAMPLE}`);
  return read.targets[0];
}

async function targetOf(text: string) {
  const file = join(await mkdtemp(join(tmpdir(), 'licsim-fuzz-shrink-')), 'variant.yaml');
  await writeFile(file, text);
  const read = await readTargets(file);
  if (read.kind !== 'targets' || !read.targets[0]) throw new Error(JSON.stringify(read));
  return read.targets[0];
}

describe('shrinking', () => {
  it('shrinks the bundled example to its minimal form: the purchase alone, one day late (day 31)', async () => {
    const target = await exampleTarget();
    const f = fuzzScenario(target, { seed: 1, runs: 200 });
    expect(f.result.found?.minimal).toEqual({
      entries: [
        { shift: 0, drop: false },
        { shift: 1, drop: false },
      ],
      inserts: [],
      policy: [],
      fleet: [],
      purchases: [],
    });
    expect(f.counterexample?.steps).toEqual([{ kind: 'shifted', entry: 1, action: 'purchase', from: 30, to: 31, by: 1 }]);
    expect(f.result.found?.failure.verdict).toMatchObject({ kind: 'never', title: 'no instance enters outOfComplianceEnforced' });
    expect(f.result.found?.failure.verdict.evidence[0]).toMatchObject({ instance: 'hq-000', day: 31 });
    expect(f.counterexample?.text).toContain('  - at: 31d\n    do: purchase\n');
  });

  it('finds the same minimal form from other seeds', async () => {
    const target = await exampleTarget();
    for (const seed of [2, 3, 42]) {
      const f = fuzzScenario(target, { seed, runs: 200 });
      expect(f.counterexample?.steps, `seed ${seed}`).toEqual([{ kind: 'shifted', entry: 1, action: 'purchase', from: 30, to: 31, by: 1 }]);
    }
  });

  it('with drops allowed, the fewest entries win: the purchase dropped', async () => {
    const target = await exampleTarget();
    const f = fuzzScenario({ ...target, space: { ...target.space, drop: true } }, { seed: 1, runs: 200 });
    expect(f.counterexample?.steps).toEqual([{ kind: 'dropped', entry: 1, action: 'purchase', day: 30 }]);
  });

  it('a policy range shrinks to the value nearest the original that still breaks: overageDays 29', async () => {
    const text = (await readFile(EXAMPLE, 'utf8'))
      .replace('  shift: 5d', '  shift: 0')
      .replace('  drop: false', '  drop: false\n  policy: { overageDays: 10..60 }');
    const target = await targetOf(text);
    const f = fuzzScenario(target, { seed: 1, runs: 100 });
    expect(f.counterexample?.steps).toEqual([{ kind: 'policy', model: 'smart-licensing', key: 'overageDays', from: 30, to: 29 }]);
    expect(f.counterexample?.text).toContain('      overageDays: 29\n');
  });

  it('an insertion shrinks to the one action that matters, on day 0', async () => {
    const text = (await readFile(EXAMPLE, 'utf8'))
      .replace('at: 30d, do: purchase', 'at: 20d, do: purchase')
      .replace('  shift: 5d', '  shift: 0\n  insert:\n    - { do: update-usage }\n    - { do: grow, users: 20 }');
    const target = await targetOf(text);
    const f = fuzzScenario(target, { seed: 1, runs: 100 });
    expect(f.counterexample?.steps).toEqual([{ kind: 'inserted', action: 'grow', day: 0 }]);
  });

  it('a fleet count shrinks to the smallest fleet that still breaks: 3 clusters on 25 licences', async () => {
    const text = (await readFile(EXAMPLE, 'utf8'))
      .replace('at: 30d, do: purchase', 'at: 50d, do: purchase')
      .replace('type: UCL-Enhanced, count: 5 }', 'type: UCL-Enhanced, count: 25 }')
      .replace('  shift: 5d', '  shift: 0\n  fleet: { hq: { count: 1..8 } }');
    const f = fuzzScenario(await targetOf(text), { seed: 1, runs: 200 });
    expect(f.counterexample?.steps).toEqual([{ kind: 'fleet', group: 'hq', key: 'count', from: 1, to: 3 }]);
    expect(f.counterexample?.text).toContain('  - name: hq\n    model: smart-licensing\n    count: 3\n');
    expect(f.result.found?.failure.verdict.evidence[0]).toMatchObject({ instance: 'hq-000', day: 31 });
  });

  it('smaller purchases shrink toward what was written: the fewest licences short, each purchase within its share', async () => {
    const text = (await readFile(EXAMPLE, 'utf8')).replace('  shift: 5d', '  shift: 0\n  purchases: { smaller: 50% }');
    const f = fuzzScenario(await targetOf(text), { seed: 1, runs: 200 });
    // The timeline's 10 may go down to 5 only: 5 + 5 covers the 10 users, so the account's 5 must be 4.
    expect(f.counterexample?.steps).toEqual([
      { kind: 'purchase', where: 'accounts[va]', type: 'UCL-Enhanced', from: 5, to: 4 },
      { kind: 'purchase', where: 'timeline[1]', type: 'UCL-Enhanced', from: 10, to: 5 },
    ]);
    expect(f.counterexample?.text).toContain('    purchases:\n      - type: UCL-Enhanced\n        count: 4\n');
  });

  it('a purchase that may come late shrinks to the first day after the overage period', async () => {
    const text = (await readFile(EXAMPLE, 'utf8'))
      .replace('at: 30d, do: purchase', 'at: 25d, do: purchase')
      .replace('  shift: 5d', '  shift: 0\n  repeat: true\n  purchases: { late: 10d }');
    const f = fuzzScenario(await targetOf(text), { seed: 1, runs: 200 });
    expect(f.counterexample?.steps).toEqual([{ kind: 'shifted', entry: 1, action: 'purchase', from: 25, to: 31, by: 6 }]);
  });

  it('a fraction target shrinks to the single instance the failure names', async () => {
    const text = [
      'licsim: 3',
      'name: Half the fleet loses its link',
      'duration: 120d',
      'accounts:',
      '  - { id: va, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: 100 }] }',
      'fleet:',
      '  - { name: hq, model: smart-licensing, count: 8, account: va, users: 10 }',
      'timeline:',
      '  - { at: 0d, do: register }',
      '  - { at: 5d, do: link-down, target: { fraction: 50% } }',
      'expect:',
      '  - never: { state: authorizationExpiredOverage }',
      'fuzz: { shift: 0 }\n',
    ].join('\n');
    const f = fuzzScenario(await targetOf(text), { seed: 1, runs: 50 });
    const instance = f.result.found?.failure.verdict.evidence[0]?.instance as string;
    expect(instance).toMatch(/^hq-00[0-7]$/);
    expect(f.counterexample?.steps).toEqual([{ kind: 'narrowed', entry: 1, action: 'link-down', instance }]);
    expect(f.counterexample?.text).toContain(`    target:\n      groups: hq\n      indices: ${Number(instance.slice(3))}\n`);
    // Only that instance loses its link now, and only it breaks the expectation.
    expect(f.result.found?.failure.verdict.message).toContain('1 of 8 instances entered authorizationExpiredOverage (none may)');
  });

  it('the final pass removes what the failure does not need and brings shifts and policy values to the boundary', () => {
    const space: FuzzSpace = {
      derived: false,
      days: 100,
      entries: [0, 10, 20].map((day, index) => ({ index, kind: 'grow', day, ...shiftBounds(day, 30, 100) })),
      drop: true,
      inserts: [{ kind: 'link-down', written: { do: 'link-down' } }],
      policy: [{ model: 'smart-licensing', key: 'overageDays', min: 10, max: 90, original: 30 }],
      fleet: [],
      purchases: [],
    };
    // Fails when entry 1 moves 7 days or more later while overageDays is at most 25.
    const fails = (v: Variant) => v.entries[1]?.drop === false && (v.entries[1]?.shift ?? 0) >= 7 && (v.policy[0] ?? 30) <= 25;
    const start: Variant = {
      entries: [
        { shift: -3, drop: false },
        { shift: 19, drop: false },
        { shift: 4, drop: true },
      ],
      inserts: [
        { choice: 0, day: 5 },
        { choice: 0, day: 50 },
      ],
      policy: [12],
      fleet: [],
      purchases: [],
    };
    expect(fails(start)).toBe(true);
    const pass = finalPass(space, start, fails);
    expect(pass.variant).toEqual({
      entries: [
        { shift: 0, drop: true },
        { shift: 7, drop: false },
        { shift: 0, drop: true },
      ],
      inserts: [],
      policy: [25],
      fleet: [],
      purchases: [],
    });
    expect(changeCount(space, pass.variant)).toBe(4);
  });

  it('a crash while running a variant is thrown, not taken for a counterexample', async () => {
    const target = await exampleTarget();
    expect(() =>
      search(
        target.space,
        () => {
          throw new Error('boom');
        },
        1,
        { runs: 5 },
      ),
    ).toThrow('boom');
  });
});
