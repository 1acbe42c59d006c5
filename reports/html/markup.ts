import { escapeHtml as esc } from '../escape.ts';
import { sourceHref } from './reportContext.ts';

/** An HTML table; `rows` cells are HTML already escaped by the caller, headers are escaped here. */
export function table(
  headers: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  opts: { numeric?: number[]; rowClass?: (i: number) => string; rowId?: (i: number) => string; className?: string } = {},
): string {
  const num = new Set(opts.numeric ?? []);
  const th = headers.map((h, i) => `<th${num.has(i) ? ' class="num"' : ''}>${esc(h)}</th>`).join('');
  const body = rows
    .map((r, ri) => {
      const cls = opts.rowClass?.(ri);
      const id = opts.rowId?.(ri);
      const cells = r.map((c, i) => `<td${num.has(i) ? ' class="num"' : ''}>${c}</td>`).join('');
      return `<tr${id ? ` id="${esc(id)}"` : ''}${cls ? ` class="${esc(cls)}"` : ''}>${cells}</tr>`;
    })
    .join('\n');
  const tableClass = opts.className ? ` class="${esc(opts.className)}"` : '';
  return `<div class="scroll"><table${tableClass}><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

/** A pass/fail badge. */
export function badge(passed: boolean): string {
  return passed ? '<span class="badge pass">PASSED</span>' : '<span class="badge fail">FAILED</span>';
}

/** Escaped text in a `<code>`. */
export function code(text: unknown): string {
  return `<code>${esc(text)}</code>`;
}

/** A value as compact JSON text, escaped (policy values can be objects). */
export function jsonText(value: unknown): string {
  return esc(typeof value === 'string' ? value : JSON.stringify(value));
}

/** The anchor of a verdict's row on its scenario's page (`#expectation-2`: its place among the scenario's expectations). */
export function expectationAnchor(index: number): string {
  return `expectation-${index + 1}`;
}

/**
 * A verdict's `file:line`, linked to the file relatively from the page (reportContext.ts, sourceHref),
 * or as text when the report folder is not known.
 */
export function sourceLink(source: { file: string; line: number }, reportDir: string | undefined, fromPage: string): string {
  const text = `<code>${esc(`${source.file}:${source.line}`)}</code>`;
  const href = sourceHref(source.file, source.line, reportDir, fromPage);
  return href === null ? text : `<a class="source" href="${esc(href)}">${text}</a>`;
}
