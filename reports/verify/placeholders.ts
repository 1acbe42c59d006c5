import { escapeHtml, escapeXmlAttr } from '../escape.ts';
import { REPORT_FILES } from '../io/layout.ts';
import { VERIFY_RESULT_SCHEMA } from './results.ts';

/** What a verify report folder says while its run is in progress or after it was interrupted. */
export const VERIFY_INCOMPLETE_TEXT =
  'licsim verify in progress or interrupted: no results were written yet. Treat this report as FAILED until the run completes.';

/**
 * Every file of an unfinished `licsim verify` run's folder, the INCOMPLETE marker first:
 * a results.json that is not passed, a junit.xml with one failing test, a summary and a page saying so.
 */
export function verifyPlaceholders(runId: string): Array<{ path: string; data: string }> {
  const text = VERIFY_INCOMPLETE_TEXT;
  const results = { schema: VERIFY_RESULT_SCHEMA, runId, passed: false, incomplete: true, message: text, files: [] };
  const id = escapeXmlAttr(runId);
  const junit = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- licsim verify ${id} -->`,
    '<testsuites name="licsim verify" tests="1" failures="1" errors="0" skipped="0">',
    '  <testsuite name="licsim verify" tests="1" failures="1" errors="0" skipped="0">',
    `    <properties><property name="licsim.runId" value="${id}"/></properties>`,
    '    <testcase name="the verification completed and wrote its report" classname="licsim">',
    `      <failure message="verification incomplete" type="incomplete">${text}</failure>`,
    '    </testcase>',
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="licsim-run-id" content="${escapeHtml(runId)}">
<title>licsim verify — INCOMPLETE</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem}
.banner{background:#fff4e5;border-left:6px solid #d97706;padding:1rem 1.25rem}</style>
</head><body data-run-id="${escapeHtml(runId)}">
<div class="banner" data-status="incomplete"><h1>Verification incomplete</h1><p>${text}</p></div></body></html>
`;
  return [
    { path: REPORT_FILES.incomplete, data: `${text}\nrun ${runId}\n` },
    { path: REPORT_FILES.results, data: `${JSON.stringify(results, null, 2)}\n` },
    { path: REPORT_FILES.junit, data: junit },
    { path: REPORT_FILES.summary, data: `<!-- licsim verify ${runId} -->\n## ⏳ licsim verify: incomplete\n\n${text}\n` },
    { path: REPORT_FILES.html, data: html },
  ];
}
