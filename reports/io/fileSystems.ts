import { constants, type Stats } from 'node:fs';
import { access, mkdir, stat, statfs } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { errorCode, OutDirError } from './outDirError.ts';

/**
 * Kernel and pseudo file systems (statfs magic numbers) that cannot hold a
 * report: mkdir there fails in ways that made Node's recursive mkdir loop
 * forever (procfs answers ENOENT for a folder whose parent exists).
 */
const SPECIAL: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x1cd1, 'devpts'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0xcafe4a11, 'bpf'],
  [0x6165676c, 'pstore'],
  [0x62656570, 'configfs'],
  [0x65735543, 'fusectl'],
  [0xde5e81e4, 'efivarfs'],
  [0x42494e4d, 'binfmt_misc'],
  [0x19800202, 'mqueue'],
  [0x6e736673, 'nsfs'],
]);

/** The name of the special file system `path` is on, or null for one that holds ordinary files. */
export async function specialFileSystem(path: string): Promise<string | null> {
  try {
    const type = (await statfs(path)).type >>> 0;
    return SPECIAL.get(type) ?? null;
  } catch {
    return null;
  }
}

/** The closest existing path at or above `path` (following links), with its stats and the missing names below it. */
export async function nearestExisting(path: string, flag: string): Promise<{ path: string; stats: Stats; missing: string[] }> {
  const missing: string[] = [];
  let at = path;
  for (;;) {
    try {
      return { path: at, stats: await stat(at), missing };
    } catch (error) {
      const code = errorCode(error);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new OutDirError(`${flag}: cannot read ${at} (${code ?? String(error)})`);
      const up = dirname(at);
      if (up === at) throw new OutDirError(`${flag}: no part of ${path} exists`);
      missing.unshift(relative(up, at));
      at = up;
    }
  }
}

/** Whether this process may create and rename entries in folder `dir`. */
export async function writable(dir: string): Promise<boolean> {
  return access(dir, constants.W_OK).then(
    () => true,
    () => false,
  );
}

/**
 * Creates the folders `names` below the existing folder `base`, one at a time
 * (no recursive mkdir: it never returns on a file system that answers ENOENT).
 */
export async function mkdirBelow(base: string, names: readonly string[]): Promise<void> {
  let at = base;
  for (const name of names) {
    at = join(at, name);
    await mkdir(at).catch((error: unknown) => {
      if (errorCode(error) !== 'EEXIST') throw error;
    });
  }
}

/**
 * Checks that a new file or folder may be created at `path` (which need not
 * exist yet, nor its parents): its nearest existing ancestor is a folder on an
 * ordinary file system that this process may write. Timeout-free: only stat,
 * statfs and access calls. Returns that ancestor and the names to create below it.
 */
export async function creatableAt(path: string, flag: string, shown: string = path): Promise<{ base: string; missing: string[] }> {
  const near = await nearestExisting(dirname(path), flag);
  const special = await specialFileSystem(near.path);
  if (special)
    throw new OutDirError(`${flag} ${shown} is on a ${special} file system, which holds no ordinary files; expected a path on a disk`);
  if (!near.stats.isDirectory()) throw new OutDirError(`${flag} ${shown}: ${near.path} is a file, not a folder`);
  if (!(await writable(near.path))) throw new OutDirError(`${flag} ${shown}: ${near.path} is not writable by this user`);
  return { base: near.path, missing: near.missing };
}
