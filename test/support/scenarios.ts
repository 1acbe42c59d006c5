import type { FleetGroup, Scenario, TimelineEntry } from '../../engine/scenario.ts';
import { defaultPolicy } from '../../machines/policyOverride.ts';

/** Every model's default policy. */
export function defaultPolicies(): Scenario['policy'] {
  return {
    'smart-licensing': defaultPolicy('smart-licensing'),
    'node-locked': defaultPolicy('node-locked'),
    'session-claim': defaultPolicy('session-claim'),
  };
}

export const smartGroup = (name: string, count: number, extra: Partial<FleetGroup> = {}): FleetGroup =>
  ({
    name,
    model: 'smart-licensing',
    count,
    account: 'va-east',
    link: { direct: 0.6, proxy: 0.2, satellite: 0.2 },
    satellite: 'sat-east',
    users: { min: 20, max: 80 },
    profiles: { 'desk-phone': 0.6, 'phone-and-softphone': 0.3, 'knowledge-worker': 0.1 },
    growth: 0.05,
    ...extra,
  }) as FleetGroup;

export const nodeLockedGroup = (name: string, count: number, extra: Partial<FleetGroup> = {}): FleetGroup =>
  ({
    name,
    model: 'node-locked',
    count,
    account: 'cucm-file',
    release: '7.0',
    servers: { min: 1, max: 3 },
    phones: { '7970': { min: 5, max: 20 }, '7920': { min: 0, max: 5 } },
    capabilities: { CUP: { min: 0, max: 10 }, CUPC: { min: 0, max: 5 } },
    softphones: { min: 0, max: 6 },
    cucmVersion: 6,
    growth: 0.04,
    ...extra,
  }) as FleetGroup;

export const sessionGroup = (name: string, count: number, extra: Partial<FleetGroup> = {}): FleetGroup =>
  ({
    name,
    model: 'session-claim',
    count,
    account: 'cs-licence',
    product: 'call-services',
    sessions: { min: 5, max: 20 },
    keyRelease: '5.0',
    release: '5.1',
    reachable: true,
    growth: 0.1,
    ...extra,
  }) as FleetGroup;

/** A scenario with one account of each kind, well stocked, and a disconnected satellite for va-east (SL-10). */
export function scenarioWith(fleet: FleetGroup[], timeline: TimelineEntry[], extra: Partial<Scenario> = {}): Scenario {
  return {
    name: 'test',
    description: 'a test scenario',
    seed: 7,
    start: '2026-01-01',
    days: 200,
    policy: defaultPolicies(),
    accounts: [
      {
        id: 'va-east',
        kind: 'virtual-account',
        purchases: [
          { type: 'UCL-Enhanced', count: 3000 },
          { type: 'UCL-EnhancedPlus', count: 600 },
          { type: 'CUWL', count: 100 },
          { type: 'ExportAuthorization', count: 5 },
        ],
      },
      { id: 'va-west', kind: 'virtual-account', purchases: [{ type: 'CUWL', count: 500 }] },
      {
        id: 'cucm-file',
        kind: 'license-file',
        purchases: [
          { type: 'DLU', count: 2000 },
          { type: 'node', count: 100 },
        ],
      },
      { id: 'cs-licence', kind: 'session-license', unit: 'sessions', purchases: [{ type: 'sessions', count: 150 }] },
    ],
    satellites: [{ id: 'sat-east', account: 'va-east', mode: 'disconnected' }],
    fleet,
    timeline,
    ...extra,
  };
}

/** The node-locked groups' licence file (`cucm-file`) with `dlu` device units and `nodes` server licences (NL-5). */
export const licenceFile = (dlu: number, nodes: number): Scenario['accounts'][number] => ({
  id: 'cucm-file',
  kind: 'license-file',
  purchases: [
    { type: 'DLU', count: dlu },
    { type: 'node', count: nodes },
  ],
});

/** A tiny passing scenario file: two clusters register on day 2 and stay within their VA. */
export function twoClustersText(name: string, description: string, seed: number): string {
  return `licsim: 3
name: ${name}
description: ${description}
seed: ${seed}
duration: 10d
accounts:
  - { id: va, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: 100 }] }
fleet:
  - { name: sl, model: smart-licensing, count: 2, account: va, users: 10, profiles: { desk-phone: 1 } }
timeline:
  - { at: 2d, do: register }
expect:
  - maxOverdraft: { max: 0 }
`;
}
