import { describe, expect, it } from 'vitest';
import { cutOff, overageClock, problemsOf, shortClusters, verdictsOf } from '../support/expectations.ts';

const passed = (vs: Array<{ passed: boolean }>) => vs.map((v) => v.passed);

// Out of compliance at day 6 00:00, enforced at day 36 00:00 (a 30-day overage), authorized again at day 51 00:00.
describe('leadsTo: every entry into a state is followed by another within N days', () => {
  it('passes when the wait ends at exactly N days, fails a day short, with the day of the entry and the days waited', () => {
    const vs = verdictsOf(shortClusters(), [
      '{ leadsTo: { state: outOfComplianceOverage, to: enforcement, within: 30d } }',
      '{ leadsTo: { state: outOfComplianceOverage, to: enforcement, within: 29d } }',
      '{ leadsTo: { state: enforcement, to: authorized, within: 15d } }',
      '{ leadsTo: { state: enforcement, to: authorized, within: 14.5d, instances: [3] } }',
    ]);
    expect(passed(vs)).toEqual([true, false, true, false]);
    expect(vs[0]).toMatchObject({
      kind: 'leadsTo',
      title: 'every entry into outOfComplianceOverage is followed by enforcement within 30 days',
      message: '10 entries into outOfComplianceOverage, each followed by enforcement within 30 days',
    });
    // A pass carries its evidence too (issue 14: 10): the first entries followed in time, and how long each waited.
    expect(vs[0]?.evidence).toHaveLength(5);
    expect(vs[0]?.evidence[0]).toEqual({
      instance: 'sl-000',
      day: 6,
      value: 30,
      limit: 30,
      detail: 'entered outOfComplianceOverage on day 6, reached outOfComplianceEnforced on day 36, after 30 days',
    });
    expect(vs[1]?.message).toBe('10 of 10 entries into outOfComplianceOverage not followed by enforcement within 29 days, first shown');
    expect(vs[1]?.evidence).toHaveLength(5);
    expect(vs[1]?.evidence[0]).toMatchObject({
      instance: 'sl-000',
      day: 6,
      value: 30,
      limit: 29,
      detail: 'entered outOfComplianceOverage on day 6, reached outOfComplianceEnforced only on day 36, after 30 days',
    });
    expect(vs[1]?.rules).toEqual(expect.arrayContaining(['SL-12', 'SL-13']));
    expect(vs[3]?.evidence).toMatchObject([
      {
        instance: 'sl-003',
        day: 36,
        value: 15,
        limit: 14.5,
        detail: 'entered enforcement on day 36, reached authorized only on day 51, after 15 days',
      },
    ]);
  });

  it('a wait still open at the end of the run is a failure only once it has lasted more than N days', () => {
    // The run ends at day 30 00:00: the waits opened at day 6 have lasted 24 days.
    const vs = verdictsOf(shortClusters(30), [
      '{ leadsTo: { state: outOfComplianceOverage, to: enforcement, within: 24d } }',
      '{ leadsTo: { state: outOfComplianceOverage, to: enforcement, within: 23.5d } }',
    ]);
    expect(passed(vs)).toEqual([true, false]);
    expect(vs[0]?.message).toBe(
      '10 entries into outOfComplianceOverage, each followed by enforcement within 24 days; ' +
        '10 still waiting at the end, within their 24 days',
    );
    expect(vs[1]?.message).toBe(
      '10 of 10 entries into outOfComplianceOverage not followed by enforcement within 23.5 days ' +
        '(10 still waiting at the end), first shown',
    );
    expect(vs[1]?.evidence[0]).toMatchObject({
      instance: 'sl-000',
      day: 6,
      value: 24,
      limit: 23.5,
      detail:
        'entered outOfComplianceOverage on day 6, still not in enforcement at the end of the run (day 30) after 24 days, ' +
        'in outOfComplianceOverage',
    });
  });

  it('a start in the state is an entry on day 0; an open wait is not restarted by a second entry', () => {
    const vs = verdictsOf(shortClusters(), [
      // Evaluation from day 0, authorized at day 5 00:00.
      '{ leadsTo: { state: evaluation, to: authorized, within: 5d } }',
      '{ leadsTo: { state: evaluation, to: authorized, within: 4d } }',
      // Authorized at day 5 and again at day 51: the first wait goes through overage to enforcement (31 days), the second is
      // open at the end (29 days).
      '{ leadsTo: { state: authorized, to: enforcement, within: 30d, instances: [0] } }',
    ]);
    expect(passed(vs)).toEqual([true, false, false]);
    expect(vs[1]?.evidence[0]).toMatchObject({ instance: 'sl-000', day: 0, value: 5 });
    expect(vs[2]?.message).toBe(
      '1 of 2 entries into authorized not followed by enforcement within 30 days, first shown; ' +
        '1 still waiting at the end, within their 30 days',
    );
    expect(vs[2]?.evidence).toEqual([expect.objectContaining({ day: 5, value: 31 })]);
  });
});

