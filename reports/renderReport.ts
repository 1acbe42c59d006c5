import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SuiteResult } from '../engine/result.ts';
import { CHART_SIZE, chartConfigs } from './charts/chartConfigs.ts';
import { ChartPool, chartThreads } from './charts/chartPool.ts';
import { indexPage } from './html/indexPage.ts';
import { pageScript } from './html/pageScript.ts';
import { scenarioPage } from './html/scenarioPage.ts';
import { killPoint } from './io/killPoint.ts';
import { PAGE_SCRIPT, REPORT_DIRS, REPORT_FILES } from './io/layout.ts';
import { type ManifestEntry, manifestEntry } from './io/manifest.ts';
import { junitXml } from './junit.ts';
import { inLanes } from './lanes.ts';
import { scenarioPagePath } from './slug.ts';
import { type ChartLink, SUMMARY_LIMIT, summaryMarkdown } from './summary/summaryMarkdown.ts';
import type { ReportOptions } from './types.ts';

export { PNG_RUN_ID } from './charts/chartFile.ts';

/** What {@link renderReport} wrote. */
export interface Rendered {
  /** Every file, in the order a report folder written in place receives them (charts and pages first, results.json last). */
  entries: ManifestEntry[];
  /** Chart PNGs written (relative paths). */
  charts: string[];
  /** Scenario pages written (relative paths), one per scenario in suite order. */
  pages: string[];
  /** The summary cut to a byte limit (the GitHub job summary gets what is left of its 1 MiB). */
  summaryFor: (maxBytes: number) => string;
}

/** What one scenario left: its files' entries (charts, then its page), the PNGs written, its page, its chart links. */
interface ScenarioFiles {
  entries: ManifestEntry[];
  charts: string[];
  page: string;
  links: ChartLink[];
}

/** results.json: the suite with the run id after its schema (a run id already in a re-read suite is replaced). */
export function resultsJson(suite: SuiteResult, runId: string): string {
  const { runId: _previous, schema, ...rest } = suite as SuiteResult & { runId?: unknown };
  return `${JSON.stringify({ schema, runId, ...rest }, null, 2)}\n`;
}

/**
 * Renders a run's report into the folder `dir`, which licsim just made and no
 * one else reads (it is moved into place afterwards), every file carrying the
 * run id: the scenario pages' script, then per scenario its PNG charts and its
 * page (`scenarios/NN-<slug>.html`), then index.html listing them, summary.md,
 * junit.xml and results.json. Scenarios are taken a few at a time and their
 * charts drawn on worker threads (charts/chartPool.ts), each PNG written as it
 * is drawn and dropped, so memory does not grow with the suite's charts. A
 * chart that fails to render is left out (its page says so) rather than losing the report.
 */
export async function renderReport(dir: string, suite: SuiteResult, options: ReportOptions, runId: string): Promise<Rendered> {
  const size = options.chartSize ?? CHART_SIZE;
  const excerptDays = options.excerptDays ?? 3;
  for (const sub of REPORT_DIRS) await mkdir(join(dir, sub));
  const put = async (path: string, data: string): Promise<ManifestEntry> => {
    await writeFile(join(dir, ...path.split('/')), data);
    const entry = manifestEntry(path, data);
    killPoint(`render ${path}`);
    return entry;
  };
  const script = await put(PAGE_SCRIPT, pageScript(runId));
  // About four charts a scenario (usage, overdraft, states, alarms): enough to size the pool before any is built.
  const pool = ChartPool.start(options.chartThreads ?? chartThreads(4 * suite.scenarios.length), size);
  let scenarios: ScenarioFiles[];
  try {
    // Each worker gets the charts of two scenarios and this thread writes a third's page meanwhile.
    scenarios = await inLanes(suite.scenarios.length, 2 * pool.threads + 1, async (i) => {
      const o = suite.scenarios[i] as SuiteResult['scenarios'][number];
      const specs = chartConfigs(o, i, size);
      const drawn = await Promise.all(
        specs.map((spec) =>
          pool.render(spec, dir, runId).then((entry) => {
            if (entry) killPoint(`render ${spec.file}`);
            return entry;
          }),
        ),
      );
      const entries = drawn.filter((e): e is ManifestEntry => e !== null);
      const rendered = new Set(specs.filter((_, k) => drawn[k]).map((s) => s.id));
      const page = scenarioPagePath(o.name, i);
      entries.push(await put(page, scenarioPage(suite, i, { specs, rendered, excerptDays, runId })));
      const charts = specs.filter((s) => rendered.has(s.id)).map((s) => s.file);
      return { entries, charts, page, links: specs.map((s) => ({ label: s.label, file: s.file })) };
    });
  } finally {
    await pool.close();
  }
  const links = scenarios.map((s) => s.links);
  const reportLink = options.reportUrl ?? REPORT_FILES.html;
  const summaryFor = (maxBytes: number) => summaryMarkdown(suite, { charts: links, reportLink, maxBytes, runId });
  const entries = [script, ...scenarios.flatMap((s) => s.entries)];
  entries.push(await put(REPORT_FILES.html, indexPage(suite, { runId })));
  entries.push(await put(REPORT_FILES.summary, summaryFor(options.maxSummaryBytes ?? SUMMARY_LIMIT)));
  entries.push(await put(REPORT_FILES.junit, junitXml(suite, runId)));
  entries.push(await put(REPORT_FILES.results, resultsJson(suite, runId)));
  return { entries, charts: scenarios.flatMap((s) => s.charts), pages: scenarios.map((s) => s.page), summaryFor };
}
