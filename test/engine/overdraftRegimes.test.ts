import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../engine/result.ts';
import { runScenario } from '../../engine/runScenario.ts';
import type { OverdraftRegime } from '../../machines/overdraft.ts';
import { scenarioWith, smartGroup } from '../support/scenarios.ts';

/**
 * DOMAIN.md §4 on a virtual account (SL-7, SL-12): ten clusters of ten desk-phone
 * users need 100 UCL-Enhanced, the VA owns 95, so 5 are overdrawn from the
 * comparison at the start of day 6. The VA's regime decides what follows.
 */
function shortVA(regime: OverdraftRegime | null, link: Record<string, number> = { direct: 1 }) {
  const s = scenarioWith(
    [smartGroup('sl', 10, { users: 10, profiles: { 'desk-phone': 1 }, growth: 0, link } as never)],
    [{ at: 5, target: {}, action: { kind: 'register', exportControl: true } }],
    { days: 120 },
  );
  s.accounts[0] = {
    id: 'va-east',
    kind: 'virtual-account',
    purchases: [{ type: 'UCL-Enhanced', count: 95 }],
    ...(regime ? { overdraft: regime } : {}),
  };
  // A connected satellite syncs daily, and CSSM compares the VA at each sync (SL-10).
  if (link.satellite && s.satellites?.[0]) s.satellites[0] = { ...s.satellites[0], mode: 'connected' };
  return runScenario(s, { consistency: 'every-step' });
}

const on = (r: RunResult, status: string, day: number) => r.series.status['smart-licensing']?.[status]?.[day] ?? 0;
const overdraft = (r: RunResult) => r.series.usage.find((u) => u.account === 'va-east' && u.type === 'UCL-Enhanced')?.overdraft[10];
/** The days the fleet spends out of compliance, in its overage period, and enforced (each all ten). */
const story = (r: RunResult) => ({
  overage: [6, 95].map((d) => on(r, 'outOfComplianceOverage', d)),
  enforced: [6, 96].map((d) => on(r, 'outOfComplianceEnforced', d)),
  authorized: on(r, 'authorized', 100),
});

describe("a virtual account's overdraft regime decides compliance and provisioning (§4, SL-7, SL-12)", () => {
  it("time-grace (Cisco's, the default): out of compliance on day 6, a 90-day overage, enforcement on day 96", () => {
    const r = shortVA(null);
    expect(story(r)).toEqual({ overage: [10, 10], enforced: [0, 10], authorized: 0 });
    expect(overdraft(r)).toBe(5);
  });

  it('none: use beyond the entitlement is refused at once: enforcement on day 6, no overage period', () => {
    const r = shortVA({ mode: 'none' });
    expect(story(r)).toEqual({ overage: [0, 0], enforced: [10, 10], authorized: 0 });
    expect(r.series.alarms.SmartLicenseNoProvision_OutOfCompliance?.[6]).toBe(10);
    expect(r.series.alarms.SmartLicenseInOverage_OutOfCompliance).toBeUndefined();
    expect(overdraft(r)).toBe(5);
  });

  it('count (FlexNet OVERDRAFT=n): 5 units beyond are allowed and recorded; 4 are not, and the rest is refused at once', () => {
    const within = shortVA({ mode: 'count', units: 5 });
    expect(story(within)).toEqual({ overage: [0, 0], enforced: [0, 0], authorized: 10 });
    expect(overdraft(within)).toBe(5);
    expect(story(shortVA({ mode: 'count', units: 4 }))).toEqual({ overage: [0, 0], enforced: [10, 10], authorized: 0 });
  });

  it('percent: 6 % of 95 allows 5 units beyond (rounded down); 5 % allows 4', () => {
    expect(story(shortVA({ mode: 'percent', percent: 6 }))).toEqual({ overage: [0, 0], enforced: [0, 0], authorized: 10 });
    expect(story(shortVA({ mode: 'percent', percent: 5 }))).toEqual({ overage: [0, 0], enforced: [10, 10], authorized: 0 });
  });

  it('multiple (Keygen 1.25×/1.5×/2×): up to factor × the purchase; 1.06 × 95 = 100 fits, 1.05 × 95 = 99 does not', () => {
    expect(story(shortVA({ mode: 'multiple', factor: 1.25 }))).toEqual({ overage: [0, 0], enforced: [0, 0], authorized: 10 });
    expect(story(shortVA({ mode: 'multiple', factor: 1.06 }))).toEqual({ overage: [0, 0], enforced: [0, 0], authorized: 10 });
    expect(story(shortVA({ mode: 'multiple', factor: 1.05 }))).toEqual({ overage: [0, 0], enforced: [10, 10], authorized: 0 });
  });

  it('always: any use beyond is only recorded', () => {
    const r = shortVA({ mode: 'always' });
    expect(story(r)).toEqual({ overage: [0, 0], enforced: [0, 0], authorized: 10 });
    expect(overdraft(r)).toBe(5);
  });

  it('SL-10: behind a connected satellite the instances learn the same verdict, regime included, at its sync', () => {
    // Its sync of day 5 hands CSSM the ten reports; CSSM compares at once, and the download carries the verdict back.
    const none = shortVA({ mode: 'none' }, { satellite: 1 });
    expect([on(none, 'outOfComplianceOverage', 5), on(none, 'outOfComplianceEnforced', 5)]).toEqual([0, 10]);
    const grace = shortVA(null, { satellite: 1 });
    expect([on(grace, 'outOfComplianceOverage', 5), on(grace, 'outOfComplianceEnforced', 95)]).toEqual([10, 10]);
  });
});
