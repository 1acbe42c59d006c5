import { randomBytes } from 'node:crypto';
import { lstat, mkdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { mkdirBelow } from '../io/fileSystems.ts';
import { inspectOut, type OutPlan } from '../io/inspectOut.ts';
import { COUNTEREXAMPLE_DIR, INSIDE_BUILD_PREFIX, REPORT_FILES, siblings } from '../io/layout.ts';
import { removeEmptied, removeLeftovers, removeSetAside } from '../io/leftovers.ts';
import { acquireLock, type Lock, type LockHolder } from '../io/lock.ts';
import { type Manifest, type ManifestEntry, manifestEntry, manifestText, matches, readManifest } from '../io/manifest.ts';
import { errorCode, OutDirError } from '../io/outDirError.ts';
import { LICSIM_VERSION } from '../io/runId.ts';
import { verifyPlaceholders } from './placeholders.ts';

// The folder of the counterexample scenarios, one of every report's (reports/io/layout.ts).
export { COUNTEREXAMPLE_DIR };

/** A file of the report: its path relative to the folder (`/`-separated) and its text. */
export interface ReportFile {
  path: string;
  data: string | Uint8Array;
}

const suffix = () => `${process.pid}-${randomBytes(4).toString('hex')}`;

/**
 * The report folder (`--out`) of `licsim verify`, guarded as `licsim run`'s is (see
 * reports/io/reportFolder.ts and the README, "The report folder"): checked and locked
 * before anything runs, refused when it holds files licsim did not write (unless
 * --force), first replaced by an INCOMPLETE folder whose files read as failed, then by
 * the completed report, each built beside it and swapped in whole (or moved in file by
 * file where the folder cannot be swapped). Its manifest lists every file, so `licsim
 * run` and `licsim verify` may take turns in one folder.
 */
export class VerifyFolder {
  /** Problems that did not stop the report, for the user. */
  readonly warnings: string[] = [];

  private constructor(
    private plan: OutPlan,
    private readonly lock: Lock,
  ) {}

  /** Absolute path of the folder. */
  get out(): string {
    return this.plan.out;
  }

  /** The run whose stale lock (its process gone) this one took over, if any. */
  get tookOver(): LockHolder | null {
    return this.lock.tookOver;
  }

  /** Checks `given` and locks it; any refusal is an OutDirError, and nothing was written there. */
  static async open(given: string, options: { force?: boolean } = {}): Promise<VerifyFolder> {
    const force = options.force ?? false;
    const first = await inspectOut(given, '--out', force);
    if (first.create) await mkdirBelow(first.create.base, first.create.missing);
    const lock = await acquireLock(siblings(first.out).lock, '--out', first.out);
    try {
      const plan = await inspectOut(given, '--out', force);
      await removeLeftovers(plan.out);
      return new VerifyFolder(plan, lock);
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  async release(): Promise<void> {
    await this.lock.release();
  }

  /** Releases the lock synchronously (for a process `exit` handler). */
  releaseSync(): void {
    this.lock.releaseSync();
  }

  /** Replaces the folder's report by an unfinished run's: the INCOMPLETE marker and files that read as failed. */
  async begin(runId: string, placeholders: readonly ReportFile[] = verifyPlaceholders(runId)): Promise<void> {
    await this.put(placeholders, runId, 'incomplete');
  }

  /** Writes the completed report (results.json goes last when files are moved in one by one). */
  async write(files: readonly ReportFile[], runId: string): Promise<void> {
    await this.put(files, runId, 'complete');
  }

  private async put(files: readonly ReportFile[], runId: string, state: Manifest['state']): Promise<void> {
    const entries = files.map((f) => manifestEntry(f.path, f.data));
    const manifest: Manifest = { schema: 'licsim/report-folder@1', licsim: LICSIM_VERSION, runId, state, files: entries };
    const { parent, prefix } = siblings(this.plan.out);
    const swap = this.plan.mode === 'swap';
    const build = swap ? join(parent, `${prefix}build-${suffix()}`) : join(this.plan.out, `${INSIDE_BUILD_PREFIX}${suffix()}`);
    await mkdir(build);
    for (const f of files) {
      const path = join(build, ...f.path.split('/'));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, f.data);
    }
    if (swap) {
      await writeFile(join(build, REPORT_FILES.manifest), manifestText(manifest));
      try {
        await this.swapIn(build);
        return;
      } catch (error) {
        const code = errorCode(error);
        if (code !== 'EXDEV' && code !== 'EBUSY') throw error;
        this.plan = { ...this.plan, mode: 'inPlace', inPlaceBecause: `it cannot be renamed (${code})` };
        await checkCounterexampleDir(this.plan);
        await unlink(join(build, REPORT_FILES.manifest));
      }
    }
    await this.moveIn(build, entries, manifest);
  }

  /** Renames the built folder into place; a previous report is renamed aside first, then removed as its manifest lists it. */
  private async swapIn(build: string): Promise<void> {
    const out = this.plan.out;
    try {
      await rename(build, out);
      return;
    } catch (error) {
      const code = errorCode(error);
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    }
    const { parent, prefix } = siblings(out);
    const old = join(parent, `${prefix}old-${suffix()}`);
    await rename(out, old);
    try {
      await rename(build, out);
    } catch (error) {
      await rename(old, out).catch(() => undefined);
      throw error;
    }
    if (!(await removeSetAside(old)))
      this.warnings.push(`the previous report in ${this.plan.given} held files licsim did not write: they were moved to ${old}`);
  }

  /**
   * In place: the files renamed in (INCOMPLETE, if any, removed last), then the manifest;
   * what the previous manifest listed and this one does not, removed.
   */
  private async moveIn(build: string, entries: readonly ManifestEntry[], manifest: Manifest): Promise<void> {
    const out = this.plan.out;
    const previous = await readManifest(out);
    if (entries.some((e) => e.path.startsWith(`${COUNTEREXAMPLE_DIR}/`))) {
      const st = await lstat(join(out, COUNTEREXAMPLE_DIR)).catch(() => null);
      if (!st) await mkdir(join(out, COUNTEREXAMPLE_DIR));
      else if (!st.isDirectory()) throw new OutDirError(`--out ${this.plan.given}: ${COUNTEREXAMPLE_DIR} there is no longer a folder`);
    }
    for (const e of entries) await rename(join(build, ...e.path.split('/')), join(out, ...e.path.split('/')));
    await writeFile(join(build, REPORT_FILES.manifest), manifestText(manifest));
    await rename(join(build, REPORT_FILES.manifest), join(out, REPORT_FILES.manifest));
    const now = new Set(entries.map((e) => e.path));
    if (manifest.state === 'complete') await unlink(join(out, REPORT_FILES.incomplete)).catch(() => undefined);
    for (const f of previous?.files ?? [])
      if (!now.has(f.path) && f.path !== REPORT_FILES.incomplete && (await matches(out, f))) await unlink(join(out, ...f.path.split('/')));
    await removeEmptied(out, now);
    await rm(build, { recursive: true, force: true });
  }
}

/** Writing in place renames files into `counterexamples/`: it must be a real folder, or absent. */
async function checkCounterexampleDir(plan: OutPlan): Promise<void> {
  const st = await lstat(join(plan.out, COUNTEREXAMPLE_DIR)).catch(() => null);
  if (st && (st.isSymbolicLink() || !st.isDirectory()))
    throw new OutDirError(
      `--out ${plan.given}: ${COUNTEREXAMPLE_DIR} there is ${st.isSymbolicLink() ? 'a symbolic link' : 'not a folder'}; ` +
        `licsim never follows links in a report folder and writes its ${COUNTEREXAMPLE_DIR} only into a real folder`,
    );
}
