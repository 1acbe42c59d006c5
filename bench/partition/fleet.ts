import type { Scenario } from '../../engine/scenario.ts';
import { benchScenario } from '../scenario.ts';

/**
 * The benchmark fleet (bench/scenario.ts) as `accounts` virtual accounts of `instances / accounts` clusters each,
 * every VA with its satellite, its group and its top-up purchase: `accounts` units for a partitioned run.
 */
export function accountsFleet(instances: number, accounts: number): Scenario {
  const one = benchScenario(Math.ceil(instances / accounts));
  const ids = accountIds(accounts);
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

const accountIds = (accounts: number) => Array.from({ length: accounts }, (_, i) => `va-${String(i).padStart(2, '0')}`);

/**
 * The same fleet as a scenario file, for the commands (`licsim run --partition`, `licsim merge`), with expectations
 * over the whole fleet that only the merge can judge: registration reaches 95 % of it, the VAs that run short raise
 * the overage alarm, and the ledger balances.
 */
export function accountsFleetYaml(instances: number, accounts: number): string {
  const per = Math.ceil(instances / accounts);
  const ids = accountIds(accounts);
  const purchases =
    `[{ type: UCL-Enhanced, count: ${120 * per} }, { type: UCL-EnhancedPlus, count: ${30 * per} }, ` +
    `{ type: CUWL, count: ${12 * per} }]`;
  return `licsim: 3
name: bench-${instances}-in-${accounts}-accounts
description: the benchmark fleet, one VA and its satellite per ${per} clusters
seed: 2026
duration: 365d
accounts:
${ids.map((id) => `  - { id: ${id}, kind: virtual-account, purchases: ${purchases} }`).join('\n')}
satellites:
${ids.map((id) => `  - { id: sat-${id}, account: ${id}, mode: connected }`).join('\n')}
fleet:
${ids
  .map(
    (id) =>
      `  - { name: cluster-${id}, model: smart-licensing, count: ${per}, account: ${id}, ` +
      `link: { direct: 0.7, proxy: 0.2, satellite: 0.1 }, satellite: sat-${id}, users: 100..200, ` +
      `profiles: { desk-phone: 0.7, phone-and-softphone: 0.2, knowledge-worker: 0.1 }, growth: 2% }`,
  )
  .join('\n')}
timeline:
  - { at: 10d, do: register, exportControl: true }
  - { at: 100d, do: link-down, target: { fraction: 5% } }
  - { at: 160d, do: link-up, target: { fraction: 5% } }
${ids.map((id) => `  - { at: 200d, do: purchase, account: ${id}, type: UCL-Enhanced, count: ${40 * per} }`).join('\n')}
expect:
  - eventually: { state: authorized, for: 95%, within: 20d }
  - alarm: { name: SmartLicenseInOverage_OutOfCompliance, raised: true, by: 20d }
  - ledgerBalanced: true
`;
}
