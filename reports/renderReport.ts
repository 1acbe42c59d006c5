import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SuiteResult } from '../engine/result.ts';
import { CHART_SIZE, chartConfigs } from './charts/chartConfigs.ts';
import { withPngText } from './charts/pngText.ts';
import { renderPng } from './charts/renderPng.ts';
import { htmlReport } from './html/htmlReport.ts';
import { killPoint } from './io/killPoint.ts';
import { CHART_DIR, REPORT_FILES } from './io/layout.ts';
import { type ManifestEntry, manifestEntry } from './io/manifest.ts';
import { junitXml } from './junit.ts';
import { SUMMARY_LIMIT, summaryMarkdown } from './summary/summaryMarkdown.ts';
import type { ChartSpec, ReportOptions } from './types.ts';

/** The keyword of the PNG text chunk that holds the run id. */
export const PNG_RUN_ID = 'licsim-run-id';

/** What {@link renderReport} wrote. */
export interface Rendered {
  /** Every file, in the order a report folder written in place receives them (charts first, results.json last). */
  entries: ManifestEntry[];
  /** Chart PNGs written (relative paths). */
  charts: string[];
  /** The summary cut to a byte limit (the GitHub job summary gets what is left of its 1 MiB). */
  summaryFor: (maxBytes: number) => string;
}

/** results.json: the suite with the run id after its schema (a run id already in a re-read suite is replaced). */
export function resultsJson(suite: SuiteResult, runId: string): string {
  const { runId: _previous, schema, ...rest } = suite as SuiteResult & { runId?: unknown };
  return `${JSON.stringify({ schema, runId, ...rest }, null, 2)}\n`;
}

/**
 * Renders a run's report into the folder `dir`, which licsim just made and no
 * one else reads (it is moved into place afterwards): PNG charts, index.html,
 * summary.md, junit.xml, results.json, every one carrying the run id. A chart
 * that fails to render is left out (the page says so) rather than losing the report.
 */
export async function renderReport(dir: string, suite: SuiteResult, options: ReportOptions, runId: string): Promise<Rendered> {
  const size = options.chartSize ?? CHART_SIZE;
  const charts: ChartSpec[][] = suite.scenarios.map((o, i) => chartConfigs(o, i, size));
  const inline = options.inlineImages ?? true;
  await mkdir(join(dir, CHART_DIR));
  const entries: ManifestEntry[] = [];
  const written: string[] = [];
  const images = new Map<string, string | null>();
  const put = async (path: string, data: string | Buffer) => {
    await writeFile(join(dir, ...path.split('/')), data);
    entries.push(manifestEntry(path, data));
    killPoint(`render ${path}`);
  };
  for (const spec of charts.flat()) {
    let png: Buffer;
    try {
      png = withPngText(await renderPng(spec), PNG_RUN_ID, runId);
    } catch {
      images.set(spec.id, null);
      continue;
    }
    await put(spec.file, png);
    written.push(spec.file);
    images.set(spec.id, inline ? `data:image/png;base64,${png.toString('base64')}` : spec.file);
  }
  const reportLink = options.reportUrl ?? REPORT_FILES.html;
  const summaryFor = (maxBytes: number) => summaryMarkdown(suite, { charts, reportLink, maxBytes, runId });
  await put(REPORT_FILES.html, htmlReport(suite, { charts, images, excerptDays: options.excerptDays ?? 3, runId }));
  await put(REPORT_FILES.summary, summaryFor(options.maxSummaryBytes ?? SUMMARY_LIMIT));
  await put(REPORT_FILES.junit, junitXml(suite, runId));
  await put(REPORT_FILES.results, resultsJson(suite, runId));
  return { entries, charts: written, summaryFor };
}
