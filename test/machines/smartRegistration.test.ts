import { describe, expect, it } from 'vitest';
import { mutableFacts, REGISTER, smartActor } from '../support/smart.ts';

describe('Smart Licensing registration (SL-4, SL-6, SL-8, SL-9, SL-14)', () => {
  it('SL-4: registering with a token leaves evaluation and reports the VA to CSSM', () => {
    const a = smartActor().at(10, REGISTER).advanceTo(11);
    expect(a.dayEntered('registered')).toBe(10);
    expect(a.status()).toBe('authorized');
    expect(a.snapshot().context.accountId).toBe('va-east');
    // SL-4: the token goes to the instance's endpoint, which registers it as part of this step.
    expect(a.requests()).toEqual([
      {
        type: 'message',
        to: { kind: 'endpoint', account: 'va-east' },
        event: { type: 'REGISTER_INSTANCE', instanceId: 'cucm-1', accountId: 'va-east', usage: {}, seq: 1, outOfCompliance: false },
        request: true,
        rule: 'SL-4',
        day: 10,
      },
    ]);
  });

  it('SL-4, SL-7: a registration starts with a usage report: the request carries the usage and the verdict it holds', () => {
    const a = smartActor().setUsage({ 'UCL-Enhanced': 12 }).at(10, REGISTER).advanceTo(11);
    expect(a.requests().map((e) => e.event)).toEqual([
      {
        type: 'REGISTER_INSTANCE',
        instanceId: 'cucm-1',
        accountId: 'va-east',
        usage: { 'UCL-Enhanced': 12 },
        seq: 1,
        outOfCompliance: false,
      },
    ]);
    // The report went with the request: no separate report follows it.
    expect(a.emitted.filter((e) => e.type === 'message' && !e.request)).toEqual([]);
    expect(a.snapshot().context).toMatchObject({ reportsSent: 1, lastReportAt: 10 * 1440 });
  });

  it('SL-7: news reaches CSSM at most once per usageReportDays, and waits for the link', () => {
    const a = smartActor({ usageReportDays: 2 }).at(10, REGISTER).advanceTo(11);
    // The registration's request carries the first report (day 10); the others are messages.
    const reportDays = () => a.emitted.filter((e) => e.type === 'message').map((e) => e.day);
    // A change one day after the registration's report waits for the second day.
    a.send({ type: 'USAGE_CHANGED' });
    expect(reportDays()).toEqual([10]);
    a.advanceTo(12.5);
    expect(reportDays()).toEqual([10, 12]);
    // Down link: the news waits; the report goes as the link comes back.
    a.advanceTo(20).send({ type: 'LINK_DOWN' }).send({ type: 'USAGE_CHANGED' }).advanceTo(30);
    expect(reportDays()).toEqual([10, 12]);
    a.send({ type: 'LINK_UP' });
    expect(reportDays()).toEqual([10, 12, 30]);
  });

  it('SL-4: an expired token id is refused with a reason', () => {
    const a = smartActor()
      .advanceTo(10)
      .send({ ...REGISTER, tokenExpiresAt: 5 * 1440 });
    expect(a.isIn('unregistered.evaluation')).toBe(true);
    expect(a.refusals('REGISTER')).toMatchObject([{ rule: 'SL-4', reason: 'the registration token has expired' }]);
  });

  it('SL-4: registration without a path to CSSM fails with a communication error', () => {
    const a = smartActor({}, { linkUp: false }).advanceTo(3).send(REGISTER);
    expect(a.isIn('unregistered')).toBe(true);
    expect(a.alarms('SmartLicenseCommunicationError').map((x) => x.day)).toEqual([3]);
    expect(a.refusals('REGISTER')[0]?.rule).toBe('SL-4');
  });

  it('SL-6: the registration is renewed every 6 months while connected', () => {
    const a = smartActor().at(10, REGISTER);
    const renewedDay = () => a.snapshot().context.registrationRenewedAt / 1440;
    a.advanceTo(192);
    expect(renewedDay()).toBe(10);
    a.advanceTo(193);
    expect(renewedDay()).toBe(192.5);
    a.advanceTo(600);
    expect(renewedDay()).toBe(557.5);
    expect(a.isIn('registered')).toBe(true);
    expect(a.alarms('SmartLicenseRegistrationExpired')).toEqual([]);
  });

  it('SL-6: a registration that cannot renew lapses a year after its last renewal (SL-14)', () => {
    const a = smartActor({ renewFailedAlarm: 'once-per-outage' }).at(10, REGISTER).at(11, { type: 'LINK_DOWN' }).advanceTo(400);
    expect(a.alarms('SmartLicenseRenewRegistrationFailed').map((x) => x.day)).toEqual([192.5]);
    expect(a.cleared('SmartLicenseRenewRegistrationFailed').map((x) => x.day)).toEqual([375]);
    expect(a.alarms('SmartLicenseRegistrationExpired').map((x) => x.day)).toEqual([375]);
  });

  it('SL-14: an expired registration goes back to the unused evaluation days', () => {
    // Cut off from day 11: the authorization expires on day 100 and its overage (365 days here) outlasts the registration.
    const a = smartActor({ authorizationExpiredOverageDays: 365 }).at(10, REGISTER).at(11, { type: 'LINK_DOWN' }).advanceTo(500);
    // 10 evaluation days used before registering: 80 remain from day 375.
    expect(a.dayEntered('unregistered.evaluation', 11)).toBe(375);
    expect(a.dayEntered('unregistered.evaluationExpired')).toBe(455);
    expect(a.backEnd().map(([kind]) => kind)).toEqual(['REGISTER_INSTANCE', 'release']);
  });

  it('SL-14: an instance in enforcement when its registration lapses stays in enforcement (the default), not in a fresh evaluation', () => {
    // Cut off from day 11: authorization expired on day 100, enforced from day 190; the registration lapses on day 375.
    const a = smartActor().at(10, REGISTER).at(11, { type: 'LINK_DOWN' }).advanceTo(380);
    expect(a.dayEntered('registered.authorization.expired.noProvision')).toBe(190);
    expect(a.dayEntered('unregistered.registrationExpired')).toBe(375);
    expect(a.status()).toBe('registrationExpiredEnforced');
    expect(a.permits('addDevice')).toMatchObject({ allowed: false, rule: 'SL-14' });
    expect(a.snapshot().context.enforcedRegions).toBe(0);
    // The policy may say otherwise: then the unused evaluation days come back.
    const lenient = smartActor({ enforcementOutlivesRegistration: false }).at(10, REGISTER).at(11, { type: 'LINK_DOWN' }).advanceTo(380);
    expect(lenient.dayEntered('unregistered.evaluation', 11)).toBe(375);
    expect(lenient.permits('addDevice')).toEqual({ allowed: true });
  });

  it('SL-14: enforcement is not left through reservation mode, deregistration or removal in CSSM (unless the policy says so)', () => {
    // Registration lapsed in enforcement (day 375), 80 evaluation days unused: SLR's evaluation is not a way out.
    const lapsed = smartActor().at(10, REGISTER).at(11, { type: 'LINK_DOWN' }).advanceTo(380).send({ type: 'SLR_ENABLE' });
    expect(lapsed.isIn('reservation.pending.evaluation.expired')).toBe(true);
    expect(lapsed.permits('addDevice').allowed).toBe(false);
    // Out of compliance and enforced (day 100): deregistering, or being removed in CSSM, gives no evaluation back.
    const enforced = () => smartActor().at(0, REGISTER).at(10, { type: 'OUT_OF_COMPLIANCE' }).advanceTo(101);
    for (const event of [{ type: 'DEREGISTER' }, { type: 'NOT_REGISTERED' }] as const) {
      const a = enforced().send(event);
      expect(a.status(), event.type).toBe('evaluationExpired');
      expect(a.permits('addDevice').allowed, event.type).toBe(false);
      const lenient = smartActor({ enforcementOutlivesRegistration: false })
        .at(0, REGISTER)
        .at(10, { type: 'OUT_OF_COMPLIANCE' })
        .advanceTo(101)
        .send(event);
      expect(lenient.status(), event.type).toBe('evaluation');
    }
  });

  it('SL-14: with the enforcement fallback an expired registration goes to its own enforcement status at once', () => {
    const a = smartActor({ registrationExpiredFallback: 'enforcement', authorizationExpiredOverageDays: 365 })
      .at(10, REGISTER)
      .at(11, { type: 'LINK_DOWN' })
      .advanceTo(380);
    expect(a.dayEntered('unregistered.registrationExpired')).toBe(375);
    expect(a.status()).toBe('registrationExpiredEnforced');
    expect(a.permits('addDevice')).toMatchObject({ allowed: false, rule: 'SL-14' });
    // Registering again leaves it.
    a.send({ type: 'LINK_UP' }).send(REGISTER);
    expect(a.status()).toBe('authorized');
  });

  it('SL-6: Renew Registration Now renews at once, or fails with a reason when unreachable', () => {
    const a = smartActor().at(10, REGISTER).advanceTo(100).send({ type: 'RENEW_REGISTRATION' });
    expect(a.snapshot().context.registrationRenewedAt).toBe(100 * 1440);
    a.send({ type: 'LINK_DOWN' }).send({ type: 'RENEW_REGISTRATION' });
    expect(a.refusals('RENEW_REGISTRATION')).toMatchObject([{ rule: 'SL-6' }]);
    expect(a.alarms('SmartLicenseRenewRegistrationFailed').map((x) => x.day)).toEqual([100]);
  });

  it('SL-8: deregistering releases the licences and returns to evaluation while days remain', () => {
    const a = smartActor().at(30, REGISTER).at(60, { type: 'DEREGISTER' }).advanceTo(61);
    expect(a.dayEntered('unregistered.evaluation', 30)).toBe(60);
    expect(a.backEnd()).toEqual([
      ['REGISTER_INSTANCE', 'SL-4', 30],
      ['release', 'SL-8', 60],
    ]);
    expect(a.snapshot().context.accountId).toBeNull();
    // 30 days were used: 60 remain.
    a.advanceTo(200);
    expect(a.dayEntered('unregistered.evaluationExpired')).toBe(120);
  });

  it('SL-8: deregistering after the evaluation was used up lands in evaluation expired', () => {
    const a = smartActor().at(95, REGISTER).at(120, { type: 'DEREGISTER' }).advanceTo(121);
    expect(a.status()).toBe('evaluationExpired');
  });

  it('SL-8: deregistering while CSSM is unreachable keeps the licences held, with a warning', () => {
    const a = smartActor().at(10, REGISTER).at(20, { type: 'LINK_DOWN' }).at(25, { type: 'DEREGISTER' }).advanceTo(26);
    expect(a.isIn('unregistered.evaluation')).toBe(true);
    expect(a.backEnd().map(([kind]) => kind)).toEqual(['REGISTER_INSTANCE']);
    expect(a.alarms('SmartLicenseCommunicationError').map((x) => x.day)).toEqual([25]);
    // It knows CSSM still holds it (DOMAIN.md §6): the consistent monitor expects CSSM's record there.
    expect(a.snapshot().context.orphanedIn).toBe('va-east');
  });

  it('SL-8: deregistering an unregistered instance is refused with a reason', () => {
    const a = smartActor().send({ type: 'DEREGISTER' });
    expect(a.refusals('DEREGISTER')).toMatchObject([{ rule: 'SL-8', reason: 'the instance is not registered' }]);
  });

  it("SL-9: reregistering with another VA's token migrates the instance there", () => {
    const a = smartActor().at(10, REGISTER).at(40, { type: 'REREGISTER', accountId: 'va-west', exportAllowed: false }).advanceTo(41);
    expect(a.snapshot().context.accountId).toBe('va-west');
    expect(a.status()).toBe('authorized');
    expect(a.requests().map((e) => [e.event, e.rule])).toEqual([
      [{ type: 'REGISTER_INSTANCE', instanceId: 'cucm-1', accountId: 'va-east', usage: {}, seq: 1, outOfCompliance: false }, 'SL-4'],
      [{ type: 'MOVE_INSTANCE', instanceId: 'cucm-1', accountId: 'va-west', usage: {}, seq: 2, outOfCompliance: false }, 'SL-9'],
    ]);
    // The migration starts a fresh authorization in the new VA.
    expect(a.snapshot().context.authorizationRenewedAt).toBe(40 * 1440);
  });

  it('EX-1: a granted export licence goes back to the old VA on reregistration (returned, default) or moves with it (moved)', () => {
    const facts = mutableFacts();
    for (const va of ['va-east', 'va-west']) facts.exportLicences.add(va);
    const run = (exportOnReregister: 'returned' | 'moved', exportAllowed: boolean) => {
      const a = smartActor({ exportOnReregister }, {}, facts)
        .at(10, REGISTER)
        .at(11, { type: 'EXPORT_REQUEST' })
        .at(40, { type: 'REREGISTER', accountId: 'va-west', exportAllowed })
        .advanceTo(41);
      const move = a.requests().find((r) => r.event.type === 'MOVE_INSTANCE')?.event as { keepExport?: boolean } | undefined;
      expect(move).toBeDefined();
      return { export: a.isIn('registered.export.granted'), keepExport: move?.keepExport === true };
    };
    expect(run('returned', true)).toEqual({ export: false, keepExport: false });
    expect(run('moved', true)).toEqual({ export: true, keepExport: true });
    // A token of the new VA that does not allow export control: the licence goes back.
    expect(run('moved', false)).toEqual({ export: false, keepExport: false });
  });
});
