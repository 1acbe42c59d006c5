import { describe, expect, it } from 'vitest';
import { REGISTER, smartActor } from '../support/smart.ts';

describe('Smart Licensing evaluation (SL-1, SL-2, SL-15)', () => {
  it('SL-1: a fresh install is in evaluation and it expires on day 90', () => {
    const a = smartActor();
    expect(a.status()).toBe('evaluation');
    expect(a.alarms('SmartLicenseInEval').map((x) => x.day)).toEqual([0]);
    a.advanceTo(89.99);
    expect(a.isIn('unregistered.evaluation')).toBe(true);
    a.advanceTo(120);
    expect(a.dayEntered('unregistered.evaluationExpired')).toBe(90);
  });

  it('SL-1: overriding the evaluation length to 60 days moves the expiry to day 60', () => {
    const a = smartActor({ evaluationDays: 60 }).advanceTo(100);
    expect(a.dayEntered('unregistered.evaluationExpired')).toBe(60);
    expect(a.alarms('SmartLicenseNoProvision_EvalExpired').map((x) => x.day)).toEqual([60]);
  });

  it('SL-2: after evaluation, adding users and devices is refused but service goes on', () => {
    const a = smartActor().advanceTo(90);
    expect(a.permits('addDevice')).toEqual({
      allowed: false,
      rule: 'SL-2',
      reason: 'adding users or devices is refused until the instance is registered',
    });
    expect(a.permits('provisionUser')).toMatchObject({ allowed: false, rule: 'SL-2' });
    expect(a.permits('serve')).toEqual({ allowed: true });
    expect(a.alarms('SmartLicenseNoProvision_EvalExpired').map((x) => x.day)).toEqual([90]);
  });

  it('SL-2: registering after the evaluation expired lets provisioning resume', () => {
    const a = smartActor().advanceTo(100).send(REGISTER);
    expect(a.status()).toBe('authorized');
    expect(a.permits('addDevice')).toEqual({ allowed: true });
  });

  it('SL-15: the usage clock keeps unused evaluation days across a registration', () => {
    // 20 days evaluated, registered 30 days, deregistered: 70 days remain.
    const a = smartActor().at(20, REGISTER).at(50, { type: 'DEREGISTER' }).advanceTo(200);
    expect(a.dayEntered('unregistered.evaluation', 50)).toBe(50);
    expect(a.dayEntered('unregistered.evaluationExpired')).toBe(120);
  });

  it('SL-15: the calendar clock counts registered days too', () => {
    const a = smartActor({ evaluationClock: 'calendar' }).at(20, REGISTER).at(50, { type: 'DEREGISTER' }).advanceTo(200);
    expect(a.dayEntered('unregistered.evaluation', 50)).toBe(50);
    expect(a.dayEntered('unregistered.evaluationExpired')).toBe(90);
  });

  it('SL-15: evaluation is granted once: deregistering after it is used up gives no new days', () => {
    const a = smartActor().advanceTo(95).send(REGISTER).advanceTo(100).send({ type: 'DEREGISTER' });
    expect(a.status()).toBe('evaluationExpired');
    expect(a.alarms('SmartLicenseInEval')).toHaveLength(1);
  });
});
