import { noun } from '../plural.ts';

/**
 * The report's one number format: en-US grouping (1,000 and 150,000), at most two decimals,
 * whatever the machine's locale, so the same results give the same HTML bytes everywhere.
 */
const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A number as the HTML report shows it (`8760` → `8,760`); a value that is not a number is shown as text. */
export function formatNumber(n: number | string | null | undefined): string {
  if (typeof n === 'number') return Number.isFinite(n) ? NUMBER.format(n === 0 ? 0 : n) : String(n);
  return n === null || n === undefined ? '–' : n;
}

/** A difference as the reports show it: signed and grouped (`+1,200`, `−30`), nothing for none or 0. */
export function formatDelta(d: number | null | undefined): string {
  if (d === null || d === undefined || d === 0) return '';
  return `${d > 0 ? '+' : '−'}${formatNumber(Math.abs(d))}`;
}

/** A count with its noun, grouped and in the right number: `1 instance`, `1,000 instances`. */
export function counted(n: number, word: string, many?: string): string {
  return `${formatNumber(n)} ${noun(n, word, many)}`;
}

/** Wall-clock seconds for a reader: `< 0.01 s`, `0.42 s`, `12.3 s`, `2 min 5 s`, `1,234 min 0 s`. */
export function formatSeconds(seconds: number): string {
  const shown = seconds < 10 ? Math.round(seconds * 100) / 100 : Math.round(seconds * 10) / 10;
  if (shown === 0 && seconds > 0) return '< 0.01 s';
  if (shown < 60) return `${NUMBER.format(shown)} s`;
  const whole = Math.round(seconds);
  return `${NUMBER.format(Math.floor(whole / 60))} min ${whole % 60} s`;
}

/**
 * Free text (an expectation's title, message or evidence) with its counts grouped: every integer of four
 * digits or more that stands alone (`150000 of 150000 instances` → `150,000 of 150,000 instances`, a
 * sentence's comma, colon or full stop after it too); one joined to a letter, digit, dash, slash, `#` or
 * (on either side of a dot, comma or colon) to another word is left as written, so dates (2026-01-01),
 * instance names (north-00002), rule ids, decimals, times and `file:line` are not touched.
 */
export function groupDigits(text: string): string {
  return text.replace(/(?<![\w.,:/#-])[1-9]\d{3,}(?![\w/#-]|[.,:]\w)/g, (digits) => NUMBER.format(Number(digits)));
}
