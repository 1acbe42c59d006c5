import { ReportFolder } from './reportFolder.ts';
import { runIdOf } from './runId.ts';

/**
 * Replaces the report in `outDir` by an incomplete run's folder: an INCOMPLETE
 * marker and an index.html, summary.md, junit.xml and results.json that say
 * the run is in progress (and read as failed) — so a run that is interrupted
 * or crashes never leaves an old green report behind. Built beside the folder
 * and swapped in; refuses (OutDirError) a folder that is not licsim's unless `force`.
 */
export async function beginReport(outDir: string, options: { runId?: string; force?: boolean } = {}): Promise<void> {
  const folder = await ReportFolder.open(outDir, { force: options.force ?? false });
  try {
    await folder.begin(options.runId ?? runIdOf(null));
  } finally {
    await folder.release();
  }
}
