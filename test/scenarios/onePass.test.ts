import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import { parseVerification } from '../../verify/loader.ts';
import { licsim } from '../support/cli.ts';

// Schema problems (an unknown preset, kind, key, action and expectation kind, a bad amount) and problems found
// only by resolving (an unknown licence type, account, group, state; a day beyond the run) in one file.
const FILE = `licsim: 3
name: fourteen problems
duration: 100d
policy:
  smart-licensing: { preset: cucm14 }
accounts:
  - { id: va, kind: virtual-account, purchases: [{ type: CUWLX, count: 10 }] }
  - { id: lf, kind: license-fil }
fleet:
  - { name: sl, model: smart-licensing, cout: 5, account: va, users: 10 }
  - { name: nl, model: node-locked, count: 3, account: lf }
  - { name: hq, model: smart-licensing, count: 4, account: vb, users: 5 }
timeline:
  - { at: 5d, do: registr }
  - { at: 6d, do: register, target: { groups: hqq } }
  - { at: 7d, do: register, target: { groups: sl } }
  - { at: 200d, do: register, target: { groups: hq } }
expect:
  - eventualy: { state: authorized }
  - eventually: { state: authorised, groups: hq }
  - never: { state: overagee, groups: hq }
  - maxOverdraft: { max: -1 }
  - alarm: { name: SmartLicenseInEval, groups: nl }
`;

/** Each problem as file:line:col, path and the start of its message. */
const located = (text: string) => {
  const r = parseScenarios(text, 'f.yaml');
  return r.ok ? [] : r.problems.map((p) => [`${p.file}:${p.line}:${p.column}`, p.path, p.message] as const);
};

