import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPECTATIONS } from '../../scenarios/expect/registry.ts';
import { formatProblem } from '../../scenarios/loader/problems.ts';
import { isVerificationDocument, loadVerification, parseVerification } from '../../verify/loader.ts';
import type { Verification } from '../../verify/spec.ts';
import { licsim } from '../support/cli.ts';

const VALID = `licsim: 3
name: A shop out of compliance reaches enforcement
seed: 4
duration: 1y
compare:
  restart: { smart-licensing: { overageClock: restart } }
  resume: { smart-licensing: { overageClock: resume } }
accounts:
  - { id: va, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: 10 }] }
fleet:
  - { name: shop, model: smart-licensing, count: 1, account: va, users: 10, profiles: { desk-phone: 1 } }
  - { name: hq, model: smart-licensing, count: 2, account: va, users: 1, profiles: { desk-phone: 1 } }
timeline:
  - { at: 0d, do: register }
verify:
  events: 8
  maxStates: 5000
  alphabet:
    - { do: link-down }
    - { do: link-up }
    - { do: grow, users: 5, target: { groups: [shop] } }
    - { do: purchase, account: va, type: UCL-Enhanced, count: 10 }
  fairness:
    - { after: link-down, then: link-up, within: 30w }
  properties:
    - name: consistent
      consistent: true
    - name: no enforcement under restart
      rules: [SL-12]
      expect: violated
      never: { state: enforcement, variant: restart }
    - name: recovers
      recoverable: { state: [authorized], groups: hq, variant: [resume] }
    - name: no deadlock
      deadlockFree: true
`;

/** The property kinds as messages list them: the expectation kinds marked verifiable, in the registry's order, then the graph kinds. */
const KINDS = `${EXPECTATIONS.filter((d) => d.verifiable)
  .map((d) => `${d.kind}, `)
  .join('')}recoverable or deadlockFree`;

const parsed = (text: string): Verification => {
  const r = parseVerification(text, 'v.yaml');
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.verification;
};

const problems = (text: string) => {
  const r = parseVerification(text, 'v.yaml');
  return r.ok ? [] : r.problems.map(formatProblem);
};