// SL-12 (scenarios/designer/overage-clock.yaml): out of compliance at day 4 00:00, compliant for day 61, out again at day 62
// 00:00. Resume (B) keeps the 57 days used: the 33 left end at day 95 00:00, when 90 of the last 120 days were out of
// compliance, exactly. Restart (A) gives a fresh 90 days at day 62: still in overage then, and after.
describe('residence: more than N of any W days in a state leads to another', () => {
  const outOfCompliance = '[outOfComplianceOverage, outOfComplianceEnforced]';
  const rule = (moreThan: string, window: string, extra = '') =>
    `{ residence: { in: ${outOfCompliance}, moreThan: ${moreThan}, window: ${window}, leadsTo: enforcement${extra} } }`;

  it('SL-12: restart breaks "more than 90 of any 120 days out of compliance leads to enforcement" with a day back; resume not', () => {
    const [a, b] = verdictsOf(overageClock(), [rule('90d', '120d')]);
    expect(a).toMatchObject({ variant: 'A', passed: false });
    expect(b).toMatchObject({ variant: 'B', passed: true });
    expect(a?.title).toBe(
      'instances in outOfComplianceOverage or outOfComplianceEnforced for more than 90 of any 120 days are in enforcement',
    );
    // The first minute after day 95 00:00: 57 + 33 days and a minute out of compliance, and still in overage.
    expect(a?.message).toBe(
      '10 of 10 instances spent more than 90 of 120 days in outOfComplianceOverage or outOfComplianceEnforced ' +
        'without being in enforcement, first on day 95.001',
    );
    expect(a?.evidence[0]).toMatchObject({
      instance: 'shops-000',
      day: 95.001,
      value: 90.001,
      limit: 90,
      detail:
        '90.001 days in outOfComplianceOverage or outOfComplianceEnforced over the 120 days to day 95.001, ' +
        'and in outOfComplianceOverage, not enforcement',
    });
    expect(a?.rules).toEqual(expect.arrayContaining(['SL-12']));
    expect(b?.message).toBe(
      'none of 10 instances spent more than 90 of any 120 days in outOfComplianceOverage or outOfComplianceEnforced ' +
        'without being in enforcement',
    );
  });

  it('exact ticks: resume enforcing at exactly 90 days passes moreThan 90d and fails 89.5d, half a day and a minute earlier', () => {
    const vs = verdictsOf(overageClock(), [rule('89.5d', '120d', ', variant: B'), rule('90d', '91d', ', variant: A')]);
    expect(vs.map((v) => [v.variant, v.passed])).toEqual([
      ['A', true],
      ['B', false],
    ]);
    // Restart: no 91 days hold more than 90 out of compliance (at the end, day 59 to day 150: 2 + 88 days).
    expect(vs[1]?.evidence[0]).toMatchObject({ instance: 'shops-000', day: 94.501, value: 89.501, limit: 89.5 });
  });

  it('leaving for a status outside leadsTo while over the limit fails at once; moreThan must be shorter than the window', () => {
    // Enforced at day 36 (30 days out of compliance), authorized again at day 51 with 45 of the last 50 days out of compliance.
    const vs = verdictsOf(shortClusters(), [
      '{ residence: { in: [outOfComplianceOverage, outOfComplianceEnforced], moreThan: 30d, window: 50d, leadsTo: enforcement } }',
      '{ residence: { in: [outOfComplianceOverage, outOfComplianceEnforced], moreThan: 45d, window: 50d, leadsTo: enforcement } }',
    ]);
    expect(passed(vs)).toEqual([false, true]);
    expect(vs[0]?.evidence[0]).toMatchObject({
      instance: 'sl-000',
      day: 51,
      value: 45,
      limit: 30,
      detail: '45 days in outOfComplianceOverage or outOfComplianceEnforced over the 50 days to day 51, and in authorized, not enforcement',
    });
    expect(
      problemsOf(shortClusters(), ['{ residence: { in: overage, moreThan: 30d, window: 30d, leadsTo: [enforcement, nope] } }']),
    ).toEqual([
      '18: expected moreThan shorter than window (30 days): no 30 days hold more than that',
      expect.stringMatching(/^18: unknown state "nope" for smart-licensing/),
    ]);
  });
});

