import { describe, expect, it } from 'vitest';
import { mutableFacts, REGISTER, smartActor } from '../support/smart.ts';

describe('Smart Licensing compliance and export control (SL-3, SL-7, SL-12, EX-1, EX-2)', () => {
  it('SL-7: a usage report out of compliance moves a registered instance out of compliance', () => {
    const a = smartActor().at(10, REGISTER).at(20, { type: 'OUT_OF_COMPLIANCE' }).advanceTo(21);
    expect(a.dayEntered('registered.compliance.outOfCompliance')).toBe(20);
    expect(a.status()).toBe('outOfComplianceOverage');
  });

  it('SL-7: usage-report verdicts are moot for an unregistered instance', () => {
    const a = smartActor().send({ type: 'OUT_OF_COMPLIANCE' });
    expect(a.status()).toBe('evaluation');
    expect(a.refusals()).toEqual([]);
  });

  it('SL-12: out of compliance starts a 90-day overage, then provisioning stops', () => {
    const a = smartActor().at(10, REGISTER).at(20, { type: 'OUT_OF_COMPLIANCE' }).advanceTo(150);
    expect(a.alarms('SmartLicenseInOverage_OutOfCompliance').map((x) => x.day)).toEqual([20]);
    expect(a.alarms('SmartLicenseNoProvision_OutOfCompliance').map((x) => x.day)).toEqual([110]);
    expect(a.status()).toBe('outOfComplianceEnforced');
    expect(a.permits('provisionUser')).toMatchObject({ allowed: false, rule: 'SL-12' });
    expect(a.permits('serve')).toEqual({ allowed: true });
  });

  it("SL-12: older releases' 60-day overage is a policy value", () => {
    const a = smartActor({ overageDays: 60 }).at(10, REGISTER).at(20, { type: 'OUT_OF_COMPLIANCE' }).advanceTo(100);
    expect(a.dayEntered('registered.compliance.outOfCompliance.noProvision')).toBe(80);
  });

  describe('SL-12: the overage clock across short returns to compliance (a policy choice)', () => {
    // Out of compliance from day 10; back in compliance for one day on day 70 (60 overage days used), out again on day 71.
    const dip = (overrides: Parameters<typeof smartActor>[0]) =>
      smartActor(overrides)
        .at(0, REGISTER)
        .at(10, { type: 'OUT_OF_COMPLIANCE' })
        .at(70, { type: 'IN_COMPLIANCE' })
        .at(71, { type: 'OUT_OF_COMPLIANCE' })
        .advanceTo(200);
    const enforcedOn = (a: ReturnType<typeof dip>) => a.alarms('SmartLicenseNoProvision_OutOfCompliance').map((x) => x.day);

    it('restart (the default): a one-day return gives a fresh 90-day period', () => {
      const a = dip({});
      expect(a.snapshot().context.policy.overageClock).toBe('restart');
      expect(enforcedOn(a)).toEqual([161]);
      expect(a.alarms('SmartLicenseInOverage_OutOfCompliance').map((x) => x.day)).toEqual([10, 71]);
    });

    it('resume: the 60 days already used are not given back; enforcement comes 30 days after the dip', () => {
      const a = dip({ overageClock: 'resume' });
      expect(enforcedOn(a)).toEqual([101]);
      expect(a.status()).toBe('outOfComplianceEnforced');
      expect(a.snapshot().context.overageUsed).toBe(90 * 1440);
    });

    it('resume gives the days back after a return to compliance of overageResumeWindowDays (30) or more; a cap never does', () => {
      // Out from day 10 to day 70 (60 days), compliant until day 100 (30 days), out again: a fresh 90-day period.
      const back = (overrides: Parameters<typeof smartActor>[0]) =>
        smartActor(overrides)
          .at(0, REGISTER)
          .at(10, { type: 'OUT_OF_COMPLIANCE' })
          .at(70, { type: 'IN_COMPLIANCE' })
          .at(100, { type: 'OUT_OF_COMPLIANCE' })
          .advanceTo(200);
      expect(enforcedOn(back({ overageClock: 'resume' }))).toEqual([190]);
      expect(enforcedOn(back({ overageClock: 'resume', overageResumeWindowDays: 31 }))).toEqual([130]);
      // The cap counts every overage day ever: 60 used, 30 left of 90.
      expect(enforcedOn(back({ overageCapDays: 90 }))).toEqual([130]);
    });

    it('a cap on all overage days (100) ends the second period after 40 days, even under restart', () => {
      const a = dip({ overageCapDays: 100 });
      expect(enforcedOn(a)).toEqual([111]);
    });

    it('an instance that used every day of its cap is enforced as soon as it is out of compliance again', () => {
      const a = smartActor({ overageCapDays: 30 })
        .at(0, REGISTER)
        .at(10, { type: 'OUT_OF_COMPLIANCE' })
        .at(50, { type: 'IN_COMPLIANCE' })
        .at(60, { type: 'OUT_OF_COMPLIANCE' })
        .advanceTo(61);
      // Day 40: the 30 days of the cap are used. Day 60: nothing is left: enforced at once, with no overage alert.
      expect(enforcedOn(a)).toEqual([40, 60]);
      expect(a.alarms('SmartLicenseInOverage_OutOfCompliance').map((x) => x.day)).toEqual([10]);
      expect(a.status()).toBe('outOfComplianceEnforced');
    });

    it('out of compliance but for one day in every 60: never enforced under restart; under resume from day 91.5 on', () => {
      const run = (overageClock: 'restart' | 'resume') => {
        const a = smartActor({ overageClock }).at(0, REGISTER);
        for (const d of [0.5, 61.5, 121.5, 181.5]) a.at(d, { type: 'OUT_OF_COMPLIANCE' });
        for (const d of [60.5, 120.5, 180.5]) a.at(d, { type: 'IN_COMPLIANCE' });
        return a.advanceTo(200);
      };
      expect(enforcedOn(run('restart'))).toEqual([]);
      // 60 days used by day 60.5, the other 30 from day 61.5; every later return finds none left.
      expect(enforcedOn(run('resume'))).toEqual([91.5, 121.5, 181.5]);
    });
  });

  it('§4, SL-12: a verdict without grace (the VA refuses use beyond its regime at once) skips the overage period', () => {
    const a = smartActor().at(0, REGISTER).at(10, { type: 'OUT_OF_COMPLIANCE', grace: false }).advanceTo(11);
    expect(a.dayEntered('registered.compliance.outOfCompliance.noProvision')).toBe(10);
    expect(a.alarms('SmartLicenseInOverage_OutOfCompliance')).toEqual([]);
    expect(a.permits('provisionUser')).toMatchObject({ allowed: false, rule: 'SL-12' });
  });

  it('SL-12: buying enough licences returns the instance to Authorized', () => {
    const a = smartActor().at(10, REGISTER).at(20, { type: 'OUT_OF_COMPLIANCE' }).at(130, { type: 'IN_COMPLIANCE' }).advanceTo(131);
    expect(a.status()).toBe('authorized');
    expect(a.permits('addDevice')).toEqual({ allowed: true });
  });

  it('SL-12: an expired authorization outranks out of compliance in the status shown', () => {
    const a = smartActor().at(10, REGISTER).at(11, { type: 'LINK_DOWN' }).at(20, { type: 'OUT_OF_COMPLIANCE' }).advanceTo(101);
    expect(a.status()).toBe('authorizationExpiredOverage');
    expect(a.isIn('registered.compliance.outOfCompliance.overage')).toBe(true);
  });

  it('SL-3: a secure SIP trunk is refused in evaluation', () => {
    const a = smartActor().send({ type: 'DEPLOY_SECURE_TRUNK' });
    expect(a.refusals('DEPLOY_SECURE_TRUNK')).toMatchObject([{ rule: 'SL-3' }]);
    expect(a.snapshot().context.mixedMode).toBe(false);
  });

  it('SL-3: a secure SIP trunk needs a token allowing export-controlled functionality', () => {
    const denied = smartActor()
      .send({ ...REGISTER, exportAllowed: false })
      .send({ type: 'DEPLOY_SECURE_TRUNK' });
    expect(denied.refusals('DEPLOY_SECURE_TRUNK')).toMatchObject([
      { rule: 'SL-3', reason: 'the registration token does not allow export-controlled functionality' },
    ]);
    const allowed = smartActor().send(REGISTER).send({ type: 'DEPLOY_SECURE_TRUNK' });
    expect(allowed.refusals()).toEqual([]);
    expect(allowed.snapshot().context.mixedMode).toBe(true);
  });

  it('EX-1: an export request is granted when the VA holds an export authorization licence', () => {
    const facts = mutableFacts();
    facts.exportLicences.add('va-east');
    const a = smartActor({}, {}, facts).send(REGISTER).send({ type: 'EXPORT_REQUEST' });
    expect(a.isIn('registered.export.granted')).toBe(true);
    a.send({ type: 'EXPORT_RETURN' });
    expect(a.isIn('registered.export.none')).toBe(true);
    expect(a.backEnd().map(([kind, rule]) => [kind, rule])).toEqual([
      ['REGISTER_INSTANCE', 'SL-4'],
      ['exportGrant', 'EX-1'],
      ['exportReturn', 'EX-1'],
    ]);
  });

  it('EX-1: a failed export request is retried until it succeeds or is cancelled', () => {
    const facts = mutableFacts();
    const a = smartActor({}, {}, facts).send(REGISTER).advanceTo(5).send({ type: 'EXPORT_REQUEST' });
    expect(a.isIn('registered.export.requestPending')).toBe(true);
    a.advanceTo(8);
    facts.exportLicences.add('va-east');
    a.advanceTo(10);
    expect(a.dayEntered('registered.export.granted')).toBe(9);
    const b = smartActor({}, {}, mutableFacts()).send(REGISTER).send({ type: 'EXPORT_REQUEST' }).send({ type: 'EXPORT_CANCEL' });
    expect(b.isIn('registered.export.none')).toBe(true);
    expect(b.backEnd().map(([kind]) => kind)).toEqual(['REGISTER_INSTANCE']);
  });

  it('EX-1: the retry interval is its own policy value: every 3 days (exportRetryDays: 3) the grant comes on day 11, not 10', () => {
    const run = (policy: { exportRetryDays?: number }) => {
      const facts = mutableFacts();
      // Refused on day 5 (no export authorization in the VA); one is bought at noon on day 9.
      const a = smartActor(policy, {}, facts).send(REGISTER).advanceTo(5).send({ type: 'EXPORT_REQUEST' }).advanceTo(9.5);
      facts.exportLicences.add('va-east');
      return a.advanceTo(20);
    };
    // Retried on days 8 and 11 (every 3 days from day 5): the retry of day 11 finds the licence.
    const every3 = run({ exportRetryDays: 3 });
    expect(every3.dayEntered('registered.export.requestPending')).toBe(5);
    expect(every3.dayEntered('registered.export.granted')).toBe(11);
    expect(every3.backEnd().filter(([kind]) => kind === 'exportGrant')).toEqual([['exportGrant', 'EX-1', 11]]);
    // The default (1 day) retries daily: day 10.
    expect(run({}).dayEntered('registered.export.granted')).toBe(10);
  });

  it('EX-1: export requests need a registered instance', () => {
    const a = smartActor().send({ type: 'EXPORT_REQUEST' });
    expect(a.refusals('EXPORT_REQUEST')).toMatchObject([{ rule: 'EX-1', reason: 'export requests need a registered instance' }]);
  });

  it('EX-2: deregistered in mixed mode, the cluster stays there and raises ExportControlNotAllowed', () => {
    const a = smartActor().send(REGISTER).send({ type: 'DEPLOY_SECURE_TRUNK' }).advanceTo(30).send({ type: 'DEREGISTER' });
    expect(a.alarms('SmartLicenseExportControlNotAllowed')).toMatchObject([{ day: 30, rule: 'EX-2' }]);
    expect(a.snapshot().context.mixedMode).toBe(true);
    const b = smartActor().send(REGISTER).advanceTo(30).send({ type: 'DEREGISTER' });
    expect(b.alarms('SmartLicenseExportControlNotAllowed')).toEqual([]);
  });
});
