import { describe, expect, it } from 'vitest';
import { DLU, Ledger, NODE, type Refusal } from '../../ledger/index.ts';
import type { OverdraftRegime } from '../../machines/overdraft.ts';

function file(overdraft: OverdraftRegime, units = 100) {
  const ledger = new Ledger();
  ledger.openAccount({ id: 'cm5.lic', kind: 'licenseFile', overdraft });
  if (units > 0) expect(ledger.purchase('cm5.lic', DLU, units).ok).toBe(true);
  return ledger;
}

describe('NL-7 licence manager check-out and check-in', () => {
  it('NL-7: check-outs and check-ins move units between the pool and the instance', () => {
    const ledger = file({ mode: 'none' });
    expect(ledger.checkOut('cluster', 'cm5.lic', DLU, 36)).toMatchObject({ ok: true, held: 36, overdraft: 0, alarms: [] });
    expect(ledger.typeStatus('cm5.lic', DLU)).toMatchObject({ owned: 100, consumption: 36, inUse: 36, available: 64 });
    expect(ledger.checkIn('cluster', 'cm5.lic', DLU, 16)).toMatchObject({ ok: true, held: 20 });
    expect(ledger.typeStatus('cm5.lic', DLU)).toMatchObject({ inUse: 20, available: 80 });
    expect(ledger.checkIn('cluster', 'cm5.lic', DLU, 21)).toMatchObject({ ok: false, code: 'notHeld', rule: 'NL-7' });
    expect(ledger.checkedOut('cluster', 'cm5.lic', DLU)).toBe(20);
  });

  it('NL-7: regime none refuses a check-out beyond the entitlement', () => {
    const ledger = file({ mode: 'none' });
    expect(ledger.checkOut('a', 'cm5.lic', DLU, 100).ok).toBe(true);
    const r = ledger.checkOut('a', 'cm5.lic', DLU, 1) as Refusal;
    expect(r).toMatchObject({ ok: false, code: 'overdraftLimit', rule: 'NL-7' });
    expect(ledger.typeStatus('cm5.lic', DLU)).toMatchObject({ consumption: 100, overdraft: 0 });
  });

  it('NL-7: count, percent and multiple regimes allow a bounded overdraft and record it', () => {
    const count = file({ mode: 'count', units: 5 });
    expect(count.checkOut('a', 'cm5.lic', DLU, 105)).toMatchObject({ ok: true, overdraft: 5 });
    expect(count.checkOut('a', 'cm5.lic', DLU, 1)).toMatchObject({ ok: false, code: 'overdraftLimit' });
    expect(count.overdraft('cm5.lic', DLU)).toBe(5);
    const percent = file({ mode: 'percent', percent: 10 });
    expect(percent.checkOut('a', 'cm5.lic', DLU, 111)).toMatchObject({ ok: false });
    expect(percent.checkOut('a', 'cm5.lic', DLU, 110)).toMatchObject({ ok: true, overdraft: 10 });
    const multiple = file({ mode: 'multiple', factor: 1.5 });
    expect(multiple.checkOut('a', 'cm5.lic', DLU, 150)).toMatchObject({ ok: true, overdraft: 50 });
    expect(multiple.checkOut('b', 'cm5.lic', DLU, 1)).toMatchObject({ ok: false });
  });

  it('NL-7: always and time-grace regimes never refuse, and the overdraft is detected', () => {
    for (const mode of ['always', 'time-grace'] as const) {
      const ledger = file({ mode });
      expect(ledger.checkOut('a', 'cm5.lic', DLU, 1000)).toMatchObject({ ok: true, overdraft: 900 });
      expect(ledger.status('cm5.lic')).toMatchObject({ overdraft: 900, outOfCompliance: true });
    }
  });
});

describe('NL-8 licence manager alarms', () => {
  it('NL-8: CiscoLicenseOverDraft when a check-out goes into overdraft, none before', () => {
    const ledger = file({ mode: 'count', units: 10 });
    expect(ledger.checkOut('a', 'cm5.lic', DLU, 100)).toMatchObject({ ok: true, alarms: [] });
    const r = ledger.checkOut('a', 'cm5.lic', DLU, 4);
    expect(r).toMatchObject({ ok: true, overdraft: 4, alarms: [{ type: 'alarm', name: 'CiscoLicenseOverDraft', rule: 'NL-8' }] });
  });

  it('NL-8: CiscoLicenseRequestFailed when a check-out is refused', () => {
    const ledger = file({ mode: 'none' }, 0);
    const r = ledger.checkOut('a', 'cm5.lic', DLU, 1);
    expect(r).toMatchObject({
      ok: false,
      code: 'overdraftLimit',
      alarms: [{ type: 'alarm', name: 'CiscoLicenseRequestFailed', rule: 'NL-8' }],
    });
  });
});

