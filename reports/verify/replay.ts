import type { LogEntry, RunResult, ScenarioOutcome, Verdict } from '../../engine/result.ts';

/**
 * A counterexample's scenario run as `licsim run` runs it: its outcome and the variant the
 * counterexample is about, or why it could not be run (a bug: the checker wrote a scenario
 * the loader refuses).
 */
export type Replay = { outcome: ScenarioOutcome; variant: string } | { error: string };

/** Replays by counterexample file (`counterexamples/….yaml`). */
export type Replays = ReadonlyMap<string, Replay>;

/** The replay's run of the counterexample's variant. */
export function replayRun(r: Extract<Replay, { outcome: ScenarioOutcome }>): RunResult | undefined {
  return (r.outcome.runs.find((x) => x.variant === r.variant) ?? r.outcome.runs[0])?.result;
}

/** The replay's verdicts about the counterexample's variant. */
export function replayVerdicts(r: Extract<Replay, { outcome: ScenarioOutcome }>): Verdict[] {
  return r.outcome.verdicts.filter((v) => v.variant === undefined || v.variant === r.variant);
}

/** The log entries of the replay on a day (an injected event's day: what it and that day's timers did). */
export function logOn(run: RunResult | undefined, day: number): LogEntry[] {
  return (run?.events ?? []).filter((e) => Math.floor(e.day) === Math.floor(day));
}
