import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, open, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { z } from 'zod';
import { errorCode, OutDirError } from './outDirError.ts';

/** Who holds a report folder's lock: enough to tell the user, and to tell a dead holder from a live one. */
export interface LockHolder {
  pid: number;
  host: string;
  /** When the holding process started (ISO time; the lock file only, never a report). */
  started: string;
  /** The kernel's start time of the process (Linux, /proc/<pid>/stat), so a reused pid is not taken for the holder. */
  startTicks: string | null;
}

const HOLDER = z.strictObject({
  pid: z.number().int().positive(),
  host: z.string(),
  started: z.string(),
  startTicks: z.string().nullable(),
});

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot), or null where there is no procfs. */
function startTicksOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** This process as a lock holder. */
export function thisProcess(): LockHolder {
  const started = new Date(Date.now() - Math.round(process.uptime() * 1000)).toISOString();
  return { pid: process.pid, host: hostname(), started, startTicks: startTicksOf(process.pid) };
}

/** Whether a process of this host has pid `pid` (EPERM: it exists, owned by another user). */
export function pidInUse(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/** Whether the holder may still be running: on another host we cannot tell, so it may. */
export function mayBeAlive(h: LockHolder): boolean {
  if (h.host !== hostname()) return true;
  if (!pidInUse(h.pid)) return false;
  // The pid is in use: by the holder, unless it started at another time (a reused pid).
  const ticks = startTicksOf(h.pid);
  return h.startTicks === null || ticks === null || ticks === h.startTicks;
}

/** "pid 123 on host h, started 2026-01-01T10:00:00.000Z". */
export function holderText(h: LockHolder): string {
  return `pid ${h.pid} on ${h.host}, started ${h.started}`;
}

/**
 * A lock on a report folder, held by this process until released; released at the
 * process's exit too, so no exit path leaves it behind (the hook goes with the release,
 * so a process taking many locks, as tests running the CLI in process do, keeps none).
 */
export class Lock {
  private readonly atExit = () => this.releaseSync();

  constructor(
    readonly file: string,
    private readonly text: string,
    /** The dead run whose stale lock this one replaced, if any. */
    readonly tookOver: LockHolder | null,
  ) {
    process.once('exit', this.atExit);
  }

  /** Removes the lock file, if it is still this process's. */
  async release(): Promise<void> {
    process.off('exit', this.atExit);
    const now = await readFile(this.file, 'utf8').catch(() => null);
    if (now === this.text) await unlink(this.file).catch(() => undefined);
  }

  /** The same, synchronously: for a process `exit` handler. */
  releaseSync(): void {
    process.off('exit', this.atExit);
    try {
      if (readFileSync(this.file, 'utf8') === this.text) unlinkSync(this.file);
    } catch {
      // Already gone.
    }
  }
}

const tempName = (file: string) => `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;

/** Creates `file` holding `text` if it does not exist: atomically (a hard link of a complete file) where links exist. */
async function createExclusive(file: string, text: string): Promise<boolean> {
  const temp = tempName(file);
  await writeFile(temp, text);
  try {
    await link(temp, file);
    return true;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  // No hard links on this file system: an exclusive create (a reader may see it empty for an instant).
  try {
    const handle = await open(file, 'wx');
    await handle.writeFile(text);
    await handle.close();
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Takes the lock `file` for report folder `out`. A live holder → OutDirError
 * naming it (nothing written). A holder that is no longer running (same host,
 * pid gone or reused) left a stale lock: it is taken over, and the Lock says
 * whose it was. Only one of several runs taking over the same stale lock wins:
 * the stale file is renamed away first (one rename succeeds), and a lock that
 * changed meanwhile is put back.
 */
export async function acquireLock(file: string, flag: string, out: string): Promise<Lock> {
  const me = thisProcess();
  const text = `${JSON.stringify(me)}\n`;
  let tookOver: LockHolder | null = null;
  for (let attempt = 0; attempt < 8; attempt++) {
    if (await createExclusive(file, text)) return new Lock(file, text, tookOver);
    const held = await readFile(file, 'utf8').catch(() => null);
    if (held === null) continue;
    let holder: LockHolder;
    try {
      holder = HOLDER.parse(JSON.parse(held));
    } catch {
      throw new OutDirError(`${flag} ${out} is locked by ${file}, which licsim cannot read; remove it if no licsim run uses the folder`);
    }
    if (mayBeAlive(holder))
      throw new OutDirError(
        `${flag} ${out} is in use by another licsim run (${holderText(holder)}); ` +
          'wait for it to finish or choose another folder (nothing was written)',
        [`lock: ${file}`],
      );
    const aside = tempName(`${file}.stale`);
    try {
      await rename(file, aside);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') continue;
      throw error;
    }
    const moved = await readFile(aside, 'utf8').catch(() => null);
    if (moved !== held) await link(aside, file).catch(() => undefined);
    await unlink(aside).catch(() => undefined);
    if (moved === held) tookOver = holder;
  }
  throw new OutDirError(`${flag} ${out}: could not take its lock ${file} (other runs kept taking it)`);
}
