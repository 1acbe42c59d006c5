import { z } from 'zod';

import { DURATION, parseDuration } from '../machines/duration.ts';
import { LIMITS } from './budget.ts';
import { INDEX_RANGE_SPELLING } from './indexRanges.ts';

export { DURATION, parseDuration };

const DURATION_TEXT = 'expected a duration: a number of days of 0 or more, or 30d, 6w, 18mo, 1y, 12h';

/** A duration as written, with a sign: a negative one is read, for the bounds both spellings share to refuse it. */
const SIGNED_DURATION = new RegExp(`^\\s*-?${DURATION.source.slice(1)}`);

/** "30d" in days, "-30d" as minus 30 days. */
function durationDays(text: string): number {
  const negative = /^\s*-/.exec(text);
  const days = parseDuration(negative ? text.slice(negative[0].length) : text) as number;
  return negative ? -days : days;
}

/**
 * What a duration is in either spelling: a finite number of days, 0 or more. Checked on
 * the number as written and on the days a string spells; there, as the last word
 * (`abort`), so the refinements of a positive duration add nothing to its message.
 */
const days = (last: boolean) =>
  z
    .number({ error: DURATION_TEXT })
    .nonnegative({ error: 'expected a duration of 0 days or more (a duration cannot be negative)', abort: last });

/** A span of time: days as a number, or a string such as 30d, 6w, 18mo, 1y; both spellings bounded by `days`. */
export const duration = z
  .union([days(false), z.string().regex(SIGNED_DURATION, { error: DURATION_TEXT })], { error: DURATION_TEXT })
  .transform((v) => (typeof v === 'number' ? v : durationDays(v)))
  .pipe(days(true))
  .describe('days, or a string like 30d, 6w, 18mo, 1y');

/** A positive span of time. */
export const positiveDuration = duration.refine((d) => d > 0, { error: 'expected a duration longer than zero' });

/** A run's length: positive, and at most licsim's longest run (LIMITS.maxDays). */
export const runLength = positiveDuration.refine((d) => d <= LIMITS.maxDays, {
  error: `expected a run of at most ${LIMITS.maxDays} days (1000y, licsim's longest run)`,
});

/** How often an entry repeats: at least licsim's smallest repetition (LIMITS.minEveryDays, 1h). */
export const repetition = positiveDuration.refine((d) => d >= LIMITS.minEveryDays - 1e-12, {
  error: "expected a repetition of at least 1h (licsim's smallest every)",
});

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date YYYY-MM-DD between 1990 and 2200 that exists. */
export function parseDate(text: string): number | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  if (y < 1990 || y > 2200) return undefined;
  return t;
}

/** A date string; YAML's own date values arrive as Date objects and are accepted too. */
export const date = z
  .union([z.string(), z.date()], { error: 'expected a date YYYY-MM-DD' })
  .transform((v, ctx) => {
    const text = v instanceof Date ? v.toISOString().slice(0, 10) : v;
    if (parseDate(text) === undefined) {
      ctx.addIssue({ code: 'custom', message: 'expected a real date YYYY-MM-DD between 1990 and 2200' });
      return z.NEVER;
    }
    return text;
  })
  .describe('a date YYYY-MM-DD');

/** A percentage as written, `-2.5%` (and `2%/month` for a rate), as a fraction: -0.025. */
const PERCENTAGE = /^(-?\d+(?:\.\d+)?)%(?:\/month)?$/;
const fraction = (v: number | string) => (typeof v === 'number' ? v : Number((PERCENTAGE.exec(v) as RegExpExecArray)[1]) / 100);

const SHARE_TEXT = 'expected a share: a number from 0 to 1, or a percentage from 0% to 100% like 25%';
const shareValue = z.number({ error: SHARE_TEXT }).min(0, { error: SHARE_TEXT }).max(1, { error: SHARE_TEXT });
/** A share: 0.25, or "25%"; both spellings bounded by `shareValue`. */
export const share = z
  .union([shareValue, z.string().regex(/^-?\d+(\.\d+)?%$/)], { error: SHARE_TEXT })
  .transform(fraction)
  .pipe(shareValue)
  .describe('0..1 or a percentage like 25%');

const RATE_TEXT = 'expected a monthly rate from -100% to 1000%, written as a percentage like 2% (or 2%/month)';
const rateValue = z.number({ error: RATE_TEXT }).min(-1, { error: RATE_TEXT }).max(10, { error: RATE_TEXT });

/** A number as a person writes it, without the float's noise: 7, not 7.000000000000001. */
const plain = (x: number) => String(Number(x.toPrecision(12)));

