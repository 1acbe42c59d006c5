import type { SuiteResult } from '../engine/result.ts';
import { ReportFolder } from './io/reportFolder.ts';
import type { ReportFiles, ReportOptions } from './types.ts';

/**
 * Writes the report of a run to `outDir`: PNG charts, index.html, junit.xml,
 * summary.md and results.json, all carrying the same run id, built beside the
 * folder and swapped in whole (ReportFolder). Under GitHub Actions, also
 * appends the summary to the job summary and prints failure annotations. A
 * failing suite gets its full report too.
 */
export async function writeReports(suite: SuiteResult, outDir: string, options: ReportOptions = {}): Promise<ReportFiles> {
  const folder = await ReportFolder.open(outDir, { force: options.force ?? false });
  try {
    return await folder.write(suite, options);
  } finally {
    await folder.release();
  }
}
