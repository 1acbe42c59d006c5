import type { Scenario } from '../../engine/scenario.ts';
import { benchScenario } from '../scenario.ts';

/**
 * The benchmark fleet (bench/scenario.ts) as `accounts` virtual accounts of `instances / accounts` clusters each,
 * every VA with its satellite, its group and its top-up purchase: `accounts` units for a partitioned run.
 */
export function accountsFleet(instances: number, accounts: number): Scenario {
  const one = benchScenario(Math.ceil(instances / accounts));
  const ids = Array.from({ length: accounts }, (_, i) => `va-${String(i).padStart(2, '0')}`);
  const [account] = one.accounts;
  const [group] = one.fleet;
  const [satellite] = one.satellites ?? [];
  if (!account || !group || !satellite) throw new Error('the bench scenario has one account, group and satellite');
  return {
    ...one,
    name: `bench-${instances}-in-${accounts}-accounts`,
    accounts: ids.map((id) => ({ ...account, id })),
    satellites: ids.map((id) => ({ ...satellite, id: `sat-${id}`, account: id })),
    fleet: ids.map((id) => ({ ...group, name: `cluster-${id}`, account: id, satellite: `sat-${id}` })),
    timeline: one.timeline.flatMap((e) =>
      e.action.kind === 'purchase' ? ids.map((id) => ({ ...e, action: { ...e.action, account: id } })) : [e],
    ),
  };
}
