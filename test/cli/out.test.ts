import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { schemaCommand } from '../../cli/commands/schema.ts';
import { UsageError } from '../../cli/errors.ts';
import { ReportFolder } from '../../reports/index.ts';
import { twoClustersText } from '../support/scenarios.ts';

const BIN = fileURLToPath(new URL('../../bin/licsim.js', import.meta.url));
const TINY = twoClustersText('tiny', 'Two clusters register.', 1);
/** A verification whose one property fails: its report holds a counterexample in counterexamples/. */
const FAILS = `licsim: 3
name: growth past the purchase
description: One cluster of ten users; the environment may add five.
seed: 1
duration: 120d
accounts:
  - { id: va, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: 10 }] }
fleet:
  - { name: shop, model: smart-licensing, count: 1, account: va, users: 10, profiles: { desk-phone: 1 } }
timeline:
  - { at: 1d, do: register }
verify:
  events: 1
  alphabet:
    - { do: grow, users: 5, target: { groups: [shop] } }
  properties:
    - { name: never enforced, rules: [SL-12], never: { state: enforcement } }
`;

interface Run {
  code: number | null;
  signal: string | null;
  stderr: string;
}

/** The licsim command, stopped after 20 s (a hang is a failure, not a stuck suite). */
function licsim(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, timeout: 20_000, killSignal: 'SIGKILL', env: { ...process.env, NO_COLOR: '1', CI: '' } },
      (error, _stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, signal: error?.signal ?? null, stderr }),
    );
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'licsim-out-'));
  await writeFile(join(dir, 'tiny.yaml'), TINY);
  await writeFile(join(dir, 'fails.yaml'), FAILS);
  await writeFile(join(dir, 'a-file'), 'not a folder');
  await mkdir(join(dir, 'schema-dir'));
  await mkdir(join(dir, 'project'));
  for (const name of ['index.html', 'summary.md', 'junit.xml', 'results.json']) await writeFile(join(dir, 'project', name), `my ${name}`);
});

async function listing(): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).sort();
}

describe('--out edge cases', () => {
  it('each gives exit 2 with a message naming the path and what was expected, no stack trace, no hang, nothing written', async () => {
    const before = await listing();
    const cases: Array<[string[], RegExp]> = [
      [['run', 'tiny.yaml', '--out', 'a-file'], /--out a-file is a file, not a folder; expected an absent or empty folder/],
      [['run', 'tiny.yaml', '--out', ''], /--out: expected a folder path, got an empty string/],
      // Node's recursive mkdir never returned here: procfs answers ENOENT for a folder whose parent exists.
      [['run', 'tiny.yaml', '--out', '/proc/licsim-report'], /--out \/proc\/licsim-report is on a proc file system/],
      [['run', 'tiny.yaml', '--out', 'project'], /--out project holds files licsim did not write.*index\.html.*pass --force/],
      [['schema', '--out', 'schema-dir'], /--out schema-dir is a folder; expected a file path/],
    ];
    const runs = await Promise.all(cases.map(([args]) => licsim(args, dir)));
    runs.forEach((r, i) => {
      const [args, message] = cases[i] as [string[], RegExp];
      expect({ args, code: r.code, signal: r.signal }).toEqual({ args, code: 2, signal: null });
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
    expect(await listing()).toEqual(before);
    for (const name of ['index.html', 'summary.md', 'junit.xml', 'results.json'])
      expect(await readFile(join(dir, 'project', name), 'utf8')).toBe(`my ${name}`);
  });

  it('the other refusals, checked in process: a path under a file, /proc/self, a missing folder for the schema', async () => {
    const before = await listing();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      await expect(ReportFolder.open('a-file/report')).rejects.toThrow(/^--out a-file\/report: .*a-file is a file, not a folder$/);
      await expect(ReportFolder.open('a-file/report/deeper')).rejects.toThrow(/a-file is a file, not a folder/);
      await expect(ReportFolder.open('/proc/self')).rejects.toThrow(/^--out \/proc\/self is on a proc file system/);
      await expect(ReportFolder.open('/proc/self/licsim')).rejects.toThrow(/is on a proc file system/);
      await expect(ReportFolder.open('/')).rejects.toThrow(/not the root folder/);
      await expect(schemaCommand({ out: '' })).rejects.toThrow(/^--out: expected a file path for the JSON Schema, got an empty string$/);
      await expect(schemaCommand({ out: 'missing/schema.json' })).rejects.toThrow(
        /^--out missing\/schema\.json: the folder .*missing does not exist$/,
      );
      await expect(schemaCommand({ out: '/proc/licsim-schema.json' })).rejects.toBeInstanceOf(UsageError);
    } finally {
      process.chdir(cwd);
    }
    expect(await listing()).toEqual(before);
  });

  it('a run on an --out another run holds exits 2 naming it, and writes nothing there', async () => {
    const out = join(dir, 'held');
    const before = await listing();
    const holder = await ReportFolder.open(out);
    const r = await licsim(['run', 'tiny.yaml', '--out', out], dir);
    await holder.release();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`--out .*held is in use by another licsim run \\(pid ${process.pid} on .*, started \\d{4}-`));
    expect(await listing()).toEqual(before);
  });

  it('--force writes the report into a folder of the user and keeps its other files', async () => {
    const out = join(dir, 'forced');
    await mkdir(out);
    await writeFile(join(out, 'notes.txt'), 'keep me');
    const r = await licsim(['run', 'tiny.yaml', '--out', out, '--force', '--reporter', 'silent'], dir);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(await readFile(join(out, 'notes.txt'), 'utf8')).toBe('keep me');
    expect(JSON.parse(await readFile(join(out, 'results.json'), 'utf8'))).toMatchObject({ passed: true });
  });

  it('licsim run over a folder licsim verify wrote: counterexamples/ goes, swapped or in place; nothing left beside it', async () => {
    const besides = async (name: string) => (await readdir(dir)).filter((n) => n.startsWith(`.${name}.`));
    const swapped = join(dir, 'verified');
    expect((await licsim(['verify', 'fails.yaml', '--out', swapped], dir)).code).toBe(1);
    expect(await readdir(join(swapped, 'counterexamples'))).toHaveLength(1);
    const r = await licsim(['run', 'tiny.yaml', '--out', swapped, '--reporter', 'silent'], dir);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(await besides('verified')).toEqual([]);
    expect(await readdir(swapped)).not.toContain('counterexamples');

    // Written in place (the current folder): the emptied counterexamples/ is removed, and the next run is not refused.
    const here = join(dir, 'verified-here');
    await mkdir(here);
    expect((await licsim(['verify', '../fails.yaml', '--out', '.'], here)).code).toBe(1);
    expect(await readdir(join(here, 'counterexamples'))).toHaveLength(1);
    const first = await licsim(['run', '../tiny.yaml', '--out', '.', '--reporter', 'silent'], here);
    expect([first.code, first.stderr]).toEqual([0, '']);
    expect(await readdir(here)).not.toContain('counterexamples');
    const again = await licsim(['run', '../tiny.yaml', '--out', '.', '--reporter', 'silent'], here);
    expect([again.code, again.stderr]).toEqual([0, '']);
    expect(await besides('verified-here')).toEqual([]);

    // An empty counterexamples/ is licsim's folder, not the user's: a run writing in place is not refused for it.
    await mkdir(join(here, 'counterexamples'));
    const emptied = await licsim(['run', '../tiny.yaml', '--out', '.', '--reporter', 'silent'], here);
    expect([emptied.code, emptied.stderr]).toEqual([0, '']);
  });
});
