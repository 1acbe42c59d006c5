import { REPORT_FILES } from '../io/layout.ts';
import type { Replays } from './replay.ts';
import type { VerifyResults } from './results.ts';
import { verifyResultsJson } from './resultsJson.ts';
import type { ReportFile } from './verifyFolder.ts';
import { verifyJunitXml } from './verifyJunit.ts';
import { verifyPage } from './verifyPage.ts';
import { verifySummaryMarkdown } from './verifySummary.ts';

/**
 * Every file of a `licsim verify` report, in the order a folder written in place
 * receives them: the counterexample scenarios, index.html, summary.md, junit.xml,
 * and results.json last.
 */
export function verifyReportFiles(results: VerifyResults, counterexamples: readonly ReportFile[], replays: Replays): ReportFile[] {
  return [
    ...counterexamples,
    { path: REPORT_FILES.html, data: verifyPage(results, replays) },
    { path: REPORT_FILES.summary, data: verifySummaryMarkdown(results) },
    { path: REPORT_FILES.junit, data: verifyJunitXml(results) },
    { path: REPORT_FILES.results, data: verifyResultsJson(results) },
  ];
}
