import type { VerifyResults } from './results.ts';

/** A value with every object's keys in sorted order (arrays keep theirs), so equal results are equal text. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sorted(v)]));
}

/**
 * results.json of `licsim verify`: the results with sorted keys, two-space indented.
 * It holds no timing and no clock value, so the same files, seed and bounds give
 * byte-identical text.
 */
export function verifyResultsJson(results: VerifyResults): string {
  return `${JSON.stringify(sorted(results), null, 2)}\n`;
}
