import { describe, expect, it } from 'vitest';
import { REGISTER, smartActor } from '../support/smart.ts';

const authorizedDay = (a: ReturnType<typeof smartActor>) => a.snapshot().context.authorizationRenewedAt / 1440;

describe('Smart Licensing authorization (SL-5, SL-10, SL-13, SL-17)', () => {
  it('SL-5: authorization is renewed every 30 days while connected', () => {
    const a = smartActor().at(10, REGISTER);
    a.advanceTo(39);
    expect(authorizedDay(a)).toBe(10);
    a.advanceTo(41);
    expect(authorizedDay(a)).toBe(40);
    a.advanceTo(365);
    expect(authorizedDay(a)).toBe(340);
    expect(a.status()).toBe('authorized');
    expect(a.alarms()).toEqual([expect.objectContaining({ name: 'SmartLicenseInEval', day: 0 })]);
  });

  it('SL-5: authorization that cannot renew from day 40, after registering on day 10, expires on day 100', () => {
    const a = smartActor().at(10, REGISTER).at(40, { type: 'LINK_DOWN' }).advanceTo(150);
    // SL-18 (renewFailedAlarm: every-attempt, the default): raised at each failed daily attempt, cleared at the expiry.
    expect(a.alarms('SmartLicenseRenewAuthFailed').map((x) => x.day)).toEqual(Array.from({ length: 60 }, (_, i) => 40 + i));
    expect(a.cleared('SmartLicenseRenewAuthFailed').map((x) => x.day)).toEqual([100]);
    expect(a.dayEntered('registered.authorization.expired')).toBe(100);
    expect(a.status()).toBe('authorizationExpiredOverage');
  });

  it('SL-5: the validity follows the policy (60 days of validity expire on day 70)', () => {
    const a = smartActor({ authorizationValidityDays: 60, authorizationExpiringSoonDays: 10 })
      .at(10, REGISTER)
      .at(12, { type: 'LINK_DOWN' })
      .advanceTo(100);
    expect(a.dayEntered('registered.authorization.expired')).toBe(70);
    expect(a.alarms('SmartLicenseAuthorizationExpiringSoon').map((x) => x.day)).toEqual([60]);
  });

  it('SL-5: after an outage the next retry renews and the 90-day clock starts again', () => {
    const a = smartActor().at(10, REGISTER).at(35, { type: 'LINK_DOWN' }).at(52.5, { type: 'LINK_UP' }).advanceTo(60);
    expect(a.alarms('SmartLicenseRenewAuthFailed').map((x) => x.day)).toEqual(Array.from({ length: 13 }, (_, i) => 40 + i));
    expect(a.cleared('SmartLicenseRenewAuthFailed').map((x) => x.day)).toEqual([53]);
    // Retries daily from day 40: the one on day 53 succeeds.
    expect(authorizedDay(a)).toBe(53);
    a.advanceTo(84);
    expect(authorizedDay(a)).toBe(83);
  });

  it('SL-5: Renew Authorization Now renews at once, and fails with a reason when unreachable', () => {
    const a = smartActor().at(10, REGISTER).advanceTo(25).send({ type: 'RENEW_AUTHORIZATION' });
    expect(authorizedDay(a)).toBe(25);
    a.send({ type: 'LINK_DOWN' }).send({ type: 'RENEW_AUTHORIZATION' });
    expect(a.refusals('RENEW_AUTHORIZATION')).toMatchObject([{ rule: 'SL-5', reason: 'CSSM or the satellite cannot be reached' }]);
  });

  it('SL-13: authorization expiry starts an overage period, then provisioning stops', () => {
    const a = smartActor().at(10, REGISTER).at(11, { type: 'LINK_DOWN' }).advanceTo(200);
    expect(a.alarms('SmartLicenseInOverage_AuthorizationExpired').map((x) => x.day)).toEqual([100]);
    expect(a.alarms('SmartLicenseNoProvision_AuthorizationExpired').map((x) => x.day)).toEqual([190]);
    expect(a.status()).toBe('authorizationExpiredEnforced');
    expect(a.permits('addDevice')).toMatchObject({ allowed: false, rule: 'SL-13' });
    expect(a.permits('serve')).toEqual({ allowed: true });
  });

  it('SL-13: without the overage switch, authorization expiry stops provisioning at once', () => {
    const a = smartActor({ authorizationExpiredOverage: false }).at(10, REGISTER).at(11, { type: 'LINK_DOWN' }).advanceTo(101);
    expect(a.dayEntered('registered.authorization.expired.noProvision')).toBe(100);
    expect(a.alarms('SmartLicenseInOverage_AuthorizationExpired')).toEqual([]);
  });

  it('SL-13: a successful renewal returns an expired authorization to Authorized', () => {
    const a = smartActor().at(10, REGISTER).at(11, { type: 'LINK_DOWN' }).at(150, { type: 'LINK_UP' }).advanceTo(152);
    // The restore is seen before that day's retry, which succeeds.
    expect(a.dayEntered('registered.authorization.valid', 101)).toBe(150);
    expect(a.status()).toBe('authorized');
    expect(a.permits('addDevice')).toEqual({ allowed: true });
  });

  // DOMAIN.md §6: the instance knows of its satellite only what the satellite told it.
  const disconnected = (day: number) => ({ type: 'SATELLITE_STATUS', connected: false, syncedAt: day * 1440 }) as const;

  it('SL-10 (since-sync, the default): behind a disconnected satellite a renewal succeeds only after a manual sync', () => {
    const a = smartActor({ renewFailedAlarm: 'once-per-outage' }, { viaSatellite: true })
      .at(1, disconnected(-1))
      .at(10, REGISTER)
      .at(55, disconnected(55))
      .advanceTo(84);
    // Day 40: nothing synced since registration, the renewal fails; the retry after the day-55 sync succeeds.
    expect(authorizedDay(a)).toBe(55);
    a.advanceTo(200);
    // No further sync: the renewal due on day 85 fails and authorization lapses 90 days after day 55.
    expect(a.alarms('SmartLicenseRenewAuthFailed').map((x) => x.day)).toEqual([40, 85]);
    expect(a.dayEntered('registered.authorization.expired')).toBe(145);
  });

  it('SL-10 (live): behind a disconnected satellite no renewal succeeds, synced or not', () => {
    const a = smartActor({ satelliteRenewal: 'live' }, { viaSatellite: true })
      .at(1, disconnected(-1))
      .at(10, REGISTER)
      .at(55, disconnected(55))
      .advanceTo(150);
    expect(authorizedDay(a)).toBe(10);
    expect(a.dayEntered('registered.authorization.expired')).toBe(100);
  });

  it("SL-10 (cached): behind a disconnected satellite renewals succeed against the last sync's view", () => {
    const a = smartActor({ satelliteRenewal: 'cached' }, { viaSatellite: true }).at(1, disconnected(-1)).at(10, REGISTER).advanceTo(200);
    expect(a.status()).toBe('authorized');
    expect(authorizedDay(a)).toBe(190);
  });

  it('SL-10: through a connected satellite or a proxy renewals need no manual sync', () => {
    for (const viaSatellite of [true, false]) {
      const a = smartActor({}, { viaSatellite }).at(10, REGISTER).advanceTo(200);
      expect(a.status()).toBe('authorized');
      expect(authorizedDay(a)).toBe(190);
    }
  });

  it('SL-10: moved behind a disconnected satellite, the next renewal waits for a sync', () => {
    const a = smartActor({ renewFailedAlarm: 'once-per-outage' })
      .at(10, REGISTER)
      .at(20, { type: 'LINK_CHANGED', viaSatellite: true })
      .at(20.5, disconnected(-1))
      .advanceTo(41);
    expect(a.alarms('SmartLicenseRenewAuthFailed').map((x) => x.day)).toEqual([40]);
  });

  it('SL-17: authorization and registration expiring-soon alerts fire at their policy lead times', () => {
    const a = smartActor({ authorizationExpiringSoonDays: 20, registrationExpiringSoonDays: 45 })
      .at(10, REGISTER)
      .at(11, { type: 'LINK_DOWN' })
      .advanceTo(380);
    expect(a.alarms('SmartLicenseAuthorizationExpiringSoon').map((x) => x.day)).toEqual([80]);
    expect(a.alarms('SmartLicenseRegistrationExpiringSoon').map((x) => x.day)).toEqual([330]);
    expect(a.alarms('SmartLicenseRegistrationExpired').map((x) => x.day)).toEqual([375]);
  });
});
