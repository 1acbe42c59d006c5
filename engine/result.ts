/**
 * The JSON contract of a run: everything reports and expectations read.
 * Pure data (no classes, no functions), deterministic for a scenario and seed,
 * so a saved results.json can be re-rendered without re-running.
 */

import type { Problem } from '../scenarios/loader/problems.ts';
import type { Outcomes } from './outcomes/types.ts';

/** Bumped when a field changes meaning; readers check it. */
export const RESULT_SCHEMA = 'licsim/run-result@1';

export interface RunResult {
  schema: typeof RESULT_SCHEMA;
  scenario: ScenarioSummary;
  /** ISO date of each sampled day; series have one value per day (the state at the end of that day). */
  dates: string[];
  /** The report groups statuses belong to, in stacking order (healthy first, trouble last). */
  statusGroups: string[];
  models: ModelSummary[];
  series: Series;
  /** What a designer compares between policies: days per status group, overdraft, refusals, alarms and their leads (engine/outcomes/). */
  outcomes: Outcomes;
  /** State changes, alarms and refusals in order, up to the log limit. */
  events: LogEntry[];
  /** Entries beyond the log limit, counted but not kept. */
  eventsDropped: number;
  /** Hostname, MAC, UDI, serial and site of the traced instances the log names (drawn with faker from the seed). */
  identities: Record<string, { hostname: string; mac: string; udi: string; serial: string; site: string }>;
  /** What each timeline entry did: how many instances it reached, how many refused it and why. */
  timeline: TimelineOutcome[];
  final: FinalSummary;
  /**
   * The always-on consistent monitor (DOMAIN.md §6): checks of an instance's state
   * against the ledger (daily for those that changed, every instance at the end),
   * how many disagreed, and the first few with the instance, time, status, claim and ledger.
   */
  consistency: {
    checks: number;
    inconsistent: number;
    first: Array<{ instance: string; tick: number; status: string; claims: string; ledger: string }>;
  };
  /** Work done: machine steps taken, events emitted, messages delivered, messages that reached nobody. */
  work: { steps: number; emitted: number; messages: number; undelivered: number };
}

export interface ScenarioSummary {
  name: string;
  description: string;
  seed: number;
  start: string;
  days: number;
  instances: number;
  groups: Array<{ name: string; model: string; count: number; account: string; firstInstance: string }>;
  accounts: Array<{
    id: string;
    kind: string;
    purchases: Array<{ type: string; count: number; term?: { startDay: number; endDay: number } }>;
  }>;
  /** Policy parameters per model, and those that differ from the documented defaults. */
  policy: Record<string, Record<string, unknown>>;
  policyChanges: Array<{ model: string; key: string; value: unknown; default: unknown; rule: string }>;
}

export interface ModelSummary {
  model: string;
  instances: number;
  /** Status names, in the machine's catalogue order, and the report group each belongs to. */
  statuses: Array<{ name: string; group: string }>;
}

export interface UsageSeries {
  account: string;
  kind: string;
  type: string;
  /** Units in use (after the overdraft regime) at the end of each day. */
  consumption: number[];
  /** Units owned and available to this account (term lapses and others' reservations removed). */
  entitlement: number[];
  /** max(0, consumption − entitlement) after tier borrowing where allowed, plus the shortfall (SLR-11). */
  overdraft: number[];
  /** Consumption of this type served by higher tiers (SL-11). */
  borrowed: number[];
  /** Σ over SLR instances of their usage of this type above their own reservation (SLR-9). */
  shortfall: number[];
}

export interface Series {
  /** Instances per status at the end of each day, per model. */
  status: Record<string, Record<string, number[]>>;
  usage: UsageSeries[];
  /** Overdraft over every account and type, per day (reserved instances' shortfalls included, SLR-11). */
  overdraftTotal: number[];
  /** 1 on days an account ends out of compliance (SL-7, SL-12). */
  outOfCompliance: Record<string, number[]>;
  /** Alarms raised per day, by name. */
  alarms: Record<string, number[]>;
  /** SL-18: alarms cleared per day, by name. */
  alarmsCleared: Record<string, number[]>;
  /** SL-18: machines with the alarm up at the end of each day, by name (alarms that report a condition, once raised). */
  alarmsUp: Record<string, number[]>;
  /** Refused operations per day, by "operation (rule)". */
  refusals: Record<string, number[]>;
}

export interface LogEntry {
  day: number;
  instance: string;
  group: string;
  /** `cleared`: an alarm cleared as its condition ended (SL-18). */
  kind: 'transition' | 'alarm' | 'cleared' | 'refusal' | 'effect';
  /** The event that caused it. */
  event: string;
  from?: string;
  to?: string;
  /** Alarm name, refused operation and reason, or effect. */
  detail?: string;
  rules: string[];
}

export interface TimelineOutcome {
  at: number;
  kind: string;
  /** Instances the entry was sent to. */
  reached: number;
  /** Instances whose model the action does not apply to. */
  notApplicable: number;
  refused: number;
  /** Up to three refusal reasons with their counts. */
  reasons: Array<{ reason: string; rule: string | null; count: number }>;
}

