import { randomBytes } from 'node:crypto';
import { lstat, mkdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SuiteResult } from '../../engine/result.ts';
import { renderReport } from '../renderReport.ts';
import { ANNOTATION_LIMIT, publishToGitHub } from '../summary/github.ts';
import { SUMMARY_LIMIT } from '../summary/summaryMarkdown.ts';
import type { ReportFiles, ReportOptions } from '../types.ts';
import { mkdirBelow } from './fileSystems.ts';
import { inspectOut, type OutPlan } from './inspectOut.ts';
import { killPoint } from './killPoint.ts';
import { INSIDE_BUILD_PREFIX, REPORT_DIRS, REPORT_FILES, siblings } from './layout.ts';
import { removeEmptied, removeLeftovers, removeSetAside } from './leftovers.ts';
import { acquireLock, type Lock, type LockHolder } from './lock.ts';
import { type Manifest, type ManifestEntry, manifestEntry, manifestText, matches, readManifest } from './manifest.ts';
import { errorCode, OutDirError } from './outDirError.ts';
import { placeholderFiles } from './placeholders.ts';
import { LICSIM_VERSION, runIdOf } from './runId.ts';

/** Options of {@link ReportFolder.open}. */
export interface OpenOptions {
  /** Write into a folder holding files licsim did not write (they are kept; files of the report's names are replaced). */
  force?: boolean;
  /** The flag to name in messages (default `--out`). */
  flag?: string;
}

const RUN_ID = /^(?!.*--)[A-Za-z0-9._-]{1,64}$/;
const suffix = () => `${process.pid}-${randomBytes(4).toString('hex')}`;

/**
 * A report folder (`--out`) held by this run, from the checks to the last
 * file. At every instant the folder is absent, an incomplete run's folder
 * (INCOMPLETE marker, placeholders that read as failed), or one completed run's
 * report: each state is built in a folder of its own beside it and renamed into
 * place (see README, "The report folder"). A lock beside the folder keeps a
 * second run out; nothing licsim did not write is deleted.
 */
export class ReportFolder {
  /** Problems that did not stop the report, for the user (e.g. a previous report that could not be fully removed). */
  readonly warnings: string[] = [];
  private runId: string | null = null;
  private begun = false;

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