// SL-13, SL-14, SL-17 (the cut-off clusters, see test/support/expectations.ts for their days).
describe('warnsBefore: every entry into a state comes with an alarm raised at least N days before and not cleared since', () => {
  it('authorization expiry (SL-13): the expiring-soon warning 15 days before, cleared by the expiry itself, passes 15 and fails 16', () => {
    const vs = verdictsOf(cutOff(), [
      '{ warnsBefore: { state: authorizationExpiredOverage, alarm: SmartLicenseAuthorizationExpiringSoon, days: 15d } }',
      '{ warnsBefore: { state: authorizationExpiredOverage, alarm: SmartLicenseAuthorizationExpiringSoon, days: 16d } }',
      '{ warnsBefore: { state: authorizationExpiredEnforced, alarm: SmartLicenseInOverage_AuthorizationExpired, days: 90d } }',
      '{ warnsBefore: { state: authorizationExpiredOverage, alarm: SmartLicenseRenewAuthFailed, days: 60d } }',
    ]);
    expect(passed(vs)).toEqual([true, false, true, true]);
    expect(vs[0]).toMatchObject({
      kind: 'warnsBefore',
      title: 'every entry into authorizationExpiredOverage is warned by SmartLicenseAuthorizationExpiringSoon at least 15 days before',
      message: '2 entries into authorizationExpiredOverage, each with SmartLicenseAuthorizationExpiringSoon up at least 15 days before',
      rules: ['SL-13', 'SL-17'],
    });
    expect(vs[1]?.message).toBe(
      '2 of 2 entries into authorizationExpiredOverage came without SmartLicenseAuthorizationExpiringSoon up 16 days before, first shown',
    );
    expect(vs[1]?.evidence[0]).toMatchObject({
      instance: 'sl-000',
      day: 91,
      value: '15 days',
      limit: '16 days',
      detail: 'entered authorizationExpiredOverage on day 91; SmartLicenseAuthorizationExpiringSoon raised on day 76, only 15 days before',
    });
  });

  it('a warning cleared before the entry, or never raised, does not count', () => {
    const vs = verdictsOf(cutOff(), [
      '{ warnsBefore: { state: authorizationExpiredEnforced, alarm: SmartLicenseAuthorizationExpiringSoon, days: 1d } }',
      '{ warnsBefore: { state: enforcement, alarm: SmartLicenseRegistrationExpiringSoon, days: 1d, instances: [1] } }',
    ]);
    expect(passed(vs)).toEqual([false, false]);
    expect(vs[0]?.evidence[0]).toMatchObject({
      instance: 'sl-000',
      day: 181,
      value: 'no warning',
      limit: '1 day',
      detail:
        'entered authorizationExpiredEnforced on day 181; ' +
        'SmartLicenseAuthorizationExpiringSoon raised on day 76 was cleared on day 91, before it',
    });
    expect(vs[1]?.evidence).toEqual([
      expect.objectContaining({
        instance: 'sl-001',
        day: 181,
        detail: 'entered enforcement on day 181; SmartLicenseRegistrationExpiringSoon not raised before',
      }),
    ]);
  });

  it('registration expiry (SL-14): SmartLicenseRegistrationExpiringSoon 30 days before the registration lapses', () => {
    const vs = verdictsOf(cutOff(400), [
      '{ warnsBefore: { state: registrationExpiredEnforced, alarm: SmartLicenseRegistrationExpiringSoon, days: 30d } }',
      '{ warnsBefore: { state: registrationExpiredEnforced, alarm: SmartLicenseRegistrationExpiringSoon, days: 31d } }',
    ]);
    expect(passed(vs)).toEqual([true, false]);
    expect(vs[1]?.evidence[0]).toMatchObject({ day: 366, value: '30 days' });
  });

  it('SL-12 under resume: the overage alarm raised again at day 62 (cleared on day 61) warns 33 days before enforcement', () => {
    const vs = verdictsOf(overageClock(), [
      '{ warnsBefore: { state: enforcement, alarm: SmartLicenseInOverage_OutOfCompliance, days: 33d, variant: B } }',
      '{ warnsBefore: { state: enforcement, alarm: SmartLicenseInOverage_OutOfCompliance, days: 34d, variant: B } }',
    ]);
    expect(passed(vs)).toEqual([true, false]);
  });

  it('an unknown alarm and a lead of 0 days are located problems', () => {
    expect(problemsOf(cutOff(), ['{ warnsBefore: { state: enforcement, alarm: Nope, days: 1d } }'])).toEqual([
      expect.stringMatching(/^12: unknown alarm "Nope" \(alarms: SmartLicenseInEval, /),
    ]);
    // A slip gets a suggestion.
    expect(problemsOf(cutOff(), ['{ warnsBefore: { state: enforcement, alarm: SmartLicenseInEvl, days: 1d } }'])).toEqual([
      expect.stringMatching(/^12: unknown alarm "SmartLicenseInEvl", did you mean "SmartLicenseInEval"\? \(alarms: /),
    ]);
    expect(problemsOf(cutOff(), ['{ warnsBefore: { state: enforcement, alarm: SmartLicenseInEval, days: 0d } }'])).toEqual([
      '12: expected a duration longer than zero, found "0d"',
    ]);
  });
});
