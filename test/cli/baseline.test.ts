import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { diffCommand } from '../../cli/commands/diff.ts';
import { type RunOptions, runCommand } from '../../cli/commands/run.ts';
import { ReportedError } from '../../cli/errors.ts';
import type { SuiteResult, Verdict } from '../../engine/result.ts';
import { licsim } from '../support/cli.ts';

/**
 * Five clusters of 10 desk-phone users (50 UCL-Enhanced) register on day 2 with 40 licences: out of compliance
 * from the report of day 3, in enforcement overageDays later. With 60 days the growth of day 40 is allowed
 * (overdraft 35) and the purchase of 10 is not enough; with 30 days it is refused and the purchase is.
 */
const scenario = (overageDays: number) => `licsim: 3
name: five clusters short of licences
description: Five clusters register on day 2 with 40 licences for 50 users; they grow on day 40 and 10 more are bought on day 150.
seed: 3
duration: 200d
policy:
  smart-licensing:
    overrides: { overageDays: ${overageDays} }
accounts:
  - { id: va, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: 40 }] }
fleet:
  - { name: sl, model: smart-licensing, count: 5, account: va, users: 10, profiles: { desk-phone: 1 } }
timeline:
  - { at: 2d, do: register }
  - { at: 40d, do: grow, users: 5 }
  - { at: 150d, do: purchase, account: va, type: UCL-Enhanced, count: 10 }
expect:
  - never: { state: enforcement, to: 40d }
  - eventually: { state: authorized, within: 3d }
`;

let dir: string;
const file = () => join(dir, 'short.yaml');
const baseline = () => join(dir, 'short.baseline.json');
const options = (out: string, extra: Partial<RunOptions> = {}): RunOptions => ({
  out: join(dir, out),
  reporter: ['silent'],
  color: false,
  backend: 'compiled',
  jobs: 1,
  baseline: true,
  ...extra,
});
const results = async (out: string): Promise<SuiteResult> => JSON.parse(await readFile(join(dir, out, 'results.json'), 'utf8'));
const baselineVerdict = async (out: string): Promise<Verdict | undefined> =>
  (await results(out)).scenarios[0]?.verdicts.find((v) => v.kind === 'baseline');
/** The file's bytes and identity: a rewrite (atomic, by rename) gives another inode and mtime. */
const fingerprint = async (path: string) => {
  const s = await stat(path, { bigint: true });
  return { text: await readFile(path, 'utf8'), ino: s.ino, mtime: s.mtimeNs };
};
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

const CHANGED = [
  'verdict "no instance enters enforcement from day 0 to day 40": passed → failed',
  'authorized: last entered day 2 → day 151',
  'enforcement: first entered day 63 → day 33',
  'enforcement: last entered day 63 → day 33',
  'peak overdraft va UCL-Enhanced: 35 on day 40 → 10 on day 2',
  'peak total overdraft: 35 on day 40 → 10 on day 2',
  'refusals grow (SL-12): 0 → 5',
];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'licsim-baseline-'));
});
afterEach(() => vi.unstubAllEnvs());

