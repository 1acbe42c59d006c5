import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import { formatProblem } from '../../scenarios/loader/problems.ts';
import { licsim } from '../support/cli.ts';

const BASE = `name: base
duration: 100d
accounts:
  - id: va
    kind: virtual-account
    purchases: [{ type: CUWL, count: 10 }]
fleet:
  - name: sl
    model: smart-licensing
    count: 5
    account: va
    users: 10
timeline:
  - { at: 5d, do: register }
licsim: 3
`;

const problems = (text: string) => {
  const r = parseScenarios(text, 'f.yaml');
  return r.ok ? [] : r.problems.map(formatProblem);
};

/** Each class of bad input: one message per problem with file:line:col, the path, what was expected and what was found. */
const CASES: Array<[string, string, string[]]> = [
  [
    'a missing field',
    BASE.replace('duration: 100d\n', ''),
    ['f.yaml:1:1: duration: missing (required): expected a duration: a number of days of 0 or more, or 30d, 6w, 18mo, 1y, 12h'],
  ],
  [
    'a wrong type',
    BASE.replace('count: 5', 'count: five'),
    ['f.yaml:10:12: fleet[0].count: expected a whole number of at least 1, found "five"'],
  ],
  [
    'an unknown key',
    BASE.replace('    users: 10\n', '    users: 10\n    colour: blue\n'),
    [
      'f.yaml:13:5: fleet[0].colour: unknown key "colour" ' +
        '(expected one of: name, count, account, growth, model, link, satellite, users, profiles)',
    ],
  ],
  [
    'devices added to a group that counts users',
    BASE.replace('do: register }', "do: register }\n  - { at: 6d, do: grow, devices: { '7970': 2 } }"),
    [
      'f.yaml:15:34: timeline[1].devices: group sl is smart-licensing: devices by type are counted in node-locked groups only ' +
        '(use users or percent)',
    ],
  ],
  [
    'a device type the group does not have',
    BASE.replace('model: smart-licensing', 'model: node-locked')
      .replace('    users: 10\n', "    phones: { '7970': 2 }\n")
      .replace('kind: virtual-account', 'kind: license-file')
      .replace('do: register }', "do: upload-license }\n  - { at: 6d, do: remove, devices: { '7970': 1, '9999': 2 } }"),
    ['f.yaml:15:57: timeline[1].devices.9999: group sl has no 9999 devices (it has: 7970, CUP, CUPC, softphone)'],
  ],
  [
    'an unknown event',
    BASE.replace('do: register', 'do: teleport'),
    [
      expect.stringMatching(
        /^f\.yaml:14:19: timeline\[0\]\.do: expected an action: register, deregister, .*, use-feature, .*, found "teleport"$/,
      ) as unknown as string,
    ],
  ],
  [
    'a negative duration',
    BASE.replace('duration: 100d', 'duration: -5d'),
    ['f.yaml:2:11: duration: expected a duration of 0 days or more (a duration cannot be negative), found "-5d"'],
  ],
  [
    'an impossible date',
    BASE.replace('duration: 100d', 'duration: 100d\nstart: 2026-02-30'),
    ['f.yaml:3:8: start: expected a real date YYYY-MM-DD between 1990 and 2200, found "2026-02-30"'],
  ],
  [
    'a date out of the run',
    BASE.replace('at: 5d', 'at: 2027-06-01'),
    ['f.yaml:14:11: timeline[0].at: expected a day within the run (day 0 to day 100), found day 516 (2027-06-01)'],
  ],
  [
    'an event that applies to none of the targeted groups',
    BASE.replace('do: register', 'do: mac-change'),
    ['f.yaml:14:19: timeline[0].do: mac-change does not apply to smart-licensing; it applies to node-locked instances'],
  ],
  [
    'a YAML syntax error',
    'name: broken\nduration: 10d\naccounts: [\n  - id: va\n',
    [
      'f.yaml:4:3: YAML syntax error: Block collections are not allowed within flow collections',
      'f.yaml:5:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
  ],
  [
    'an unknown policy parameter and a non-positive one',
    BASE.replace('duration: 100d', 'duration: 100d\npolicy:\n  smart-licensing:\n    overrides: { overageDays: 0, graceDays: 4 }'),
    [
      'f.yaml:5:31: policy.smart-licensing.overrides.overageDays: must be a positive number of days, found 0',
      expect.stringMatching(
        new RegExp(
          /^f\.yaml:5:34: policy\.smart-licensing\.overrides\.graceDays: unknown key "graceDays" /.source +
            /\(expected one of: evaluationDays, .*, overageDays, .*, overdraft\)$/.source,
        ),
      ) as unknown as string,
    ],
  ],
  [
    'bad policy overrides in the same pass as a fleet problem',
    BASE.replace('duration: 100d', 'duration: 100d\npolicy:\n  smart-licensing:\n    overrides: { overageDays: 0, graceDays: 4 }').replace(
      'count: 5',
      'count: five',
    ),
    [
      'f.yaml:5:31: policy.smart-licensing.overrides.overageDays: must be a positive number of days, found 0',
      expect.stringMatching(
        /^f\.yaml:5:34: policy\.smart-licensing\.overrides\.graceDays: unknown key "graceDays" \(expected one of: evaluationDays, /,
      ) as unknown as string,
      'f.yaml:13:12: fleet[0].count: expected a whole number of at least 1, found "five"',
    ],
  ],
  [
    'an unknown preset and a bad duration in a compared variant',
    `${BASE.replace('duration: 100d', 'duration: 100d\npolicy:\n  node-locked: { preset: cucm-6 }')}` +
      'compare:\n  B: { smart-licensing: { overageDays: soon } }\n',
    [
      'f.yaml:4:26: policy.node-locked.preset: ' +
        'expected a node-locked preset: cup-7, cucm-5-strict, flexnet-overdraft-10, keygen-125, found "cucm-6"',
      'f.yaml:19:40: compare.B.smart-licensing.overageDays: must be a number of days or a duration such as 30d, 6w, 12h, 1y, found "soon"',
    ],
  ],
  [
    'an unknown model under an optional record (compare)',
    `${BASE}compare:\n  B:\n    smart-licensin: {}\n`,
    [
      'f.yaml:18:5: compare.B.smart-licensin: unknown key "smart-licensin", did you mean "smart-licensing"? ' +
        '(expected one of: smart-licensing, node-locked, session-claim, policy, timeline, purchases)',
    ],
  ],
  [
    'a term that ends before it starts, in an account and on the timeline alike (SLR-10)',
    BASE.replace('count: 10 }', 'count: 10, term: { start: 20d, end: 10d } }').replace(
      'do: register }',
      'do: register }\n  - { at: 6d, do: purchase, account: va, type: CUWL, count: 5, term: { start: 30d, end: 30d } }',
    ),
    [
      'f.yaml:6:48: accounts[0].purchases[0].term: a term must end after it starts (day 20 to day 10)',
      'f.yaml:15:70: timeline[1].term: a term must end after it starts (day 30 to day 30)',
    ],
  ],
  [
    'references to nothing',
    BASE.replace('account: va\n', 'account: vb\n').replace('do: register', 'do: register, target: { groups: [nl] }'),
    [
      'f.yaml:11:14: fleet[0].account: unknown account "vb", did you mean "va"? (accounts: va)',
      'f.yaml:14:48: timeline[0].target.groups[0]: unknown fleet group "nl", did you mean "sl"? (groups: sl)',
    ],
  ],
  [
    'NL-7: time-grace in the node-locked policy (a licence file has no overage timer)',
    BASE.replace('licsim: 3\n', 'licsim: 3\npolicy:\n  node-locked:\n    overrides: { overdraft: { mode: time-grace } }\n'),
    [
      "f.yaml:18:29: policy.node-locked.overrides.overdraft: time-grace is Smart Licensing's overage period (SL-12); a licence file's " +
        'licence manager has no overage timer (NL-7): use none, always, count, percent or multiple, found a mapping with mode',
    ],
  ],
  [
    'NL-7: time-grace on a licence-file account',
    BASE.replace(
      '    purchases: [{ type: CUWL, count: 10 }]\n',
      '    purchases: [{ type: CUWL, count: 10 }]\n  - { id: file, kind: license-file, overdraft: { mode: time-grace } }\n',
    ),
    [
      "f.yaml:7:56: accounts[1].overdraft.mode: time-grace is Smart Licensing's overage period (SL-12); a licence file's " +
        'licence manager has no overage timer (NL-7): use none, always, count, percent or multiple',
    ],
  ],
  [
    'DLU-4: named devices in an aggregate group, an unknown device type, and softphones named as phones',
    BASE.replace(
      'fleet:\n',
      'fleet:\n  - { name: agg, model: node-locked, count: 1, account: file }\n' +
        '  - { name: one, model: node-locked, count: 1, account: file, deviceModel: individual, ' +
        "phones: { '7970': 1, IP-Communicator: 1 } }\n",
    )
      .replace(
        '    purchases: [{ type: CUWL, count: 10 }]\n',
        '    purchases: [{ type: CUWL, count: 10 }]\n  - { id: file, kind: license-file }\n',
      )
      .replace(
        'do: register }',
        "do: register, target: { groups: [sl] } }\n  - { at: 6d, do: add-device, device: 'x#1', type: '7999', target: { groups: [agg] } }",
      ),
    [
      "f.yaml:10:126: fleet[1].phones.IP-Communicator: an individual group's IP-Communicators are its softphones: " +
        'give them as softphones: N (named IP-Communicator#1…)',
      'f.yaml:18:19: timeline[1].do: add-device needs named devices: ' +
        'group agg counts its devices in aggregate (deviceModel: individual names them)',
      'f.yaml:18:52: timeline[1].type: unknown device type "7999" (types: 7902, 7905, 7906, 7911, 7912, 7920, 7921, 7936, 7940, ' +
        '7941, 7960, 7961, 7970, 7971, 7985, ATA-186, ATA-188, analog-port, third-party-sip-basic, third-party-sip-advanced, ' +
        'IP-Communicator, Personal-Communicator, Mobile-Communicator)',
    ],
  ],
  [
    'DLU-4: a phone listed as a secondary type',
    BASE.replace(
      'licsim: 3\n',
      "licsim: 3\npolicy:\n  node-locked:\n    overrides: { adjunctSecondaryTypes: [IP-Communicator, '7970'] }\n",
    ),
    [
      'f.yaml:18:59: policy.node-locked.overrides.adjunctSecondaryTypes[1]: "7970" is not a softphone: ' +
        'a secondary is one of IP-Communicator, Personal-Communicator, Mobile-Communicator (DLU-4)',
    ],
  ],
  [
    'NL-12: a PAK that may not be split, split across two licence files',
    BASE.replace(
      'fleet:\n',
      'paks:\n  - id: PAK-9\n    counts: { DLU: 10 }\n    splittable: false\n    split:\n' +
        '      - { account: east, counts: { DLU: 5 } }\n      - { account: west, counts: { DLU: 5 } }\nfleet:\n',
    )
      .replace('timeline:', '')
      .replace(
        '    purchases: [{ type: CUWL, count: 10 }]\n',
        '    purchases: [{ type: CUWL, count: 10 }]\n  - { id: east, kind: license-file }\n  - { id: west, kind: license-file }\n',
      )
      .replace('  - { at: 5d, do: register }\n', 'timeline: []\n'),
    ['f.yaml:14:7: paks[0].split: PAK PAK-9 may not be split across clusters (splittable: false), found 2 parts (NL-12)'],
  ],
  [
    "CS-7: a licence's terms on an account that is not a session licence, and an extension of a VA",
    BASE.replace('    kind: virtual-account\n', '    kind: virtual-account\n    expires: 30d\n    features: [x]\n').replace(
      'do: register }',
      'do: register }\n  - { at: 6d, do: extend-license, account: va, expires: 400d }',
    ),
    [
      'f.yaml:6:14: accounts[0].expires: expires applies to a session-license account only, found kind virtual-account',
      'f.yaml:7:15: accounts[0].features: features applies to a session-license account only, found kind virtual-account',
      'f.yaml:17:44: timeline[1].account: expected a session-license; "va" is a virtual-account',
    ],
  ],
  [
    'a growth rate out of bounds is refused in both spellings, a number and a percentage (one validation)',
    BASE.replace(
      'fleet:\n',
      'fleet:\n  - { name: a, model: smart-licensing, count: 1, account: va, users: 1, growth: "-500%" }\n' +
        '  - { name: b, model: smart-licensing, count: 1, account: va, users: 1, growth: "100000%" }\n' +
        '  - { name: c, model: smart-licensing, count: 1, account: va, users: 1, growth: -1.5 }\n',
    ),
    [
      ...['-500%', '100000%'].map(
        (v, i) =>
          `f.yaml:${8 + i}:81: fleet[${i}].growth: expected a monthly rate from -100% to 1000%, ` +
          `written as a percentage like 2% (or 2%/month), found "${v}"`,
      ),
      // A bare number is refused with both readings (issue 14), one of them beyond the bounds.
      'f.yaml:10:81: fleet[2].growth: a bare number is ambiguous: write -1.5% (-1.5 % a month) ' +
        'or -150% (beyond the -100% to 1000% a rate may be), found -1.5',
    ],
  ],
  [
    'a share out of bounds is refused in both spellings',
    BASE.replace('do: register }', 'do: register, target: { fraction: "150%" } }\n  - { at: 6d, do: register, target: { fraction: 1.5 } }'),
    ['"150%"', '1.5'].map(
      (v, i) =>
        `f.yaml:${14 + i}:49: timeline[${i}].target.fraction: expected a share: a number from 0 to 1, or a percentage from 0% to 100% ` +
        `like 25%, found ${v}`,
    ),
  ],
  [
    'a duration or an amount too large to be a number is refused as the number spelling is',
    `${BASE.replace('duration: 100d', `duration: "${'9'.repeat(400)}d"`)}expect:\n  - maxOverdraft: { max: "${'9'.repeat(400)}%" }\n`,
    [
      `f.yaml:2:11: duration: expected a duration: a number of days of 0 or more, or 30d, 6w, 18mo, 1y, 12h, found "${'9'.repeat(57)}..."`,
      `f.yaml:17:26: expect[0].maxOverdraft.max: expected a number of 0 or more, or a percentage like 5%, found "${'9'.repeat(57)}..."`,
    ],
  ],
];

describe('bad scenario input is refused with a located, specific message', () => {
  for (const [what, text, expected] of CASES) {
    it(`${what}`, () => {
      expect(problems(text)).toEqual(expected);
    });
  }

  it('every problem of a file is reported at once, in line order', () => {
    const text = BASE.replace('count: 5', 'count: 0').replace('users: 10', 'users: 10..2').replace('type: CUWL', 'type: CUWLX');
    const found = problems(text);
    // The reference problem comes in the same pass as the schema's (the fleet group it refuses is left out of the checks).
    expect(found).toEqual([
      expect.stringContaining('f.yaml:6:25: accounts[0].purchases[0].type: unknown licence type "CUWLX", did you mean "CUWL"?'),
      'f.yaml:10:12: fleet[0].count: expected a whole number of at least 1, found 0',
      'f.yaml:12:12: fleet[0].users: expected a range whose min is at most its max, found "10..2"',
    ]);
  });

  it('the command reports each class with its exact message and exits 2', async () => {
    // One process validates every case's file: each file's problems come under one header, file by file, exactly as alone.
    const dir = await mkdtemp(join(tmpdir(), 'licsim-classes-'));
    const files = await Promise.all(
      CASES.map(async ([, text], i) => {
        const file = join(dir, `case-${String(i).padStart(3, '0')}.yaml`);
        await writeFile(file, text);
        return file;
      }),
    );
    const run = await licsim(['validate', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const [header, ...lines] = run.stderr.trimEnd().split('\n');
    const total = CASES.reduce((sum, [, , expected]) => sum + expected.length, 0);
    expect(header).toBe(`licsim: ${total} problems in ${CASES.length} scenario files; nothing was run`);
    files.forEach((file, i) => {
      const [what, , expected] = CASES[i] as [string, string, unknown[]];
      const mine = lines.filter((line) => line.startsWith(`  ${file}:`));
      // A case that names its message loosely (a matcher) is held to the file it came from.
      const located = expected.map((line) =>
        typeof line === 'string' ? `  ${line.replace(/^f\.yaml/, file)}` : expect.stringContaining(file),
      );
      expect(mine, what).toEqual(located);
    });
    expect(lines.length).toBe(total);
  });

  it('the command exits 2 with no stack trace and runs nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-bad-'));
    await writeFile(join(dir, 'wrong.yaml'), BASE.replace('count: 5', 'count: five'));
    await writeFile(join(dir, 'fine.yaml'), BASE);
    const out = join(dir, 'report');
    const run = await licsim(['run', dir, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `licsim: 1 problem in 1 scenario file; nothing was run\n  ${join(dir, 'wrong.yaml')}:10:12: ` +
        'fleet[0].count: expected a whole number of at least 1, found "five"\n',
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
    const validate = await licsim(['validate', join(dir, 'wrong.yaml')]);
    expect(validate.code).toBe(2);
  });
});
