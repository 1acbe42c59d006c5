import { AsyncLocalStorage } from 'node:async_hooks';

/** Where a command writes: what it needs of a stream (a process's stdout or stderr, or a test's buffer). */
export interface CliStream {
  write(text: string): boolean;
  /** A terminal: progress bars and colours by default. */
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/**
 * What a command reads and writes of the world outside its arguments: its two output
 * streams and its environment (`CI`, `GITHUB_ACTIONS`, `NO_COLOR`, …). A process's by
 * default; `main(argv, io)` runs the CLI on any other, so tests run it in process.
 */
export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  readonly env: NodeJS.ProcessEnv;
}

const current = new AsyncLocalStorage<CliIo>();

/** The process's own streams and environment. */
export const processIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr, env: process.env });

/** The io of the command running in this asynchronous context (the process's outside any). */
export const cliIo = (): CliIo => current.getStore() ?? processIo();

/** Runs `body` with `io` as every command's io, for everything it awaits (one `main` call's, alone, when several run at once). */
export const withIo = <T>(io: CliIo, body: () => Promise<T>): Promise<T> => current.run(io, body);

/**
 * Whether colours are on for `io`, as picocolors decides for a process: not with
 * `NO_COLOR` or `--no-color`; yes with `FORCE_COLOR`, on a terminal that is not dumb, or in CI.
 */
export function colorSupported(io: CliIo, argv: readonly string[]): boolean {
  const { env } = io;
  if (env.NO_COLOR || argv.includes('--no-color')) return false;
  return Boolean(env.FORCE_COLOR) || argv.includes('--color') || (io.stdout.isTTY === true && env.TERM !== 'dumb') || Boolean(env.CI);
}

/** The environment and output a report's GitHub publishing uses: this command's, with `env` over it. */
export function publishingIo(env: NodeJS.ProcessEnv = {}): { env: NodeJS.ProcessEnv; output: (line: string) => void } {
  const io = cliIo();
  return { env: { ...io.env, ...env }, output: (line) => void io.stdout.write(`${line}\n`) };
}
