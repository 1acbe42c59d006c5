import { MultiBar, type SingleBar } from 'cli-progress';
import { cliIo } from '../io.ts';
import type { Colors } from './format.ts';
import { printable, printableLine } from './printable.ts';

/**
 * Progress of a run: a bar of simulated days on an interactive terminal
 * (on stderr, so piped output stays clean), with finished scenarios printed
 * above it; without a terminal, just the lines.
 */
export class Progress {
  private readonly multi: MultiBar | null;
  private readonly bar: SingleBar | null;
  private readonly done: number[];

  constructor(
    totals: number[],
    private readonly names: string[],
    interactive: boolean,
    private readonly c: Colors,
  ) {
    this.done = totals.map(() => 0);
    this.multi = interactive
      ? new MultiBar({
          format: ` ${c.cyan('{bar}')} {percentage}% | {value}/{total} simulated days | {running}`,
          barCompleteChar: '█',
          barIncompleteChar: '░',
          hideCursor: true,
          clearOnComplete: true,
          stream: cliIo().stderr as NodeJS.WritableStream,
          fps: 10,
        })
      : null;
    this.bar =
      this.multi?.create(
        totals.reduce((a, b) => a + b, 0),
        0,
        { running: '' },
      ) ?? null;
  }

  /** Days simulated so far by scenario `index` (all its variants together). */
  update(index: number, days: number): void {
    this.done[index] = days;
    this.bar?.update(
      this.done.reduce((a, b) => a + b, 0),
      { running: this.c.dim(printable(this.names[index] ?? '')) },
    );
  }

  /** Prints a line (above the bar when there is one), anything unprintable in it escaped. */
  log(line: string): void {
    const safe = printableLine(line);
    if (this.multi) this.multi.log(`${safe}\n`);
    else cliIo().stdout.write(`${safe}\n`);
  }

  stop(): void {
    this.multi?.stop();
  }
}
