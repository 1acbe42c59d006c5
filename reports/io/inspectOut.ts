import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { creatableAt, specialFileSystem, writable } from './fileSystems.ts';
import { INSIDE_BUILD_PREFIX, REMOVABLE_DIRS, REPORT_FILES, siblings } from './layout.ts';
import { foreignEntries, type Manifest, readManifest } from './manifest.ts';
import { errorCode, OutDirError } from './outDirError.ts';

/**
 * How a run may write a report folder. `swap`: the report is built beside it
 * and renamed into place whole. `inPlace`: it is built inside the folder and
 * its files are renamed in one by one — for a folder holding files licsim did
 * not write (`--force`), the current directory or a folder above it, and a
 * mount point (which cannot be renamed).
 */
export type WriteMode = 'swap' | 'inPlace';

export interface OutPlan {
  /** Absolute path of the report folder. */
  out: string;
  /** The path as the user gave it, for messages. */
  given: string;
  /** absent; an empty folder; a folder holding only what licsim wrote; one holding anything else. */
  kind: 'absent' | 'empty' | 'licsim' | 'foreign';
  mode: WriteMode;
  manifest: Manifest | null;
  /** For an absent folder: the existing folder above it and the parents to create below that. */
  create: { base: string; missing: string[] } | null;
  /** Why the folder is written in place, for the README's promise (null in swap mode). */
  inPlaceBecause: string | null;
}

/** Whether `name` (a top-level entry of a report folder) is a folder licsim builds in, which never counts as foreign. */
export const isInsideBuild = (rel: string, e: Dirent) =>
  !rel.includes('/') && e.isDirectory() && rel.startsWith(INSIDE_BUILD_PREFIX) && /^\.licsim-build-\d+-[0-9a-f]+$/.test(rel);

const within = (folder: string, path: string) => {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

const SHOWN = 6;

function listed(names: readonly string[]): string {
  return names.length > SHOWN ? `${names.slice(0, SHOWN).join(', ')} and ${names.length - SHOWN} more` : names.join(', ');
}

/**
 * Decides whether and how a report may be written to `given` (the `--out`
 * value), writing nothing: every refusal is an OutDirError naming the path and
 * what was expected. Only stat-like calls (lstat, statfs, access, readdir, and
 * reading the files a manifest lists): no mkdir or rename that could hang.
 */
export async function inspectOut(given: string, flag: string, force: boolean): Promise<OutPlan> {
  if (given === '') throw new OutDirError(`${flag}: expected a folder path, got an empty string`);
  if (given.includes('\0')) throw new OutDirError(`${flag}: the path contains a NUL character`);
  const out = resolve(given);
  const { parent, base } = siblings(out);
  if (parent === out || base === '') throw new OutDirError(`${flag} ${given}: expected a folder for the report, not the root folder`);
  const base0 = { out, given, manifest: null, create: null, inPlaceBecause: null };
  let st: Stats;
  try {
    st = await lstat(out);
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new OutDirError(`${flag} ${given}: cannot read it (${code ?? String(error)})`);
    return { ...base0, kind: 'absent', mode: 'swap', create: await creatableAt(out, flag, given) };
  }
  const special = await specialFileSystem(out);
  if (special)
    throw new OutDirError(`${flag} ${given} is on a ${special} file system, which holds no ordinary files; expected a path on a disk`);
  if (st.isSymbolicLink())
    throw new OutDirError(
      `${flag} ${given} is a symbolic link; licsim never follows links in a report folder: give the folder it points to`,
    );
  if (!st.isDirectory())
    throw new OutDirError(`${flag} ${given} is a file, not a folder; expected an absent or empty folder, or one licsim wrote a report in`);
  if (!(await writable(out))) throw new OutDirError(`${flag} ${given}: the folder is not writable by this user`);
  if (!(await writable(parent)))
    throw new OutDirError(
      `${flag} ${given}: its parent folder ${parent} is not writable by this user (licsim builds the report beside it)`,
    );

  const manifest = await readManifest(out);
  const entries = await readdir(out);
  const foreign = await foreignEntries(out, manifest, isInsideBuild);
  const kind = entries.length === 0 ? 'empty' : foreign.length ? 'foreign' : 'licsim';
  if (kind === 'foreign' && !force) {
    const why = manifest ? '' : ` (it has no ${REPORT_FILES.manifest} this licsim wrote)`;
    throw new OutDirError(
      `${flag} ${given} holds files licsim did not write, or that changed since it wrote them: ${listed(foreign)}${why}. ` +
        'Expected an absent or empty folder, or one licsim wrote a report in; choose another folder, ' +
        'or pass --force to write the report into this one (its other files are kept, files of the same names replaced)',
    );
  }
  const cwd = await realpath(process.cwd()).catch(() => process.cwd());
  const real = await realpath(out).catch(() => out);
  const parentStat = await stat(parent);
  const inPlaceBecause =
    kind === 'foreign'
      ? 'it holds files licsim did not write (--force)'
      : within(real, cwd)
        ? 'it is the current folder or holds it'
        : st.dev !== parentStat.dev
          ? 'it is a mount point'
          : null;
  if (inPlaceBecause) await checkInPlace(out, given, flag);
  return { ...base0, kind, mode: inPlaceBecause ? 'inPlace' : 'swap', manifest, inPlaceBecause };
}

/**
 * Writing in place renames files into `out` and its report folders (`charts`,
 * `scenarios`, `counterexamples`) and removes the previous report's from them:
 * none of those names may be a link or a folder of the wrong kind.
 */
async function checkInPlace(out: string, given: string, flag: string): Promise<void> {
  for (const sub of REMOVABLE_DIRS) {
    const st = await lstat(join(out, sub)).catch(() => null);
    if (st && (st.isSymbolicLink() || !st.isDirectory()))
      throw new OutDirError(
        `${flag} ${given}: ${sub} there is ${st.isSymbolicLink() ? 'a symbolic link' : 'not a folder'}; ` +
          `licsim never follows links in a report folder and writes its ${sub} only into a real folder`,
      );
  }
  for (const name of [
    REPORT_FILES.html,
    REPORT_FILES.junit,
    REPORT_FILES.summary,
    REPORT_FILES.results,
    REPORT_FILES.timings,
    REPORT_FILES.incomplete,
  ]) {
    const s = await lstat(join(out, name)).catch(() => null);
    if (s?.isDirectory()) throw new OutDirError(`${flag} ${given}: ${name} there is a folder; licsim would replace it with a file`);
  }
}
