/**
 * Reports of `licsim verify`: results.json (no timings, sorted keys), junit.xml,
 * summary.md, index.html and the counterexample scenarios, written to a guarded
 * report folder. Reads the checker's results (verify/result.ts) and, for the page,
 * each counterexample's replay by the engine.
 */

export { verifyReportFiles } from './renderVerify.ts';
export { logOn, type Replay, type Replays, replayRun, replayVerdicts } from './replay.ts';
export {
  type CheckedFile,
  type CounterexampleResult,
  type FileResult,
  fileResult,
  type PropertyResult,
  propertyKindOf,
  type StepResult,
  type VariantResult,
  VERIFY_RESULT_SCHEMA,
  type VerifyResults,
  verdictRows,
  verifyResults,
} from './results.ts';
export { verifyResultsJson } from './resultsJson.ts';
export { brokenWord, outcomeText, replayCommand, stepLines } from './stepsText.ts';
export { COUNTEREXAMPLE_DIR, type ReportFile, VerifyFolder } from './verifyFolder.ts';
export { verifyJunitXml } from './verifyJunit.ts';
export { verifyPage } from './verifyPage.ts';
export { boundsSentence, verifySummaryMarkdown } from './verifySummary.ts';
