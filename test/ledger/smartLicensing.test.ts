import { describe, expect, it } from 'vitest';
import { EXPORT_AUTHORIZATION, Ledger } from '../../ledger/index.ts';

const EP = 'UCL-EnhancedPlus';
const CUWL = 'CUWL';
const E = 'UCL-Enhanced';
const B = 'UCL-Basic';

function cssm(owned: Record<string, number>, tierBorrowing?: boolean) {
  const ledger = new Ledger(tierBorrowing === undefined ? {} : { policy: { tierBorrowing } });
  ledger.openAccount({ id: 'va', kind: 'virtualAccount' });
  ledger.openAccount({ id: 'va2', kind: 'virtualAccount' });
  for (const [type, n] of Object.entries(owned)) expect(ledger.purchase('va', type, n).ok).toBe(true);
  return ledger;
}

describe('SL-7 usage reports and compliance', () => {
  it("SL-7: a VA consumes the sum of its instances' last reports; a report replaces the previous one", () => {
    const ledger = cssm({ [E]: 100 });
    ledger.register('a', 'va');
    ledger.register('b', 'va');
    ledger.reportUsage('a', { [E]: 60 });
    ledger.reportUsage('b', { [E]: 30 });
    expect(ledger.typeStatus('va', E)).toMatchObject({ consumption: 90, inUse: 90, available: 10, overdraft: 0 });
    ledger.reportUsage('a', { [E]: 80 });
    expect(ledger.typeStatus('va', E)).toMatchObject({ consumption: 110, inUse: 100, available: 0, overdraft: 10 });
    expect(ledger.status('va')).toMatchObject({ overdraft: 10, outOfCompliance: true });
    ledger.reportUsage('a', { [E]: 70 });
    expect(ledger.outOfCompliance('va')).toBe(false);
  });

  it('SL-7: only registered or reserved instances report; reports need whole counts', () => {
    const ledger = cssm({ [E]: 1 });
    expect(ledger.reportUsage('ghost', { [E]: 1 })).toMatchObject({ ok: false, code: 'notRegistered', rule: 'SL-7' });
    ledger.register('a', 'va');
    expect(ledger.reportUsage('a', { [E]: -1 })).toMatchObject({ ok: false, code: 'badCount' });
    expect(ledger.reportUsage('a', { [E]: 1.5 })).toMatchObject({ ok: false, code: 'badCount' });
  });

  it('SL-7: buying enough licences ends the overdraft', () => {
    const ledger = cssm({ [E]: 10 });
    ledger.register('a', 'va');
    ledger.reportUsage('a', { [E]: 15 });
    expect(ledger.overdraft('va', E)).toBe(5);
    ledger.purchase('va', E, 5);
    expect(ledger.overdraft('va')).toBe(0);
  });
});

describe('SL-8 deregistration releases everything at once', () => {
  it("SL-8: all of the instance's entitlements, export grants included, return to the VA", () => {
    const ledger = cssm({ [E]: 10, [EXPORT_AUTHORIZATION]: 1 });
    ledger.register('a', 'va');
    ledger.reportUsage('a', { [E]: 12 });
    ledger.exportGrant('a', 'va');
    expect(ledger.deregister('a')).toEqual({ ok: true, released: { [E]: 12, [EXPORT_AUTHORIZATION]: 1 } });
    expect(ledger.typeStatus('va', E)).toMatchObject({ consumption: 0, inUse: 0, available: 10, overdraft: 0 });
    expect(ledger.typeStatus('va', EXPORT_AUTHORIZATION)).toMatchObject({ available: 1 });
    expect(ledger.registration('a')).toBeNull();
    expect(ledger.deregister('a')).toMatchObject({ ok: false, code: 'notRegistered', rule: 'SL-8' });
  });
});

describe('SL-9 reregistration moves the instance', () => {
  it('SL-9: consumption moves to the new VA', () => {
    const ledger = cssm({ [E]: 10 });
    ledger.register('a', 'va');
    ledger.reportUsage('a', { [E]: 8 });
    expect(ledger.register('a', 'va2')).toMatchObject({ ok: false, code: 'registeredElsewhere', rule: 'SL-9' });
    expect(ledger.move('a', 'va2')).toEqual({ ok: true, changed: true });
    expect(ledger.typeStatus('va', E)).toMatchObject({ consumption: 0, available: 10 });
    expect(ledger.typeStatus('va2', E)).toMatchObject({ consumption: 8, overdraft: 8 });
    expect(ledger.registration('a')).toBe('va2');
  });
});

