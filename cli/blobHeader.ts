import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../reports/io/atomicWrite.ts';
import { creatableAt, mkdirBelow } from '../reports/io/fileSystems.ts';
import { REPORT_FILES } from '../reports/io/layout.ts';
import { outDirUsage, UsageError } from './errors.ts';
import { type Shard, shardText } from './shard.ts';

/**
 * What every blob of a split piece of work carries, whatever it holds (a suite's scenarios, a sweep's points, a fuzz
 * campaign's slice): what `licsim merge` checks before it puts the pieces together.
 */
export interface BlobHeader {
  schema: string;
  /** licsim's version (package.json). */
  licsim: string;
  /** A hash of licsim's code (cli/sweepCache.ts licsimSourceHash): two checkouts of one version can differ. */
  code: string;
  shard: Shard;
  /** The split's identity: the same for every piece of one split. */
  split: string;
  /** The whole piece of work's id (a hash of its inputs and the options that decide its results). */
  inputs: string;
}

/** A blob and the file it was read from (what every message names). */
export interface Given<B extends BlobHeader> {
  file: string;
  blob: B;
}

/** The folder a piece writes its blob to when `--out` is not given. */
export const BLOB_DIR = 'licsim-blob';

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isWhole = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= min;

/** A blob file's JSON, or a UsageError naming the file (unreadable, or not JSON). */
export async function readBlobJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: ${code ? `cannot read it (${code})` : `not a licsim blob: not JSON (${(error as Error).message})`}`);
  }
}

/**
 * Checks the header every blob has (`made`: the command that writes this kind, for the message); returns the data
 * typed as an object with that header. A UsageError names the file and the field.
 */
export function checkHeader(data: unknown, file: string, schema: string, made: string): Record<string, unknown> & BlobHeader {
  const wrong = (what: string) => new UsageError(`${file}: not a licsim blob (${made} writes them): ${what}`);
  if (!isObject(data) || data.schema !== schema) throw wrong(`expected "schema": "${schema}"`);
  const { shard } = data;
  if (typeof data.licsim !== 'string') throw wrong('expected "licsim": its version');
  if (typeof data.code !== 'string') throw wrong('expected "code": the hash of the licsim that wrote it');
  if (!isObject(shard) || !isWhole(shard.total, 1) || !isWhole(shard.index, 1) || shard.index > shard.total)
    throw wrong('expected "shard": { index, total } with 1 ≤ index ≤ total');
  if (typeof data.split !== 'string' || typeof data.inputs !== 'string') throw wrong('expected "split" and "inputs"');
  return data as Record<string, unknown> & BlobHeader;
}

/**
 * What keeps blobs from being one split: another licsim version or code, other inputs, another count of pieces or
 * another split, and a piece missing or given twice. One line per problem, each naming its blob.
 * `why` says, per field, what the pieces must share (in the words of the command that wrote them).
 */
export function shardSetProblems<B extends BlobHeader>(
  given: readonly Given<B>[],
  why: { inputs: string; split: string },
  splitText: (b: B) => string = (b) => b.split,
  /** What a piece is called and the flag that makes it (a partition's blob holds its partition in `shard`). */
  piece: { noun: string; flag: string } = { noun: 'shard', flag: '--shard' },
): string[] {
  const [first] = given;
  if (!first) return [];
  const problems: string[] = [];
  const ref = first.blob;
  const differs = (what: string, pick: (b: B) => string | number, reason: string) => {
    for (const { file, blob } of given.slice(1))
      if (pick(blob) !== pick(ref)) problems.push(`${file}: ${what} ${pick(blob)}, but ${first.file} has ${pick(ref)}: ${reason}`);
  };
  differs('licsim version', (b) => b.licsim, 'merge the blobs of one licsim version');
  differs('licsim code', (b) => b.code.slice(0, 16), 'merge the blobs of one checkout of licsim (its code differs)');
  differs('inputs (run id)', (b) => b.inputs, why.inputs);
  differs(`${piece.noun} count`, (b) => b.shard.total, `every ${piece.noun} must be one of the same ${piece.flag} i/n`);
  differs('split', splitText, why.split);
  const total = ref.shard.total;
  for (let index = 1; index <= total; index++) {
    const files = given.filter((g) => g.blob.shard.total === total && g.blob.shard.index === index).map((g) => g.file);
    if (!files.length) problems.push(`${piece.noun} ${index}/${total} is missing`);
    if (files.length > 1) problems.push(`${piece.noun} ${index}/${total} is given ${files.length} times: ${files.join(', ')}`);
  }
  return problems;
}

/**
 * Checks, before anything runs, that a blob named `name` can be written into `out` (a folder, made if missing, on an
 * ordinary file system, writable, not a report folder: a blob there would be a file licsim's report did not write).
 * Exit 2 naming `--out`.
 */
export async function blobPathIn(out: string, name: string, shard: Shard, flag = '--shard'): Promise<string> {
  const file = join(out, name);
  const { base, missing } = await outDirUsage(creatableAt(file, '--out', out));
  const manifest = await readFile(join(out, REPORT_FILES.manifest)).then(
    () => true,
    () => false,
  );
  if (manifest)
    throw new UsageError(
      `--out ${out} is a report folder (licsim wrote it); ` +
        `${flag} ${shardText(shard)} writes its blob to a folder of its own, such as --out ${BLOB_DIR}`,
    );
  await mkdirBelow(base, missing);
  return file;
}

/** Writes a blob (atomically: a reader sees no blob or the whole one). */
export async function writeBlobFile(file: string, blob: BlobHeader): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(blob)}\n`);
}

/** `--out` of a shard: as given, else {@link BLOB_DIR} (a report folder's default is not a blob's). */
export function shardOut(opts: { shard?: Shard }, command: { getOptionValueSource(key: string): string | undefined }): { out?: string } {
  return opts.shard && command.getOptionValueSource('out') === 'default' ? { out: BLOB_DIR } : {};
}
