import { describe, expect, it } from 'vitest';
import { runScenario } from '../../engine/runScenario.ts';
import type { Scenario, TimelineEntry } from '../../engine/scenario.ts';
import { scenarioWith, smartGroup } from '../support/scenarios.ts';

type Result = ReturnType<typeof runScenario>;
const statusOn = (r: Result, status: string, day: number) => r.series.status['smart-licensing']?.[status]?.[day] ?? 0;
const usageOf = (r: Result, type: string) => r.series.usage.find((u) => u.account === 'va-east' && u.type === type);
const finalOf = (r: Result, type: string) => r.final.accounts.find((a) => a.account === 'va-east')?.types.find((t) => t.type === type);
const entry = (at: number, indices: number[] | null, action: TimelineEntry['action']): TimelineEntry => ({
  at,
  target: indices ? { indices } : {},
  action,
});

/**
 * `count` clusters of 10 desk-phone users (10 UCL-Enhanced each); those of `reserving` (all: null) enable reservation
 * on day 1 and request on day 2.
 */
function airGapped(count: number, reserving: number[] | null, timeline: TimelineEntry[]): Scenario {
  return scenarioWith(
    [smartGroup('air', count, { users: 10, profiles: { 'desk-phone': 1 }, growth: 0, link: { direct: 1 } } as never)],
    [entry(1, reserving, { kind: 'slr-enable' }), entry(2, reserving, { kind: 'slr-request' }), ...timeline],
    { days: 40 },
  );
}

describe('SL-3, EX-1 under SLR: export control through the reservation, end to end', () => {
  // Cluster 0 reserves an export authorization with its licences on day 3, cluster 1 only its licences; both install
  // their codes on day 4 and deploy a secure SIP trunk on day 5. va-east owns 5 export authorizations.
  const timeline = [
    entry(3, [0], { kind: 'slr-authorize', headroom: 0, exportControl: true }),
    entry(3, [1], { kind: 'slr-authorize', headroom: 0 }),
    entry(4, null, { kind: 'slr-install' }),
    entry(5, null, { kind: 'deploy-secure-trunk' }),
  ];

  it('SL-3, EX-1: the export authorization is reserved through the ledger, installed with the code, and the secure trunk deploys', () => {
    const r = runScenario(airGapped(2, null, timeline), { consistency: 'every-step' });
    // The ledger blocks one export authorization for cluster 0 from day 3: 4 of the 5 left for the rest of the VA.
    expect(usageOf(r, 'ExportAuthorization')?.entitlement.slice(2, 6)).toEqual([5, 4, 4, 4]);
    expect(usageOf(r, 'UCL-Enhanced')?.entitlement.slice(2, 4)).toEqual([3000, 2980]);
    expect(finalOf(r, 'ExportAuthorization')).toMatchObject({ owned: 5, reserved: 1, available: 4, overdraft: 0 });
    // Both codes installed on day 4 (SLR-4).
    expect([statusOn(r, 'reservationInProgress', 3), statusOn(r, 'reserved', 4)]).toEqual([2, 2]);
    // Cluster 0's reservation holds the export authorization: its trunk deploys; cluster 1's does not.
    const deploy = r.timeline.find((t) => t.kind === 'deploy-secure-trunk');
    expect(deploy).toMatchObject({
      reached: 2,
      refused: 1,
      reasons: [
        { rule: 'SL-3', count: 1, reason: 'the installed reservation holds no export authorization; reserve one with the licences' },
      ],
    });
    const refusals = r.events.filter((e) => e.kind === 'refusal').map((e) => [e.day, e.instance, e.event, ...e.rules]);
    expect(refusals).toEqual([[5, 'air-001', 'deploy-secure-trunk', 'SL-3']]);
    expect(r.consistency).toMatchObject({ inconsistent: 0 });
  });

  it('SL-3: with slrExportControl: none the reservation gives no export control, and the deployment is refused', () => {
    const s = airGapped(2, null, timeline);
    s.policy['smart-licensing'].slrExportControl = 'none';
    const r = runScenario(s);
    expect(statusOn(r, 'reserved', 4)).toBe(2);
    expect(r.timeline.find((t) => t.kind === 'deploy-secure-trunk')).toMatchObject({
      reached: 2,
      refused: 2,
      reasons: [{ rule: 'SL-3', count: 2, reason: 'export control under reservation is off by policy (slrExportControl: none)' }],
    });
  });
});

describe('SLR-5, SLR-11: a reservation update needs a surplus in the VA', () => {
  // Three clusters, a VA of 30 UCL-Enhanced: cluster 0 reserves its 10 on day 3 and installs on day 4; clusters 1 and 2
  // register on day 5 and use the other 20. Nothing is left for a larger reservation until 5 more are bought on day 20.
  const s = airGapped(
    3,
    [0],
    [
      entry(3, [0], { kind: 'slr-authorize', headroom: 0 }),
      entry(4, [0], { kind: 'slr-install' }),
      entry(5, [1, 2], { kind: 'register', exportControl: false }),
      entry(10, [0], { kind: 'slr-update', headroom: 0.5 }),
      entry(11, [0], { kind: 'slr-install' }),
      entry(20, null, { kind: 'purchase', account: 'va-east', type: 'UCL-Enhanced', count: 5 }),
      entry(21, [0], { kind: 'slr-update', headroom: 0.5 }),
      entry(22, [0], { kind: 'slr-install' }),
      entry(23, [0], { kind: 'slr-confirm' }),
    ],
  );
  s.accounts[0] = { id: 'va-east', kind: 'virtual-account', purchases: [{ type: 'UCL-Enhanced', count: 30 }] };

  it('SLR-11: "a surplus of the licenses you want to reserve": without one the update is refused, the reservation unchanged', () => {
    const r = runScenario(s, { consistency: 'every-step' });
    const [, , , , , update, install] = r.timeline;
    expect(update).toMatchObject({
      kind: 'slr-update',
      reached: 1,
      refused: 1,
      reasons: [{ rule: 'SLR-11', count: 1, reason: 'UCL-Enhanced: 5 more needed, 0 available in the virtual account' }],
    });
    // No new code was generated: the install of day 11 finds none (SLR-5), and nothing is in transit.
    expect(install).toMatchObject({ kind: 'slr-install', refused: 1, reasons: [{ rule: 'SLR-5' }] });
    const enhanced = usageOf(r, 'UCL-Enhanced');
    expect(enhanced?.entitlement.slice(9, 12)).toEqual([20, 20, 20]);
    expect([statusOn(r, 'reserved', 11), statusOn(r, 'reservationUpdateInTransit', 11)]).toEqual([1, 0]);
    // With 5 bought on day 20 the same update goes through: 15 reserved, in transit until the confirmation of day 23.
    expect(r.timeline[8]).toMatchObject({ kind: 'slr-update', refused: 0 });
    expect(enhanced?.entitlement.slice(20, 24)).toEqual([25, 20, 20, 20]);
    expect([statusOn(r, 'reservationUpdateInTransit', 22), statusOn(r, 'reserved', 23)]).toEqual([1, 1]);
    expect(finalOf(r, 'UCL-Enhanced')).toMatchObject({ owned: 35, reserved: 15, inUse: 20, available: 0, overdraft: 0 });
    expect(r.consistency).toMatchObject({ inconsistent: 0 });
  });
});
