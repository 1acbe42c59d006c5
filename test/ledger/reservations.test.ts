import { describe, expect, it } from 'vitest';
import { Ledger } from '../../ledger/index.ts';

const E = 'UCL-Enhanced';
const CUWL = 'CUWL';

function va(owned: Record<string, number> = { [E]: 100, [CUWL]: 10 }) {
  const ledger = new Ledger();
  ledger.openAccount({ id: 'va', kind: 'virtualAccount', smartAccount: 'acme' });
  for (const [type, n] of Object.entries(owned)) expect(ledger.purchase('va', type, n).ok).toBe(true);
  return ledger;
}

describe('SLR-3 authorization code reserves and blocks licences', () => {
  it('SLR-3: reserve produces a deterministic code and blocks the counts for everyone else', () => {
    const ledger = va();
    expect(ledger.reserve('ucm1', 'va', { [E]: 60 })).toEqual({ ok: true, code: 'SLR-ucm1-1' });
    expect(ledger.reservationAuthorizationCode('ucm1')).toBe('SLR-ucm1-1');
    expect(ledger.facts.reservationAuthorizationCode('ucm1')).toBe('SLR-ucm1-1');
    expect(ledger.typeStatus('va', E)).toMatchObject({ owned: 100, reserved: 60, available: 40 });
    // Another instance cannot reserve them, and registered usage cannot use them.
    expect(ledger.reserve('ucm2', 'va', { [E]: 41 })).toMatchObject({ ok: false, code: 'insufficient', rule: 'SLR-3' });
    ledger.register('cloud', 'va');
    ledger.reportUsage('cloud', { [E]: 50 });
    // The 10 CUWL cover the rest by substitution (SL-11); the reserved 60 are not touched.
    expect(ledger.typeStatus('va', E)).toMatchObject({ inUse: 40, borrowed: 10, overdraft: 0, reserved: 60 });
    ledger.reportUsage('cloud', { [E]: 51 });
    expect(ledger.typeStatus('va', E)).toMatchObject({ inUse: 40, borrowed: 10, overdraft: 1, reserved: 60 });
  });

  it('SLR-3: only the available surplus can be reserved, and only by an unregistered instance', () => {
    const ledger = va();
    ledger.register('cloud', 'va');
    ledger.reportUsage('cloud', { [E]: 90 });
    expect(ledger.reserve('ucm1', 'va', { [E]: 11 })).toMatchObject({ ok: false, code: 'insufficient' });
    expect(ledger.reserve('ucm1', 'va', { [E]: 10 }).ok).toBe(true);
    expect(ledger.reserve('cloud', 'va', { [E]: 1 })).toMatchObject({ ok: false, code: 'alreadyRegistered', rule: 'SLR-1' });
    expect(ledger.reserve('ucm1', 'va', { [E]: 1 })).toMatchObject({ ok: false, code: 'alreadyReserved' });
  });
});

describe('SLR-4 install', () => {
  it('SLR-4: installing the latest code yields a confirmation code; a wrong code is refused', () => {
    const ledger = va();
    ledger.reserve('ucm1', 'va', { [E]: 5 });
    expect(ledger.installReservation('ucm1', 'SLR-ucm1-9')).toMatchObject({ ok: false, code: 'unknownCode', rule: 'SLR-3' });
    expect(ledger.installReservation('ucm1', 'SLR-ucm1-1')).toEqual({ ok: true, confirmationCode: 'SLRC-ucm1-1' });
    expect(ledger.reservation('ucm1')).toMatchObject({ installed: true, confirmed: true, reserved: { [E]: 5 } });
    expect(ledger.installReservation('ucm1')).toMatchObject({ ok: false, code: 'installed' });
  });
});

