import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { validateCommand } from '../../cli/commands/validate.ts';
import { EXIT, ReportedError, reportError } from '../../cli/errors.ts';
import { loadAll, loadEach } from '../../cli/loadAll.ts';

// A bug of licsim's own on one file: the loader throws for any file named crash*.yaml, and reads the others as it does.
vi.mock('../../cli/loadFile.ts', async (original) => {
  const real = await original<typeof import('../../cli/loadFile.ts')>();
  return {
    ...real,
    loadFile: (file: string, options?: { seed?: number }) => {
      if (/crash[^/]*\.yaml$/.test(file)) throw new TypeError("Cannot read properties of undefined (reading 'x')");
      return real.loadFile(file, options);
    },
  };
});

const VALID = `licsim: 3
name: fine
duration: 10d
accounts: [{ id: va, kind: virtual-account, purchases: [{ type: CUWL, count: 10 }] }]
fleet: [{ name: sl, model: smart-licensing, count: 1, account: va, users: 1 }]
`;

let dir: string;
let files: { fine: string; crash: string; bad: string };
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'licsim-batch-'));
  files = { fine: join(dir, 'a-fine.yaml'), crash: join(dir, 'b-crash.yaml'), bad: join(dir, 'c-bad.yaml') };
  await writeFile(files.fine, VALID);
  await writeFile(files.crash, VALID);
  await writeFile(files.bad, VALID.replace('count: 1,', 'count: 0,'));
});

afterEach(() => vi.restoreAllMocks());

/** What a command wrote to stdout and stderr while `run` ran. */
async function captured(run: () => Promise<unknown>): Promise<{ stdout: string; stderr: string; result: unknown }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    stdout += String(s);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    stderr += String(s);
    return true;
  });
  const result = await run().catch((error: unknown) => error);
  vi.restoreAllMocks();
  return { stdout, stderr, result };
}

describe('a batch of files: each is checked on its own, a crash is reported against its file', () => {
  it('validate: the other files are still checked; a crash names its file with the stack; the exit code is the worst (3)', async () => {
    const { stdout, result } = await captured(() => validateCommand([files.fine, files.crash, files.bad], { color: false }));
    expect(stdout).toBe(` ✓ ${files.fine} › fine (0 expectations, 1 instance × 10 d)\n\n 1 scenario in 1 file is valid, 2 files are not\n`);
    expect(result).toBeInstanceOf(ReportedError);
    const error = result as ReportedError;
    expect(error.exitCode).toBe(EXIT.crashed);
    expect(error.message).toBe(
      '1 problem in 1 scenario file, and licsim crashed reading 1 scenario file (a bug: please report it with the stack below); ' +
        'nothing was run',
    );
    expect(error.lines[0]).toBe(`${files.bad}:5:52: fleet[0].count: expected a whole number of at least 1, found 0`);
    expect(error.lines[1]).toBe(
      `${files.crash}: licsim crashed reading this file: TypeError: Cannot read properties of undefined (reading 'x')`,
    );
    expect(error.lines[2]).toMatch(/^ {2}at .*batch\.test\.ts/);
    const printed = await captured(async () => reportError(error, false));
    expect(printed.result).toBe(3);
    expect(printed.stderr.split('\n').slice(0, 3)).toEqual([`licsim: ${error.message}`, `  ${error.lines[0]}`, `  ${error.lines[1]}`]);
  });

  it('validate: problems alone exit 2, and the valid files are listed', async () => {
    const { stdout, result } = await captured(() => validateCommand([files.fine, files.bad], { color: false }));
    expect(stdout).toContain(` ✓ ${files.fine} › fine`);
    expect([(result as ReportedError).exitCode, (result as ReportedError).lines]).toEqual([
      EXIT.usage,
      [`${files.bad}:5:52: fleet[0].count: expected a whole number of at least 1, found 0`],
    ]);
    expect((await captured(() => validateCommand([files.fine], { color: false }))).result).toBe(EXIT.passed);
  });

  it("run's loading: every file is read, the crash named with the others' problems, exit 3", async () => {
    const error = await loadAll([dir]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportedError);
    expect((error as ReportedError).exitCode).toBe(EXIT.crashed);
    expect((error as ReportedError).lines.filter((l) => !l.startsWith('  at '))).toEqual([
      `${files.bad}:5:52: fleet[0].count: expected a whole number of at least 1, found 0`,
      `${files.crash}: licsim crashed reading this file: TypeError: Cannot read properties of undefined (reading 'x')`,
    ]);
    expect((await loadAll([files.fine])).scenarios.map((s) => s.name)).toEqual(['fine']);
  });

  it('a FIFO named like a scenario file is a problem of its own, not a read that never ends', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'licsim-fifo-'));
    execFileSync('mkfifo', [join(folder, 'pipe.yaml')]);
    await writeFile(join(folder, 'fine.yaml'), VALID);
    const loaded = await loadEach([folder]);
    expect(loaded.scenarios.map((s) => s.name)).toEqual(['fine']);
    expect(loaded.problems).toEqual([
      { file: join(folder, 'pipe.yaml'), line: 1, column: 1, path: '', message: 'cannot read the file: not a regular file' },
    ]);
  });
});
