import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SuiteResult } from '../engine/result.ts';
import { CHART_SIZE, chartConfigs } from './charts/chartConfigs.ts';
import { ChartPool, chartThreads } from './charts/chartPool.ts';
import { indexPage } from './html/indexPage.ts';
import { invalidPage } from './html/invalidPage.ts';
import { pageScript } from './html/pageScript.ts';
import { durationsOf } from './html/reportContext.ts';
import { scenarioPage } from './html/scenarioPage.ts';
import { killPoint } from './io/killPoint.ts';
import { PAGE_SCRIPT, REPORT_DIRS, REPORT_FILES } from './io/layout.ts';
import { type ManifestEntry, manifestEntry } from './io/manifest.ts';
import { junitXml } from './junit.ts';
import { inLanes } from './lanes.ts';
import { scenarioPagePath } from './slug.ts';
import { type JobSummary, whereReportText } from './summary/github.ts';
import { invalidSummaryMarkdown } from './summary/invalidSummary.ts';
import { type ChartLink, relativeLink, SUMMARY_LIMIT, type SummaryContext, summaryMarkdown } from './summary/summaryMarkdown.ts';
import type { ReportOptions, Timings } from './types.ts';

export { PNG_RUN_ID } from './charts/chartFile.ts';

/** What {@link renderReport} wrote. */
export interface Rendered {
  /** Every file, in the order a report folder written in place receives them (charts and pages first, results.json last). */
  entries: ManifestEntry[];
  /** Chart PNGs written (relative paths). */
  charts: string[];
  /** Scenario pages written (relative paths), one per scenario in suite order. */
  pages: string[];
  /**
   * The summary cut to a byte limit (the GitHub job summary gets what is left of its 1 MiB); with `job`, written
   * for a job summary, where a link into the report folder is dead unless it is published (`reportUrl`).
   */
  summaryFor: (maxBytes: number, job?: JobSummary) => string;
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
 * junit.xml, timings.json (when given timings) and results.json. A suite with
 * `invalid` gets the invalid-input report instead ({@link renderInvalid}). Scenarios are taken a few at a time and their
 * charts drawn on worker threads (charts/chartPool.ts), each PNG written as it
 * is drawn and dropped, so memory does not grow with the suite's charts. A
 * chart that fails to render is left out (its page says so) rather than losing the report.
 */
export async function renderReport(
  dir: string,
  suite: SuiteResult,
  options: ReportOptions,
  runId: string,
  /** The folder the report will be read from (the source links are relative to it), when it is not `dir`. */
  reportDir?: string,
): Promise<Rendered> {
  const put = async (path: string, data: string): Promise<ManifestEntry> => {
    await writeFile(join(dir, ...path.split('/')), data);
    const entry = manifestEntry(path, data);
    killPoint(`render ${path}`);
    return entry;
  };
  const links = linksFor(options.reportUrl);
  if (suite.invalid) return renderInvalid(suite, options, runId, put, links);
  const html = { durations: durationsOf(options.timings), ...(reportDir === undefined ? {} : { reportDir }) };
  const size = options.chartSize ?? CHART_SIZE;
  const excerptDays = options.excerptDays ?? 3;
  for (const sub of REPORT_DIRS) await mkdir(join(dir, sub));
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
      entries.push(await put(page, scenarioPage(suite, i, { specs, rendered, excerptDays, runId, ...html })));
      const charts = specs.filter((s) => rendered.has(s.id)).map((s) => s.file);
      return { entries, charts, page, links: specs.map((s) => ({ label: s.label, file: s.file })) };
    });
  } finally {
    await pool.close();
  }
  const charts = scenarios.map((s) => s.links);
  const summaryFor = (maxBytes: number, job?: JobSummary) => summaryMarkdown(suite, { charts, ...links.context(job), maxBytes, runId });
  const entries = [script, ...scenarios.flatMap((s) => s.entries)];
  entries.push(await put(REPORT_FILES.html, indexPage(suite, { runId, ...html })));
  entries.push(await put(REPORT_FILES.summary, summaryFor(options.maxSummaryBytes ?? SUMMARY_LIMIT)));
  entries.push(await put(REPORT_FILES.junit, junitXml(suite, runId, options.timings)));
  if (options.timings) entries.push(await put(REPORT_FILES.timings, timingsJson(options.timings, runId)));
  entries.push(await put(REPORT_FILES.results, resultsJson(suite, runId)));
  return { entries, charts: scenarios.flatMap((s) => s.charts), pages: scenarios.map((s) => s.page), summaryFor };
}

/** timings.json: the run's wall-clock seconds, with the run id after its schema. */
export function timingsJson(timings: Timings, runId: string): string {
  const { schema, ...rest } = timings;
  return `${JSON.stringify({ schema, runId, ...rest }, null, 2)}\n`;
}

/** How the summary links into the report folder, in the folder and in a GitHub job summary. */
interface Links {
  context: (job?: JobSummary) => Pick<SummaryContext, 'reportLink' | 'fileLink' | 'whereReport'>;
}

/**
 * The links policy (README, "What a run produces"): with `reportUrl` (the folder's published
 * URL) every link is absolute, in summary.md and the job summary alike. Without it summary.md
 * links relatively (it is read in the folder) and a job summary, where a relative link is dead,
 * links nothing of the folder and says where the report is instead ({@link whereReportText}).
 */
function linksFor(reportUrl: string | undefined): Links {
  if (reportUrl !== undefined) {
    const base = reportUrl.endsWith('/') ? reportUrl : `${reportUrl}/`;
    const absolute = (file: string) => new URL(relativeLink(file), base).href;
    return { context: () => ({ reportLink: absolute(REPORT_FILES.html), fileLink: absolute }) };
  }
  return {
    context: (job) =>
      job ? { reportLink: REPORT_FILES.html, fileLink: null, whereReport: whereReportText(job) } : { reportLink: REPORT_FILES.html },
  };
}

/**
 * The report of a run that stopped on invalid input: index.html, summary.md, junit.xml and
 * results.json saying so and listing the problems; no charts, no scenario pages (the folder's
 * swap or manifest removes the previous report's).
 */
async function renderInvalid(
  suite: SuiteResult,
  options: ReportOptions,
  runId: string,
  put: (path: string, data: string) => Promise<ManifestEntry>,
  links: Links,
): Promise<Rendered> {
  const problems = suite.problems ?? [];
  const summaryFor = (maxBytes: number, job?: JobSummary) => invalidSummaryMarkdown(problems, { ...links.context(job), maxBytes, runId });
  const entries = [
    await put(REPORT_FILES.html, invalidPage(problems, { runId })),
    await put(REPORT_FILES.summary, summaryFor(options.maxSummaryBytes ?? SUMMARY_LIMIT)),
    await put(REPORT_FILES.junit, junitXml(suite, runId)),
    await put(REPORT_FILES.results, resultsJson(suite, runId)),
  ];
  return { entries, charts: [], pages: [], summaryFor };
}
