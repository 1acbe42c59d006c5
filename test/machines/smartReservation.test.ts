import { describe, expect, it } from 'vitest';
import { mutableFacts, REGISTER, smartActor } from '../support/smart.ts';

/** The licences the test's authorization code reserves. */
const RESERVED = { 'UCL-Enhanced': 10 };

/** An instance in reservation mode with an authorization code waiting in CSSM. */
function reservingActor(overrides: Parameters<typeof smartActor>[0] = {}) {
  const facts = mutableFacts();
  facts.codes.set('cucm-1', 'SLR-cucm-1-1');
  const a = smartActor(overrides, {}, facts);
  return { a, facts };
}

describe('Specific License Reservation (SLR-1..SLR-9)', () => {
  it('SLR-1: reservation can be enabled only while unregistered', () => {
    const registered = smartActor().send(REGISTER).send({ type: 'SLR_ENABLE' });
    expect(registered.refusals('SLR_ENABLE')).toMatchObject([
      { rule: 'SLR-1', reason: 'reservation can only be enabled while unregistered; deregister first' },
    ]);
    expect(registered.isIn('registered')).toBe(true);
    const fresh = smartActor().advanceTo(5).send({ type: 'SLR_ENABLE' });
    expect(fresh.isIn('reservation.pending.request.enabled')).toBe(true);
    expect(fresh.alarms('SmartLicense_SLR_InEval').map((x) => x.day)).toEqual([5]);
  });

  it('SLR-1: in reservation mode the evaluation clock runs on and expires with the SLR alert', () => {
    const a = smartActor().at(30, { type: 'SLR_ENABLE' }).advanceTo(100);
    expect(a.alarms('SmartLicense_SLR_NoProvision_EvalExpired').map((x) => x.day)).toEqual([90]);
    expect(a.permits('addDevice')).toMatchObject({ allowed: false, rule: 'SL-2' });
  });

  it('SLR-2: a reservation request puts the instance in Reservation In Progress', () => {
    const a = smartActor().send({ type: 'SLR_ENABLE' }).send({ type: 'SLR_REQUEST' });
    expect(a.status()).toBe('reservationInProgress');
  });

  it('SLR-3: a code CSSM did not generate for this instance is refused', () => {
    const { a } = reservingActor();
    a.send({ type: 'SLR_ENABLE' }).send({ type: 'SLR_REQUEST' }).send({ type: 'SLR_INSTALL', code: 'SLR-other-1', counts: RESERVED });
    expect(a.refusals('SLR_INSTALL')).toMatchObject([{ rule: 'SLR-3' }]);
    expect(a.status()).toBe('reservationInProgress');
  });

  it('SLR-4: installing the authorization code registers the instance with its reservation, no sync needed after', () => {
    const { a } = reservingActor();
    a.send({ type: 'SLR_ENABLE' })
      .send({ type: 'SLR_REQUEST' })
      .advanceTo(10)
      .send({ type: 'SLR_INSTALL', code: 'SLR-cucm-1-1', counts: RESERVED });
    expect(a.status()).toBe('reserved');
    // SLR-11: with its own record of what it uses, which its reservation's shortfall is measured against.
    expect(a.effects().map((e) => [e.effect.kind, e.rule])).toEqual([
      ['reservationInstalled', 'SLR-4'],
      ['reservedUsage', 'SLR-11'],
    ]);
    a.advanceTo(800);
    // No renewal, no expiry, no evaluation alert in two years.
    expect(a.status()).toBe('reserved');
    expect(a.alarms().map((x) => x.name)).toEqual(['SmartLicenseInEval', 'SmartLicense_SLR_InEval']);
    a.send({ type: 'RENEW_AUTHORIZATION' });
    expect(a.refusals('RENEW_AUTHORIZATION')).toMatchObject([{ rule: 'SLR-4' }]);
  });

  it('SLR-5: an updated reservation stays in transit until its confirmation code is entered', () => {
    const { a, facts } = reservingActor();
    a.send({ type: 'SLR_ENABLE' }).send({ type: 'SLR_REQUEST' }).send({ type: 'SLR_INSTALL', code: 'SLR-cucm-1-1', counts: RESERVED });
    a.send({ type: 'SLR_INSTALL', code: 'SLR-cucm-1-1', counts: RESERVED });
    expect(a.refusals('SLR_INSTALL')).toMatchObject([{ rule: 'SLR-5' }]);
    facts.codes.set('cucm-1', 'SLR-cucm-1-2');
    a.send({ type: 'SLR_INSTALL', code: 'SLR-cucm-1-2', counts: RESERVED });
    expect(a.status()).toBe('reservationUpdateInTransit');
    expect(a.effects().map((e) => e.effect.kind)).toEqual(['reservationInstalled', 'reservedUsage', 'reservationConfirmationCode']);
    a.send({ type: 'SLR_CONFIRMED' });
    expect(a.status()).toBe('reserved');
  });

  it('SLR-6: cancel abandons a request before install, and is refused after it', () => {
    const { a } = reservingActor();
    a.send({ type: 'SLR_ENABLE' }).send({ type: 'SLR_REQUEST' }).send({ type: 'SLR_CANCEL' });
    expect(a.isIn('reservation.pending.request.enabled')).toBe(true);
    a.send({ type: 'SLR_REQUEST' }).send({ type: 'SLR_INSTALL', code: 'SLR-cucm-1-1', counts: RESERVED }).send({ type: 'SLR_CANCEL' });
    expect(a.refusals('SLR_CANCEL')).toMatchObject([{ rule: 'SLR-6' }]);
    expect(a.status()).toBe('reserved');
  });

  it('SLR-7: return produces a return code and leaves the instance unlicensed in reservation mode', () => {
    const { a } = reservingActor();
    a.send({ type: 'SLR_ENABLE' })
      .send({ type: 'SLR_REQUEST' })
      .advanceTo(20)
      .send({ type: 'SLR_INSTALL', code: 'SLR-cucm-1-1', counts: RESERVED });
    a.advanceTo(40).send({ type: 'SLR_RETURN' });
    expect(a.effects().map((e) => [e.effect.kind, e.rule])).toEqual([
      ['reservationInstalled', 'SLR-4'],
      ['reservedUsage', 'SLR-11'],
      ['reservationReturnCode', 'SLR-7'],
    ]);
    expect(a.isIn('reservation.pending.request.enabled')).toBe(true);
    expect(a.snapshot().context.installedAuthorizationCode).toBeNull();
    // 20 evaluation days were used before the install: 70 remain from day 40.
    a.advanceTo(200);
    expect(a.dayEntered('reservation.pending.evaluation.expired')).toBe(110);
  });

  it('SLR-7: with slrReturnMode smart, return leaves reservation mode for Smart Licensing evaluation, or its expiry', () => {
    // Evaluation days are not used while reserved (usage clock); a calendar clock has used them all by day 120.
    for (const [day, clock, state] of [
      [120, 'usage', 'unregistered.evaluation'],
      [120, 'calendar', 'unregistered.evaluationExpired'],
    ] as const) {
      const { a } = reservingActor({ slrReturnMode: 'smart', evaluationClock: clock });
      a.send({ type: 'SLR_ENABLE' })
        .send({ type: 'SLR_REQUEST' })
        .advanceTo(20)
        .send({ type: 'SLR_INSTALL', code: 'SLR-cucm-1-1', counts: RESERVED });
      a.advanceTo(day).send({ type: 'SLR_RETURN' });
      expect(a.isIn(state)).toBe(true);
      expect(a.effects().at(-1)).toMatchObject({ effect: { kind: 'reservationReturnCode' }, rule: 'SLR-7' });
    }
  });

  it('SLR-7: return-authorization gives back a code that was never installed', () => {
    const { a } = reservingActor();
    a.send({ type: 'SLR_ENABLE' }).send({ type: 'SLR_REQUEST' }).send({ type: 'SLR_RETURN_AUTHORIZATION', code: 'SLR-cucm-1-1' });
    expect(a.isIn('reservation.pending.request.enabled')).toBe(true);
    expect(a.effects().map((e) => e.effect.kind)).toEqual(['reservationReturnCode']);
  });

  it("SLR-8: an RMA'd instance is decommissioned: it produces no return code and accepts nothing", () => {
    const { a } = reservingActor();
    a.send({ type: 'SLR_ENABLE' }).send({ type: 'SLR_REQUEST' }).send({ type: 'SLR_INSTALL', code: 'SLR-cucm-1-1', counts: RESERVED });
    a.send({ type: 'RMA' }).send({ type: 'SLR_RETURN' });
    expect(a.status()).toBe('decommissioned');
    // SLR-8: the machine itself tells CSSM's records the instance can no longer return its reservation.
    expect(a.effects().map((e) => e.effect.kind)).toEqual(['reservationInstalled', 'reservedUsage', 'nonOperational']);
    expect(a.refusals('SLR_RETURN')).toMatchObject([{ rule: 'SLR-8' }]);
  });

  it('SLR-9, SLR-11: disable leaves reservation mode; usage beyond the reservation raises the SLR alerts', () => {
    const a = smartActor().send({ type: 'SLR_ENABLE' }).advanceTo(3).send({ type: 'SLR_DISABLE' });
    expect(a.isIn('unregistered.evaluation')).toBe(true);
    const { a: b } = reservingActor();
    b.setUsage({ 'UCL-Enhanced': 8 })
      .send({ type: 'SLR_ENABLE' })
      .send({ type: 'SLR_REQUEST' })
      .send({ type: 'SLR_INSTALL', code: 'SLR-cucm-1-1', counts: RESERVED });
    expect(b.status()).toBe('reserved');
    // The instance compares its own use with the code's licences: no CSSM, no borrowing (SLR-9).
    b.advanceTo(10).setUsage({ 'UCL-Enhanced': 11 }).send({ type: 'USAGE_CHANGED' }).advanceTo(120);
    expect(b.alarms('SmartLicense_SLR_InOverage_NotAuthorized').map((x) => x.day)).toEqual([10]);
    expect(b.alarms('SmartLicense_SLR_NoProvision_NotAuthorized').map((x) => x.day)).toEqual([100]);
    expect(b.permits('addDevice')).toMatchObject({ allowed: false, rule: 'SL-12' });
    b.send({ type: 'SLR_DISABLE' });
    expect(b.refusals('SLR_DISABLE')).toMatchObject([{ rule: 'SLR-9' }]);
    // SLR-11: every change of use is recorded against the reservation, over it or back within it.
    b.setUsage({ 'UCL-Enhanced': 9 }).send({ type: 'USAGE_CHANGED' });
    const recorded = b.effects().filter((e) => e.effect.kind === 'reservedUsage');
    expect(recorded.map((e) => (e.effect as { usage: Record<string, number> }).usage)).toEqual([
      { 'UCL-Enhanced': 8 },
      { 'UCL-Enhanced': 11 },
      { 'UCL-Enhanced': 9 },
    ]);
    expect(b.status()).toBe('reserved');
  });
});

