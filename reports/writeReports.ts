import { mkdir, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { SuiteResult } from '../engine/result.ts';
import { CHART_DIR, CHART_SIZE, chartConfigs } from './charts/chartConfigs.ts';
import { renderPng } from './charts/renderPng.ts';
import { htmlReport } from './html/htmlReport.ts';
import { writeFileAtomic } from './io/atomicWrite.ts';
import { markIncomplete, removePreviousFiles } from './io/beginReport.ts';
import { REPORT_FILES, reportPath } from './io/layout.ts';
import { junitXml } from './junit.ts';
import { ANNOTATION_LIMIT, publishToGitHub } from './summary/github.ts';
import { SUMMARY_LIMIT, summaryMarkdown } from './summary/summaryMarkdown.ts';
import type { ChartSpec, ReportFiles, ReportOptions } from './types.ts';

/** Renders every chart's PNG; a chart that fails to render is left out (the page says so) rather than losing the report. */
async function writeCharts(
  outDir: string,
  charts: ChartSpec[][],
  inline: boolean,
): Promise<{ written: string[]; images: Map<string, string | null> }> {
  await mkdir(join(outDir, CHART_DIR), { recursive: true });
  const written: string[] = [];
  const images = new Map<string, string | null>();
  for (const spec of charts.flat()) {
    try {
      const png = await renderPng(spec);
      await writeFileAtomic(join(outDir, spec.file), png);
      written.push(spec.file);
      images.set(spec.id, inline ? `data:image/png;base64,${png.toString('base64')}` : spec.file);
    } catch {
      images.set(spec.id, null);
    }
  }
  return { written, images };
}

/**
 * Writes the report of a run to `outDir`: PNG charts, index.html, junit.xml,
 * summary.md and results.json, each atomically; removes the INCOMPLETE marker
 * last. Under GitHub Actions, also appends the summary to the job summary and
 * prints failure annotations. A failing suite gets its full report too.
 */
export async function writeReports(suite: SuiteResult, outDir: string, options: ReportOptions = {}): Promise<ReportFiles> {
  const dir = resolve(outDir);
  await markIncomplete(dir);
  const size = options.chartSize ?? CHART_SIZE;
  const charts = suite.scenarios.map((o, i) => chartConfigs(o, i, size));
  const { written, images } = await writeCharts(dir, charts, options.inlineImages ?? true);
  const manifest = { files: [...written, ...Object.values(REPORT_FILES).filter((f) => f !== REPORT_FILES.incomplete)] };
  await removePreviousFiles(dir, new Set<string>([...manifest.files, REPORT_FILES.incomplete]));
  await writeFileAtomic(reportPath(dir, REPORT_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);

  const reportLink = options.reportUrl ?? REPORT_FILES.html;
  const maxSummaryBytes = options.maxSummaryBytes ?? SUMMARY_LIMIT;
  const summaryFor = (maxBytes: number) => summaryMarkdown(suite, { charts, reportLink, maxBytes });
  const summaryText = summaryFor(maxSummaryBytes);
  await writeFileAtomic(reportPath(dir, REPORT_FILES.html), htmlReport(suite, { charts, images, excerptDays: options.excerptDays ?? 3 }));
  await writeFileAtomic(reportPath(dir, REPORT_FILES.summary), summaryText);
  await writeFileAtomic(reportPath(dir, REPORT_FILES.junit), junitXml(suite));
  await writeFileAtomic(reportPath(dir, REPORT_FILES.results), `${JSON.stringify(suite, null, 2)}\n`);
  await unlink(reportPath(dir, REPORT_FILES.incomplete)).catch(() => undefined);

  const output = options.output ?? ((line: string) => process.stdout.write(`${line}\n`));
  await publishToGitHub(suite, summaryFor, options.env ?? process.env, output, {
    summaryBytes: maxSummaryBytes,
    annotations: options.maxAnnotations ?? ANNOTATION_LIMIT,
  });
  return {
    outDir: dir,
    html: reportPath(dir, REPORT_FILES.html),
    junit: reportPath(dir, REPORT_FILES.junit),
    summary: reportPath(dir, REPORT_FILES.summary),
    results: reportPath(dir, REPORT_FILES.results),
    charts: written.map((f) => join(dir, f)),
  };
}
