/**
 * Virtual time. Machines and the engine count time in ticks; one tick is one
 * virtual minute. A year is 525,600 ticks, far below the 2^31-1 ms limit at which
 * Node's and sinon's timers misfire, so an actor driven by a fake clock in
 * milliseconds-as-ticks fires a 90-day timer on the right day.
 */
export const TICKS_PER_DAY = 1440;

/** A point or span of virtual time in ticks (minutes). */
export type Tick = number;

/** Never, for a time stamp in a machine's context. */
export const NEVER: Tick = -1;

/** Days (possibly fractional) to whole ticks. */
export function daysToTicks(days: number): Tick {
  return Math.round(days * TICKS_PER_DAY);
}

/** A delay of at least one tick: a zero delay would fire inside the step that set it. */
export function atLeastOneTick(ticks: Tick): Tick {
  return ticks < 1 ? 1 : ticks;
}

/** Ticks to days (fractional). */
export function ticksToDays(ticks: Tick): number {
  return ticks / TICKS_PER_DAY;
}

/** The day number a tick falls in (day 0 starts at tick 0). */
export function dayOf(tick: Tick): number {
  return Math.floor(tick / TICKS_PER_DAY);
}

/** Reads the current virtual time; injected into machines so they never read the wall clock. */
export interface VirtualClock {
  now(): Tick;
}
