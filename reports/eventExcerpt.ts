import type { Evidence, LogEntry, RunResult, ScenarioOutcome, Verdict } from '../engine/result.ts';
import { formatDay, runOf } from './evidenceText.ts';

/** The log entries shown for one piece of evidence, or a note saying why there are none. */
export interface Excerpt {
  verdict: Verdict;
  evidence: Evidence;
  variant: string;
  entries: LogEntry[];
  /** Set when `entries` is empty or cut: why. */
  note?: string;
}

/** Limits: failed verdicts with excerpts per scenario, evidence items per verdict, entries per excerpt. */
export const EXCERPT_LIMITS = { verdicts: 20, evidence: 5, entries: 40 } as const;

function byInstance(result: RunResult, cache: WeakMap<RunResult, Map<string, LogEntry[]>>): Map<string, LogEntry[]> {
  let index = cache.get(result);
  if (!index) {
    index = new Map();
    for (const e of result.events) {
      const list = index.get(e.instance);
      if (list) list.push(e);
      else index.set(e.instance, [e]);
    }
    cache.set(result, index);
  }
  return index;
}

function capNote(result: RunResult): string {
  return result.eventsDropped > 0
    ? ` The log was capped: it kept ${result.events.length} entries and dropped ${result.eventsDropped}, so later entries may be missing.`
    : '';
}

/**
 * Event-log entries around each failure: for every failed verdict's evidence
 * that names an instance, that instance's entries within `windowDays` of the
 * evidence day (all its entries when the evidence has no day).
 */
export function eventExcerpts(outcome: ScenarioOutcome, windowDays = 3): Excerpt[] {
  const cache = new WeakMap<RunResult, Map<string, LogEntry[]>>();
  const out: Excerpt[] = [];
  for (const verdict of outcome.verdicts.filter((v) => !v.passed).slice(0, EXCERPT_LIMITS.verdicts)) {
    const run = runOf(outcome, verdict);
    if (!run) continue;
    for (const evidence of verdict.evidence.slice(0, EXCERPT_LIMITS.evidence)) {
      const base = { verdict, evidence, variant: run.variant };
      const { instance, day } = evidence;
      if (instance === undefined) {
        out.push({
          ...base,
          entries: [],
          note: 'This evidence names no instance, so there is no per-instance log excerpt; see the charts.',
        });
        continue;
      }
      const all = byInstance(run.result, cache).get(instance) ?? [];
      const near = day === undefined ? all : all.filter((e) => Math.abs(e.day - day) <= windowDays);
      const entries = near.slice(0, EXCERPT_LIMITS.entries);
      const around = day === undefined ? '' : ` within ${windowDays} days of day ${formatDay(day)}`;
      let note: string | undefined;
      if (entries.length === 0) note = `The event log holds no entries for ${instance}${around}.${capNote(run.result)}`;
      else if (near.length > entries.length) note = `Showing the first ${entries.length} of ${near.length} entries.`;
      out.push(note === undefined ? { ...base, entries } : { ...base, entries, note });
    }
  }
  return out;
}
