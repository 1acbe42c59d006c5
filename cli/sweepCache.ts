import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LICSIM_VERSION } from '../reports/io/runId.ts';
import type { PointResult } from '../sweep/pointRun.ts';
import { UsageError } from './errors.ts';
import { SOURCE_FOLDERS } from './watch.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Every .ts file under `dir`, sorted. */
async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, e.name);
    if (e.isDirectory()) files.push(...(await sources(path)));
    else if (e.name.endsWith('.ts')) files.push(path);
  }
  return files;
}

/** The code a point's result depends on: what watch re-runs for, and the sweep's own running of a point. */
const CACHED_CODE = [...SOURCE_FOLDERS, 'scenarios/run', 'sweep'];

let sourceHash: Promise<string> | null = null;

/** A hash of licsim's code a point depends on (CACHED_CODE): a change there makes every cached point stale. */
export function licsimSourceHash(): Promise<string> {
  sourceHash ??= (async () => {
    const h = createHash('sha256').update(LICSIM_VERSION);
    for (const folder of CACHED_CODE)
      for (const file of await sources(join(ROOT, folder))) h.update(file.slice(ROOT.length)).update(await readFile(file));
    return h.digest('hex');
  })();
  return sourceHash;
}

/**
 * Points already computed, by their inputs: the scenario file's text, the scenario's name,
 * the point's values, the seed, and licsim's code (licsimSourceHash). A point whose inputs are
 * all the same is read back instead of run, so adding a point to a sweep runs that point alone.
 */
export class SweepCache {
  constructor(
    private readonly dir: string | null,
    private readonly source: string,
  ) {}

  key(text: string, name: string, values: Record<string, unknown>, seed: number): string {
    return createHash('sha256')
      .update(JSON.stringify([this.source, text, name, values, seed]))
      .digest('hex');
  }

  /** The folder is usable: absent (made when a point is kept) or a folder; anything else is bad input, before anything runs. */
  async check(): Promise<void> {
    if (!this.dir) return;
    const st = await stat(this.dir).catch(() => null);
    if (st && !st.isDirectory())
      throw new UsageError(`--cache ${this.dir}: not a folder (give a folder for the computed points, or --no-cache)`);
  }

  async get(key: string): Promise<PointResult | null> {
    if (!this.dir) return null;
    const text = await readFile(join(this.dir, `${key}.json`), 'utf8').catch(() => null);
    if (text === null) return null;
    try {
      return JSON.parse(text) as PointResult;
    } catch {
      // A file cut short (a killed run): computed again.
      return null;
    }
  }

  async put(key: string, point: PointResult): Promise<void> {
    if (!this.dir) return;
    await mkdir(this.dir, { recursive: true });
    const file = join(this.dir, `${key}.json`);
    // A name of its own per write: runs at once in one process (main() in tests) must not share a temporary file.
    const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temp, JSON.stringify(point));
    await rename(temp, file);
  }
}
