import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { licsim, licsimProcess } from '../support/cli.ts';

describe('main(argv, io): the CLI in process', () => {
  it('writes to the io it is given and resolves to the exit code; calls at once keep their outputs apart', async () => {
    const [valid, missing, version] = await Promise.all([
      licsim(['validate', 'scenarios/smart-licensing']),
      licsim(['run', 'no-such-folder']),
      licsim(['--version']),
    ]);
    expect(valid.code).toBe(0);
    expect(valid.stdout).toMatch(/scenarios? in \d+ files? (is|are) valid/);
    expect(valid.stderr).toBe('');
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'licsim: no such file or folder: no-such-folder\n' });
    expect(version).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
  });

  it('gives what the process gives, byte for byte (usage error, help)', async () => {
    for (const args of [['run', '--jobs', '0', 'x'], ['validate', '--help'], ['frobnicate']]) {
      expect(await licsim(args), args.join(' ')).toEqual(await licsimProcess(args));
    }
  });

  it("colours follow the io's environment, not the process's", async () => {
    const written: string[] = [];
    const stream = { write: (text: string) => written.push(text) > 0 };
    const code = await main(['run', 'no-such-folder'], { stdout: stream, stderr: stream, env: { FORCE_COLOR: '1' } });
    expect(code).toBe(2);
    expect(written.join('')).toBe('\x1b[31mlicsim:\x1b[39m no such file or folder: no-such-folder\n');
  });
});
