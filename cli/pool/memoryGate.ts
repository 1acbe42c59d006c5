/**
 * The memory the scenarios running at once may use together: a lane reserves a
 * scenario's estimate before it starts and gives it back when it ends, waiting while
 * the others use too much. A scenario alone always starts (the budget check before the
 * run refused any larger than the whole), so nothing waits forever.
 */
export class MemoryGate {
  private inUse = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  /** Reserves `bytes`, once they fit beside what is reserved (or nothing is). */
  async acquire(bytes: number): Promise<void> {
    while (this.inUse > 0 && this.inUse + bytes > this.limit) await new Promise<void>((wake) => this.waiting.push(wake));
    this.inUse += bytes;
  }

  /** Gives `bytes` back and lets the waiting lanes look again. */
  release(bytes: number): void {
    this.inUse -= bytes;
    for (const wake of this.waiting.splice(0)) wake();
  }
}
