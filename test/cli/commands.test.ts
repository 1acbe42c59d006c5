import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { licsim, licsimProcess } from '../support/cli.ts';

const PASSING = `licsim: 3
name: small passing
description: Five clusters register and stay authorized.
seed: 3
duration: 60d
accounts:
  - { id: va, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: 100 }] }
fleet:
  - { name: sl, model: smart-licensing, count: 5, account: va, users: 10, profiles: { desk-phone: 1 } }
timeline:
  - { at: 5d, do: register }
expect:
  - eventually: { state: authorized, within: 6d }
  - maxOverdraft: { max: 0 }
`;
const FAILING = PASSING.replace('name: small passing', 'name: small failing').replace('count: 100', 'count: 40');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'licsim-cli-'));
  await mkdir(join(dir, 'suite', 'broken'), { recursive: true });
  await writeFile(join(dir, 'suite', 'passing.yaml'), PASSING);
  await writeFile(join(dir, 'failing.yaml'), FAILING);
  await writeFile(join(dir, 'suite', 'broken', 'wip.yaml'), 'name: [unfinished');
  await writeFile(join(dir, 'suite', '.licsimignore'), '# work in progress\nbroken/\n');
});

describe('the licsim command', () => {
  it('run: exit 0 when every expectation holds, with one line per scenario and a report', async () => {
    const out = join(dir, 'report-pass');
    const r = await licsim(['run', join(dir, 'suite'), '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ skipped 1 path listed in \.licsimignore: .*broken\n/);
    expect(r.stdout).toMatch(/ ✓ .*passing\.yaml › small passing \(2\/2 expectations, 5 instances × 60 d\)/);
    expect(r.stdout).toMatch(/ Scenarios {5}1 passed \(1\)\n Expectations {2}2 passed \(2\)/);
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
    expect(results).toMatchObject({ schema: 'licsim/suite-result@1', passed: true, scenarios: [{ name: 'small passing', passed: true }] });
    for (const file of ['index.html', 'junit.xml', 'summary.md'])
      expect((await readFile(join(out, file), 'utf8')).length).toBeGreaterThan(100);
  });

  it('run: exit 1 when an expectation fails, with its evidence', async () => {
    const r = await licsim(['run', join(dir, 'failing.yaml'), '--out', join(dir, 'report-fail')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ total overdraft at most 0 units [SL-7, SL-11, SL-12]');
    expect(r.stdout).toContain('worst total overdraft 10 units on day 5 (limit 0)');
    expect(r.stdout).toContain('· day 5: 10 (limit 0) — total overdraft reached 10 units on day 5 (2026-01-06); entitlement 40');
    const junit = await readFile(join(dir, 'report-fail', 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testsuites[^>]* tests="2" failures="1"/);
  });

  it('run: --only picks scenarios by name; --seed reseeds them; the same seed gives the same results', async () => {
    // The same run twice, into two folders.
    const seeded = (out: string) =>
      licsim([
        'run',
        join(dir, 'suite'),
        join(dir, 'failing.yaml'),
        '--only',
        'passing',
        '--seed',
        '42',
        '--out',
        join(dir, out),
        '--reporter',
        'silent',
      ]);
    const a = await seeded('seed-a');
    const b = await seeded('seed-b');
    expect([a.code, b.code, a.stdout]).toEqual([0, 0, '']);
    const ra = await readFile(join(dir, 'seed-a', 'results.json'), 'utf8');
    expect(ra).toEqual(await readFile(join(dir, 'seed-b', 'results.json'), 'utf8'));
    expect(
      JSON.parse(ra).scenarios.map((s: { runs: Array<{ result: { scenario: { seed: number } } }> }) => s.runs[0]?.result.scenario.seed),
    ).toEqual([42]);
  });

  it('run --backend actors cross-checks the engine with real XState actors: the same results', async () => {
    const [compiled, actors] = await Promise.all(
      ['compiled', 'actors'].map((backend) =>
        licsim(['run', join(dir, 'suite'), '--backend', backend, '--out', join(dir, `backend-${backend}`), '--reporter', 'silent']),
      ),
    );
    expect([compiled?.code, actors?.code]).toEqual([0, 0]);
    expect(await readFile(join(dir, 'backend-actors', 'results.json'), 'utf8')).toEqual(
      await readFile(join(dir, 'backend-compiled', 'results.json'), 'utf8'),
    );
  });

  it('usage errors exit 2 with a message and no stack trace', async () => {
    const cases = await Promise.all([
      licsim(['run', join(dir, 'suite'), '--only', 'nothing-like-this']),
      licsim(['run', join(dir, 'suite'), '--reporter', 'fancy']),
      licsim(['run', join(dir, 'suite'), '--seed', 'abc']),
      licsim(['run', join(dir, 'missing.yaml')]),
      licsim(['run', join(dir, 'suite'), '--bogus']),
      licsim(['frobnicate']),
    ]);
    expect(cases.map((c) => c.code)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(cases[0]?.stderr).toContain('licsim: no scenario matches --only nothing-like-this (scenarios: small passing)');
    expect(cases[1]?.stderr).toContain(
      'licsim: --reporter fancy: expected one of default, verbose, dot, silent, json, junit, markdown, html, github',
    );
    expect(cases[2]?.stderr).toContain("error: option '--seed <n>' argument 'abc' is invalid. expected a whole number of 0 or more");
    expect(cases[3]?.stderr).toContain(`licsim: no such file or folder: ${join(dir, 'missing.yaml')}`);
    expect(cases[4]?.stderr).toContain("error: unknown option '--bogus'");
    expect(cases[5]?.stderr).toContain("error: unknown command 'frobnicate'");
    for (const c of cases) expect(c.stderr).not.toMatch(/\n\s+at /);
  });

  it('--help on every command', async () => {
    const helps = await Promise.all([[], ['run'], ['validate'], ['schema'], ['list'], ['rules']].map((c) => licsim([...c, '--help'])));
    expect(helps.map((h) => h.code)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(helps[1]?.stdout).toContain('--only <names>');
    expect(helps[1]?.stdout).toContain('--reporter <name>');
    expect(helps[1]?.stdout).toContain('-o, --out <dir>');
  });

  it('validate checks without running; schema prints the JSON Schema; list shows scenarios and policy presets', async () => {
    const [validate, schema, list] = await Promise.all([
      licsim(['validate', join(dir, 'suite')]),
      licsim(['schema']),
      licsim(['list', join(dir, 'suite')]),
    ]);
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain('1 scenario in 1 file is valid');
    expect(schema.code).toBe(0);
    const json = JSON.parse(schema.stdout);
    expect(json).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', title: 'licsim scenario file' });
    expect(Object.keys(json.anyOf[0].properties)).toEqual(
      expect.arrayContaining(['name', 'duration', 'accounts', 'fleet', 'timeline', 'expect', 'compare']),
    );
    expect(JSON.stringify(json)).toContain('"const":"slr-install"');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('small passing — ');
    expect(list.stdout).toContain('Five clusters register and stay authorized.');
    expect(list.stdout).toMatch(/overageDays\s+90\s+SL-12: overage period when out of compliance/);
    expect(list.stdout).toContain('cucm-12 (older releases: 60-day overage period (SL-12))');
    expect(list.stdout).toMatch(/remove-instance\s+smart-licensing\s+Remove registered product instance in CSSM/);
    expect(list.stdout).toMatch(/restart-license-manager\s+back end\s+restart the licence manager/);
    expect(list.stdout).toMatch(/consistent\s+the holdings a state implies and the ledger's always agree/);
    expect(validate.stdout).toMatch(/ ✓ .*small passing \(2 expectations, 5 instances × 60 d\)/);
  });

  it("list outside a project (no ./scenarios) still shows every model's policy", async () => {
    const list = await licsimProcess(['list'], { cwd: dir });
    expect(list.code).toBe(0);
    expect(list.stdout).not.toContain('Scenarios');
    expect(list.stdout).toMatch(/overageDays\s+90\s+SL-12/);
    expect(list.stdout).toContain('Policy of session-claim');
  });

  it('rules prints a rule with its text, source, the states and transitions citing it and the tests checking it', async () => {
    const r = await licsim(['rules', 'SL-14', 'NL-7', '--no-color']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^SL-14 {2}Registration expired: back to unused evaluation days, or enforcement\n/);
    expect(r.stdout).toContain("source       outside the documents (Cisco's public guides)");
    expect(r.stdout).toContain('smartLicensing: unregistered.registrationExpired');
    expect(r.stdout).toMatch(
      /smartLicensing: registered\.registration\.valid —after registrationValidity→ unregistered\.registrationExpired/,
    );
    expect(r.stdout).toMatch(
      /test\/machines\/smartRegistration\.test\.ts:\d+ SL-14: an instance in enforcement when its registration lapses/,
    );
    expect(r.stdout).toMatch(/NL-7 .*\n {2}source {7}cisco-unified-presence-7-licensing\.txt, callmanager-5-licensing\.txt/);
    const bad = await licsim(['rules', 'SL-99', 'XX-1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown rule ids SL-99, XX-1');
  });
});
