import { isAbsolute, join, relative, resolve } from 'node:path';

/** File names of a report folder. */
export const REPORT_FILES = {
  html: 'index.html',
  junit: 'junit.xml',
  summary: 'summary.md',
  results: 'results.json',
  /** Present while a run is in progress or after it was interrupted; removed last by writeReports. */
  incomplete: 'INCOMPLETE',
  /** Every file the last report wrote (relative paths), so the next run can remove stale ones. */
  manifest: '.licsim-report.json',
} as const;

/** `rel` inside `outDir`, or null when it would point outside (a tampered manifest). */
export function inside(outDir: string, rel: string): string | null {
  const full = resolve(outDir, rel);
  const back = relative(resolve(outDir), full);
  return back && !back.startsWith('..') && !isAbsolute(back) ? full : null;
}

/** Absolute path of a report file. */
export function reportPath(outDir: string, name: string): string {
  return join(resolve(outDir), name);
}
