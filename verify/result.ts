import type { MachineCoverage } from './coverage.ts';

/** One event of a path: the alphabet event (its index) injected at the start of a day. */
export interface PathStep {
  day: number;
  event: number;
}

/** A path that breaks a property: the events in order, and the day by which it was broken. */
export interface Counterexample {
  steps: PathStep[];
  /** The day the property broke (a run property: the day of the step that broke it), or the day of the trapped state (a graph property). */
  day: number;
  /**
   * recoverable: the statuses (one list per instance, in fleet order) of the world states
   * reachable from the trapped state within the bounds, none of which is the target.
   * deadlockFree: the statuses of the stuck state.
   */
  reachable?: string[][];
}

/** What a property came to under one variant. */
export interface PropertyVerdict {
  /** Its index in the verification's properties. */
  property: number;
  /** `holds`: no path within the bounds breaks it; `violated`: a counterexample; `unknown`: the exploration was cut short. */
  outcome: 'holds' | 'violated' | 'unknown';
  /** Whether the outcome is what the file expects (holds, or `expect: violated`). */
  passed: boolean;
  counterexample: Counterexample | null;
}

/** What exploring one variant of a world found. */
export interface Exploration {
  variant: string;
  /** World states expanded (each a point where the environment may act). */
  states: number;
  /** Distinct fingerprints among them. */
  distinct: number;
  /** Steps between states: events injected, and time advanced. */
  transitions: number;
  /** Most events on a path explored. */
  depth: number;
  /** Every state within the bounds was explored (not cut short by maxStates). */
  complete: boolean;
  seconds: number;
  /** Instants older than this many days are alike in a state (the longest duration of the policy, and a day). */
  capDays: number;
  verdicts: PropertyVerdict[];
  coverage: MachineCoverage[];
}