  /**
   * Checks `given` and locks it. Any refusal (not a folder, a special file
   * system, not writable, holds files licsim did not write without `force`,
   * locked by a live run) is an OutDirError, and nothing was written there.
   */
  static async open(given: string, options: OpenOptions = {}): Promise<ReportFolder> {
    const flag = options.flag ?? '--out';
    const force = options.force ?? false;
    const first = await inspectOut(given, flag, force);
    if (first.create) await mkdirBelow(first.create.base, first.create.missing);
    const lock = await acquireLock(siblings(first.out).lock, flag, first.out);
    try {
      // Checked again under the lock: the folder may have changed while another run held it.
      const plan = await inspectOut(given, flag, force);
      const folder = new ReportFolder(plan, lock);
      await removeLeftovers(plan.out);
      return folder;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** Releases the lock. */
  async release(): Promise<void> {
    await this.lock.release();
  }

  /** Releases the lock synchronously (for a process `exit` handler, so no exit path leaves it behind). */
  releaseSync(): void {
    this.lock.releaseSync();
  }

  /** Replaces whatever report the folder holds by an incomplete run's folder (INCOMPLETE marker, placeholders that read as failed). */
  async begin(runId: string): Promise<void> {
    this.runId = checkedRunId(runId);
    const files = placeholderFiles(runId).map((f) => ({ ...f, entry: manifestEntry(f.path, f.data) }));
    const manifest = this.manifest(
      runId,
      'incomplete',
      files.map((f) => f.entry),
    );
    const build = await this.buildFolder();
    for (const f of files) {
      await writeFile(join(build, f.path), f.data);
      killPoint(`begin ${f.path}`);
    }
    await this.commit(
      build,
      files.map((f) => f.entry),
      manifest,
    );
    this.begun = true;
  }

  /**
   * Writes the completed run's report: rendered into a folder of its own, then
   * swapped in whole (or, in place, moved in file by file while INCOMPLETE stays,
   * which goes last). Then, under GitHub Actions, the job summary and annotations.
   * A suite with `invalid` (the run stopped on bad input) gets the invalid-input report
   * the same way: the previous report's charts and pages go with the rest of it.
   */
  async write(suite: SuiteResult, options: ReportOptions = {}): Promise<ReportFiles> {
    const runId = checkedRunId(options.runId ?? this.runId ?? runIdOf(suite));
    if (this.plan.mode === 'inPlace' && !this.begun) await this.begin(runId);
    const build = await this.buildFolder();
    const rendered = await renderReport(build, suite, options, runId, this.plan.out);
    await this.commit(build, rendered.entries, this.manifest(runId, 'complete', rendered.entries));
    const maxSummaryBytes = options.maxSummaryBytes ?? SUMMARY_LIMIT;
    const output = options.output ?? ((line: string) => process.stdout.write(`${line}\n`));
    await publishToGitHub(
      suite,
      rendered.summaryFor,
      options.env ?? process.env,
      output,
      { summaryBytes: maxSummaryBytes, annotations: options.maxAnnotations ?? ANNOTATION_LIMIT },
      this.plan.given,
    );
    const out = this.plan.out;
    const timed = rendered.entries.some((e) => e.path === REPORT_FILES.timings);
    return {
      outDir: out,
      html: join(out, REPORT_FILES.html),
      junit: join(out, REPORT_FILES.junit),
      summary: join(out, REPORT_FILES.summary),
      results: join(out, REPORT_FILES.results),
      ...(timed ? { timings: join(out, REPORT_FILES.timings) } : {}),
      charts: rendered.charts.map((f) => join(out, ...f.split('/'))),
      pages: rendered.pages.map((f) => join(out, ...f.split('/'))),
    };
  }

  private manifest(runId: string, state: Manifest['state'], files: ManifestEntry[]): Manifest {
    return { schema: 'licsim/report-folder@1', licsim: LICSIM_VERSION, runId, state, files };
  }

  /** A new, empty folder to build in: beside the report folder (swap) or inside it (in place). */
  private async buildFolder(): Promise<string> {
    const { parent, prefix } = siblings(this.plan.out);
    const dir =
      this.plan.mode === 'swap' ? join(parent, `${prefix}build-${suffix()}`) : join(this.plan.out, `${INSIDE_BUILD_PREFIX}${suffix()}`);
    await mkdir(dir);
    return dir;
  }

  /**
   * Puts what was built into place: swapped in whole, or moved in file by file.
   * A folder that cannot be renamed (EXDEV: a directory of an overlay's lower
   * layer; EBUSY: in use as a mount point) is written in place from then on.
   */
  private async commit(build: string, entries: readonly ManifestEntry[], manifest: Manifest): Promise<void> {
    if (this.plan.mode === 'swap') {
      await writeFile(join(build, REPORT_FILES.manifest), manifestText(manifest));
      killPoint('build manifest');
      try {
        await this.swapIn(build);
        return;
      } catch (error) {
        const code = errorCode(error);
        if (code !== 'EXDEV' && code !== 'EBUSY') throw error;
        this.plan = { ...this.plan, mode: 'inPlace', inPlaceBecause: `it cannot be renamed (${code})` };
        await unlink(join(build, REPORT_FILES.manifest));
      }
    }
    await this.moveIn(build, entries, manifest);
  }

  /**
   * Renames the built folder into place. Onto an absent or empty folder that is
   * one rename; over a report, the old one is renamed aside first (the folder is
   * absent for that instant), then removed file by file as its manifest lists them.
   */
  private async swapIn(build: string): Promise<void> {
    const out = this.plan.out;
    try {
      await rename(build, out);
      killPoint('swap in');
      return;
    } catch (error) {
      const code = errorCode(error);
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    }
    const { parent, prefix } = siblings(out);
    const old = join(parent, `${prefix}old-${suffix()}`);
    await rename(out, old);
    killPoint('swap old aside');
    try {
      await rename(build, out);
    } catch (error) {
      await rename(old, out).catch(() => undefined);
      throw error;
    }
    killPoint('swap in');
    if (!(await removeSetAside(old)))
      this.warnings.push(`the previous report in ${this.plan.given} held files licsim did not write: they were moved to ${old}`);
  }

  /**
   * In place: renames the built files into the folder in the given order (a
   * completed report's INCOMPLETE marker, which went in first, goes last), then
   * the manifest; removes what the previous manifest listed, still matches and
   * the new one does not list, then the report folders (a verification's
   * `counterexamples/`) that this report writes nothing in, if that left them
   * empty; removes the build folder.
   */
  private async moveIn(build: string, entries: readonly ManifestEntry[], manifest: Manifest): Promise<void> {
    const out = this.plan.out;
    const previous = await readManifest(out);
    for (const sub of REPORT_DIRS) {
      if (!entries.some((e) => e.path.startsWith(`${sub}/`))) continue;
      const st = await lstat(join(out, sub)).catch(() => null);
      if (!st) await mkdir(join(out, sub));
      else if (!st.isDirectory()) throw new OutDirError(`--out ${this.plan.given}: ${sub} there is no longer a folder`);
    }
    for (const e of entries) {
      await rename(join(build, ...e.path.split('/')), join(out, ...e.path.split('/')));
      killPoint(`move ${e.path}`);
    }
    await writeFile(join(build, REPORT_FILES.manifest), manifestText(manifest));
    await rename(join(build, REPORT_FILES.manifest), join(out, REPORT_FILES.manifest));
    killPoint('move manifest');
    const now = new Set(entries.map((e) => e.path));
    if (manifest.state === 'complete') {
      await unlink(join(out, REPORT_FILES.incomplete)).catch(() => undefined);
      killPoint('remove INCOMPLETE');
    }
    for (const f of previous?.files ?? [])
      if (!now.has(f.path) && f.path !== REPORT_FILES.incomplete && (await matches(out, f))) await unlink(join(out, ...f.path.split('/')));
    await removeEmptied(out, now);
    await rm(build, { recursive: true, force: true });
  }
}

function checkedRunId(runId: string): string {
  if (!RUN_ID.test(runId))
    throw new Error(`run id ${JSON.stringify(runId)}: expected 1 to 64 letters, digits, dots, dashes or underscores`);
  return runId;
}
