/** What a report folder says while its run is in progress or after it was interrupted. */
export const INCOMPLETE_TEXT =
  'licsim run in progress or interrupted: no results were written yet. Treat this report as FAILED until the run completes.';

/** results.json of an unfinished run: never passed, flagged incomplete. */
export function incompleteResults(): string {
  const body = { schema: 'licsim/suite-result@1', passed: false, incomplete: true, message: INCOMPLETE_TEXT, scenarios: [] };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** junit.xml of an unfinished run: one failing test, so CI does not read it as green. */
export function incompleteJunit(): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<testsuites name="licsim" tests="1" failures="1" errors="0" skipped="0">',
    '  <testsuite name="licsim run" tests="1" failures="1" errors="0" skipped="0">',
    '    <testcase name="the run completed and wrote its report" classname="licsim">',
    `      <failure message="run incomplete" type="incomplete">${INCOMPLETE_TEXT}</failure>`,
    '    </testcase>',
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** summary.md of an unfinished run. */
export function incompleteSummary(): string {
  return `## ⏳ licsim: run incomplete\n\n${INCOMPLETE_TEXT}\n`;
}

const BANNER_STYLE = '.banner{background:#fff4e5;border-left:6px solid #d97706;padding:1rem 1.25rem}';

/** index.html of an unfinished run. */
export function incompleteHtml(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>licsim report — INCOMPLETE</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem}${BANNER_STYLE}</style>
</head><body><div class="banner" data-status="incomplete"><h1>Run incomplete</h1><p>${INCOMPLETE_TEXT}</p></div></body></html>
`;
}
