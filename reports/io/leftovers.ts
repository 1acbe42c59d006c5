import { readdir, rm, rmdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { killPoint } from './killPoint.ts';
import { REMOVABLE_DIRS, REPORT_FILES, siblings } from './layout.ts';
import { pidInUse } from './lock.ts';
import { matches, readManifest } from './manifest.ts';
import { errorCode } from './outDirError.ts';

/**
 * Removes a report folder set aside by a swap (a run's or a verification's): only
 * the files its manifest lists that still match, then its folders
 * ({@link REMOVABLE_DIRS}) if empty. Anything else stays, and
 * the folder with it: false then.
 */
export async function removeSetAside(dir: string): Promise<boolean> {
  const manifest = await readManifest(dir);
  for (const f of manifest?.files ?? []) if (await matches(dir, f)) await unlink(join(dir, ...f.path.split('/')));
  if (manifest) await unlink(join(dir, REPORT_FILES.manifest)).catch(() => undefined);
  killPoint('remove old report');
  try {
    for (const sub of REMOVABLE_DIRS)
      await rmdir(join(dir, sub)).catch((error: unknown) => {
        if (errorCode(error) !== 'ENOENT') throw error;
      });
    await rmdir(dir);
    return true;
  } catch {
    return false;
  }
}

/**
 * After a report is written in place: removes the report folders of `out`
 * (REMOVABLE_DIRS) that none of its files `now` is in, when removing the previous
 * report's files left them empty. One that still holds anything stays.
 */
export async function removeEmptied(out: string, now: ReadonlySet<string>): Promise<void> {
  for (const sub of REMOVABLE_DIRS) if (![...now].some((p) => p.startsWith(`${sub}/`))) await rmdir(join(out, sub)).catch(() => undefined);
}

/**
 * Clears what killed runs left for report folder `out`; called by the run that
 * holds its lock, so no other run is using any of it: build folders beside it
 * (only licsim writes there) and inside it, set-aside reports (as
 * {@link removeSetAside}), and temporary lock files of processes that are gone.
 */
export async function removeLeftovers(out: string): Promise<void> {
  const { parent, prefix, lock } = siblings(out);
  const lockBase = lock.slice(parent.length + 1);
  for (const name of await readdir(parent).catch(() => [] as string[])) {
    const path = join(parent, name);
    if (name.startsWith(`${prefix}build-`) && /-\d+-[0-9a-f]+$/.test(name)) await rm(path, { recursive: true, force: true });
    else if (name.startsWith(`${prefix}old-`) && /-\d+-[0-9a-f]+$/.test(name)) await removeSetAside(path);
    else if (name.startsWith(`${lockBase}.`) && name.endsWith('.tmp')) {
      const pid = Number(/\.(\d+)-[0-9a-f]+\.tmp$/.exec(name)?.[1]);
      if (pid && !pidInUse(pid)) await unlink(path).catch(() => undefined);
    }
  }
  for (const name of await readdir(out).catch(() => [] as string[]))
    if (/^\.licsim-build-\d+-[0-9a-f]+$/.test(name)) await rm(join(out, name), { recursive: true, force: true });
}