describe('SLR-5 updates in transit until confirmed', () => {
  it('SLR-5: an increase is blocked in transit, then reserved on confirmation', () => {
    const ledger = va();
    ledger.reserve('ucm1', 'va', { [E]: 10 });
    ledger.installReservation('ucm1');
    expect(ledger.updateReservation('ucm1', { [E]: 25 })).toEqual({ ok: true, code: 'SLR-ucm1-2' });
    expect(ledger.typeStatus('va', E)).toMatchObject({ reserved: 10, inTransit: 15, available: 75 });
    expect(ledger.confirm('ucm1')).toMatchObject({ ok: false, code: 'notInstalled', rule: 'SLR-5' });
    expect(ledger.installReservation('ucm1', 'SLR-ucm1-2').ok).toBe(true);
    expect(ledger.confirm('ucm1')).toEqual({ ok: true, reserved: { [E]: 25 } });
    expect(ledger.typeStatus('va', E)).toMatchObject({ reserved: 25, inTransit: 0, available: 75 });
    expect(ledger.confirm('ucm1')).toMatchObject({ ok: false, code: 'nothingInTransit' });
  });

  it('SLR-5: a decrease stays blocked in transit and is released only on confirmation', () => {
    const ledger = va();
    ledger.reserve('ucm1', 'va', { [E]: 30, [CUWL]: 4 });
    expect(ledger.updateReservation('ucm1', { [E]: 20 }).ok).toBe(true);
    expect(ledger.typeStatus('va', E)).toMatchObject({ reserved: 20, inTransit: 10, available: 70 });
    expect(ledger.typeStatus('va', CUWL)).toMatchObject({ reserved: 0, inTransit: 4, available: 6 });
    ledger.installReservation('ucm1');
    ledger.confirm('ucm1');
    expect(ledger.typeStatus('va', E)).toMatchObject({ reserved: 20, inTransit: 0, available: 80 });
    expect(ledger.typeStatus('va', CUWL)).toMatchObject({ reserved: 0, inTransit: 0, available: 10 });
  });

  it('SLR-5: a second update before confirmation is measured from the last confirmed counts', () => {
    const ledger = va();
    ledger.reserve('ucm1', 'va', { [E]: 10 });
    ledger.updateReservation('ucm1', { [E]: 30 });
    ledger.updateReservation('ucm1', { [E]: 4 });
    expect(ledger.reservation('ucm1')).toMatchObject({ code: 'SLR-ucm1-3', reserved: { [E]: 4 }, incoming: {}, outgoing: { [E]: 6 } });
    expect(ledger.typeStatus('va', E)).toMatchObject({ reserved: 4, inTransit: 6, available: 90 });
  });
});

describe('SLR-6 cancel before install', () => {
  it('SLR-6: cancelling on the instance releases nothing in CSSM; the uninstalled code is given back by return-authorization', () => {
    const ledger = va();
    ledger.reserve('ucm1', 'va', { [E]: 10 });
    // `reservation cancel` is the instance's own affair (the machine emits no effect): CSSM still blocks the licences.
    expect(ledger.typeStatus('va', E)).toMatchObject({ reserved: 10, available: 90 });
    expect(ledger.reservationAuthorizationCode('ucm1')).toBe('SLR-ucm1-1');
    expect(ledger.returnAuthorization('ucm1', 'SLR-ucm1-1')).toEqual({ ok: true, returnCode: 'SLRR-ucm1-1' });
    expect(ledger.enterReturnCode('ucm1')).toMatchObject({ ok: true, released: { [E]: 10 } });
    expect(ledger.typeStatus('va', E)).toMatchObject({ reserved: 0, available: 100 });
  });
});

describe('SLR-7 return releases exactly what was reserved, once its code is entered in CSSM', () => {
  it('SLR-7: the return code keeps every licence blocked until it is entered; entering it releases reserved and in transit', () => {
    const ledger = va();
    ledger.reserve('ucm1', 'va', { [E]: 10, [CUWL]: 2 });
    ledger.installReservation('ucm1');
    ledger.updateReservation('ucm1', { [E]: 15, [CUWL]: 1 });
    ledger.reportUsage('ucm1', { [E]: 3, [CUWL]: 9 });
    expect(ledger.status('va').reservationShortfall).toBe(7);
    expect(ledger.enterReturnCode('ucm1')).toMatchObject({ ok: false, code: 'noReturnCode', rule: 'SLR-7' });
    expect(ledger.returnReservation('ucm1')).toEqual({ ok: true, returnCode: 'SLRR-ucm1-2' });
    // Returned: it uses nothing any more (no shortfall), but CSSM blocks what it did.
    expect(ledger.status('va').reservationShortfall).toBe(0);
    expect(ledger.typeStatus('va', E)).toMatchObject({ reserved: 10, inTransit: 5, available: 85 });
    expect(ledger.reservation('ucm1')).toMatchObject({ returnCode: 'SLRR-ucm1-2' });
    for (const r of [
      ledger.returnReservation('ucm1'),
      ledger.updateReservation('ucm1', { [E]: 1 }),
      ledger.installReservation('ucm1'),
      ledger.reportUsage('ucm1', { [E]: 1 }),
      ledger.reserve('ucm1', 'va', { [E]: 1 }),
    ]) {
      expect(r).toMatchObject({ ok: false, code: 'returned', rule: 'SLR-7' });
    }
    const r = ledger.enterReturnCode('ucm1');
    expect(r).toEqual({ ok: true, returnCode: 'SLRR-ucm1-2', released: { [E]: 15, [CUWL]: 2 } });
    expect(ledger.typeStatus('va', E)).toMatchObject({ reserved: 0, inTransit: 0, available: 100 });
    expect(ledger.typeStatus('va', CUWL)).toMatchObject({ reserved: 0, inTransit: 0, available: 10 });
    expect(ledger.reservation('ucm1')).toBeNull();
    expect(ledger.reservationAuthorizationCode('ucm1')).toBeUndefined();
    expect(ledger.returnReservation('ucm1')).toMatchObject({ ok: false, code: 'noReservation', rule: 'SLR-7' });
    expect(ledger.enterReturnCode('ucm1')).toMatchObject({ ok: false, code: 'noReservation', rule: 'SLR-7' });
  });

  it('SLR-7: return-authorization works only for the latest code, and only before it is installed', () => {
    const ledger = va();
    ledger.reserve('ucm1', 'va', { [E]: 10 });
    expect(ledger.returnAuthorization('ucm1', 'SLR-ucm1-7')).toMatchObject({ ok: false, code: 'unknownCode', rule: 'SLR-7' });
    ledger.installReservation('ucm1');
    expect(ledger.returnAuthorization('ucm1', 'SLR-ucm1-1')).toMatchObject({ ok: false, code: 'installed', rule: 'SLR-7' });
    ledger.updateReservation('ucm1', { [E]: 12 });
    expect(ledger.returnAuthorization('ucm1', 'SLR-ucm1-2')).toEqual({ ok: true, returnCode: 'SLRR-ucm1-2' });
    expect(ledger.typeStatus('va', E).available).toBe(88);
    expect(ledger.enterReturnCode('ucm1')).toMatchObject({ ok: true, released: { [E]: 12 } });
    expect(ledger.typeStatus('va', E).available).toBe(100);
  });

  it('SLR-7: a new reservation after a return gets a fresh code', () => {
    const ledger = va();
    ledger.reserve('ucm1', 'va', { [E]: 1 });
    ledger.returnReservation('ucm1');
    ledger.enterReturnCode('ucm1');
    expect(ledger.reserve('ucm1', 'va', { [E]: 1 })).toEqual({ ok: true, code: 'SLR-ucm1-2' });
  });
});

