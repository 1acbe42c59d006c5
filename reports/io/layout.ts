import { basename, dirname, join, resolve } from 'node:path';

/** File names of a report folder. */
export const REPORT_FILES = {
  html: 'index.html',
  junit: 'junit.xml',
  summary: 'summary.md',
  results: 'results.json',
  /** Wall-clock seconds per scenario (`licsim run` only): kept out of results.json, which holds no clock value. */
  timings: 'timings.json',
  /** Present in a folder whose run is in progress or was interrupted; a completed report has none. */
  incomplete: 'INCOMPLETE',
  /** What licsim wrote there (manifest.ts): what makes the folder licsim's. */
  manifest: '.licsim-report.json',
} as const;

/** Folder of the PNGs, relative to the report folder. */
export const CHART_DIR = 'charts';

/** Folder of the scenario pages (one per scenario, index.html lists them), relative to the report folder. */
export const SCENARIO_DIR = 'scenarios';

/** Folder of the counterexample scenarios of a `licsim verify` report, relative to the report folder. */
export const COUNTEREXAMPLE_DIR = 'counterexamples';

/** The folders a run's report (`licsim run`) holds files in. */
export const REPORT_DIRS: readonly string[] = [CHART_DIR, SCENARIO_DIR];

/**
 * The folders any licsim report holds files in, a run's or a verification's: nothing
 * else below the report folder is licsim's. Each is removed when licsim has removed
 * its files from it and it is empty, never counts as foreign when empty, and is
 * checked to be a real folder before a report is written in place.
 */
export const REMOVABLE_DIRS: readonly string[] = [...REPORT_DIRS, COUNTEREXAMPLE_DIR];

/** The scenario pages' script (Chart.js and the code that draws the interactive charts), written once per report. */
export const PAGE_SCRIPT = `${SCENARIO_DIR}/charts.js`;

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
