import { describe, expect, it } from 'vitest';
import { Ledger, SESSIONS } from '../../ledger/index.ts';

function licence(sessions = 100) {
  const ledger = new Ledger();
  ledger.openAccount({ id: 'cs-lic', kind: 'sessionLicense' });
  expect(ledger.purchase('cs-lic', SESSIONS, sessions).ok).toBe(true);
  return ledger;
}

describe('CS-2 sessions spread over servers', () => {
  it.each([
    ['1×100', [100]],
    ['10 + 90', [10, 90]],
    ['10×10', Array<number>(10).fill(10)],
    ['50 + 50 unclaimed', [50]],
  ])('CS-2: 100 sessions as %s', (_, claims) => {
    const ledger = licence();
    for (const [i, n] of claims.entries()) expect(ledger.activate(`server-${i}`, 'cs-lic', n).ok).toBe(true);
    const total = claims.reduce((a, b) => a + b, 0);
    expect(ledger.freeSessions('cs-lic')).toBe(100 - total);
    expect(ledger.typeStatus('cs-lic', SESSIONS)).toMatchObject({ owned: 100, consumption: total, inUse: total, overdraft: 0 });
    expect(ledger.activate('one-more', 'cs-lic', 101 - total)).toMatchObject({ ok: false, code: 'insufficient', rule: 'CS-2' });
  });

  it('CS-2: a claim beyond the free total is refused whole, not partly granted', () => {
    const ledger = licence();
    ledger.activate('a', 'cs-lic', 60);
    expect(ledger.activate('b', 'cs-lic', 41)).toMatchObject({ ok: false, code: 'insufficient' });
    expect(ledger.claimed('b', 'cs-lic')).toBe(0);
    expect(ledger.freeSessions('cs-lic')).toBe(40);
  });
});

describe('CS-3 claims are never returned', () => {
  it('CS-3: a deactivated server keeps its claim; the pool does not grow', () => {
    const ledger = licence();
    ledger.activate('a', 'cs-lic', 30);
    expect(ledger.deactivate('a', 'cs-lic')).toEqual({ ok: true, claimed: 30 });
    expect(ledger.freeSessions('cs-lic')).toBe(70);
    expect(ledger.claimed('a', 'cs-lic')).toBe(30);
    expect(ledger.activate('b', 'cs-lic', 71)).toMatchObject({ ok: false });
    expect(ledger.deactivate('never', 'cs-lic')).toMatchObject({ ok: false, code: 'notActivated', rule: 'CS-3' });
  });
});

describe('CS-4 reactivation', () => {
  it('CS-4: reactivating for the same or fewer sessions consumes nothing', () => {
    const ledger = licence();
    ledger.activate('a', 'cs-lic', 40);
    expect(ledger.activate('a', 'cs-lic', 40)).toEqual({ ok: true, claimed: 40, added: 0, free: 60 });
    expect(ledger.activate('a', 'cs-lic', 10)).toEqual({ ok: true, claimed: 40, added: 0, free: 60 });
  });

  it('CS-4: asking for more subtracts only the difference', () => {
    const ledger = licence();
    ledger.activate('a', 'cs-lic', 40);
    expect(ledger.activate('a', 'cs-lic', 70)).toEqual({ ok: true, claimed: 70, added: 30, free: 30 });
  });

  it('CS-4: the increase fails with a reason when the free total is short', () => {
    const ledger = licence();
    ledger.activate('a', 'cs-lic', 40);
    ledger.activate('b', 'cs-lic', 50);
    const r = ledger.activate('a', 'cs-lic', 51);
    expect(r).toMatchObject({ ok: false, code: 'insufficient', rule: 'CS-4' });
    expect(r.ok ? '' : r.reason).toMatch(/11 sessions asked, 10 unclaimed/);
    expect(ledger.claimed('a', 'cs-lic')).toBe(40);
    // After deactivation a reactivation still reuses the server's own claim.
    ledger.deactivate('a', 'cs-lic');
    expect(ledger.activate('a', 'cs-lic', 50)).toEqual({ ok: true, claimed: 50, added: 10, free: 0 });
  });
});

describe('CS-1 an administrative rehost', () => {
  it('CS-1: a confirmed rehost takes the old machine’s claim off it, for the new machine: the total claimed does not grow', () => {
    const ledger = licence(20);
    ledger.activate('old', 'cs-lic', 20);
    expect(ledger.freeSessions('cs-lic')).toBe(0);
    expect(ledger.applyEffect({ kind: 'rehost', instanceId: 'old', licenseId: 'cs-lic' }, 0)).toMatchObject({ ok: true });
    expect(ledger.claimed('old', 'cs-lic')).toBe(0);
    expect(ledger.activate('new', 'cs-lic', 20).ok).toBe(true);
    expect(ledger.typeStatus('cs-lic', SESSIONS)).toMatchObject({ owned: 20, consumption: 20, overdraft: 0 });
  });

  it('CS-1: a rehost of a machine that claimed nothing, or on another kind of account, is refused with the rule', () => {
    const ledger = licence(20);
    expect(ledger.checkEffect({ kind: 'rehost', instanceId: 'nobody', licenseId: 'cs-lic' }, 0)).toMatchObject({
      rule: 'CS-1',
      reason: 'nobody has claimed nothing on cs-lic',
    });
    ledger.openAccount({ id: 'va', kind: 'virtualAccount' });
    expect(ledger.checkEffect({ kind: 'rehost', instanceId: 'x', licenseId: 'va' }, 0)).toMatchObject({ rule: 'CS-1' });
  });
});

describe('CS-7 a licence has an expiry and features the account representative changes', () => {
  it('CS-7: an extension must move the expiry later; a licence that never expires cannot be extended; features are added once', () => {
    const ledger = new Ledger();
    ledger.openAccount({ id: 'term', kind: 'sessionLicense', expiresAt: 1000, features: ['voicexml'] });
    ledger.openAccount({ id: 'forever', kind: 'sessionLicense' });
    ledger.openAccount({ id: 'va', kind: 'virtualAccount' });
    expect(ledger.licenseTerms('term')).toEqual({ expiresAt: 1000, features: ['voicexml'] });
    expect(ledger.extendLicense('term', 1000)).toMatchObject({ ok: false, code: 'badTerm', rule: 'CS-7' });
    expect(ledger.extendLicense('term', 2000, 2500)).toMatchObject({
      ok: false,
      code: 'badTerm',
      reason: 'an extension must end after today',
    });
    expect(ledger.extendLicense('term', 2000)).toEqual({ ok: true, expiresAt: 2000 });
    expect(ledger.extendLicense('forever', 2000)).toMatchObject({ ok: false, code: 'badTerm', rule: 'CS-7' });
    expect(ledger.extendLicense('va', 2000)).toMatchObject({ ok: false, code: 'wrongAccountKind', rule: 'CS-7' });
    expect(ledger.addFeature('term', 'asr')).toEqual({ ok: true });
    expect(ledger.addFeature('term', 'asr')).toMatchObject({ ok: false, code: 'duplicateFeature', rule: 'CS-7' });
    expect(ledger.licenseTerms('term')).toEqual({ expiresAt: 2000, features: ['voicexml', 'asr'] });
    // What the machines read through their facts is the same record.
    expect(ledger.facts.licenseTerms('term')).toEqual({ expiresAt: 2000, features: ['voicexml', 'asr'] });
    expect(ledger.licenseTerms('forever')).toEqual({ expiresAt: null, features: [] });
  });
});
