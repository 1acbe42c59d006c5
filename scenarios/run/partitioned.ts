import { mergeShares } from '../../engine/partition/merge.ts';
import { type Partition, partitionScenario, scenarioOfUnits } from '../../engine/partition/partitionScenario.ts';
import { type PartitionShare, shareOf } from '../../engine/partition/share.ts';
import { unitsOf } from '../../engine/partition/units.ts';
import type { ScenarioOutcome, Verdict } from '../../engine/result.ts';
import type { SimulationOptions } from '../../engine/run/simulation.ts';
import { simulate } from '../../engine/runScenario.ts';
import type { Scenario } from '../../engine/scenario.ts';
import { monitorFor } from '../expect/registry.ts';
import { type MonitorShare, mergeMonitorShares } from '../expect/share.ts';
import type { LoadedScenario } from '../loader/resolveScenario.ts';
import { explainVerdicts } from './explain.ts';
import { checkedOf, type Explainer, outcomeOf, variantVerdicts } from './runLoaded.ts';

/**
 * What one partition of one variant hands to the merge: the run's share, each checked expectation's, and the units of
 * the instances their evidence names.
 */
export interface VariantShare {
  run: PartitionShare;
  /** One per checked expectation of the variant, in the order written. */
  monitors: MonitorShare[];
  /** The unit of every instance (or party) the monitors' evidence names: what a merge runs again to explain it. */
  units: Record<string, number>;
}

/** The simulation options a partitioned run takes (those of runLoaded). */
export type PartitionRunOptions = Pick<SimulationOptions, 'machines' | 'consistency'> & { backend?: 'compiled' | 'actors' };

/**
 * Runs partition `p` of every variant of a loaded scenario with its checked expectations watching, and returns what
 * each hands to the merge ({@link mergePartitions}). Nothing here is a verdict: an expectation over the whole fleet
 * (a `for: 5%`) is judged from the merged shares.
 *
 * @example
 * const parts = [1, 2, 3].map((index) => runLoadedPartition(loaded, { index, total: 3 }));
 * mergePartitions(loaded, parts); // the outcome runLoaded(loaded) gives
 */
export function runLoadedPartition(loaded: LoadedScenario, p: Partition, options: PartitionRunOptions = {}): VariantShare[] {
  return loaded.variants.map((variant) => {
    const monitors = checkedOf(loaded, variant).map(monitorFor);
    const ended = simulate(partitionScenario(variant.scenario, p), { ...options, observers: monitors });
    const run = shareOf(ended);
    const shares = monitors.map((m) => m.share(run.result));
    const { sim } = ended;
    const units: Record<string, number> = {};
    for (const s of shares)
      for (const list of Object.values(s.lists))
        for (const { evidence } of list.rows) {
          const id = evidence.instance;
          if (id === undefined || id in units) continue;
          let address = sim.globalOf(id);
          if (address < 0) address = sim.parties.list.find((party) => party.id === id)?.address ?? -1;
          if (address >= 0) units[id] = sim.unitAt(address);
        }
    return { run, monitors: shares, units };
  });
}

/**
 * The outcome of a loaded scenario from the shares of its partitions (`parts[i]`: partition i+1's, every partition
 * once): each variant's result merged (engine/partition/merge.ts), each expectation judged from its merged share,
 * failures explained by running again only the units of the instances they name. The outcome `runLoaded` gives.
 */
export function mergePartitions(
  loaded: LoadedScenario,
  parts: ReadonlyArray<readonly VariantShare[]>,
  options: PartitionRunOptions & { explain?: boolean } = {},
): ScenarioOutcome {
  const { explain = true, backend = 'compiled', ...simulation } = options;
  const runs: ScenarioOutcome['runs'] = [];
  const verdicts: Verdict[] = [];
  for (const [k, variant] of loaded.variants.entries()) {
    const shares = parts.map((p) => p[k] as VariantShare);
    const result = mergeShares(
      variant.scenario,
      shares.map((s) => s.run),
    );
    runs.push({ variant: variant.label, result });
    const judged = checkedOf(loaded, variant).map((e, j) =>
      monitorFor(e).judge(mergeMonitorShares(shares.map((s) => s.monitors[j] as MonitorShare)), result),
    );
    const unitOfId = new Map(shares.flatMap((s) => Object.entries(s.units)));
    const explainer: Explainer | null = explain
      ? (found, source) =>
          explainVerdicts(variant.scenario, found, { ...simulation, backend }, source, (ids) =>
            unitsScenario(variant.scenario, ids, unitOfId),
          )
      : null;
    verdicts.push(...variantVerdicts(loaded, variant, judged, explainer));
  }
  return outcomeOf(loaded, runs, verdicts);
}

/** The part of a scenario that holds the units of these instances. */
function unitsScenario(whole: Scenario, ids: ReadonlySet<string>, unitOfId: ReadonlyMap<string, number>): Scenario {
  const ranks = [...new Set([...ids].flatMap((id) => (unitOfId.has(id) ? [unitOfId.get(id) as number] : [])))].sort((a, b) => a - b);
  return scenarioOfUnits(whole, unitsOf(whole), ranks, { index: 1, total: 1 });
}