describe('SL-3 under SLR: export control through the reservation (a policy choice, default reserved)', () => {
  const install = (counts: Record<string, number>, overrides: Parameters<typeof reservingActor>[0] = {}) => {
    const { a } = reservingActor(overrides);
    return a
      .setUsage({ 'UCL-Enhanced': 8 })
      .send({ type: 'SLR_ENABLE' })
      .send({ type: 'SLR_REQUEST' })
      .send({ type: 'SLR_INSTALL', code: 'SLR-cucm-1-1', counts })
      .send({ type: 'DEPLOY_SECURE_TRUNK' });
  };

  it('SL-3: a reservation holding an export authorization lets the secure SIP trunk be deployed', () => {
    const a = install({ ...RESERVED, ExportAuthorization: 1 });
    expect(a.refusals('DEPLOY_SECURE_TRUNK')).toEqual([]);
    expect(a.snapshot().context.mixedMode).toBe(true);
  });

  it('SL-3: without one, or with slrExportControl: none, the deployment is refused with the reason', () => {
    const without = install(RESERVED);
    expect(without.refusals('DEPLOY_SECURE_TRUNK')).toMatchObject([
      { rule: 'SL-3', reason: 'the installed reservation holds no export authorization; reserve one with the licences' },
    ]);
    const off = install({ ...RESERVED, ExportAuthorization: 1 }, { slrExportControl: 'none' });
    expect(off.refusals('DEPLOY_SECURE_TRUNK')).toMatchObject([
      { rule: 'SL-3', reason: expect.stringContaining('slrExportControl: none') },
    ]);
    expect(off.snapshot().context.mixedMode).toBe(false);
  });
});

