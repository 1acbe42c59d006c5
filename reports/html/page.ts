import { escapeHtml as esc } from '../escape.ts';
import { INDEX_SCRIPT_HASH } from './indexScript.ts';
import { STYLES } from './styles.ts';

/** A page with no script, no image, nothing loaded: a list of links (an invalid run's index, fuzz's and verify's pages). */
export const INDEX_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/**
 * A run's index.html: nothing loaded, and one inline script, its filters (indexScript.ts), allowed by
 * its hash: a script written into the page does not run.
 */
export const RUN_INDEX_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  `script-src ${INDEX_SCRIPT_HASH}`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * A scenario page: no inline script runs (the chart data is a JSON block, not
 * code); the one script and the PNGs are the report's own files ('self'; and
 * file:, for browsers that give every local file an origin of its own).
 */
export const SCENARIO_CSP =
  "default-src 'none'; img-src 'self' file:; style-src 'unsafe-inline'; script-src 'self' file:; base-uri 'none'; form-action 'none'";

/** A page of the report: the CSP, the run id (a meta tag and on the body), the stylesheet, then `body` (and `script`, inline, last). */
export function htmlPage(page: { title: string; csp: string; runId?: string; body: string; script?: string }): string {
  const id = page.runId === undefined ? undefined : esc(page.runId);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${page.csp}">
${id === undefined ? '' : `<meta name="licsim-run-id" content="${id}">\n`}<title>${esc(page.title)}</title>
<style>${STYLES}</style>
</head>
<body${id === undefined ? '' : ` data-run-id="${id}"`}>
${page.body}
${page.script === undefined ? '' : `<script>${page.script}</script>\n`}</body>
</html>
`;
}
