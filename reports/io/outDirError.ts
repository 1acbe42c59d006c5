/**
 * A report folder (`--out`) that licsim refuses: the path, what was expected
 * and why. Nothing was written there. The command reports it like any bad
 * input (exit 2, no stack trace).
 */
export class OutDirError extends Error {
  constructor(
    message: string,
    readonly lines: string[] = [],
  ) {
    super(message);
    this.name = 'OutDirError';
  }
}

/** An fs error's code (ENOENT, EACCES, …), or undefined for anything else. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
