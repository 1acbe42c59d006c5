import { escapeHtml, escapeXmlAttr } from '../escape.ts';
import { REPORT_FILES } from './layout.ts';

/** What a report folder says while its run is in progress or after it was interrupted. */
export const INCOMPLETE_TEXT =
  'licsim run in progress or interrupted: no results were written yet. Treat this report as FAILED until the run completes.';

/** results.json of an unfinished run: never passed, flagged incomplete. */
export function incompleteResults(runId: string): string {
  const body = { schema: 'licsim/suite-result@1', runId, passed: false, incomplete: true, message: INCOMPLETE_TEXT, scenarios: [] };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** junit.xml of an unfinished run: one failing test, so CI does not read it as green. */
export function incompleteJunit(runId: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- licsim run ${escapeXmlAttr(runId)} -->`,
    '<testsuites name="licsim" tests="1" failures="1" errors="0" skipped="0">',
    '  <testsuite name="licsim run" tests="1" failures="1" errors="0" skipped="0">',
    `    <properties><property name="licsim.runId" value="${escapeXmlAttr(runId)}"/></properties>`,
    '    <testcase name="the run completed and wrote its report" classname="licsim">',
    `      <failure message="run incomplete" type="incomplete">${INCOMPLETE_TEXT}</failure>`,
    '    </testcase>',
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** summary.md of an unfinished run. */
export function incompleteSummary(runId: string): string {
  return `<!-- licsim run ${runId} -->\n## ⏳ licsim: run incomplete\n\n${INCOMPLETE_TEXT}\n`;
}

const BANNER_STYLE = '.banner{background:#fff4e5;border-left:6px solid #d97706;padding:1rem 1.25rem}';

/** index.html of an unfinished run. */
export function incompleteHtml(runId: string): string {
  const id = escapeHtml(runId);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="licsim-run-id" content="${id}">
<title>licsim report — INCOMPLETE</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem}${BANNER_STYLE}</style>
</head><body data-run-id="${id}">
<div class="banner" data-status="incomplete"><h1>Run incomplete</h1><p>${INCOMPLETE_TEXT}</p></div></body></html>
`;
}

/** The INCOMPLETE marker. */
export function incompleteMarker(runId: string): string {
  return `${INCOMPLETE_TEXT}\nrun ${runId}\n`;
}

/** Every file of an unfinished run's folder, the marker first. */
export function placeholderFiles(runId: string): Array<{ path: string; data: string }> {
  return [
    { path: REPORT_FILES.incomplete, data: incompleteMarker(runId) },
    { path: REPORT_FILES.results, data: incompleteResults(runId) },
    { path: REPORT_FILES.junit, data: incompleteJunit(runId) },
    { path: REPORT_FILES.summary, data: incompleteSummary(runId) },
    { path: REPORT_FILES.html, data: incompleteHtml(runId) },
  ];
}
