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
