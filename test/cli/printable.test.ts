import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { printable, printableLine } from '../../cli/console/printable.ts';
import { commanderError } from '../../cli/errors.ts';
import { licsim } from '../support/cli.ts';

/** A name that, printed raw, would put a GitHub workflow command at the start of a console line. */
const FORGED = '\n::error file=README.md,line=1::forged';
/** The same name as licsim prints it. */
const SHOWN = '\\n::error file=README.md,line=1::forged';
const quoted = (s: string) => JSON.stringify(s);

const SCENARIO = `licsim: 3
name: ${quoted(`tiny${FORGED}`)}
seed: 3
duration: 10d
accounts: [{ id: va, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: 1 }] }]
fleet:
  - { name: ${quoted(`east${FORGED}`)}, model: smart-licensing, count: 2, account: va, users: 10, profiles: { desk-phone: 1 } }
timeline:
  - { at: 1d, do: register }
compare:
  ${quoted(`A${FORGED}`)}: { smart-licensing: { overageDays: 30 } }
  B: { smart-licensing: { overageDays: 60 } }
expect:
  - maxOverdraft: { max: 0 }
  - never: { state: enforcement, groups: ${quoted(`east${FORGED}`)} }
`;

/** No line may start with a workflow command, and nothing may move the cursor or reorder text. */
function expectOwnLines(text: string): void {
  for (const line of text.split('\n')) expect(line).not.toMatch(/^\s*::/);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters that must not be printed
  expect(text).not.toMatch(/[\r\u2028\u2029\u202a-\u202e\u2066-\u2069\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
}

describe('every line licsim prints escapes the control characters of user text', () => {
  it('printable escapes C0, DEL, C1, the line and paragraph separators and the bidi controls', () => {
    expect(printable('a\nb\r\tc\u0000\u001b[2Kd\u007f\u0085\u2028\u2029\u202e\u2066e')).toBe(
      'a\\nb\\r\\tc\\x00\\x1b[2Kd\\x7f\\x85\\u2028\\u2029\\u202e\\u2066e',
    );
    expect(printable('plain text, ünïcödé, 数 and ✓ stay')).toBe('plain text, ünïcödé, 数 and ✓ stay');
  });

  it("printableLine keeps licsim's colours and escapes anything else", () => {
    expect(printableLine('\u001b[32m✓\u001b[39m a\nb \u001b[2K\rc')).toBe('\u001b[32m✓\u001b[39m a\\nb \\x1b[2K\\rc');
  });

  it("commander's errors quote the user's argument on one line and keep commander's suggestion on the next", () => {
    expect(commanderError(`error: unknown option '--x${FORGED}'\n(Did you mean --out?)\n`)).toBe(
      `error: unknown option '--x${SHOWN}'\n(Did you mean --out?)\n`,
    );
  });
});

describe('forged names in run and validate stay on their own line', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'licsim-forged-'));
    await writeFile(join(dir, 'tiny.yaml'), SCENARIO);
    await writeFile(join(dir, `named${FORGED}.yaml`), SCENARIO);
    await writeFile(
      join(dir, 'key.yaml'),
      SCENARIO.replace('  - { at: 1d, do: register }', `  - { at: 1d, do: register, ${quoted(`key${FORGED}`)}: 1 }`),
    );
    await writeFile(join(dir, 'op.yaml'), `${SCENARIO}  - refused: { op: ${quoted(`op${FORGED}`)}, atMost: 0 }\n`);
  });

  it('run: the scenario, group and variant names are printed escaped', async () => {
    const r = await licsim(['run', join(dir, 'tiny.yaml'), '--out', join(dir, 'report'), '--reporter', 'verbose']);
    expect(r.code).toBe(1);
    expectOwnLines(r.stdout);
    expectOwnLines(r.stderr);
    expect(r.stdout).toContain(`tiny.yaml › tiny${SHOWN} (`);
    expect(r.stdout).toContain(`instances × 10 d, A${SHOWN} vs B)`);
    expect(r.stdout).toContain(`[variant A${SHOWN}]`);
    expect(r.stdout).toContain(`east${SHOWN}`);
  });

  it('validate: names, file names, keys and values in problems are printed escaped', async () => {
    const [good, bad] = await Promise.all([
      licsim(['validate', join(dir, 'tiny.yaml'), join(dir, `named${FORGED}.yaml`)]),
      licsim(['validate', join(dir, 'key.yaml'), join(dir, 'op.yaml')]),
    ]);
    expect(good.code).toBe(0);
    expectOwnLines(good.stdout);
    expect(good.stdout).toContain(`named${SHOWN}.yaml › tiny${SHOWN} (2 expectations, 2 instances × 10 d, A${SHOWN} vs B)`);
    expect(bad.code).toBe(2);
    expectOwnLines(bad.stderr);
    expect(bad.stderr.split('\n')).toEqual([
      'licsim: 2 problems in 2 scenario files; nothing was run',
      `  ${join(dir, 'key.yaml')}:9:29: timeline[0].key${SHOWN}: unknown key "key${SHOWN}" ` +
        '(expected one of: at, every, until, target, do, account, exportControl, tokenExpires)',
      expect.stringMatching(
        /^ {2}.*op\.yaml:16:20: expect\[2\]\.refused\.op: unknown operation "op\\n::error file=README\.md,line=1::forged"/,
      ),
      '',
    ]);
  });

  it('usage errors quote the user text escaped', async () => {
    const [only, command] = await Promise.all([
      // (no comma: --only splits its value at commas)
      licsim(['run', join(dir, 'tiny.yaml'), '--only', 'x\n::error forged', '--out', join(dir, 'unused')]),
      licsim([`frob${FORGED}`]),
    ]);
    expect([only.code, command.code]).toEqual([2, 2]);
    for (const r of [only, command]) expectOwnLines(r.stderr);
    expect(only.stderr).toContain(`licsim: no scenario matches --only x\\n::error forged (scenarios: tiny${SHOWN})`);
    expect(command.stderr).toContain(`error: unknown command 'frob${SHOWN}'`);
  });
});
