/** A mistake in how licsim was called or in what it was given: reported without a stack trace, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly lines: string[] = [],
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit codes of every command. */
export const EXIT = { passed: 0, failed: 1, usage: 2, crashed: 3 } as const;
