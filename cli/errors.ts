import pc from 'picocolors';
import { OutDirError } from '../reports/io/outDirError.ts';
import { errorLines, printable } from './console/printable.ts';
import { cliIo } from './io.ts';

/** Exit codes of every command. */
export const EXIT = { passed: 0, failed: 1, usage: 2, crashed: 3 } as const;

/** A failure licsim reports in lines of its own, without a stack trace of its own, and the exit code it ends with. */
export class ReportedError extends Error {
  constructor(
    message: string,
    readonly lines: string[],
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'ReportedError';
  }
}

/** A mistake in how licsim was called or in what it was given: reported without a stack trace, exit code 2. */
export class UsageError extends ReportedError {
  constructor(message: string, lines: string[] = []) {
    super(message, lines, EXIT.usage);
    this.name = 'UsageError';
  }
}

/**
 * Prints an error that ended a command on stderr and says the exit code: a reported
 * one as `licsim: message` and its lines, anything else as a crash with its stack.
 * Every line is printable (user text in a message cannot start a line of its own).
 */
export function reportError(error: unknown, color: boolean): number {
  const c = pc.createColors(color);
  if (error instanceof ReportedError) {
    cliIo().stderr.write(`${c.red('licsim:')} ${printable(error.message)}\n`);
    for (const line of error.lines) cliIo().stderr.write(`  ${printable(line)}\n`);
    return error.exitCode;
  }
  const [head, ...frames] = errorLines(error);
  cliIo().stderr.write(`licsim crashed: ${head}\n${frames.map((f) => `${f}\n`).join('')}`);
  return EXIT.crashed;
}

/**
 * Commander's error messages (`error: unknown option '…'`) quote what the user typed:
 * printed as one line, with commander's own suggestion on the next.
 */
export function commanderError(text: string): string {
  const [message = '', ...suggestion] = text.replace(/\n$/, '').split('\n(Did you mean');
  return `${printable(message)}${suggestion.length ? `\n(Did you mean${printable(suggestion.join('\n(Did you mean'))}` : ''}\n`;
}

/** Runs `work`; a refusal about --out itself (an OutDirError) is bad input: a UsageError (exit 2) with its message. */
export async function outDirUsage<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof OutDirError) throw new UsageError(error.message, error.lines);
    throw error;
  }
}
