import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { licsim } from '../support/cli.ts';
import { oneCluster } from '../support/oneCluster.ts';

const POLICY = 'scenarios/designer/policies/short-overage.yaml';

/** One cluster 5 short from day 1 with its own 30-day overage period (enforcement on day 31), over 60 days. */
const CLUSTER = oneCluster({ name: 'own policy', expect: '  - never: { state: enforcement }\n' });

describe('policy files (--policy, issue 15)', () => {
  it('replaces every scenario policy: (said on the console) and changes what runs; a folder run skips the policy file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-policy-'));
    await writeFile(join(dir, 'one.yaml'), CLUSTER);
    await writeFile(join(dir, 'long.yaml'), 'licsim: 3\npolicy:\n  smart-licensing: { overrides: { overageDays: 90 } }\n');
    const own = await licsim(['run', join(dir, 'one.yaml'), '--out', join(dir, 'a')]);
    expect(own.code).toBe(1);
    expect(own.stdout).toContain('entered enforcement on day 31');
    const long = await licsim(['run', dir, '--policy', join(dir, 'long.yaml'), '--out', join(dir, 'b')]);
    expect(long.stderr).toBe('');
    expect(long.code).toBe(0);
    expect(long.stdout).toContain(` skipped 1 policy file (--policy takes one): ${join(dir, 'long.yaml')}\n`);
    expect(long.stdout).toContain(
      ` --policy ${join(dir, 'long.yaml')}: the policy of every scenario; it replaces the policy: of own policy\n`,
    );
    const results = JSON.parse(await readFile(join(dir, 'b', 'results.json'), 'utf8'));
    expect(results.scenarios[0].runs[0].result.scenario.policy['smart-licensing'].overageDays).toBe(90);
    // The bundled policy file: cucm-12 with 45 days, so the enforcement comes on day 46.
    const bundled = await licsim(['explain', join(dir, 'one.yaml'), '-i', '0', '--policy', POLICY]);
    expect(bundled.stdout).toContain('overageDays = 45 d');
  });

  it('a bad policy file: exit 2, each problem located in it; a scenario given as a policy file is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-policy-'));
    await writeFile(join(dir, 'one.yaml'), CLUSTER);
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'licsim: 3\npolicy:\n  smart-licensing:\n    preset: cucm-13\n    overrides: { overageDayz: 30 }\n');
    const r = await licsim(['run', join(dir, 'one.yaml'), '--policy', bad, '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe('licsim: --policy: 2 problems in the policy file; nothing was run');
    expect(r.stderr).toContain(`${bad}:4:13: policy.smart-licensing.preset: expected a smart-licensing preset:`);
    expect(r.stderr).toContain(`${bad}:5:18: policy.smart-licensing.overrides.overageDayz: unknown`);
    const scenario = await licsim(['run', join(dir, 'one.yaml'), '--policy', join(dir, 'one.yaml'), '--out', join(dir, 'out')]);
    expect(scenario.code).toBe(2);
    expect(scenario.stderr).toContain('expected a policy file (licsim: 3, an optional description, and policy:)');
    const baseline = await licsim(['run', join(dir, 'one.yaml'), '--policy', POLICY, '--baseline', '--out', join(dir, 'out')]);
    expect(baseline.code).toBe(2);
    expect(baseline.stderr).toContain(
      "--policy with --baseline or --update-baseline: a scenario's baseline holds the outcomes of its own policy",
    );
    const validate = await licsim(['validate', POLICY]);
    expect(validate.stdout).toContain('1 policy file is valid');
  });
});
