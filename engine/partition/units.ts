import type { Scenario, TimelineEntry } from '../scenario.ts';
import { ACTION_BY_KIND } from '../timeline/registry.ts';

/**
 * A partition unit: accounts that must run together because something couples them, with the instances of their
 * groups. Units are numbered by their first account in the scenario's order (that number orders a run's log).
 */
export interface PartitionUnit {
  /** Its place among the units: by its first account in the scenario's `accounts:`. */
  rank: number;
  /** Its accounts, in the scenario's order. */
  accounts: string[];
  /** Instances of the fleet groups bound to its accounts. */
  instances: number;
}

/** A scenario's units, and the unit of each account. */
export interface Units {
  units: PartitionUnit[];
  unitOf: ReadonlyMap<string, number>;
}

/** The accounts a timeline entry names: its `account`, and the account of the satellite it names (`scenario`'s). */
export function namedAccounts(scenario: Scenario, entry: TimelineEntry): string[] {
  const params = entry.action as unknown as Record<string, unknown>;
  const named: string[] = [];
  if (typeof params.account === 'string') named.push(params.account);
  if (typeof params.satellite === 'string') {
    const satellite = scenario.satellites?.find((s) => s.id === params.satellite);
    if (satellite) named.push(satellite.account);
  }
  return named;
}

/**
 * Which accounts a scenario couples, and so which must run in one partition for compliance to be computed exactly
 * (DOMAIN.md §6: a CSSM decides on what its VA's instances report; a licence manager on its file's servers):
 * - a fleet group couples its account with the account of its satellite;
 * - a PAK couples the licence files it is split across (NL-9);
 * - a timeline entry that acts on instances and names an account or a satellite (`register` with another
 *   VA's token, `reregister`, `remove-instance` from a VA, a link through a satellite) couples that account with the
 *   accounts of the groups it targets (every group's when it names none);
 * - an entry acting once (a purchase) couples nothing: it belongs to the unit of the account it names.
 * Nothing else crosses accounts: instances of different units never exchange a message.
 *
 * @example
 * unitsOf(scenario).units; // [{ rank: 0, accounts: ['va-north'], instances: 50000 }, …]
 */
export function unitsOf(scenario: Scenario): Units {
  const ids = scenario.accounts.map((a) => a.id);
  const parent = ids.map((_, i) => i);
  const index = new Map(ids.map((id, i) => [id, i]));
  const find = (start: number): number => {
    let i = start;
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  const union = (accounts: readonly string[]) => {
    const known = accounts.map((a) => index.get(a)).filter((i): i is number => i !== undefined);
    for (const i of known.slice(1)) {
      const [a, b] = [find(known[0] as number), find(i)];
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  };
  const satelliteAccount = new Map((scenario.satellites ?? []).map((s) => [s.id, s.account]));
  for (const g of scenario.fleet) {
    const satellite = 'satellite' in g && g.satellite ? satelliteAccount.get(g.satellite) : undefined;
    union([g.account, ...(satellite ? [satellite] : [])]);
  }
  for (const pak of scenario.paks ?? []) union(pak.split.map((p) => p.account));
  for (const entry of scenario.timeline) {
    const named = namedAccounts(scenario, entry);
    if (!named.length || ACTION_BY_KIND[entry.action.kind].applyOnce) continue;
    const groups = scenario.fleet.filter((g) => !entry.target.groups || entry.target.groups.includes(g.name));
    union([...named, ...groups.map((g) => g.account)]);
  }
  const roots = [...new Set(ids.map((_, i) => find(i)))].sort((a, b) => a - b);
  const rankOf = new Map(roots.map((root, rank) => [root, rank]));
  const units: PartitionUnit[] = roots.map((root, rank) => ({
    rank,
    accounts: ids.filter((_, i) => find(i) === root),
    instances: 0,
  }));
  const unitOf = new Map(ids.map((id, i) => [id, rankOf.get(find(i)) as number]));
  for (const g of scenario.fleet) {
    const unit = units[unitOf.get(g.account) ?? -1];
    if (unit) unit.instances += g.count;
  }
  return { units, unitOf };
}

/**
 * Deals units to `total` partitions by instance count (greedy LPT: the largest unit first, ties by rank, each to the
 * partition with the fewest instances so far, ties to the lowest). Returns each partition's unit ranks, ascending.
 * The same scenario gives the same split on every machine.
 *
 * @example
 * assignUnits([{ rank: 0, instances: 5 }, { rank: 1, instances: 3 }, { rank: 2, instances: 3 }], 2); // [[0], [1, 2]]
 */
export function assignUnits(units: ReadonlyArray<Pick<PartitionUnit, 'rank' | 'instances'>>, total: number): number[][] {
  const order = [...units].sort((a, b) => b.instances - a.instances || a.rank - b.rank);
  const load = new Array<number>(total).fill(0);
  const parts = Array.from({ length: total }, () => [] as number[]);
  for (const u of order) {
    let best = 0;
    for (let k = 1; k < total; k++) if ((load[k] as number) < (load[best] as number)) best = k;
    parts[best]?.push(u.rank);
    load[best] = (load[best] as number) + u.instances;
  }
  return parts.map((p) => p.sort((a, b) => a - b));
}
