import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { licsim } from '../support/cli.ts';

const EXAMPLE = 'scenarios/examples/fuzz/late-purchase.yaml';
const TITLE = '✗ no instance enters outOfComplianceEnforced [SL-12 fired]';

let dir: string;
let first: { code: number; stdout: string; stderr: string };
let counterexample: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'licsim-fuzz-cli-'));
  first = await licsim(['fuzz', EXAMPLE, '--seed', '1', '--runs', '200', '--out', join(dir, 'a')]);
  const files = await readdir(join(dir, 'a', 'counterexamples'));
  counterexample = join(dir, 'a', 'counterexamples', files[0] as string);
}, 30_000);

describe('licsim fuzz', () => {
  it('finds the bundled example broken (exit 1): one line, the steps, the file and the replay command', async () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(
      / ✗ scenarios\/examples\/fuzz\/late-purchase\.yaml › A purchase on the last day .* — counterexample after \d+ runs/,
    );
    expect(first.stdout).toContain(TITLE);
    expect(first.stdout).toContain('       shifted timeline[1] purchase from day 30 to day 31 (+1 d)\n');
    expect(counterexample).toMatch(/counterexamples\/a-purchase-on-the-last-day-of-the-overage-period-[0-9a-f]{8}\.yaml$/);
    expect(first.stdout).toContain(`Replay   licsim run ${counterexample}`);
    const text = await readFile(counterexample, 'utf8');
    expect(text.split('\n')[0]).toBe(
      '# licsim fuzz counterexample of "A purchase on the last day of the overage period" (scenarios/examples/fuzz/late-purchase.yaml).',
    );
    expect(text).toContain('# Evidence: hq-000, day 31: entered — entered outOfComplianceEnforced on day 31\n');
    expect(text).toMatch(
      /# Search: licsim fuzz scenarios\/examples\/fuzz\/late-purchase\.yaml --seed 1 --runs 200 \(fast-check seed 1, path "[\d:]+"\)/,
    );
    const results = JSON.parse(await readFile(join(dir, 'a', 'results.json'), 'utf8'));
    expect(results).toMatchObject({
      schema: 'licsim/fuzz-result@1',
      seed: 1,
      passed: false,
      scenarios: [{ found: { expectation: { kind: 'never' }, steps: [{ kind: 'shifted', to: 31 }] } }],
    });
    expect(await readFile(join(dir, 'a', 'summary.md'), 'utf8')).toContain('- shifted timeline[1] purchase from day 30 to day 31 (+1 d)');
  });

  it('is deterministic: the same file and seed give the same counterexample and results, byte for byte', async () => {
    const again = await licsim(['fuzz', EXAMPLE, '--seed', '1', '--runs', '200', '--out', join(dir, 'b')]);
    expect(again.code).toBe(1);
    const name = counterexample.split('/').at(-1) as string;
    expect(await readFile(join(dir, 'b', 'counterexamples', name))).toEqual(await readFile(counterexample));
    expect(await readFile(join(dir, 'b', 'results.json'))).toEqual(await readFile(join(dir, 'a', 'results.json')));
  });

  it('the counterexample replays with licsim run: exit 1 with the same expectation, on both backends', async () => {
    for (const backend of ['compiled', 'actors']) {
      const r = await licsim(['run', counterexample, '--backend', backend, '--out', join(dir, `replay-${backend}`)]);
      expect(r.code, backend).toBe(1);
      expect(r.stdout).toContain(TITLE);
      expect(r.stdout).toContain('· hq-000, day 31: entered — entered outOfComplianceEnforced on day 31');
    }
  }, 20_000);

  it('--save also writes it beside the scenario; a scenario that holds everywhere exits 0', async () => {
    const copy = join(dir, 'own');
    await cp('scenarios/examples/fuzz', copy, { recursive: true });
    const r = await licsim(['fuzz', copy, '--seed', '1', '--runs', '50', '--save', '--out', join(dir, 'c')]);
    expect(r.code).toBe(1);
    const saved = await readdir(join(copy, 'counterexamples'));
    expect(saved).toHaveLength(1);
    const text = (await readFile(join(copy, 'late-purchase.yaml'), 'utf8')).replace('at: 30d, do: purchase', 'at: 20d, do: purchase');
    const holds = join(dir, 'holds.yaml');
    await writeFile(holds, text);
    const ok = await licsim(['fuzz', holds, '--seed', '1', '--runs', '30', '--out', join(dir, 'd')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/ ✓ .*holds\.yaml › .* — 30 runs in [\d.]+ s \(\d+ runs\/s\), no expectation broken/);
  }, 20_000);

  it('bad input exits 2: an unknown key of the fuzz: block with file:line:col, a bad --time', async () => {
    const bad = join(dir, 'bad.yaml');
    const badText = (await readFile(EXAMPLE, 'utf8')).replace('  drop: false', '  drop: false\n  shfit: 3');
    await writeFile(bad, badText);
    const line = badText.split('\n').indexOf('  shfit: 3') + 1;
    const r = await licsim(['fuzz', bad, '--out', join(dir, 'e')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${bad}:${line}:3: fuzz.shfit: unknown key "shfit" (expected one of: shift, drop, repeat, insert, policy, fleet, purchases)`,
    );
    const run = await licsim(['run', bad, '--out', join(dir, 'f')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${bad}:${line}:3: fuzz.shfit: unknown key "shfit"`);
    const time = await licsim(['fuzz', EXAMPLE, '--time', 'soon', '--out', join(dir, 'g')]);
    expect(time.code).toBe(2);
    expect(time.stderr).toContain('--time: expected a time like 60s, 10m or 1h, found "soon"');
  }, 20_000);
});