describe('NL-9 PAK split across licence files', () => {
  function twoClusters() {
    const ledger = new Ledger();
    ledger.openAccount({ id: 'east.lic', kind: 'licenseFile' });
    ledger.openAccount({ id: 'west.lic', kind: 'licenseFile' });
    return ledger;
  }

  it('NL-9: a PAK of 20 nodes / 20000 units splits 15/15000 + 5/5000', () => {
    const ledger = twoClusters();
    const r = ledger.splitPak({
      pakId: 'PAK-1',
      counts: { [NODE]: 20, [DLU]: 20000 },
      parts: [
        { accountId: 'east.lic', counts: { [NODE]: 15, [DLU]: 15000 } },
        { accountId: 'west.lic', counts: { [NODE]: 5, [DLU]: 5000 } },
      ],
    });
    expect(r.ok).toBe(true);
    expect(ledger.typeStatus('east.lic', NODE).owned).toBe(15);
    expect(ledger.typeStatus('east.lic', DLU).owned).toBe(15000);
    expect(ledger.typeStatus('west.lic', NODE).owned).toBe(5);
    expect(ledger.typeStatus('west.lic', DLU).owned).toBe(5000);
    expect(ledger.lots('west.lic').map((l) => [l.source, l.pakId])).toEqual([
      ['pak', 'PAK-1'],
      ['pak', 'PAK-1'],
    ]);
  });

  it('NL-12: a PAK that does not allow a split is refused across clusters, and goes whole into one file', () => {
    const ledger = twoClusters();
    const pak = { pakId: 'PAK-3', counts: { [NODE]: 2, [DLU]: 100 }, splittable: false };
    const split = ledger.splitPak({
      ...pak,
      parts: [
        { accountId: 'east.lic', counts: { [NODE]: 1, [DLU]: 50 } },
        { accountId: 'west.lic', counts: { [NODE]: 1, [DLU]: 50 } },
      ],
    });
    expect(split).toMatchObject({ ok: false, code: 'notSplittable', rule: 'NL-12' });
    expect(ledger.typeStatus('east.lic', DLU).owned).toBe(0);
    expect(ledger.splitPak({ ...pak, parts: [{ accountId: 'west.lic', counts: { [NODE]: 2, [DLU]: 100 } }] }).ok).toBe(true);
    expect(ledger.typeStatus('west.lic', DLU).owned).toBe(100);
  });

  it('NL-9: a split that does not add up is refused and changes nothing', () => {
    const ledger = twoClusters();
    const bad = ledger.splitPak({
      pakId: 'PAK-2',
      counts: { [NODE]: 20, [DLU]: 20000 },
      parts: [
        { accountId: 'east.lic', counts: { [NODE]: 15, [DLU]: 15000 } },
        { accountId: 'west.lic', counts: { [NODE]: 5, [DLU]: 5001 } },
      ],
    });
    expect(bad).toMatchObject({ ok: false, code: 'splitMismatch', rule: 'NL-9' });
    expect(ledger.typeStatus('east.lic', DLU).owned).toBe(0);
    const short = ledger.splitPak({ pakId: 'PAK-2', counts: { [NODE]: 20 }, parts: [{ accountId: 'east.lic', counts: { [NODE]: 19 } }] });
    expect(short).toMatchObject({ ok: false, code: 'splitMismatch' });
  });

  it('NL-9: a PAK is used once', () => {
    const ledger = twoClusters();
    const split = { pakId: 'PAK-3', counts: { [DLU]: 10 }, parts: [{ accountId: 'east.lic', counts: { [DLU]: 10 } }] };
    expect(ledger.splitPak(split).ok).toBe(true);
    expect(ledger.splitPak(split)).toMatchObject({ ok: false, code: 'pakUsed', rule: 'NL-9' });
    expect(ledger.typeStatus('east.lic', DLU).owned).toBe(10);
  });
});

describe('NL-10 migration from 4.x', () => {
  it('NL-10: units in use at migration are granted free and recorded apart; new devices need purchased units', () => {
    const ledger = file({ mode: 'none' }, 0);
    const r = ledger.migrate('cm4', 'cm5.lic', { [DLU]: 36, [NODE]: 2 });
    expect(r).toEqual({ ok: true, granted: { [DLU]: 36, [NODE]: 2 } });
    expect(ledger.typeStatus('cm5.lic', DLU)).toMatchObject({
      owned: 36,
      granted: 36,
      purchased: 0,
      inUse: 36,
      available: 0,
      overdraft: 0,
    });
    expect(ledger.checkedOut('cm4', 'cm5.lic', DLU)).toBe(36);
    // A new 7970 needs 5 purchased units.
    expect(ledger.checkOut('cm4', 'cm5.lic', DLU, 5)).toMatchObject({ ok: false, code: 'overdraftLimit' });
    expect(ledger.purchase('cm5.lic', DLU, 5).ok).toBe(true);
    expect(ledger.checkOut('cm4', 'cm5.lic', DLU, 5)).toMatchObject({ ok: true, overdraft: 0 });
    expect(ledger.typeStatus('cm5.lic', DLU)).toMatchObject({ owned: 41, granted: 36, purchased: 5 });
    expect(ledger.migrate('cm4', 'cm5.lic', { [DLU]: 1 })).toMatchObject({ ok: false, code: 'alreadyMigrated', rule: 'NL-10' });
    // Another cluster migrating into the same file gets its own units free.
    expect(ledger.migrate('cm4-b', 'cm5.lic', { [DLU]: 10 })).toMatchObject({ ok: true, granted: { [DLU]: 10 } });
  });
});
