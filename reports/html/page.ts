import { escapeHtml as esc } from '../escape.ts';
import { STYLES } from './styles.ts';

/** index.html: no script, no image, nothing loaded: a list of links. */
export const INDEX_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/**
 * A scenario page: no inline script runs (the chart data is a JSON block, not
 * code); the one script and the PNGs are the report's own files ('self'; and
 * file:, for browsers that give every local file an origin of its own).
 */
export const SCENARIO_CSP =
  "default-src 'none'; img-src 'self' file:; style-src 'unsafe-inline'; script-src 'self' file:; base-uri 'none'; form-action 'none'";

/** A page of the report: the CSP, the run id (a meta tag and on the body), the stylesheet, then `body`. */
export function htmlPage(page: { title: string; csp: string; runId?: string; body: string }): string {
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
</body>
</html>
`;
}