/**
 * What a growth rate written as a bare number would mean read each way: `3` as 3 % a
 * month, or as the fraction 3 (300 %, ×4 a month). A bare number is refused with both
 * readings (a reading beyond the bounds of a rate says so; a number beyond them either way is
 * refused as out of bounds), for the writer to choose.
 *
 * @example
 * bareRateMessage(3); // 'a bare number is ambiguous: write 3% (3 % a month) or 300% (×4 a month)'
 */
export function bareRateMessage(v: number): string {
  const reading = (percent: number, meaning: string) =>
    `${plain(percent)}% (${rateValue.safeParse(percent / 100).success ? meaning : 'beyond the -100% to 1000% a rate may be'})`;
  if (v === 0) return 'a growth rate is written as a percentage: write 0% (no growth)';
  if (!rateValue.safeParse(v / 100).success) return RATE_TEXT;
  return `a bare number is ambiguous: write ${reading(v, `${plain(v)} % a month`)} or ${reading(v * 100, `×${plain(1 + v)} a month`)}`;
}

/**
 * A monthly growth rate: `2%` or `2%/month` (of the population, every 30 days), as a
 * fraction, bounded by `rateValue`. A bare number is refused ({@link bareRateMessage}):
 * `3` has been read as 300 % a month where every example writes `3%`.
 */
export const rate = z
  .string({ error: (issue) => (typeof issue.input === 'number' ? bareRateMessage(issue.input) : RATE_TEXT) })
  .regex(PERCENTAGE, { error: RATE_TEXT })
  .transform(fraction)
  .pipe(rateValue)
  .describe('a monthly growth rate as a percentage: 2% or 2%/month');

const RANGE = /^(\d+)\s*\.\.\s*(\d+)$/;
/** A whole count, or one drawn per instance from "100..300" or { min, max }. */
export const range = z
  .union(
    [
      z.number().int().nonnegative(),
      z.string().regex(RANGE),
      z.strictObject({ min: z.number().int().nonnegative(), max: z.number().int().nonnegative() }),
    ],
    { error: 'expected a whole number of 0 or more, a range like 100..300, or { min, max }' },
  )
  .transform((v) => {
    if (typeof v === 'number') return v;
    if (typeof v === 'string') {
      const m = RANGE.exec(v) as RegExpExecArray;
      return { min: Number(m[1]), max: Number(m[2]) };
    }
    return v;
  })
  .refine((v) => typeof v === 'number' || v.min <= v.max, { error: 'expected a range whose min is at most its max' })
  .refine((v) => (typeof v === 'number' ? v : v.max) <= LIMITS.maxPerInstance, {
    error: `expected at most ${LIMITS.maxPerInstance.toLocaleString('en-US')} (licsim's largest count of one instance)`,
  })
  .describe('n, "min..max" or { min, max }');

/** A whole number of at least 1. */
export const count = z
  .number({ error: 'expected a whole number of at least 1' })
  .int({ error: 'expected a whole number of at least 1' })
  .min(1, { error: 'expected a whole number of at least 1' });

/** The number of instances of a fleet group: at least 1, at most LIMITS.maxGroupSize. */
export const fleetSize = count.max(LIMITS.maxGroupSize, {
  error: `expected at most ${LIMITS.maxGroupSize.toLocaleString('en-US')} instances in a group (licsim's largest group)`,
});

/** A non-empty name (of a group, a variant, an account…). */
export const name = z.string({ error: 'expected a non-empty name' }).min(1, { error: 'expected a non-empty name' });

const INDEX_TEXT = 'expected an index (0, 1, …) or a range of indices like 0..39';

/**
 * One index within a group, or a range of them `first..last` as written (kept as a
 * range, never expanded; the loader checks its order and bounds against the fleet).
 */
export const indexItem = z.union([z.number().int().nonnegative(), z.string().regex(INDEX_RANGE_SPELLING)], { error: INDEX_TEXT });

/** Indices within a group: one, a range, or a list of both. */
export const indices = z
  .union([indexItem, z.array(indexItem).min(1, { error: 'expected at least one index or range' })], {
    error: 'expected a list of indices or a range like 0..39',
  })
  .describe('indices within each group: 3, 0..39 or a list like [0, 5..9]');

/** A day of the run: a duration from its start, or a date. */
export const when = z.union([duration, date], { error: 'expected a day of the run (a number of days, 30d, 6w…) or a date YYYY-MM-DD' });

/** A value written as one item or a list of them, as a list (undefined stays undefined). */
export function listOf<T>(v: T | T[] | undefined): T[] | undefined {
  return v === undefined ? undefined : Array.isArray(v) ? v : [v];
}
