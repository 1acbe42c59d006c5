import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ManifestEntry, manifestEntry } from '../io/manifest.ts';
import type { ChartSpec } from '../types.ts';
import { withPngText } from './pngText.ts';
import { renderPng } from './renderPng.ts';

/** The keyword of the PNG text chunk that holds the run id. */
export const PNG_RUN_ID = 'licsim-run-id';

/**
 * Renders one chart, tags it with the run id, writes it to its file in report
 * folder `dir` and drops it: the manifest entry is all that is kept. A chart
 * that fails to render gives null (the page says so); a failed write throws.
 */
export async function writeChartFile(spec: ChartSpec, dir: string, runId: string): Promise<ManifestEntry | null> {
  let png: Buffer;
  try {
    png = withPngText(await renderPng(spec), PNG_RUN_ID, runId);
  } catch {
    return null;
  }
  await writeFile(join(dir, ...spec.file.split('/')), png);
  return manifestEntry(spec.file, png);
}
