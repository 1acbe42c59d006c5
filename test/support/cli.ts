import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CliStream } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';

const BIN = fileURLToPath(new URL('../../bin/licsim.js', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** No colours, whatever the test's own environment says (CI or not is the caller's `env`). */
const plain = (env: Record<string, string> = {}) => ({ ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env });

/** A stream that keeps what is written to it (not a terminal). */
function buffer(): CliStream & { text(): string } {
  const chunks: string[] = [];
  return { write: (text: string) => chunks.push(text) > 0, text: () => chunks.join('') };
}

/**
 * Runs `licsim` in this process through `main(argv, io)` (no colours, not in CI mode unless
 * `env` says so): what it writes and its exit code, as the command would give them.
 */
export async function licsim(args: string[], options: { env?: Record<string, string> } = {}): Promise<CliRun> {
  const stdout = buffer();
  const stderr = buffer();
  const code = await main(args, { stdout, stderr, env: plain(options.env) });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/**
 * Runs the real `licsim` command in a child process (no colours, not in CI mode): for what
 * only a process shows (its working folder, signals, pipes, worker threads' environment, start-up).
 */
export function licsimProcess(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd ?? process.cwd(), env: plain(options.env), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}