export interface FinalSummary {
  /** Instances per status at the end, per model. */
  status: Record<string, Record<string, number>>;
  accounts: Array<{
    account: string;
    kind: string;
    outOfCompliance: boolean;
    types: Array<{
      type: string;
      owned: number;
      available: number;
      inUse: number;
      reserved: number;
      inTransit: number;
      /** Unserved consumption plus the shortfall (SLR-11). */
      overdraft: number;
      /** Reserved instances' use above their own reservations (SLR-11). */
      shortfall: number;
    }>;
  }>;
}

/** What set off an instance's change of status (engine/run/story.ts). */
export type Trigger =
  /** One of its own timers: the delay, the policy values it is computed from, the status it fired in and since when. */
  | { kind: 'timer'; delay: string; parameters: Array<{ name: string; value: string }>; state: string; since: number }
  /** A message from another machine; from a CSSM, its step that sent it and the ledger numbers it decided on. */
  | {
      kind: 'message';
      from: string;
      event: string;
      cause?: { party: string; event: string; from: string; to: string; rules: string[]; ledger?: string };
    }
  /** A timeline entry (its index in the scenario's timeline, and where it is written when known). */
  | { kind: 'timeline'; action: string; event: string; entry: number; file?: string; line?: number }
  /** The engine itself (a fleet's growth, a start). */
  | { kind: 'engine'; event: string };

/** One step of an instance's story: a change of status (with its trigger), an alarm raised or cleared, a refusal, a ledger effect. */
export interface StoryStep {
  day: number;
  kind: 'transition' | 'alarm' | 'cleared' | 'refusal' | 'effect';
  /** Status before and after (transitions). */
  from?: string;
  to?: string;
  /** The event taken, alarm name, refused operation or effect kind. */
  event: string;
  trigger?: Trigger;
  /** The step in one line for a person (the trigger's, for a transition). */
  why: string;
  /** Rule ids of the transition that fired (or of the alarm, refusal, effect). */
  rules: string[];
  /** What the ledger holds as the instance's last usage report, per type in use, after the step. */
  reported?: Record<string, number>;
}

/** One piece of evidence behind a verdict: which instance, which day, which values. */
export interface Evidence {
  /** Instance id, when the evidence is about one instance. */
  instance?: string;
  /** Day of the run (fractional: ticks / 1440). */
  day?: number;
  /** What was measured, with its unit where it has one. */
  value?: number | string;
  /** What the expectation allowed. */
  limit?: number | string;
  detail: string;
  /** Rule ids of the transition that fired at this evidence (from the instance's story). */
  rules?: string[];
  /**
   * Why: the instance's changes of status that led here, last one last, each with its
   * trigger and rule ids (a failed verdict's first instances; scenarios/run/explain.ts).
   */
  cause?: StoryStep[];
}

/** The verdict of one expectation of a scenario. */
export interface Verdict {
  /** The expectation's kind: a key of an `expect:` item (scenarios/expect/registry.ts; `licsim list` shows them), or `baseline`. */
  kind: string;
  /** The expectation as a sentence, e.g. "never enforcement for any instance". */
  title: string;
  passed: boolean;
  /** One line saying what was found, with the values. */
  message: string;
  /** The DOMAIN.md rules involved. */
  rules: string[];
  evidence: Evidence[];
  /** Which variant of a comparison the verdict is about (absent for a plain scenario). */
  variant?: string;
  /** Where the expectation is written: file and line (1-based). */
  source?: { file: string; line: number };
  /** The expectation's `tags:`, when it has any. */
  tags?: string[];
  /**
   * `skip` / `todo`: it was not checked (`passed` is true, nothing to count against the run);
   * `fails`: it is expected to fail, so `passed` says whether it did (its own finding is in `message`).
   */
  mark?: { kind: 'skip' | 'todo' | 'fails'; reason: string };
}

/** One scenario's run(s) and verdicts. A comparison scenario has one run per variant, on the same fleet. */
export interface ScenarioOutcome {
  file: string;
  name: string;
  description: string;
  passed: boolean;
  /** The scenario's `tags:`, when it has any. */
  tags?: string[];
  /** The compared variant the outcomes' deltas are taken against, when the scenario names one (`compareBaseline:`). */
  compareBaseline?: string;
  /** A saved counterexample (in a `counterexamples/` folder under the paths given) that `licsim run` replayed first; absent otherwise. */
  counterexample?: true;
  runs: Array<{ variant: string; result: RunResult }>;
  verdicts: Verdict[];
}

/** The machine-readable output of `licsim run` (results.json). */
export interface SuiteResult {
  schema: 'licsim/suite-result@1';
  passed: boolean;
  scenarios: ScenarioOutcome[];
  /** With a filter (`--only`, `--grep`, `--tag`, `--last-failed`): the scenarios it left out (0: none); absent without one. */
  filtered?: number;
  /** With `--bail` or `--max-failures`: the scenarios not started because enough had failed; absent when every one ran. */
  notRun?: number;
  /** The run ended on bad input (exit 2): nothing ran, `scenarios` is empty, `passed` is false and `problems` says why. */
  invalid?: true;
  /** With `invalid`: every problem found in the files given, each located (file, line, column, field) with its message. */
  problems?: Problem[];
}
