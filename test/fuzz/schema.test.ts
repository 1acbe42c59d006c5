import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readTargets } from '../../fuzz/index.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import { formatProblem } from '../../scenarios/loader/problems.ts';

const EXAMPLE = 'scenarios/examples/fuzz/late-purchase.yaml';

const BASE = `licsim: 3
name: fuzz schema
duration: 60d
accounts:
  - { id: va, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: 5 }] }
fleet:
  - { name: hq, model: smart-licensing, count: 1, account: va, users: 10 }
timeline:
  - { at: 0d, do: register }
expect:
  - never: { state: outOfComplianceEnforced }
`;

const problemsOf = (text: string) => {
  const r = parseScenarios(text, 'f.yaml');
  return r.ok ? [] : r.problems.map(formatProblem);
};

describe('the fuzz: block', () => {
  it('is accepted with shift, drop, insert and policy ranges', () => {
    const text = [
      `${BASE}fuzz:`,
      '  shift: 5d',
      '  drop: true',
      '  insert:',
      '    - { do: link-down }',
      '    - { do: purchase, account: va, type: UCL-Enhanced, count: 1 }',
      '  policy: { overageDays: 30..120, evaluationDays: { min: 10, max: 90 } }\n',
    ].join('\n');
    expect(problemsOf(text)).toEqual([]);
  });

  it('refuses an unknown key, with file:line:col and the keys it expects', () => {
    expect(problemsOf(`${BASE}fuzz:\n  shift: 5d\n  shfit: 3\n`)).toEqual([
      'f.yaml:14:3: fuzz.shfit: unknown key "shfit" (expected one of: shift, drop, repeat, insert, policy, fleet, purchases)',
    ]);
  });

  it('refuses days on an insertable action, an unknown policy parameter and a range that is not one', () => {
    const text = [
      `${BASE}fuzz:`,
      '  insert:',
      '    - { at: 3d, do: register }',
      '  policy: { overageDay: 30..120, overageDays: 120..30, evaluationDays: 5 }\n',
    ].join('\n');
    const problems = problemsOf(text);
    expect(problems).toContain(
      'f.yaml:14:9: fuzz.insert[0].at: unknown key "at" (expected one of: target, do, account, exportControl, tokenExpires)',
    );
    const unknown =
      /^f\.yaml:15:13: fuzz\.policy\.overageDay: unknown key "overageDay", did you mean "overageDays"\? \(expected one of: .*overageDays/;
    expect(problems.some((p) => unknown.test(p))).toBe(true);
    expect(problems).toContain('f.yaml:15:47: fuzz.policy.overageDays: expected a range whose min is at most its max, found "120..30"');
    expect(problems).toContain(
      'f.yaml:15:72: fuzz.policy.evaluationDays: expected a range of days like 30..120 (or { min, max }), found 5',
    );
  });

  it('refuses a policy parameter no model of the fleet has, at its key', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'licsim-fuzz-schema-'));
    const file = join(dir, 'nl.yaml');
    await writeFile(file, `${BASE}fuzz:\n  policy: { rehostGraceDays: 0..60 }\n`);
    const read = await readTargets(file);
    expect(read.kind).toBe('problems');
    if (read.kind === 'problems')
      expect(read.problems.map(formatProblem)).toEqual([
        `${file}:13:13: fuzz.policy.rehostGraceDays: no model of the fleet has the policy parameter "rehostGraceDays"`,
      ]);
  });

  it('refuses a fleet group the fleet does not have, a key its model has not and a count range below 1, each at its key', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const file = join(await mkdtemp(join(tmpdir(), 'licsim-fuzz-schema-')), 'fleet.yaml');
    await writeFile(file, `${BASE}fuzz:\n  fleet:\n    lab: { count: 1..3 }\n    hq: { servers: 1..3, count: 0..2 }\n`);
    const read = await readTargets(file);
    expect(read.kind === 'problems' && read.problems.map(formatProblem)).toEqual([
      `${file}:14:5: fuzz.fleet.lab: no fleet group is named "lab" (groups: hq)`,
      `${file}:15:33: fuzz.fleet.hq.count: expected a range of counts of at least 1`,
      `${file}:15:11: fuzz.fleet.hq.servers: a smart-licensing group has no "servers" to vary (it has: count, users)`,
    ]);
  });

  it('refuses a fleet range that leaves out what the group says, and a purchase that is late by part of a day', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const file = join(await mkdtemp(join(tmpdir(), 'licsim-fuzz-schema-')), 'outside.yaml');
    await writeFile(file, `${BASE}fuzz:\n  fleet: { hq: { users: 20..30 } }\n  purchases: { late: 12h }\n`);
    const read = await readTargets(file);
    expect(read.kind === 'problems' && read.problems.map(formatProblem)).toEqual([
      `${file}:14:22: fuzz.purchases.late: expected whole days (a purchase moves by days)`,
      `${file}:13:25: fuzz.fleet.hq.users: expected a range holding the group's users as written (10)`,
    ]);
  });

  it('gives a fleet range, smaller and later purchases and repeats their places in the space', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const file = join(await mkdtemp(join(tmpdir(), 'licsim-fuzz-schema-')), 'space.yaml');
    const timeline = '  - { at: 0d, do: register }\n  - { at: 20d, do: purchase, account: va, type: UCL-Enhanced, count: 10 }\n';
    const fuzz =
      'fuzz:\n  shift: 2d\n  repeat: true\n  fleet: { hq: { count: 1..4, users: 5..20 } }\n  purchases: { late: 15d, smaller: 50% }\n';
    await writeFile(file, `${BASE.replace('  - { at: 0d, do: register }\n', timeline)}${fuzz}`);
    const read = await readTargets(file);
    if (read.kind !== 'targets') throw new Error(JSON.stringify(read));
    const space = read.targets[0]?.space;
    expect(space?.entries).toEqual([
      { index: 0, kind: 'register', day: 0, minShift: 0, maxShift: 2 },
      { index: 1, kind: 'purchase', day: 20, minShift: -2, maxShift: 15 },
    ]);
    expect(space?.inserts.map((i) => [i.kind, i.repeatOf])).toEqual([
      ['register', 0],
      ['purchase', 1],
    ]);
    expect(space?.fleet).toEqual([
      { group: 0, name: 'hq', key: 'count', min: 1, max: 4, original: 1 },
      { group: 0, name: 'hq', key: 'users', min: 5, max: 20, original: 10 },
    ]);
    expect(space?.purchases).toEqual([
      { path: ['accounts', 0, 'purchases', 0, 'count'], where: 'accounts[va]', type: 'UCL-Enhanced', original: 5, min: 3 },
      { path: ['timeline', 1, 'count'], where: 'timeline[1]', type: 'UCL-Enhanced', original: 10, min: 5 },
    ]);
  });

  it('gives the bundled example its space: shifts of at most 5 days within the run, no drops, no insertions', async () => {
    expect(problemsOf(await readFile(EXAMPLE, 'utf8'))).toEqual([]);
    const read = await readTargets(EXAMPLE);
    if (read.kind !== 'targets') throw new Error(read.kind);
    const [target] = read.targets;
    expect(target?.space).toMatchObject({
      derived: false,
      drop: false,
      inserts: [],
      policy: [],
      fleet: [],
      purchases: [],
      entries: [
        { index: 0, kind: 'register', day: 0, minShift: 0, maxShift: 5 },
        { index: 1, kind: 'purchase', day: 30, minShift: -5, maxShift: 5 },
      ],
    });
  });

  it('without a fuzz: block, derives the defaults: ±30 days within the run, drops, the actions the scenario uses', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'licsim-fuzz-defaults-'));
    const file = join(dir, 'plain.yaml');
    await writeFile(file, BASE.replace('  - { at: 0d, do: register }', '  - { at: 0d, do: register }\n  - { at: 40d, do: register }'));
    const read = await readTargets(file);
    if (read.kind !== 'targets') throw new Error(read.kind);
    expect(read.targets[0]?.space).toMatchObject({
      derived: true,
      drop: true,
      inserts: [{ kind: 'register', written: { do: 'register' } }],
      entries: [
        { day: 0, minShift: 0, maxShift: 30 },
        { day: 40, minShift: -30, maxShift: 19 },
      ],
    });
  });
});