describe('one validation pass', () => {
  // Before: the 7 schema problems came alone (in the schema's order); the 6 of resolving appeared only once they were fixed.
  it('reports the schema problems and those found by resolving what the schema accepted, in line order, once each', () => {
    const found = located(FILE);
    expect(found.map(([at, path]) => [at, path])).toEqual([
      ['f.yaml:5:30', 'policy.smart-licensing.preset'],
      ['f.yaml:7:58', 'accounts[0].purchases[0].type'],
      ['f.yaml:8:21', 'accounts[1].kind'],
      ['f.yaml:10:41', 'fleet[0].cout'],
      ['f.yaml:12:60', 'fleet[2].account'],
      ['f.yaml:14:19', 'timeline[0].do'],
      ['f.yaml:15:47', 'timeline[1].target.groups[0]'],
      ['f.yaml:17:11', 'timeline[3].at'],
      ['f.yaml:19:5', 'expect[0].eventualy'],
      ['f.yaml:20:26', 'expect[1].eventually.state'],
      ['f.yaml:21:21', 'expect[2].never.state'],
      ['f.yaml:22:26', 'expect[3].maxOverdraft.max'],
    ]);
    const messages = found.map(([, , message]) => message);
    expect(messages[0]).toMatch(/^expected a smart-licensing preset: .*, found "cucm14", did you mean "cucm-14"\?$/);
    expect(messages[1]).toMatch(/^unknown licence type "CUWLX", did you mean "CUWL"\? \(types: .*CUWL.*\)$/);
    expect(messages[2]).toBe(
      'expected virtual-account, license-file or session-license, found "license-fil", did you mean "license-file"?',
    );
    // The required count the unknown key was a slip for is not missing a second time.
    expect(messages[3]).toBe(
      'unknown key "cout", did you mean "count"? (expected one of: name, count, account, growth, model, link, satellite, users, profiles)',
    );
    // Accounts are listed as the document has them, the refused one (lf) too.
    expect(messages[4]).toBe('unknown account "vb", did you mean "va"? (accounts: va, lf)');
    expect(messages[5]).toMatch(/^expected an action: register, .*, found "registr", did you mean "register"\?$/);
    expect(messages[6]).toBe('unknown fleet group "hqq", did you mean "hq"? (groups: sl, nl, hq)');
    expect(messages[7]).toBe('expected a day within the run (day 0 to day 100), found day 200');
    expect(messages[8]).toMatch(/^unknown key "eventualy", did you mean "eventually"\? \(expected one of: maxOverdraft, /);
    expect(messages[9]).toMatch(/^unknown state "authorised" for smart-licensing, did you mean "authorized"\? \(statuses and groups: /);
    expect(messages[10]).toMatch(/^unknown state "overagee" for smart-licensing, did you mean "overage"\? /);
    // zod's "Too small: expected number to be >=0" at the same place is not said a second time.
    expect(messages[11]).toBe('expected a number of 0 or more, or a percentage like 5%, found -1');
  });

  it('what refers to an entry the schema refused is no problem of its own', () => {
    // timeline[2] targets sl and expect[4] nl, both refused groups; fleet[0]'s account va and the node-locked
    // alarm's group are not reported again, nor is an action "for no targeted group".
    const paths = located(FILE).map(([, path]) => path);
    expect(paths.filter((p) => p.startsWith('timeline[2]') || p.startsWith('expect[4]'))).toEqual([]);
    expect(paths.filter((p) => p === 'fleet[0].count')).toEqual([]);
  });

  it('each scenario of a suite is resolved on its own: a schema problem in one does not hide the reference problem in another', () => {
    const suite = `licsim: 3
suite: two
scenarios:
  - name: a
    duration: 10d
    accounts: [{ id: va, kind: virtual-account }]
    fleet: [{ name: sl, model: smart-licensing, count: 1, account: va, users: 1 }]
    timeline: [{ at: 1d, do: register, target: { groups: ls } }]
  - name: b
    duration: ten
    accounts: [{ id: va, kind: virtual-account }]
    fleet: [{ name: sl, model: smart-licensing, count: 1, account: va, users: 1 }]
`;
    expect(located(suite)).toEqual([
      ['f.yaml:8:58', 'scenarios[0].timeline[0].target.groups[0]', 'unknown fleet group "ls" (groups: sl)'],
      ['f.yaml:10:15', 'scenarios[1].duration', expect.stringMatching(/^expected a duration: .*, found "ten"$/)],
    ]);
  });

  it("a verification file's world is resolved where the schema refuses part of its verify block", () => {
    const text = `licsim: 3
name: world
duration: 1y
accounts:
  - { id: va, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: 10 }] }
fleet:
  - { name: shop, model: smart-licensing, count: 1, account: vb, users: 10 }
timeline:
  - { at: 0d, do: register, target: { groups: shopp } }
verify:
  events: eight
  alphabet:
    - { do: link-down }
    - { do: link-upp }
  properties:
    - name: consistent
      consistent: true
`;
    const r = parseVerification(text, 'v.yaml');
    expect(r.ok ? [] : r.problems.map((p) => [`${p.file}:${p.line}:${p.column}`, p.path, p.message])).toEqual([
      ['v.yaml:7:62', 'fleet[0].account', 'unknown account "vb", did you mean "va"? (accounts: va)'],
      ['v.yaml:9:47', 'timeline[0].target.groups[0]', 'unknown fleet group "shopp", did you mean "shop"? (groups: shop)'],
      ['v.yaml:11:11', 'verify.events', 'expected a whole number from 0 to 64, found "eight"'],
      [
        'v.yaml:14:13',
        'verify.alphabet[1].do',
        expect.stringMatching(/^expected an action: .*, found "link-upp", did you mean "link-up"\?$/),
      ],
    ]);
  });

  it('licsim validate prints every problem at once and exits 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-one-pass-'));
    const file = join(dir, 'bad.yaml');
    await writeFile(file, FILE);
    const r = await licsim(['validate', file]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('licsim: 12 problems in 1 scenario file; nothing was run');
    expect(lines.slice(1).map((l) => l.trim().split(': ')[0])).toEqual(
      ['5:30', '7:58', '8:21', '10:41', '12:60', '14:19', '15:47', '17:11', '19:5', '20:26', '21:21', '22:26'].map((at) => `${file}:${at}`),
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