describe('an air-gapped instance judges its own reservation (SLR-11, DOMAIN.md §6)', () => {
  it('SLR-11: installed while using more than it reserves, it is Not Authorized - Reserved at once', () => {
    const { a } = reservingActor();
    a.setUsage({ 'UCL-Enhanced': 12 })
      .send({ type: 'SLR_ENABLE' })
      .send({ type: 'SLR_REQUEST' })
      .send({ type: 'SLR_INSTALL', code: 'SLR-cucm-1-1', counts: RESERVED });
    expect(a.status()).toBe('reservedOverage');
  });

  it("SLR-11: the reservation's overage has its own period (slrOverageDays), apart from SL-12's", () => {
    const { a } = reservingActor({ slrOverageDays: 20, overageDays: 60 });
    a.setUsage({ 'UCL-Enhanced': 12 })
      .send({ type: 'SLR_ENABLE' })
      .send({ type: 'SLR_REQUEST' })
      .send({ type: 'SLR_INSTALL', code: 'SLR-cucm-1-1', counts: RESERVED })
      .advanceTo(30);
    expect(a.alarms('SmartLicense_SLR_NoProvision_NotAuthorized').map((x) => x.day)).toEqual([20]);
    expect(a.status()).toBe('reservedEnforced');
  });

  it('SLR-11: back within the reservation, it is authorized again', () => {
    const { a } = reservingActor();
    a.setUsage({ 'UCL-Enhanced': 12 })
      .send({ type: 'SLR_ENABLE' })
      .send({ type: 'SLR_REQUEST' })
      .send({ type: 'SLR_INSTALL', code: 'SLR-cucm-1-1', counts: RESERVED });
    a.advanceTo(5).setUsage({ 'UCL-Enhanced': 9 }).send({ type: 'USAGE_CHANGED' });
    expect(a.status()).toBe('reserved');
  });
});
