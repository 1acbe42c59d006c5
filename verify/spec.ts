import type { TimelineEntry } from '../engine/scenario.ts';
import type { TimelineKind } from '../engine/timeline/registry.ts';
import type { Expectation } from '../scenarios/expect/registry.ts';
import type { StateSet } from '../scenarios/expect/resolve.ts';
import type { LoadedScenario } from '../scenarios/loader/resolveScenario.ts';

/** Where something is written in a verification file. */
export interface SourceLine {
  file: string;
  line: number;
}

/**
 * A property judged on the explored graph of world states rather than along one run:
 * `recoverable` (from every reachable state some continuation reaches `target`), and
 * `deadlockFree` (no reachable state where no timer is pending and no event of the
 * alphabet changes anything).
 */
export type GraphProperty = { kind: 'recoverable'; target: StateSet; groups: string[] | null } | { kind: 'deadlockFree' };

/** What a property checks: an expectation along every path (a `run` property), or the graph. */
export type PropertyCheck = { kind: 'run'; expectation: Expectation } | GraphProperty;

/** One property of a verification file. */
export interface Property {
  name: string;
  /** The DOMAIN.md rules it is about (as written; the checker adds the rules of what it names). */
  rules: string[];
  /** `expect: violated`: a documented, deliberate weakness: the property passes when a counterexample is found. */
  expectViolated: boolean;
  check: PropertyCheck;
  /** Compared variants it is verified under; null for all. */
  variants: string[] | null;
  source: SourceLine;
}

/**
 * A fairness assumption on the environment: after an entry of `after`, an entry of
 * `then` happens within `within` days (e.g. an outage ends within 200 days). Paths that
 * break it are not explored past the point where they do.
 */
export interface Fairness {
  after: TimelineKind;
  then: TimelineKind;
  within: number;
  source: SourceLine;
}

/** One event the environment may inject: a timeline entry without its day (the checker chooses the days). */
export interface AlphabetEvent {
  /** As a person would say it: the action and its parameters, e.g. `grow users 5`. */
  label: string;
  /** The entry as the scenario loader resolved it; `at` is 0 and replaced by the day chosen. */
  entry: TimelineEntry;
  source: SourceLine;
}

/** A verification file, resolved: the world, the environment's alphabet and bounds, and the properties. */
export interface Verification {
  file: string;
  name: string;
  description: string;
  /**
   * The world as a scenario: its fleet, accounts and policy variants; its duration is
   * the horizon; its timeline holds the fixed events (those that happen on every path);
   * its expectations are those of the run properties, in property order.
   */
  world: LoadedScenario;
  alphabet: AlphabetEvent[];
  /** At most this many events of the alphabet on a path (K). */
  events: number;
  fairness: Fairness[];
  properties: Property[];
  /** Stop exploring after this many distinct states (the verdict then says so); from the file or --max-states. */
  maxStates: number | null;
}
