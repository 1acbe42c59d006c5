/**
 * Reports of a licsim run: PNG charts, a self-contained index.html, junit.xml,
 * summary.md and results.json. Reads only the result contract (engine/result.ts),
 * so a saved results.json can be re-rendered without re-running.
 */
export { writeReports } from './writeReports.ts';
export { beginReport } from './io/beginReport.ts';
export { readSuiteResult } from './io/readResults.ts';
export { REPORT_FILES } from './io/layout.ts';
export { chartConfigs, CHART_SIZE } from './charts/chartConfigs.ts';
export { renderPng } from './charts/renderPng.ts';
export { htmlReport } from './html/htmlReport.ts';
export { junitXml } from './junit.ts';
export { summaryMarkdown, SUMMARY_LIMIT } from './summary/summaryMarkdown.ts';
export { annotations, ANNOTATION_LIMIT } from './summary/github.ts';
export { eventExcerpts } from './eventExcerpt.ts';
export type { ChartConfig, ChartKind, ChartSpec, ReportFiles, ReportOptions } from './types.ts';
