import { describe, expect, it } from 'vitest';
import { runScenario } from '../../engine/runScenario.ts';
import type { Scenario } from '../../engine/scenario.ts';
import { licenceFile, nodeLockedGroup, scenarioWith, sessionGroup, smartGroup } from '../support/scenarios.ts';

const total = (series: number[] | undefined) => (series ?? []).reduce((a, b) => a + b, 0);
const statusOn = (r: ReturnType<typeof runScenario>, model: string, status: string, day: number) =>
  r.series.status[model]?.[status]?.[day] ?? 0;

/** Ten clusters of 10 desk-phone users each (100 Enhanced licences needed), no growth. */
function tenClusters(enhanced: number, extra: Partial<Scenario> = {}, link: Record<string, number> = { direct: 1 }): Scenario {
  const s = scenarioWith(
    [smartGroup('sl', 10, { users: 10, profiles: { 'desk-phone': 1 }, growth: 0, link } as never)],
    [{ at: 5, target: {}, action: { kind: 'register', exportControl: true } }],
    extra,
  );
  s.accounts[0] = { id: 'va-east', kind: 'virtual-account', purchases: enhanced ? [{ type: 'UCL-Enhanced', count: enhanced }] : [] };
  return s;
}

describe('the licensing world around the machines', () => {
  it('SL-7: the next daily usage report puts a VA short of licences out of compliance, a purchase brings it back', () => {
    const s = tenClusters(90);
    s.timeline.push({ at: 40, target: {}, action: { kind: 'purchase', account: 'va-east', type: 'UCL-Enhanced', count: 20 } });
    const r = runScenario(s);
    const usage = r.series.usage.find((u) => u.type === 'UCL-Enhanced');
    expect(usage?.consumption[5]).toBe(100);
    expect(usage?.overdraft[5]).toBe(10);
    // Registered on day 5; the report at the start of day 6 finds the VA short.
    expect(statusOn(r, 'smart-licensing', 'authorized', 5)).toBe(10);
    expect(statusOn(r, 'smart-licensing', 'outOfComplianceOverage', 6)).toBe(10);
    expect(r.series.outOfCompliance['va-east']?.slice(4, 7)).toEqual([0, 1, 1]);
    // Bought on day 40, reported at the start of day 41.
    expect(usage?.overdraft[40]).toBe(0);
    expect(statusOn(r, 'smart-licensing', 'outOfComplianceOverage', 40)).toBe(10);
    expect(statusOn(r, 'smart-licensing', 'authorized', 41)).toBe(10);
    expect(total(r.series.alarms.SmartLicenseInOverage_OutOfCompliance)).toBe(10);
  });

  it('SL-12: provisioning is refused once the overage period is over, with the rule and reason', () => {
    const s = tenClusters(90);
    s.policy['smart-licensing'].overageDays = 30;
    s.fleet[0] = { ...s.fleet[0], growth: 0.1 } as never;
    const r = runScenario(s);
    expect(statusOn(r, 'smart-licensing', 'outOfComplianceEnforced', 36)).toBe(10);
    const refusedGrowth = r.series.refusals['growth (SL-12)'] ?? [];
    // Growth steps on days 30, 60, 90…: day 30 is still in the overage, from day 60 on it is refused.
    expect(refusedGrowth[30]).toBe(0);
    expect(refusedGrowth[60]).toBe(10);
    expect(r.events.find((e) => e.kind === 'refusal' && e.event === 'growth')?.detail).toBe(
      'no provisioning: out of compliance and the overage period is over',
    );
  });

  it('SL-11: tier borrowing keeps a VA compliant, and switching it off does not', () => {
    const borrowing = tenClusters(0);
    borrowing.accounts[0]?.purchases.push({ type: 'CUWL', count: 100 });
    const withBorrowing = runScenario(borrowing);
    expect(withBorrowing.series.outOfCompliance['va-east']?.[20]).toBe(0);
    const strict = structuredClone(borrowing);
    strict.policy['smart-licensing'].tierBorrowing = false;
    const withoutBorrowing = runScenario(strict);
    expect(withoutBorrowing.series.outOfCompliance['va-east']?.[20]).toBe(1);
    expect(withoutBorrowing.series.usage.find((u) => u.type === 'UCL-Enhanced')?.overdraft[20]).toBe(100);
  });

  it('SL-10: a disconnected satellite learns the verdict only at its manual sync', () => {
    const s = tenClusters(90, {}, { satellite: 1 });
    s.timeline.push({ at: 30, target: {}, action: { kind: 'satellite-sync', satellite: 'sat-east' } });
    const r = runScenario(s);
    expect(statusOn(r, 'smart-licensing', 'authorized', 20)).toBe(10);
    expect(statusOn(r, 'smart-licensing', 'outOfComplianceOverage', 30)).toBe(10);
  });

  it('SL-10: a connected satellite syncs every satelliteSyncDays: every 7 days, CSSM learns on days 7 and 21', () => {
    // Ten clusters behind a connected satellite register on day 5 (100 of 120 licences) and grow to 150 on day 15.
    const s = tenClusters(120, { days: 30 }, { satellite: 1 });
    s.fleet[0] = { ...s.fleet[0], satellite: 'sat-east' } as never;
    s.timeline.push({ at: 15, target: {}, action: { kind: 'grow', users: 5 } });
    if (s.satellites?.[0]) s.satellites[0] = { ...s.satellites[0], mode: 'connected' };
    const weekly = structuredClone(s);
    weekly.policy['smart-licensing'].satelliteSyncDays = 7;
    const r = runScenario(weekly);
    const consumption = r.series.usage.find((u) => u.type === 'UCL-Enhanced')?.consumption;
    // Syncs on days 7, 14, 21: the registrations reach CSSM on day 7, the growth of day 15 on day 21.
    expect([consumption?.[6], consumption?.[7], consumption?.[20], consumption?.[21]]).toEqual([0, 100, 100, 150]);
    expect(r.series.outOfCompliance['va-east']?.slice(19, 23)).toEqual([0, 0, 1, 1]);
    // The verdict comes back with the sync of day 21: the clusters are in overage from then.
    expect([statusOn(r, 'smart-licensing', 'authorized', 20), statusOn(r, 'smart-licensing', 'outOfComplianceOverage', 21)]).toEqual([
      10, 10,
    ]);
    // Daily (the default), CSSM knows of the growth the day it happens.
    const daily = runScenario(s);
    expect(daily.series.outOfCompliance['va-east']?.slice(14, 16)).toEqual([0, 1]);
    expect(statusOn(daily, 'smart-licensing', 'outOfComplianceOverage', 15)).toBe(10);
  });

  it("SL-7, SL-10: a satellite's sync in the middle of a day leaves CSSM's nightly comparison on schedule", () => {
    const cluster = { users: 10, profiles: { 'desk-phone': 1 }, growth: 0 };
    const s = scenarioWith(
      [
        smartGroup('sat', 5, { ...cluster, link: { satellite: 1 }, satellite: 'sat-east' } as never),
        smartGroup('dir', 5, { ...cluster, link: { direct: 1 } } as never),
      ],
      [
        { at: 5, target: {}, action: { kind: 'register', exportControl: true } },
        // CSSM is told 110 of 100 (the satellite's 50 wait for its sync): out of compliance from the start of day 9.
        { at: 8, target: { groups: ['dir'] }, action: { kind: 'grow', users: 12 } },
        { at: 10, target: {}, action: { kind: 'purchase', account: 'va-east', type: 'UCL-Enhanced', count: 100 } },
        // The sync at noon of day 10 brings the satellite's 50 and finds the VA compliant (160 of 200);
        // at 18:00 the direct clusters outgrow it (210 of 200).
        { at: 10.5, target: {}, action: { kind: 'satellite-sync', satellite: 'sat-east' } },
        { at: 10.75, target: { groups: ['dir'] }, action: { kind: 'grow', users: 10 } },
      ],
    );
    s.accounts[0] = { id: 'va-east', kind: 'virtual-account', purchases: [{ type: 'UCL-Enhanced', count: 100 }] };
    const r = runScenario(s);
    expect(statusOn(r, 'smart-licensing', 'outOfComplianceOverage', 9)).toBe(5);
    expect(statusOn(r, 'smart-licensing', 'authorized', 10)).toBe(10);
    // The comparison at the start of day 11 happens although the sync compared at 10.5.
    expect(statusOn(r, 'smart-licensing', 'outOfComplianceOverage', 11)).toBe(5);
  });

  it('SL-7, SL-10: a report sent straight to CSSM replaces one a satellite still holds; its sync does not bring the old one back', () => {
    const s = tenClusters(1000, {}, { satellite: 1 });
    s.fleet[0] = { ...s.fleet[0], satellite: 'sat-east' } as never;
    s.timeline.push(
      // Registered behind the disconnected satellite on day 5: the reports (100 in all) wait there.
      { at: 8, target: {}, action: { kind: 'set-link', link: 'direct' } },
      { at: 9, target: {}, action: { kind: 'grow', users: 5 } },
      { at: 12, target: {}, action: { kind: 'satellite-sync', satellite: 'sat-east' } },
    );
    const r = runScenario(s, { consistency: 'every-step' });
    const usage = r.series.usage.find((u) => u.type === 'UCL-Enhanced');
    expect(usage?.consumption.slice(7, 14)).toEqual([0, 100, 150, 150, 150, 150, 150]);
    expect(r.consistency).toMatchObject({ inconsistent: 0 });
  });

  it('NL-7: uploading the licence checks the units out; over the purchase the regime decides', () => {
    const fleet = [nodeLockedGroup('nl', 4, { servers: 1, phones: { '7970': 10 }, capabilities: {}, softphones: 0, growth: 0.5 } as never)];
    const timeline = [{ at: 10, target: {}, action: { kind: 'upload-license' as const } }];
    const allow = scenarioWith(fleet, timeline);
    allow.accounts[2] = licenceFile(230, 4);
    const r = runScenario(allow);
    const dlu = r.series.usage.find((u) => u.account === 'cucm-file' && u.type === 'DLU');
    // 4 servers × 10 × 7970 (5 units, DLU-1) = 200 units from day 10.
    expect(dlu?.consumption[9]).toBe(0);
    expect(dlu?.consumption[10]).toBe(200);
    // +50 % on day 30: 300 units, 70 over the purchase, allowed and recorded ("always").
    expect(dlu?.consumption[30]).toBe(300);
    expect(dlu?.overdraft[30]).toBe(70);
    expect(r.series.alarms.CiscoLicenseOverDraft?.[30]).toBeGreaterThan(0);
    const strict = structuredClone(allow);
    strict.policy['node-locked'].overdraft = { mode: 'none' };
    const s = runScenario(strict);
    const refusals = Object.entries(s.series.refusals).filter(([k]) => k.startsWith('growth (NL-7)'));
    expect(refusals.length).toBe(1);
    expect(s.series.usage.find((u) => u.account === 'cucm-file' && u.type === 'DLU')?.overdraft.every((n) => n === 0)).toBe(true);
    expect(total(s.series.alarms.CiscoLicenseRequestFailed)).toBeGreaterThan(0);
  });

  it('CS-2, CS-3: activations claim sessions until the licence runs out; deactivation returns nothing', () => {
    const s = scenarioWith(
      [sessionGroup('cs', 12, { sessions: 15, growth: 0 } as never)],
      [
        { at: 1, target: {}, action: { kind: 'activate', mode: 'automatic' } },
        { at: 50, target: { indices: [0, 1] }, action: { kind: 'deactivate' } },
      ],
    );
    const r = runScenario(s);
    const sessions = r.series.usage.find((u) => u.type === 'sessions');
    // 150 sessions: ten servers of 15 fit, two are refused.
    expect(sessions?.consumption[1]).toBe(150);
    expect(r.timeline[0]).toMatchObject({ reached: 12, refused: 2, reasons: [{ rule: 'CS-2', count: 2 }] });
    expect(sessions?.consumption[60]).toBe(150);
    expect(r.final.status['session-claim']).toEqual({ active: 8, notActivated: 2, deactivated: 2 });
  });

  /** Instance 0 of ten clusters enables reservation on day 1 and installs a code reserving its use plus `headroom` on day 4. */
  const reserving = (headroom: number | undefined, then: Scenario['timeline']): Scenario => {
    const s = tenClusters(200);
    const first = { indices: [0] };
    s.timeline = [
      { at: 1, target: first, action: { kind: 'slr-enable' } },
      { at: 2, target: first, action: { kind: 'slr-request' } },
      { at: 3, target: first, action: { kind: 'slr-authorize', ...(headroom !== undefined ? { headroom } : {}) } },
      { at: 4, target: first, action: { kind: 'slr-install' } },
      ...then,
    ];
    return s;
  };

  it('SLR-3, SLR-4: a reservation blocks the licences it reserves for the rest of the VA', () => {
    const s = reserving(0.5, [{ at: 5, target: {}, action: { kind: 'register', exportControl: false } }]);
    const r = runScenario(s);
    const usage = r.series.usage.find((u) => u.type === 'UCL-Enhanced');
    // Instance 0 reserved 15 (10 + 50 %); the other nine use 90 of the remaining 185.
    expect(usage?.entitlement[10]).toBe(185);
    expect(usage?.consumption[10]).toBe(90);
    expect(statusOn(r, 'smart-licensing', 'reserved', 10)).toBe(1);
    expect(r.timeline[4]).toMatchObject({ reached: 10, refused: 1, reasons: [{ rule: 'SLR-1' }] });
  });

  it('SLR-11: a reserved instance using more than its reservation is short, and its shortfall is overdraft everywhere', () => {
    const s = reserving(undefined, [{ at: 10, target: { indices: [0] }, action: { kind: 'grow', users: 2 } }]);
    const r = runScenario(s);
    const usage = r.series.usage.find((u) => u.type === 'UCL-Enhanced');
    // Reserved 10 for 10 users; 12 users from day 10: 2 short of the reservation, though the VA has 190 free.
    expect(usage?.shortfall.slice(9, 11)).toEqual([0, 2]);
    expect(usage?.overdraft.slice(9, 11)).toEqual([0, 2]);
    expect(r.series.overdraftTotal[10]).toBe(2);
    expect(statusOn(r, 'smart-licensing', 'reservedOverage', 10)).toBe(1);
    expect(r.final.accounts[0]?.types.find((t) => t.type === 'UCL-Enhanced')).toMatchObject({ reserved: 10, overdraft: 2, shortfall: 2 });
  });

  it('SLR-7: the licences stay blocked after the return code until it is entered in CSSM', () => {
    const s = reserving(0.5, [
      { at: 8, target: { indices: [1] }, action: { kind: 'slr-return-entered' } },
      { at: 10, target: { indices: [0] }, action: { kind: 'slr-return' } },
      { at: 20, target: { indices: [0] }, action: { kind: 'slr-return-entered' } },
      { at: 21, target: { indices: [0] }, action: { kind: 'slr-return-entered' } },
    ]);
    const r = runScenario(s);
    const usage = r.series.usage.find((u) => u.type === 'UCL-Enhanced');
    expect(statusOn(r, 'smart-licensing', 'reservationEvaluation', 10)).toBe(1);
    // The return code alone releases nothing: 15 stay blocked in CSSM from day 10 to day 19.
    expect(usage?.entitlement.slice(9, 21)).toEqual([185, 185, 185, 185, 185, 185, 185, 185, 185, 185, 185, 200]);
    expect(r.final.accounts[0]?.types.find((t) => t.type === 'UCL-Enhanced')).toMatchObject({ reserved: 0, available: 200 });
    // Entered for an instance that reserved nothing, and entered twice: refused, with the rule.
    expect(r.timeline[4]).toMatchObject({ refused: 1, reasons: [{ rule: 'SLR-7' }] });
    expect(r.timeline[7]).toMatchObject({ refused: 1, reasons: [{ rule: 'SLR-7' }] });
    expect(r.timeline[6]).toMatchObject({ refused: 0 });
  });

  it('EX-1 (moved): a granted export licence moves with a reregistration, the same on both backends', () => {
    const s = tenClusters(200, {}, { direct: 1 });
    s.accounts[0] = {
      ...s.accounts[0],
      purchases: [...(s.accounts[0]?.purchases ?? []), { type: 'ExportAuthorization', count: 10 }],
    } as never;
    s.accounts[1] = {
      ...s.accounts[1],
      purchases: [
        { type: 'UCL-Enhanced', count: 50 },
        { type: 'ExportAuthorization', count: 1 },
      ],
    } as never;
    s.timeline.push(
      { at: 6, target: {}, action: { kind: 'export-request' } },
      { at: 20, target: { indices: [0, 1] }, action: { kind: 'reregister', account: 'va-west', exportControl: true } },
    );
    const exportOf = (r: ReturnType<typeof runScenario>, account: string) =>
      r.series.usage.find((u) => u.account === account && u.type === 'ExportAuthorization')?.consumption[20];
    const returned = runScenario(s);
    expect([exportOf(returned, 'va-east'), exportOf(returned, 'va-west')]).toEqual([8, 0]);
    s.policy['smart-licensing'].exportOnReregister = 'moved';
    const moved = runScenario(s);
    // va-west has one free export licence: the first grant moves, the second finds none and goes back (EX-1).
    expect([exportOf(moved, 'va-east'), exportOf(moved, 'va-west')]).toEqual([8, 1]);
    expect(runScenario(s, { backend: 'actors' })).toEqual(moved);
    expect(moved.consistency).toMatchObject({ inconsistent: 0 });
  });

  it("reports an action that does not apply to a group's model, with counts", () => {
    const r = runScenario(
      scenarioWith([smartGroup('sl', 3), nodeLockedGroup('nl', 2)], [{ at: 1, target: {}, action: { kind: 'mac-change' } }]),
    );
    expect(r.timeline[0]).toMatchObject({ kind: 'mac-change', reached: 2, notApplicable: 3 });
  });

  it("reaches the given indices of every targeted group once each, whatever their order, skipping those past a group's end", () => {
    const r = runScenario(
      scenarioWith(
        [nodeLockedGroup('a', 3), nodeLockedGroup('b', 5)],
        [{ at: 1, target: { indices: [4, 2, 0, 2] }, action: { kind: 'upgrade', release: '12.0' } }],
      ),
    );
    // a: 0 and 2 (it has no 4); b: 0, 2 and 4. Each is refused its upgrade in evaluation (NL-2).
    expect(r.timeline[0]).toMatchObject({ kind: 'upgrade', reached: 5, notApplicable: 0, refused: 5 });
    const refused = r.events.filter((e) => e.kind === 'refusal' && e.event === 'upgrade').map((e) => [e.instance, ...e.rules]);
    expect(refused).toEqual([
      ['a-000', 'NL-2'],
      ['a-002', 'NL-2'],
      ['b-000', 'NL-2'],
      ['b-002', 'NL-2'],
      ['b-004', 'NL-2'],
    ]);
  });

  it('names an instance by its current MAC after a MAC change (NL-6), keeping its other names', () => {
    const upload = { at: 1, target: {}, action: { kind: 'upload-license' } } as const;
    const before = runScenario(scenarioWith([nodeLockedGroup('nl', 2)], [upload]));
    const after = runScenario(scenarioWith([nodeLockedGroup('nl', 2)], [upload, { at: 5, target: {}, action: { kind: 'mac-change' } }]));
    const [old, changed] = [before.identities['nl-000'], after.identities['nl-000']];
    expect(changed?.hostname).toBe(old?.hostname);
    expect(changed?.serial).toBe(old?.serial);
    expect(changed?.mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    expect(changed?.mac).not.toBe(old?.mac);
  });
});
