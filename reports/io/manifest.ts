import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { z } from 'zod';
import { REMOVABLE_DIRS, REPORT_FILES } from './layout.ts';

/** One file licsim wrote in a report folder: where, and what (so a changed or foreign file is never taken for it). */
export interface ManifestEntry {
  /** Relative to the report folder, `/`-separated. */
  path: string;
  size: number;
  sha256: string;
}

/**
 * `.licsim-report.json`: what makes a folder licsim's. The run id it was
 * written for, whether that run completed, and every file it wrote with its
 * size and hash. A file that is not listed, or no longer matches, is not
 * licsim's: it is never deleted or replaced without `--force`.
 */
export interface Manifest {
  schema: 'licsim/report-folder@1';
  licsim: string;
  runId: string;
  state: 'incomplete' | 'complete';
  files: ManifestEntry[];
}

const MANIFEST = z.strictObject({
  schema: z.literal('licsim/report-folder@1'),
  licsim: z.string(),
  runId: z.string(),
  state: z.enum(['incomplete', 'complete']),
  files: z.array(
    z.strictObject({
      path: z.string().regex(/^(?!\/)(?!.*(^|\/)\.\.?(\/|$))[^\\\0]+$/),
      size: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});

/** The manifest entry of `data` written at `path`. */
export function manifestEntry(path: string, data: string | Uint8Array): ManifestEntry {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { path, size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** The manifest's text. */
export function manifestText(m: Manifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}

/** The manifest of folder `dir`, or null when there is none, or it is not a regular file, or not one this licsim wrote. */
export async function readManifest(dir: string): Promise<Manifest | null> {
  const file = join(dir, REPORT_FILES.manifest);
  try {
    if (!(await lstat(file)).isFile()) return null;
    const parsed = MANIFEST.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Whether `rel` in `dir` is the very file the entry describes: every folder on
 * the way a real folder (no symbolic link), the file itself a regular file of
 * the recorded size and hash.
 */
export async function matches(dir: string, entry: ManifestEntry): Promise<boolean> {
  const parts = entry.path.split('/');
  let at = dir;
  try {
    for (const [i, part] of parts.entries()) {
      at = join(at, part);
      const st = await lstat(at);
      if (i < parts.length - 1 ? !st.isDirectory() : !st.isFile() || st.size !== entry.size) return false;
    }
    return manifestEntry(entry.path, await readFile(at)).sha256 === entry.sha256;
  } catch {
    return false;
  }
}

/** Every entry below `dir` (not following links), as `/`-separated relative paths, folders after what they hold. */
export async function walk(
  dir: string,
  skip: (rel: string, e: Dirent) => boolean = () => false,
): Promise<Array<{ rel: string; e: Dirent }>> {
  const out: Array<{ rel: string; e: Dirent }> = [];
  const visit = async (rel: string): Promise<void> => {
    const entries = await readdir(rel ? join(dir, ...rel.split('/')) : dir, { withFileTypes: true });
    for (const e of entries) {
      const path = rel ? posix.join(rel, e.name) : e.name;
      if (skip(path, e)) continue;
      if (e.isDirectory()) await visit(path);
      out.push({ rel: path, e });
    }
  };
  await visit('');
  return out;
}

/**
 * What in folder `dir` licsim did not write according to `manifest` (null: no
 * manifest, so nothing is licsim's): files not listed or changed since, links,
 * anything that is neither a file nor a folder, and folders other than a report's
 * own (`charts`, `scenarios`, `counterexamples`: REMOVABLE_DIRS) that hold no listed
 * file. Only the top-most foreign names are given.
 */
export async function foreignEntries(
  dir: string,
  manifest: Manifest | null,
  skip?: (rel: string, e: Dirent) => boolean,
): Promise<string[]> {
  const listed = new Map((manifest?.files ?? []).map((f) => [f.path, f]));
  const holdsListed = (folder: string) => [...listed.keys()].some((p) => p.startsWith(`${folder}/`));
  const foreign: string[] = [];
  for (const { rel, e } of await walk(dir, skip)) {
    if (e.isDirectory()) {
      if (!REMOVABLE_DIRS.includes(rel) && !holdsListed(rel)) foreign.push(`${rel}/`);
      continue;
    }
    if (rel === REPORT_FILES.manifest && manifest) continue;
    const entry = listed.get(rel);
    if (!entry || !e.isFile() || !(await matches(dir, entry))) foreign.push(e.isSymbolicLink() ? `${rel} (a symbolic link)` : rel);
  }
  return foreign.filter((f) => !foreign.some((g) => g !== f && g.endsWith('/') && f.startsWith(g)));
}
