import type { Scenario, TimelineAction } from '../engine/scenario.ts';
import { shareOf } from '../engine/share.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { defaultPolicy } from '../machines/policyOverride.ts';
import { daysToTicks } from '../machines/time.ts';

/** Days the benchmark simulates. */
export const BENCH_DAYS = 365;

/**
 * The benchmark's fleet and timeline, the same for every contender: Smart
 * Licensing clusters registering on day 10, 5 % losing their connection from
 * day 100 to day 160, 2 % monthly growth, a VA that runs short and is topped up.
 */
export function benchScenario(instances: number): Scenario {
  return {
    name: `bench-${instances}`,
    description: 'benchmark fleet',
    seed: 2026,
    start: '2026-01-01',
    days: BENCH_DAYS,
    policy: {
      'smart-licensing': defaultPolicy('smart-licensing'),
      'node-locked': defaultPolicy('node-locked'),
      'session-claim': defaultPolicy('session-claim'),
    },
    accounts: [
      {
        id: 'va-bench',
        kind: 'virtual-account',
        purchases: [
          { type: 'UCL-Enhanced', count: 120 * instances },
          { type: 'UCL-EnhancedPlus', count: 30 * instances },
          { type: 'CUWL', count: 12 * instances },
        ],
      },
    ],
    satellites: [{ id: 'sat-bench', account: 'va-bench', mode: 'connected' }],
    fleet: [
      {
        name: 'cluster',
        model: 'smart-licensing',
        count: instances,
        account: 'va-bench',
        link: { direct: 0.7, proxy: 0.2, satellite: 0.1 },
        satellite: 'sat-bench',
        users: { min: 100, max: 200 },
        profiles: { 'desk-phone': 0.7, 'phone-and-softphone': 0.2, 'knowledge-worker': 0.1 },
        growth: 0.02,
      },
    ],
    timeline: [
      { at: 10, target: {}, action: { kind: 'register', exportControl: true } },
      { at: 100, target: { fraction: 0.05 }, action: { kind: 'link-down' } },
      { at: 160, target: { fraction: 0.05 }, action: { kind: 'link-up' } },
      { at: 200, target: {}, action: { kind: 'purchase', account: 'va-bench', type: 'UCL-Enhanced', count: 40 * instances } },
    ],
  };
}

const EVENTS: Partial<Record<TimelineAction['kind'], string>> = {
  register: 'REGISTER',
  'link-down': 'LINK_DOWN',
  'link-up': 'LINK_UP',
};

/**
 * The scenario's timeline as the hand-written contenders (reducer, actors) play
 * it: `schedule` each entry at its tick, then `send` its event to the instances
 * its fraction selects, or make its purchase. Read from the same data the engine
 * runs, so every contender meets the same timeline.
 */
export function playTimeline(
  scenario: Scenario,
  ledger: Ledger,
  schedule: (tick: number, task: () => void) => void,
  send: (i: number, type: string) => void,
): void {
  const n = scenario.fleet[0]?.count ?? 0;
  for (const { at, target, action } of scenario.timeline) {
    if (action.kind === 'purchase') {
      schedule(daysToTicks(at), () => void ledger.purchase(action.account, action.type, action.count));
      continue;
    }
    const type = EVENTS[action.kind];
    if (!type) throw new Error(`the benchmark's contenders do not play ${action.kind}`);
    // The engine's share (engine/share.ts): the same instances, chosen once.
    const chosen = target.fraction === undefined ? null : shareOf(scenario, target);
    schedule(daysToTicks(at), () => {
      if (chosen) for (const i of chosen) send(i, type);
      else for (let i = 0; i < n; i++) send(i, type);
    });
  }
}
