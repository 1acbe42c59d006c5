import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { UsageError } from './errors.ts';

/**
 * A blob read a line at a time: every blob is JSON Lines, its header (and, for most kinds, all of it) on the first
 * line; a partition's blob has a line per scenario after it, so a merge holds one scenario of each blob at a time.
 *
 * @example
 * const lines = await BlobLines.open('blobs/licsim-partition-blob-1-of-3.json');
 * const header = lines.head; // the first line, parsed
 * for (let s = 0; s < count; s++) merge(await lines.next());
 * lines.close();
 */
export class BlobLines {
  private line = 1;
  private constructor(
    readonly file: string,
    readonly head: unknown,
    private readonly reader: Interface,
    private readonly lines: AsyncIterator<string>,
  ) {}

  /** Opens a blob and reads its first line; a UsageError names the file when it cannot be read or the line is not JSON. */
  static async open(file: string): Promise<BlobLines> {
    const stream = createReadStream(file, { encoding: 'utf8' });
    const opened = new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    try {
      await opened;
    } catch (error) {
      throw new UsageError(`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    const reader = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
    const lines = reader[Symbol.asyncIterator]();
    const first = await lines.next();
    const blob = new BlobLines(file, undefined, reader, lines);
    const head = blob.parse(first.done ? '' : first.value);
    return Object.assign(blob, { head });
  }

  /** The next line, parsed; a UsageError naming the file and line when there is none or it is not JSON. */
  async next(): Promise<unknown> {
    const r = await this.lines.next();
    this.line++;
    if (r.done) throw new UsageError(`${this.file}: not a whole licsim blob: it ends before line ${this.line} (was it cut short?)`);
    return this.parse(r.value);
  }

  close(): void {
    this.reader.close();
  }

  private parse(text: string): unknown {
    try {
      return JSON.parse(text);
    } catch (error) {
      const where = this.line === 1 ? '' : ` at line ${this.line}`;
      throw new UsageError(`${this.file}: not a licsim blob: not JSON${where} (${(error as Error).message})`);
    }
  }
}

/** The first line of a blob, parsed (the whole blob for kinds written on one line). */
export async function readBlobHead(file: string): Promise<unknown> {
  const lines = await BlobLines.open(file);
  lines.close();
  return lines.head;
}

/**
 * Writes a blob a line at a time to a temporary name beside `file`, renamed to `file` by `done` (a reader sees no blob
 * or the whole one), so a writer holds one line at a time.
 */
export class BlobWriter {
  private readonly temp: string;
  private readonly out: WriteStream;
  private failed: Error | null = null;

  constructor(readonly file: string) {
    this.temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
    this.out = createWriteStream(this.temp, { encoding: 'utf8' });
    this.out.on('error', (error) => {
      this.failed = error;
    });
  }

  /** Writes one line of JSON (waiting while the stream is full). */
  async line(value: unknown): Promise<void> {
    if (this.failed) throw this.failed;
    if (!this.out.write(`${JSON.stringify(value)}\n`)) await new Promise<void>((resolve) => this.out.once('drain', () => resolve()));
  }

  /** Ends the blob and puts it in place. */
  async done(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    if (this.failed) throw this.failed;
    await rename(this.temp, this.file);
  }

  /** Drops what was written. */
  async abandon(): Promise<void> {
    this.out.destroy();
    await unlink(this.temp).catch(() => undefined);
  }
}
