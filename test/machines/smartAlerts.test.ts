import { describe, expect, it } from 'vitest';
import { clearedWhen } from '../../machines/emitted.ts';
import { REGISTER, smartActor } from '../support/smart.ts';

const raised = (a: ReturnType<typeof smartActor>, name: string) => a.alarms(name).map((x) => x.day);
const cleared = (a: ReturnType<typeof smartActor>, name: string) => a.cleared(name).map((x) => x.day);

// DOMAIN.md SL-18: "An alert is raised when its condition starts and cleared when it ends (e.g. InOverage cleared
// on return to compliance); a failed renewal raises SmartLicenseRenewAuthFailed at every failed attempt of the
// daily retry (policy: every attempt, or once per outage)."
describe('Smart Licensing alerts raised and cleared (SL-17, SL-18)', () => {
  it('SL-18: SmartLicenseInEval is cleared when the instance registers (day 10)', () => {
    const a = smartActor().at(10, REGISTER).advanceTo(20);
    expect(raised(a, 'SmartLicenseInEval')).toEqual([0]);
    expect(cleared(a, 'SmartLicenseInEval')).toEqual([10]);
  });

  it('SL-18: the evaluation-expired alert (day 90) is cleared when the instance registers on day 120', () => {
    const a = smartActor().at(120, REGISTER).advanceTo(130);
    expect(raised(a, 'SmartLicenseNoProvision_EvalExpired')).toEqual([90]);
    expect(cleared(a, 'SmartLicenseNoProvision_EvalExpired')).toEqual([120]);
    expect(cleared(a, 'SmartLicenseInEval')).toEqual([90]);
  });

  it('SL-18: InOverage is cleared on the return to compliance; NoProvision when compliance returns after enforcement', () => {
    const a = smartActor()
      .at(10, REGISTER)
      .at(20, { type: 'OUT_OF_COMPLIANCE' })
      .at(50, { type: 'IN_COMPLIANCE' })
      .at(60, { type: 'OUT_OF_COMPLIANCE' })
      .at(200, { type: 'IN_COMPLIANCE' })
      .advanceTo(210);
    expect(raised(a, 'SmartLicenseInOverage_OutOfCompliance')).toEqual([20, 60]);
    // The second overage period runs out on day 150 (90 days): its alert clears as enforcement begins.
    expect(cleared(a, 'SmartLicenseInOverage_OutOfCompliance')).toEqual([50, 150]);
    expect(raised(a, 'SmartLicenseNoProvision_OutOfCompliance')).toEqual([150]);
    expect(cleared(a, 'SmartLicenseNoProvision_OutOfCompliance')).toEqual([200]);
  });

  it('SL-18 (renewFailedAlarm: once-per-outage): raised at the first failed renewal only, cleared by the renewal on day 53', () => {
    const a = smartActor({ renewFailedAlarm: 'once-per-outage' })
      .at(10, REGISTER)
      .at(35, { type: 'LINK_DOWN' })
      .at(52.5, { type: 'LINK_UP' })
      .advanceTo(100);
    expect(raised(a, 'SmartLicenseRenewAuthFailed')).toEqual([40]);
    expect(cleared(a, 'SmartLicenseRenewAuthFailed')).toEqual([53]);
  });

  it('SL-18 (every-attempt, the default): the same outage raises it on each of days 40..52', () => {
    const a = smartActor().at(10, REGISTER).at(35, { type: 'LINK_DOWN' }).at(52.5, { type: 'LINK_UP' }).advanceTo(100);
    expect(raised(a, 'SmartLicenseRenewAuthFailed')).toEqual(Array.from({ length: 13 }, (_, i) => 40 + i));
    expect(cleared(a, 'SmartLicenseRenewAuthFailed')).toEqual([53]);
  });

  it('SL-18: a failed Renew Authorization Now starts the failing renewals; the next successful retry clears it', () => {
    const a = smartActor({ renewFailedAlarm: 'once-per-outage' })
      .at(10, REGISTER)
      .at(20, { type: 'LINK_DOWN' })
      .at(20.5, { type: 'RENEW_AUTHORIZATION' })
      .at(22.5, { type: 'LINK_UP' })
      .advanceTo(30);
    expect(raised(a, 'SmartLicenseRenewAuthFailed')).toEqual([20.5]);
    // Retried daily from the failed attempt: 21.5 fails, 22.5 (just after the link came back) renews.
    expect(cleared(a, 'SmartLicenseRenewAuthFailed')).toEqual([22.5]);
    expect(a.snapshot().context.authorizationRenewedAt / 1440).toBe(22.5);
  });

  it('SL-18: a Renew Now that fails during the warning leaves the warning up, and counts as one more failed attempt', () => {
    const a = smartActor({ renewFailedAlarm: 'once-per-outage' })
      .at(10, REGISTER)
      .at(11, { type: 'LINK_DOWN' })
      .at(86, { type: 'RENEW_AUTHORIZATION' })
      .at(87, { type: 'RENEW_AUTHORIZATION' })
      .advanceTo(120);
    expect(raised(a, 'SmartLicenseAuthorizationExpiringSoon')).toEqual([85]);
    expect(cleared(a, 'SmartLicenseAuthorizationExpiringSoon')).toEqual([100]);
    // once-per-outage: raised at the failed renewal of day 40 only, cleared at the expiry.
    expect(raised(a, 'SmartLicenseRenewAuthFailed')).toEqual([40]);
    expect(cleared(a, 'SmartLicenseRenewAuthFailed')).toEqual([100]);
    expect(a.refusals('RENEW_AUTHORIZATION')).toHaveLength(2);
    const every = smartActor().at(10, REGISTER).at(11, { type: 'LINK_DOWN' }).at(86.5, { type: 'RENEW_AUTHORIZATION' }).advanceTo(88);
    expect(raised(every, 'SmartLicenseRenewAuthFailed').filter((d) => d > 86 && d < 87)).toEqual([86.5]);
  });

  it('SL-18: the expired registration alarm clears when the instance is decommissioned (RMA)', () => {
    const a = smartActor().at(10, REGISTER).at(11, { type: 'LINK_DOWN' }).at(380, { type: 'RMA' }).advanceTo(390);
    expect(raised(a, 'SmartLicenseRegistrationExpired')).toEqual([375]);
    expect(cleared(a, 'SmartLicenseRegistrationExpired')).toEqual([380]);
    expect(a.snapshot().context.registrationExpiredUp).toBe(false);
  });

  it('SL-18: an expiring-soon warning (day 85) clears when the authorization is renewed (day 90) or expires', () => {
    const renewed = smartActor().at(10, REGISTER).at(11, { type: 'LINK_DOWN' }).at(89.5, { type: 'LINK_UP' }).advanceTo(120);
    expect(raised(renewed, 'SmartLicenseAuthorizationExpiringSoon')).toEqual([85]);
    expect(cleared(renewed, 'SmartLicenseAuthorizationExpiringSoon')).toEqual([90]);
    const expired = smartActor().at(10, REGISTER).at(11, { type: 'LINK_DOWN' }).advanceTo(120);
    expect(cleared(expired, 'SmartLicenseAuthorizationExpiringSoon')).toEqual([100]);
    // A warning never raised is never cleared: a year of renewals clears nothing.
    const connected = smartActor().at(10, REGISTER).advanceTo(365);
    expect(connected.cleared()).toEqual([expect.objectContaining({ name: 'SmartLicenseInEval', day: 10 })]);
  });

  it('SL-18: SmartLicenseRegistrationExpired (day 375) is cleared when the instance registers again (day 400)', () => {
    const a = smartActor().at(10, REGISTER).at(11, { type: 'LINK_DOWN' }).at(399, { type: 'LINK_UP' }).at(400, REGISTER).advanceTo(410);
    expect(raised(a, 'SmartLicenseRegistrationExpired')).toEqual([375]);
    expect(cleared(a, 'SmartLicenseRegistrationExpired')).toEqual([400]);
  });

  it('SL-18: every alert cleared by a Smart Licensing machine is one the catalogue says is cleared, with when', () => {
    const a = smartActor()
      .at(10, REGISTER)
      .at(11, { type: 'LINK_DOWN' })
      .at(20, { type: 'OUT_OF_COMPLIANCE' })
      .at(399, { type: 'LINK_UP' })
      .at(400, REGISTER)
      .advanceTo(500);
    const names = new Set(a.cleared().map((x) => x.name));
    expect(names.size).toBeGreaterThan(4);
    for (const name of names) expect(clearedWhen(name)).toEqual(expect.any(String));
  });
});