describe('SLR-8 non-operational instances', () => {
  it('SLR-8: an RMA keeps the licences blocked until support removes the instance', () => {
    const ledger = va();
    ledger.reserve('ucm1', 'va', { [E]: 40 });
    ledger.installReservation('ucm1');
    expect(ledger.markNonOperational('ucm1')).toEqual({ ok: true });
    expect(ledger.returnReservation('ucm1')).toMatchObject({ ok: false, code: 'nonOperational', rule: 'SLR-8' });
    expect(ledger.updateReservation('ucm1', { [E]: 1 })).toMatchObject({ ok: false, code: 'nonOperational' });
    expect(ledger.typeStatus('va', E)).toMatchObject({ reserved: 40, available: 60 });
    expect(ledger.supportRemove('ucm1')).toEqual({ ok: true, released: { [E]: 40 } });
    expect(ledger.typeStatus('va', E)).toMatchObject({ reserved: 0, available: 100 });
  });
});

describe('SLR-10 perpetual and TERM reservations', () => {
  it('SLR-10: a TERM licence counts between start and end and lapses at its end date', () => {
    const ledger = va({});
    expect(ledger.purchase('va', CUWL, 5, { start: 100, end: 200 }).ok).toBe(true);
    expect(ledger.typeStatus('va', CUWL).owned).toBe(0);
    expect(ledger.lapse(100).started).toHaveLength(1);
    expect(ledger.typeStatus('va', CUWL).owned).toBe(5);
    ledger.lapse(199);
    expect(ledger.typeStatus('va', CUWL).owned).toBe(5);
    expect(ledger.lapse(200).lapsed.map((l) => l.units)).toEqual([5]);
    expect(ledger.typeStatus('va', CUWL).owned).toBe(0);
    expect(ledger.purchase('va', CUWL, 1, { start: 0, end: 150 })).toMatchObject({ ok: false, code: 'badTerm', rule: 'SLR-10' });
  });

  it('SLR-10: reserved TERM licences lapse out of the reservation; perpetual ones stay', () => {
    const ledger = va({});
    ledger.purchase('va', CUWL, 1, { start: 0, end: 1000 });
    ledger.purchase('va', E, 1);
    ledger.reserve('ucm1', 'va', { [CUWL]: 1, [E]: 1 });
    ledger.installReservation('ucm1');
    ledger.reportUsage('ucm1', { [CUWL]: 1, [E]: 1 });
    expect(ledger.reservation('ucm1')).toMatchObject({ reserved: { [CUWL]: 1, [E]: 1 }, shortfall: {} });
    ledger.lapse(1000);
    expect(ledger.reservation('ucm1')).toMatchObject({ reserved: { [E]: 1 }, shortfall: { [CUWL]: 1 } });
    expect(ledger.status('va')).toMatchObject({ reservationShortfall: 1 });
    expect(ledger.typeStatus('va', CUWL)).toMatchObject({ owned: 0, reserved: 0 });
  });

  it('SLR-10: a reservation takes perpetual units before TERM ones', () => {
    const ledger = va({});
    ledger.purchase('va', E, 2, { start: 0, end: 50 });
    ledger.purchase('va', E, 2);
    ledger.reserve('ucm1', 'va', { [E]: 2 });
    ledger.lapse(50);
    expect(ledger.reservation('ucm1')?.reserved).toEqual({ [E]: 2 });
    expect(ledger.typeStatus('va', E)).toMatchObject({ owned: 2, reserved: 2, available: 0 });
  });
});