describe('licsim run --baseline (issue 14, golden baselines)', () => {
  it('outside CI writes a missing baseline, leaves an unchanged one untouched and fails on every difference', async () => {
    vi.stubEnv('CI', '');
    await writeFile(file(), scenario(60));
    expect(await runCommand([file()], options('first'))).toBe(0);
    expect(await baselineVerdict('first')).toMatchObject({
      title: 'key outcomes match the golden baseline',
      passed: true,
      message: 'no baseline yet: short.baseline.json written',
    });
    const written = await fingerprint(baseline());
    expect(JSON.parse(written.text)).toEqual({
      schema: 'licsim/baseline@1',
      scenarios: {
        'five clusters short of licences': {
          verdicts: [
            { kind: 'never', passed: true, title: 'no instance enters enforcement from day 0 to day 40' },
            { kind: 'eventually', passed: true, title: 'all instances reach authorized within 3 days' },
          ],
          variants: {
            run: {
              alarms: { SmartLicenseInEval: 5, SmartLicenseInOverage_OutOfCompliance: 5, SmartLicenseNoProvision_OutOfCompliance: 5 },
              overdraft: { va: { 'UCL-Enhanced': { day: 40, units: 35 } } },
              overdraftTotal: { day: 40, units: 35 },
              refusals: {},
              statusGroups: {
                'smart-licensing': {
                  authorized: { first: 2, last: 2 },
                  enforcement: { first: 63, last: 63 },
                  evaluation: { first: 0, last: 0 },
                  overage: { first: 3, last: 3 },
                },
              },
            },
          },
        },
      },
    });
    // Sorted keys, 2-space indent, a trailing newline.
    expect(written.text.startsWith('{\n  "scenarios": {\n    "five clusters short of licences": {\n      "variants": {')).toBe(true);
    expect(written.text.endsWith('\n  "schema": "licsim/baseline@1"\n}\n')).toBe(true);

    // The same outcomes: the verdict passes and the file is not touched.
    expect(await runCommand([file()], options('again'))).toBe(0);
    expect(await baselineVerdict('again')).toMatchObject({ passed: true, message: 'short.baseline.json: no differences', evidence: [] });
    expect(await fingerprint(baseline())).toEqual(written);

    // overageDays 60 → 30: every difference is a failure of the baseline verdict, the baseline stays as it was.
    await writeFile(file(), scenario(30));
    expect(await runCommand([file()], options('changed'))).toBe(1);
    const changed = await baselineVerdict('changed');
    expect(changed).toMatchObject({ passed: false, message: '7 differences from short.baseline.json', rules: [] });
    expect(changed?.evidence.map((e) => e.detail)).toEqual(CHANGED);
    expect((await results('changed')).scenarios[0]?.passed).toBe(false);
    expect(await fingerprint(baseline())).toEqual(written);
    const junit = await readFile(join(dir, 'changed', 'junit.xml'), 'utf8');
    expect(junit).toContain('enforcement: first entered day 63 → day 33');

    // licsim diff says the same of the two runs' results.json.
    const log: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => log.push(String(s)) > 0);
    try {
      const a = join(dir, 'again', 'results.json');
      const b = join(dir, 'changed', 'results.json');
      expect(await diffCommand([a, b], { color: false })).toBe(1);
      expect(await diffCommand([a, a], { color: false })).toBe(0);
      expect(await diffCommand([a, b], { color: false, json: true })).toBe(1);
      expect(log[0]).toBe(
        [
          ` ✗ ${file()} › five clusters short of licences`,
          // The baseline's own verdict is no key outcome (it was "no differences" in one run and failed in the other).
          ...CHANGED.map((l) => `     ${l}`),
          '',
          ` 7 differences in 1 of 1 scenario (${a} → ${b})`,
          '',
        ].join('\n'),
      );
      expect(log[1]).toBe(` no differences in 1 scenario (${a} → ${a})\n`);
      const json = JSON.parse(log[2] ?? '');
      expect(json).toMatchObject({ schema: 'licsim/diff@1', equal: false, compared: 1 });
      expect(json.scenarios[0].differences.map((d: { text: string }) => d.text)).toEqual(CHANGED);
      expect(json.scenarios[0].differences[2]).toEqual({
        what: 'group',
        group: 'enforcement',
        edge: 'first',
        before: 63,
        after: 33,
        text: CHANGED[2],
      });
    } finally {
      vi.restoreAllMocks();
    }

    // --update-baseline writes the new outcomes; a second update leaves the file byte-identical and untouched.
    expect(await runCommand([file()], options('update', { baseline: false, updateBaseline: true }))).toBe(1);
    expect(await baselineVerdict('update')).toMatchObject({ passed: true, message: 'short.baseline.json updated: 7 differences' });
    const updated = await fingerprint(baseline());
    expect(updated.text).not.toBe(written.text);
    expect(JSON.parse(updated.text).scenarios['five clusters short of licences'].variants.run.refusals).toEqual({ 'grow (SL-12)': 5 });
    expect(await runCommand([file()], options('update-again', { updateBaseline: true }))).toBe(1);
    expect(await fingerprint(baseline())).toEqual(updated);
  });

  it('in CI a missing baseline fails and nothing is written; --update-baseline given there writes it', async () => {
    vi.stubEnv('CI', 'true');
    const ci = join(dir, 'ci');
    await writeFile(join(dir, 'ci.yaml'), scenario(60));
    expect(await runCommand([join(dir, 'ci.yaml')], options('ci-missing'))).toBe(1);
    expect(await baselineVerdict('ci-missing')).toMatchObject({
      passed: false,
      message:
        'no baseline for this scenario in ci.baseline.json; in CI (CI is set) a missing baseline fails instead of being written: ' +
        'run licsim run --baseline where CI is not set (or with --update-baseline) and commit it',
    });
    expect(await exists(`${ci}.baseline.json`)).toBe(false);
    expect(await runCommand([join(dir, 'ci.yaml')], options('ci-update', { updateBaseline: true }))).toBe(0);
    expect(JSON.parse(await readFile(`${ci}.baseline.json`, 'utf8')).schema).toBe('licsim/baseline@1');
  });

  it('end to end with CI=1: exit 1, the verdict on the console, no baseline written', async () => {
    await writeFile(join(dir, 'e2e.yaml'), scenario(60));
    const r = await licsim(['run', join(dir, 'e2e.yaml'), '--out', join(dir, 'e2e'), '--baseline', '--jobs', '1'], { env: { CI: '1' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ key outcomes match the golden baseline');
    expect(r.stdout).toContain('no baseline for this scenario in e2e.baseline.json; in CI (CI is set) a missing baseline fails');
    expect(r.stdout).toContain(' Baselines     none written\n');
    expect(await exists(join(dir, 'e2e.baseline.json'))).toBe(false);
  });

  it('a baseline that is not valid is bad input: exit 2 at file:line:col, nothing run', async () => {
    vi.stubEnv('CI', '');
    await writeFile(join(dir, 'bad.yaml'), scenario(60));
    await writeFile(join(dir, 'bad.baseline.json'), '{\n  "schema": "licsim/baseline@1",\n  "scenarios": { "x": { "verdicts": 3 } }\n}\n');
    const error = (await runCommand([join(dir, 'bad.yaml')], options('bad')).catch((e: unknown) => e)) as ReportedError;
    expect(error).toBeInstanceOf(ReportedError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe('a baseline file is not valid: fix it, or delete it and run with --update-baseline');
    expect(error.lines).toEqual([
      `${join(dir, 'bad.baseline.json')}:3:37: scenarios.x.verdicts: Invalid input: expected array, received number; ` +
        'a baseline is written by licsim run --baseline --update-baseline',
      `${join(dir, 'bad.baseline.json')}:3:23: scenarios.x.variants: Invalid input: expected record, received undefined; ` +
        'a baseline is written by licsim run --baseline --update-baseline',
    ]);
    expect(await exists(join(dir, 'bad', 'results.json'))).toBe(false);
  });
});

describe('licsim diff', () => {
  it('exit 2 on a results.json of an invalid run or one that is not JSON, without a stack trace', async () => {
    const invalid = join(dir, 'invalid.json');
    await writeFile(invalid, '{\n  "schema": "licsim/suite-result@1",\n  "passed": false,\n  "invalid": true,\n  "scenarios": []\n}\n');
    await writeFile(join(dir, 'cut.json'), '{ "schema": ');
    const r = await licsim(['diff', invalid, join(dir, 'cut.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `licsim: ${invalid} is not a results.json licsim diff can compare\n` +
        `  ${invalid}:4:14: invalid: the report of a run stopped on invalid input (nothing was run): nothing to compare\n`,
    );
    const cut = (await diffCommand([join(dir, 'cut.json'), join(dir, 'cut.json')], { color: false }).catch(
      (e: unknown) => e,
    )) as ReportedError;
    expect([cut.exitCode, cut.lines]).toEqual([2, [`${join(dir, 'cut.json')}:1:13: expected JSON: Unexpected end of JSON input`]]);
    const missing = (await diffCommand([join(dir, 'none.json'), invalid], { color: false }).catch((e: unknown) => e)) as ReportedError;
    expect([missing.exitCode, missing.message]).toEqual([2, `cannot read ${join(dir, 'none.json')}: ENOENT`]);
  });
});
