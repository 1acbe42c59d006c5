import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { licsim } from '../support/cli.ts';

// Two clusters, each with its own purchase on the last day of its overage period and its own
// expectation: shifting either purchase one day later breaks that cluster's expectation alone.
const TWO = `licsim: 3
name: Two clusters, two purchases on the last day
seed: 1
duration: 60d
policy:
  smart-licensing: { overrides: { overageDays: 30 } }
accounts:
  - { id: va, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: 5 }] }
  - { id: vb, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: 5 }] }
fleet:
  - { name: hq, model: smart-licensing, count: 1, account: va, users: 10, profiles: { desk-phone: 1 } }
  - { name: branch, model: smart-licensing, count: 1, account: vb, users: 10, profiles: { desk-phone: 1 } }
timeline:
  - { at: 0d, do: register }
  - { at: 30d, do: purchase, account: va, type: UCL-Enhanced, count: 10 }
  - { at: 30d, do: purchase, account: vb, type: UCL-Enhanced, count: 10 }
expect:
  - never: { state: outOfComplianceEnforced, groups: [hq] }
  - never: { state: outOfComplianceEnforced, groups: [branch] }
fuzz:
  shift: 5d
  drop: false
`;

let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'licsim-fuzz-all-'));
  file = join(dir, 'two.yaml');
  await writeFile(file, TWO);
});

describe('licsim fuzz --all', () => {
  it('two independent breakable expectations: two counterexamples with --all, one without', async () => {
    const one = await licsim(['fuzz', file, '--seed', '1', '--runs', '100', '--out', join(dir, 'one')]);
    expect(one.code).toBe(1);
    expect(await readdir(join(dir, 'one', 'counterexamples'))).toHaveLength(1);
    expect(one.stdout).toContain('1 counterexample found');

    const out = join(dir, 'all');
    const all = await licsim(['fuzz', file, '--seed', '1', '--runs', '100', '--all', '--out', out]);
    expect(all.stderr).toBe('');
    expect(all.code).toBe(1);
    expect(all.stdout).toContain('— 2 distinct counterexamples in 100 runs');
    expect(all.stdout).toContain('✗ no instance in hq enters outOfComplianceEnforced [SL-12 fired]');
    expect(all.stdout).toContain('✗ no instance in branch enters outOfComplianceEnforced [SL-12 fired]');
    expect(all.stdout).toContain('shifted timeline[1] purchase from day 30 to day 31 (+1 d)');
    expect(all.stdout).toContain('shifted timeline[2] purchase from day 30 to day 31 (+1 d)');
    expect(all.stdout).toContain('2 counterexamples found');
    const files = (await readdir(join(out, 'counterexamples'))).sort();
    expect(files).toHaveLength(2);

    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
    const found = results.scenarios[0].counterexamples;
    expect(found).toHaveLength(2);
    expect(found.map((f: { rule: string }) => f.rule)).toEqual(['SL-12', 'SL-12']);
    expect(new Set(found.map((f: { expectation: { title: string } }) => f.expectation.title)).size).toBe(2);
    expect(found.map((f: { counterexample: string }) => f.counterexample.split('/')[1]).sort()).toEqual(files);

    const xml = await readFile(join(out, 'junit.xml'), 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(1);
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml).toContain('message="2 counterexamples: ');
    for (const f of files) expect(xml).toContain(`counterexample: ${join(out, 'counterexamples', f)}`);
    expect(await readFile(join(out, 'summary.md'), 'utf8')).toContain('# licsim fuzz: 2 counterexamples found');

    for (const f of files) {
      const r = await licsim(['run', join(out, 'counterexamples', f), '--out', join(dir, `replay-${f}`)]);
      expect(r.code, f).toBe(1);
    }
  }, 60_000);
});
