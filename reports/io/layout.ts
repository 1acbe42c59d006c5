import { basename, dirname, join, resolve } from 'node:path';

/** File names of a report folder. */
export const REPORT_FILES = {
  html: 'index.html',
  junit: 'junit.xml',
  summary: 'summary.md',
  results: 'results.json',
  /** Present in a folder whose run is in progress or was interrupted; a completed report has none. */
  incomplete: 'INCOMPLETE',
  /** What licsim wrote there (manifest.ts): what makes the folder licsim's. */
  manifest: '.licsim-report.json',
} as const;

/** Folder of the PNGs, relative to the report folder. */
export const CHART_DIR = 'charts';

/** Absolute path of a report file. */
export function reportPath(outDir: string, name: string): string {
  return join(resolve(outDir), name);
}

/**
 * Where licsim works for report folder `out`: beside it, in the same parent
 * folder (so on the same file system, where a rename is atomic). The lock is
 * `.<name>.licsim-lock`; folders being built, and the previous report while it
 * is swapped out, are `.<name>.licsim-build-…` and `.<name>.licsim-old-…`.
 */
export function siblings(out: string): { parent: string; base: string; lock: string; prefix: string } {
  const parent = dirname(out);
  const base = basename(out);
  return { parent, base, lock: join(parent, `.${base}.licsim-lock`), prefix: `.${base}.licsim-` };
}

/** Prefix of a folder built inside a report folder when it cannot be swapped in whole (writing in place). */
export const INSIDE_BUILD_PREFIX = '.licsim-build-';
