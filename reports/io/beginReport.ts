import { mkdir, readFile, unlink } from 'node:fs/promises';
import { writeFileAtomic } from './atomicWrite.ts';
import { inside, REPORT_FILES, reportPath } from './layout.ts';
import { INCOMPLETE_TEXT, incompleteHtml, incompleteJunit, incompleteResults, incompleteSummary } from './placeholders.ts';

/** Files listed by the previous report's manifest (empty when there is none or it is unreadable). */
async function previousFiles(outDir: string): Promise<string[]> {
  try {
    const manifest = JSON.parse(await readFile(reportPath(outDir, REPORT_FILES.manifest), 'utf8')) as { files?: unknown };
    return Array.isArray(manifest.files) ? manifest.files.filter((f): f is string => typeof f === 'string') : [];
  } catch {
    return [];
  }
}

/** Removes the files the previous report listed, except those in `keep` (paths relative to `outDir`). */
export async function removePreviousFiles(outDir: string, keep: ReadonlySet<string>): Promise<void> {
  for (const rel of await previousFiles(outDir)) {
    const file = inside(outDir, rel);
    if (file && !keep.has(rel)) await unlink(file).catch(() => undefined);
  }
}

/** Writes the INCOMPLETE marker: the first thing a run does to a report folder. */
export async function markIncomplete(outDir: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await writeFileAtomic(reportPath(outDir, REPORT_FILES.incomplete), `${INCOMPLETE_TEXT}\n`);
}

/**
 * Prepares `outDir` for a run: marks it INCOMPLETE, removes the previous
 * report's charts, and replaces index.html, summary.md, junit.xml and
 * results.json with versions that say the run is in progress — so a run that
 * is interrupted or crashes never leaves an old green report behind.
 */
export async function beginReport(outDir: string): Promise<void> {
  await markIncomplete(outDir);
  await removePreviousFiles(outDir, new Set<string>(Object.values(REPORT_FILES)));
  await writeFileAtomic(reportPath(outDir, REPORT_FILES.results), incompleteResults());
  await writeFileAtomic(reportPath(outDir, REPORT_FILES.junit), incompleteJunit());
  await writeFileAtomic(reportPath(outDir, REPORT_FILES.summary), incompleteSummary());
  await writeFileAtomic(reportPath(outDir, REPORT_FILES.html), incompleteHtml());
  await writeFileAtomic(reportPath(outDir, REPORT_FILES.manifest), `${JSON.stringify({ files: [] }, null, 2)}\n`);
}