describe('SL-11 tier borrowing', () => {
  it('SL-11: 100 CUWL owned, 10 CUWL + 50 Enhanced Plus needed → compliant, 40 CUWL left', () => {
    const ledger = cssm({ [CUWL]: 100 });
    ledger.register('ucm', 'va');
    ledger.reportUsage('ucm', { [CUWL]: 10, [EP]: 50 });
    expect(ledger.status('va')).toMatchObject({ overdraft: 0, outOfCompliance: false });
    expect(ledger.typeStatus('va', CUWL)).toMatchObject({ available: 40, inUse: 60, lent: 50 });
    expect(ledger.typeStatus('va', EP)).toMatchObject({ borrowed: 50, overdraft: 0 });
  });

  it('SL-11: 100 CUWL owned, 10 CUWL + 95 Enhanced Plus needed → short by 5', () => {
    const ledger = cssm({ [CUWL]: 100 });
    ledger.register('ucm', 'va');
    ledger.reportUsage('ucm', { [CUWL]: 10, [EP]: 95 });
    expect(ledger.status('va')).toMatchObject({ overdraft: 5, outOfCompliance: true });
    expect(ledger.typeStatus('va', EP)).toMatchObject({ borrowed: 90, overdraft: 5 });
    expect(ledger.typeStatus('va', CUWL)).toMatchObject({ available: 0 });
  });

  it('SL-11: the nearest higher tier with spare units lends first; never a lower one', () => {
    const ledger = cssm({ [EP]: 5, [CUWL]: 5, 'UCL-Essential': 50 });
    ledger.register('ucm', 'va');
    ledger.reportUsage('ucm', { [B]: 7, [E]: 0 });
    expect(ledger.typeStatus('va', EP)).toMatchObject({ lent: 5, available: 0 });
    expect(ledger.typeStatus('va', CUWL)).toMatchObject({ lent: 2, available: 3 });
    ledger.reportUsage('ucm', { [CUWL]: 6 });
    // Essential never substitutes for CUWL.
    expect(ledger.typeStatus('va', CUWL)).toMatchObject({ overdraft: 1, borrowed: 0 });
  });

  it('SL-11: the policy switch turns borrowing off', () => {
    const ledger = cssm({ [CUWL]: 100 }, false);
    ledger.register('ucm', 'va');
    ledger.reportUsage('ucm', { [CUWL]: 10, [EP]: 50 });
    expect(ledger.status('va')).toMatchObject({ overdraft: 50, outOfCompliance: true });
    expect(ledger.typeStatus('va', CUWL).available).toBe(90);
  });

  it('SL-11: no borrowing for an SLR instance: its reservation is compared with its own usage', () => {
    const ledger = cssm({ [CUWL]: 100 });
    ledger.reserve('air', 'va', { [CUWL]: 10 });
    ledger.installReservation('air');
    ledger.reportUsage('air', { [CUWL]: 10, [EP]: 50 });
    expect(ledger.reservation('air')?.shortfall).toEqual({ [EP]: 50 });
    expect(ledger.status('va')).toMatchObject({ overdraft: 0, reservationShortfall: 50 });
    expect(ledger.typeStatus('va', CUWL)).toMatchObject({ reserved: 10, available: 90, lent: 0 });
  });
});

describe('EX-1 export authorization', () => {
  it('EX-1: a grant takes one export authorization licence of the VA; a return gives it back', () => {
    const ledger = cssm({ [EXPORT_AUTHORIZATION]: 1 });
    ledger.register('a', 'va');
    ledger.register('b', 'va');
    expect(ledger.facts.exportAuthorizationAvailable('va')).toBe(true);
    expect(ledger.exportGrant('a', 'va')).toEqual({ ok: true, grants: 1 });
    expect(ledger.facts.exportAuthorizationAvailable('va')).toBe(false);
    expect(ledger.exportGrant('b', 'va')).toMatchObject({ ok: false, code: 'noExportAuthorization', rule: 'EX-1' });
    expect(ledger.exportReturn('a', 'va')).toEqual({ ok: true, grants: 0 });
    expect(ledger.facts.exportAuthorizationAvailable('va')).toBe(true);
    expect(ledger.exportReturn('a', 'va')).toMatchObject({ ok: false, code: 'noExportGrant', rule: 'EX-1' });
    expect(ledger.exportGrant('ghost', 'va')).toMatchObject({ ok: false, code: 'notRegistered', rule: 'EX-1' });
  });
});
