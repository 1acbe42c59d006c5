import { daysToTicks, type Tick } from '../../machines/time.ts';

/**
 * The day-boundary rule of every expectation (its one definition). Days count from 0,
 * and a day `d` (a number, or `30d`) names the whole of day ⌊d⌋:
 * - `from: d` opens at its first moment, 00:00, so what the timeline and the timers
 *   do at the start of day d is inside;
 * - `to: d` and `by: d` close at its last moment: everything that happens on day d is
 *   inside, nothing of day d + 1 is;
 * - `day: d` reads the end of day d: the daily sample taken at the midnight after it,
 *   before anything of the next day.
 * So `from: 90d, by: 90d` is exactly day 90, and `by: 59d` includes day 59.
 */
/** The first and last ticks of the window from day `from` to day `to`, both whole days included. */
export function windowTicks(from: number, to: number): { first: Tick; last: Tick } {
  return { first: daysToTicks(Math.floor(from)), last: daysToTicks(Math.floor(to) + 1) - 1 };
}

/** The daily samples (end of each day) of the window from day `from` to day `to`, within a run of `days` samples. */
export function windowSamples(from: number, to: number, days: number): { first: number; last: number } {
  return { first: Math.max(0, Math.floor(from)), last: Math.min(days - 1, Math.floor(to)) };
}

/** The daily sample `day: d` reads: the end of day ⌊d⌋ (the last one, for a day past the run). */
export function daySample(day: number, days: number): number {
  return Math.max(0, Math.min(Math.floor(day), days - 1));
}
