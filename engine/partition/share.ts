import type { WatchRaw } from '../outcomes/index.ts';
import type { RunResult, TimelineOutcome } from '../result.ts';
import type { KeptEntry } from '../run/eventLog.ts';
import type { SimulationOptions } from '../run/simulation.ts';
import { type EndedRun, resultOf, simulate } from '../runScenario.ts';
import type { Scenario } from '../scenario.ts';

/** Bumped when a field of a partition's share changes meaning. */
export const SHARE_SCHEMA = 'licsim/partition-share@1';

/**
 * What one partition's run hands to the merge (engine/partition/merge.ts): its result, and what its result keeps only
 * in part (the log's candidates with their keys, every timeline refusal reason, the outcome watch's counts) or names
 * by its own places (each traced instance's and each inconsistency's place in the whole fleet).
 */
export interface PartitionShare {
  schema: typeof SHARE_SCHEMA;
  /** The partition's units (engine/partition/units.ts ranks). */
  units: number[];
  result: RunResult;
  /** The log's kept entries of untraced and of traced machines, each list in key order, and how many were offered. */
  log: { untraced: KeptEntry[]; traced: KeptEntry[]; offered: number };
  /** Per timeline outcome (in the result's order), every refusal reason with its count. */
  reasons: Array<TimelineOutcome['reasons']>;
  watch: WatchRaw;
  /** The place in the whole fleet of each instance of `result.identities`, by id. */
  origins: Record<string, number>;
  /** The place in the whole fleet of each instance of `result.consistency.first`, in its order. */
  inconsistent: number[];
}

/** The share of an ended run (a partition's, or a whole run seen as the one partition of itself). */
export function shareOf(run: EndedRun): PartitionShare {
  const { sim } = run;
  const result = resultOf(run);
  const named = sim.log.named;
  const origins: Record<string, number> = {};
  for (const global of named) if (sim.isInstance(global) && sim.traced(global)) origins[sim.id(global)] = sim.fleet.origin(global);
  return {
    schema: SHARE_SCHEMA,
    units: sim.scenario.partition?.units ?? [],
    result,
    log: { untraced: sim.log.untraced.kept, traced: sim.log.traced.kept, offered: sim.log.offered },
    reasons: run.timeline.map((o) => sim.reasonsOf.get(o) ?? []),
    watch: run.watch.raw(),
    origins,
    inconsistent: result.consistency.first.map((i) => sim.fleet.origin(sim.globalOf(i.instance))),
  };
}

/** Runs a partition of a scenario (engine/partition/partitionScenario.ts) and returns its share for the merge. */
export function runPartition(scenario: Scenario, options: SimulationOptions = {}): PartitionShare {
  return shareOf(simulate(scenario, options));
}
