/**
 * Reports of a licsim run: PNG charts, a page per scenario listed by index.html, junit.xml,
 * summary.md and results.json. Reads only the result contract (engine/result.ts),
 * so a saved results.json can be re-rendered without re-running.
 */

export { CHART_SIZE, chartConfigs } from './charts/chartConfigs.ts';
export { renderPng } from './charts/renderPng.ts';
export { eventExcerpts } from './eventExcerpt.ts';
export { indexPage } from './html/indexPage.ts';
export { scenarioPage } from './html/scenarioPage.ts';
export { beginReport } from './io/beginReport.ts';
export { PAGE_SCRIPT, REPORT_FILES, SCENARIO_DIR } from './io/layout.ts';
export { OutDirError } from './io/outDirError.ts';
export { readSuiteResult } from './io/readResults.ts';
export { type OpenOptions, ReportFolder } from './io/reportFolder.ts';
export { LICSIM_VERSION, runIdOf } from './io/runId.ts';
export { junitXml } from './junit.ts';
export { ANNOTATION_LIMIT, annotations } from './summary/github.ts';
export { SUMMARY_LIMIT, summaryMarkdown } from './summary/summaryMarkdown.ts';
export type { ChartConfig, ChartKind, ChartSpec, ReportFiles, ReportOptions, Timings } from './types.ts';
export {
  brokenWord,
  type CheckedFile,
  COUNTEREXAMPLE_DIR,
  type FileResult,
  outcomeText,
  type PropertyResult,
  type Replay,
  type ReportFile,
  replayCommand,
  type VariantResult,
  VERIFY_RESULT_SCHEMA,
  VerifyFolder,
  type VerifyResults,
  verifyJunitXml,
  verifyPage,
  verifyReportFiles,
  verifyResults,
  verifyResultsJson,
  verifySummaryMarkdown,
} from './verify/index.ts';
export { writeReports } from './writeReports.ts';