describe('a verification file', () => {
  it('is recognised by its top-level verify key', () => {
    expect([{ verify: {} }, { name: 'x' }, [{ verify: 1 }], null, 'verify'].map(isVerificationDocument)).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it('resolves to the world, the alphabet, the bounds, the fairness and the properties', () => {
    const v = parsed(VALID);
    expect([v.file, v.name, v.events, v.maxStates]).toEqual(['v.yaml', 'A shop out of compliance reaches enforcement', 8, 5000]);
    expect(v.alphabet.map((a) => [a.label, a.source.line])).toEqual([
      ['link-down', 19],
      ['link-up', 20],
      ['grow users 5 (shop)', 21],
      ['purchase account va type UCL-Enhanced count 10', 22],
    ]);
    expect(v.alphabet.map((a) => a.entry)).toEqual([
      { at: 0, target: {}, action: { kind: 'link-down' } },
      { at: 0, target: {}, action: { kind: 'link-up' } },
      { at: 0, target: { groups: ['shop'] }, action: { kind: 'grow', users: 5 } },
      { at: 0, target: {}, action: { kind: 'purchase', account: 'va', type: 'UCL-Enhanced', count: 10 } },
    ]);
    expect(v.fairness.map((f) => [f.after, f.then, f.within, f.source])).toEqual([
      ['link-down', 'link-up', 210, { file: 'v.yaml', line: 24 }],
    ]);
    // The world: its variants keep only the fixed timeline; its expectations are the run properties'.
    expect(v.world.variants.map((w) => [w.label, w.scenario.timeline.map((e) => e.action.kind), w.scenario.seed])).toEqual([
      ['restart', ['register'], 4],
      ['resume', ['register'], 4],
    ]);
    expect(v.world.variants[1]?.scenario.policy['smart-licensing'].overageClock).toBe('resume');
    expect([v.world.days, v.world.instances]).toEqual([365, 3]);
    expect(v.world.expectations.map((e) => [e.kind, e.source.line])).toEqual([
      ['consistent', 26],
      ['never', 28],
    ]);
    expect(
      v.properties.map((p) => [
        p.name,
        p.check.kind === 'run' ? p.check.expectation.kind : p.check.kind,
        p.variants,
        p.rules,
        p.expectViolated,
      ]),
    ).toEqual([
      ['consistent', 'consistent', null, [], false],
      ['no enforcement under restart', 'never', ['restart'], ['SL-12'], true],
      ['recovers', 'recoverable', ['resume'], [], false],
      ['no deadlock', 'deadlockFree', null, [], false],
    ]);
    expect(v.properties.map((p) => p.source)).toEqual([26, 28, 32, 34].map((line) => ({ file: 'v.yaml', line })));
    expect(v.properties[2]?.check).toEqual({
      kind: 'recoverable',
      target: { names: ['authorized'], byModel: { 'smart-licensing': ['authorized'] }, rules: ['SL-5'] },
      groups: ['hq'],
    });
    expect(v.properties[1]?.check).toMatchObject({
      kind: 'run',
      expectation: { kind: 'never', title: 'no instance enters enforcement', variants: ['restart'], source: { line: 28 } },
    });
  });

  it('takes --seed over its own', () => {
    const r = parseVerification(VALID, 'v.yaml', { seed: 9 });
    expect(r.ok && r.verification.world.variants.map((w) => w.scenario.seed)).toEqual([9, 9]);
  });

  const CASES: Array<[string, string, string[]]> = [
    [
      'an unknown key inside verify',
      VALID.replace('  maxStates: 5000\n', '  maxStates: 5000\n  depth: 3\n'),
      ['v.yaml:18:3: verify.depth: unknown key "depth" (expected one of: events, maxStates, alphabet, fairness, properties)'],
    ],
    [
      'a property with two kind keys',
      VALID.replace('      consistent: true\n', '      consistent: true\n      deadlockFree: true\n'),
      [
        'v.yaml:28:7: verify.properties[0].deadlockFree: a property checks one thing: found consistent and deadlockFree; ' +
          `keep one (one of ${KINDS})`,
      ],
    ],
    [
      'an expectation kind that is not verifiable',
      VALID.replace('      consistent: true\n', '      stateCount: { state: authorized, day: 10d, equals: 1 }\n'),
      [
        `v.yaml:27:7: verify.properties[0].stateCount: stateCount cannot be a property: licsim verify checks ${KINDS} ` +
          "(stateCount is checked by licsim run, under a scenario's expect:)",
      ],
    ],
    [
      'an unknown state in recoverable',
      VALID.replace('state: [authorized]', 'state: [authorised]'),
      [
        'v.yaml:33:29: verify.properties[2].recoverable.state: unknown state "authorised" for smart-licensing, ' +
          'did you mean "authorized"? (statuses and groups: evaluation, evaluationExpired, expired, registrationExpiredEnforced, ' +
          'enforcement, authorized, authorizationExpiredOverage, ' +
          'overage, authorizationExpiredEnforced, outOfComplianceOverage, outOfComplianceEnforced, reservationEvaluation, ' +
          'reservationEvaluationExpired, reservationInProgress, reserved, reservedOverage, reservedEnforced, ' +
          'reservationUpdateInTransit, decommissioned, retired)',
      ],
    ],
    [
      'an alphabet entry with a day',
      VALID.replace('{ do: link-up }', '{ do: link-up, at: 10d }'),
      [
        'v.yaml:20:22: verify.alphabet[1].at: unknown key "at": the checker chooses the days of an alphabet event ' +
          '(an event on a fixed day goes under timeline:)',
      ],
    ],
    [
      'an unknown action in the alphabet',
      VALID.replace('{ do: link-up }', '{ do: outage-end }'),
      [
        expect.stringMatching(
          /^v\.yaml:20:13: verify\.alphabet\[1\]\.do: expected an action: register, deregister, .*, found "outage-end"$/,
        ),
      ],
    ],
    [
      'a reference the scenario loader checks, in an alphabet entry',
      VALID.replace('target: { groups: [shop] }', 'target: { groups: [shops] }'),
      ['v.yaml:21:48: verify.alphabet[2].target.groups[0]: unknown fleet group "shops", did you mean "shop"? (groups: shop, hq)'],
    ],
    [
      'a fairness with an unknown action',
      VALID.replace('then: link-up', 'then: outage-end'),
      [expect.stringMatching(/^v\.yaml:24:33: verify\.fairness\[0\]\.then: expected an action: register, .*, found "outage-end"$/)],
    ],
    [
      'a fairness whose event is not in the alphabet',
      VALID.replace('then: link-up', 'then: register'),
      [
        'v.yaml:24:33: verify.fairness[0].then: register is not in the alphabet: the checker can only make an event of the alphabet ' +
          'happen (alphabet: link-down, link-up, grow, purchase)',
      ],
    ],
    [
      'a duplicate property name',
      VALID.replace('name: no deadlock', 'name: recovers'),
      ['v.yaml:34:13: verify.properties[3].name: duplicate property name "recovers" (also at line 32)'],
    ],
    [
      'an unknown rule id and variant',
      VALID.replace('rules: [SL-12]', 'rules: [SL-99]').replace('variant: restart', 'variant: resart'),
      [
        'v.yaml:29:15: verify.properties[1].rules[0]: unknown rule id "SL-99" (DOMAIN.md ids such as SL-5, NL-6, CS-4)',
        'v.yaml:31:45: verify.properties[1].never.variant: unknown variant "resart", did you mean "restart"? (compared: restart, resume)',
      ],
    ],
    [
      'expect: at the top level',
      VALID.replace('verify:\n', 'expect:\n  - consistent: true\nverify:\n'),
      [
        'v.yaml:15:1: expect: a verification file states its properties under verify.properties, not expect: ' +
          '(a scenario checks its run there)',
      ],
    ],
    [
      'a suite with verify',
      'licsim: 3\nsuite: s\nscenarios: []\nverify: { events: 1 }\n',
      ['v.yaml:4:1: verify: a suite cannot be verified: a verification file is one world (a scenario with verify:), in a file of its own'],
    ],
    [
      'no alphabet, too many events',
      VALID.replace('events: 8', 'events: 65').replace(/ {2}alphabet:\n( {4}- .*\n)+/, ''),
      [
        'v.yaml:16:3: verify.alphabet: missing (required): expected a list of events (timeline entries without at)',
        'v.yaml:16:11: verify.events: expected a whole number from 0 to 64, found 65',
      ],
    ],
  ];

  for (const [what, text, expected] of CASES) {
    it(`reports ${what} at file:line:col with what was expected and found`, () => {
      expect(problems(text)).toEqual(expected);
    });
  }

  it('is read as scenario files are (a missing file is a located problem)', async () => {
    expect(await loadVerification(join(tmpdir(), 'no-such-licsim-file.yaml'))).toEqual({
      ok: false,
      problems: [
        { file: join(tmpdir(), 'no-such-licsim-file.yaml'), line: 1, column: 1, path: '', message: 'cannot read the file: no such file' },
      ],
    });
  });
});

describe('verification files on the command line', () => {
  it('run skips them and says how many; validate checks them with the verification loader', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-verify-'));
    await mkdir(join(dir, 'suite', 'verify'), { recursive: true });
    const scenario = VALID.replace(/^verify:[\s\S]*$/m, 'expect:\n  - consistent: true\n').replace('name: A shop', 'name: A scenario');
    await writeFile(join(dir, 'suite', 'scenario.yaml'), scenario);
    await writeFile(join(dir, 'suite', 'verify', 'world.yaml'), VALID);
    const run = await licsim(['run', join(dir, 'suite'), '--out', join(dir, 'report')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/ skipped 1 verification file \(licsim verify checks it\): .*world\.yaml\n/);
    expect(run.stdout).toMatch(/ Expectations {2}2 passed \(2\)\n Skipped {7}1 verification file \(licsim verify checks it\)\n/);
    const only = await licsim(['run', join(dir, 'suite', 'verify'), '--out', join(dir, 'report2')]);
    expect([only.code, only.stderr]).toEqual([2, 'licsim: no scenarios to run: 1 verification file (licsim verify checks it)\n']);
    const validate = await licsim(['validate', join(dir, 'suite')]);
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(
      / ✓ .*world\.yaml › A shop out of compliance reaches enforcement \(verification: 4 properties, 4 events/,
    );
    expect(validate.stdout).toContain('1 scenario in 1 file is valid, 1 verification file is valid\n');
    await writeFile(join(dir, 'suite', 'verify', 'world.yaml'), VALID.replace('then: link-up', 'then: outage-end'));
    const invalid = await licsim(['validate', join(dir, 'suite')]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/world\.yaml:24:33: verify\.fairness\[0\]\.then: expected an action: /);
  });
});
