import { daysToTicks } from '../../machines/time.ts';
import { occurrenceCount } from '../budget.ts';
import { forEachIndex, indexRanges } from '../indexRanges.ts';
import type { TimelineOutcome } from '../result.ts';
import type { TimelineEntry } from '../scenario.ts';
import { shareOf } from '../share.ts';
import { ACTION_BY_KIND } from '../timeline/registry.ts';
import type { RefusalTally, Simulation } from './simulation.ts';

/** The occurrences of an entry, in days (as many as {@link occurrenceCount} says). */
export function occurrences(entry: TimelineEntry, days: number): number[] {
  return Array.from({ length: occurrenceCount(entry, days) }, (_, k) => entry.at + k * (entry.every ?? 0));
}

/**
 * The instances an entry reaches, in fleet order: its groups and indices, then the
 * share it asks for, then its status filter. `fraction: f` is an exact share: of the n
 * instances its groups and indices name, the round(n × f) ranked lowest by a hash of the
 * seed and their place ({@link shareOf}); the status filter then applies to those. The
 * same share names the same instances in every entry (an outage's end reaches the
 * instances its start did), and a smaller share is part of a larger one.
 */
export function targets(sim: Simulation, entry: TimelineEntry): number[] {
  const t = entry.target;
  const statusFilter = t.status ? new Set(t.status) : null;
  const out: number[] = [];
  const keep = (global: number) => {
    if (!statusFilter || statusFilter.has(sim.status(global))) out.push(global);
  };
  if (t.fraction !== undefined) {
    // Ranked over the whole fleet; a partition keeps those of its own instances.
    const partitioned = sim.whole !== sim.scenario;
    for (const origin of shareOf(sim.whole, t)) {
      const global = partitioned ? sim.fleet.fromOrigin(origin) : origin;
      if (global >= 0) keep(global);
    }
    return out;
  }
  const indices = t.indices ? indexRanges(t.indices) : null;
  for (const g of sim.fleet.groups) {
    if (t.groups && !t.groups.includes(g.spec.name)) continue;
    // Given indices are visited directly (in order, once each), not found by scanning the group.
    if (indices) forEachIndex(indices, g.count, (i) => keep(g.first + i));
    else for (let i = 0; i < g.count; i++) keep(g.first + i);
  }
  return out;
}

/** Queues every timeline entry; returns the outcomes, filled in as the run goes. */
export function scheduleTimeline(sim: Simulation): TimelineOutcome[] {
  const outcomes: TimelineOutcome[] = [];
  sim.scenario.timeline.forEach((entry) => {
    for (const day of occurrences(entry, sim.scenario.days)) {
      const outcome: TimelineOutcome = { at: day, kind: entry.action.kind, reached: 0, notApplicable: 0, refused: 0, reasons: [] };
      outcomes.push(outcome);
      sim.backend.at(daysToTicks(day), () => runEntry(sim, entry, outcome));
    }
  });
  return outcomes;
}

/**
 * Runs one occurrence of an entry: an action on the back end once, an action on
 * instances for each one it targets whose model it reaches (the rest are counted
 * as not applicable). Refusals it causes are tallied on the outcome.
 */
export function runEntry(sim: Simulation, entry: TimelineEntry, outcome: TimelineOutcome): void {
  const tally: RefusalTally = { refused: 0, reasons: new Map() };
  const def = ACTION_BY_KIND[entry.action.kind];
  const params = entry.action as unknown as Record<string, unknown>;
  sim.tally = tally;
  sim.action = entry.action.kind;
  try {
    if (def.applyOnce) {
      if (sim.owns(entry)) def.applyOnce(sim, params, entry, outcome);
      return;
    }
    for (const global of targets(sim, entry)) {
      if (!def.models.includes(sim.fleet.group(global).model)) {
        outcome.notApplicable++;
        continue;
      }
      outcome.reached++;
      def.apply?.(sim, global, params);
    }
  } finally {
    sim.tally = null;
    sim.action = null;
    outcome.refused += tally.refused;
    if (tally.reasons.size) {
      const all = [...tally.reasons.values()];
      outcome.reasons = topReasons(all);
      // Every reason, not only the top three: a partition's outcomes add up to the whole run's (engine/partition/).
      sim.reasonsOf.set(outcome, all);
    }
  }
}

/** The reasons an outcome shows: the three most counted, ties in code-point order of the reason (not the order met). */
export function topReasons(reasons: TimelineOutcome['reasons']): TimelineOutcome['reasons'] {
  return [...reasons].sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0)).slice(0, 3);
}
