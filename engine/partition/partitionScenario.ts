import type { PartitionOf, Scenario } from '../scenario.ts';
import { assignUnits, type Units, unitsOf } from './units.ts';

/** `--partition i/n`: this run simulates the units assigned to partition `index` (1-based) of `total`. */
export interface Partition {
  index: number;
  total: number;
}

/** The units of each partition of a scenario split `total` ways (engine/partition/units.ts assignUnits). */
export function partitionPlan(scenario: Scenario, total: number): { units: Units; parts: number[][] } {
  const units = unitsOf(scenario);
  return { units, parts: assignUnits(units.units, total) };
}

/**
 * The part of a scenario that partition `p` simulates: the accounts of its units, the fleet groups bound to them,
 * their satellites and PAKs, and every timeline entry (an entry acting on instances reaches only those here; one
 * acting once is done by the partition of the account it names, Simulation.owns). `partition` says where the part
 * sits in the whole (each group's index and first instance, the whole fleet, every account's unit), so that the
 * part draws, shares and orders as the whole run does: a partitioned run is the same simulation.
 *
 * @example
 * partitionScenario(national, { index: 1, total: 3 }).fleet.map((g) => g.name); // ['north']
 */
export function partitionScenario(scenario: Scenario, p: Partition): Scenario {
  const { units, parts } = partitionPlan(scenario, p.total);
  return scenarioOfUnits(scenario, units, parts[p.index - 1] ?? [], p);
}

/**
 * The part of a scenario that simulates the units `mine` (ranks of `units`, ascending): a partition's, or only the
 * units a merge runs again to tell the story of a few instances (they run as they ran in the whole run).
 */
export function scenarioOfUnits(scenario: Scenario, units: Units, mine: number[], p: Partition): Scenario {
  const accounts = new Set(mine.flatMap((rank) => units.units[rank]?.accounts ?? []));
  const origins: PartitionOf['origins'] = [];
  let first = 0;
  const fleet = scenario.fleet.filter((g, index) => {
    const kept = accounts.has(g.account);
    if (kept) origins.push({ index, first });
    first += g.count;
    return kept;
  });
  const partition: PartitionOf = {
    index: p.index,
    total: p.total,
    fleet: scenario.fleet,
    origins,
    size: first,
    unitOf: Object.fromEntries(units.unitOf),
    units: mine,
    accounts: scenario.accounts.map((a) => a.id),
  };
  return {
    ...scenario,
    accounts: scenario.accounts.filter((a) => accounts.has(a.id)),
    ...(scenario.paks ? { paks: scenario.paks.filter((k) => k.split.every((s) => accounts.has(s.account))) } : {}),
    ...(scenario.satellites ? { satellites: scenario.satellites.filter((s) => accounts.has(s.account)) } : {}),
    fleet,
    partition,
  };
}
