import { describe, expect, it } from 'vitest';
import { AdjunctRegistry, DEFAULT_DEVICE_UNITS, deviceUnits, Ledger, type Refusal } from '../../ledger/index.ts';

function refused(r: { ok: boolean }): Refusal {
  expect(r.ok).toBe(false);
  return r as Refusal;
}

describe('DLU-1 device licence units per phone type', () => {
  it('DLU-1: 4×7920 + 4×7970 consume 36 units', () => {
    const r = deviceUnits({ devices: { '7920': 4, '7970': 4 } });
    expect(r).toMatchObject({ ok: true, devices: 36, total: 36 });
  });

  it('DLU-1: the table is data; an override changes the count', () => {
    const table = { ...DEFAULT_DEVICE_UNITS, '7970': { units: 6, source: 'assumed' as const } };
    expect(deviceUnits({ devices: { '7920': 4, '7970': 4 } }, { table })).toMatchObject({ ok: true, total: 40 });
    const ledger = new Ledger({ policy: { deviceUnits: { '7970': { units: 7, source: 'assumed' } } } });
    expect(ledger.deviceUnits({ devices: { '7920': 4, '7970': 4 } })).toMatchObject({ ok: true, total: 44 });
  });

  it('DLU-1: an unknown phone type is refused, not counted as 0', () => {
    expect(refused(deviceUnits({ devices: { '7920': 1, 'no-such-phone': 1 } }))).toMatchObject({
      code: 'unknownDeviceType',
      rule: 'DLU-1',
    });
  });
});

describe('DLU-2 user capabilities', () => {
  it('DLU-2: each CUP and CUPC capability consumes 1 DLU', () => {
    expect(deviceUnits({ capabilities: { CUP: 10, CUPC: 7 } })).toMatchObject({ ok: true, capabilities: 17, total: 17 });
    expect(deviceUnits({ devices: { '7970': 2 }, capabilities: { CUP: 2, CUPC: 2 } })).toMatchObject({ ok: true, total: 14 });
  });
});

describe('DLU-3 softphone as a CUCM device', () => {
  it('DLU-3: a softphone registered as a device costs softphoneUnits (3) before CUCM 6.0', () => {
    expect(deviceUnits({ devices: { 'Personal-Communicator': 2 } }, { cucmVersion: 5.1 })).toMatchObject({ ok: true, total: 6 });
    expect(deviceUnits({ devices: { 'IP-Communicator': 1 } }, { cucmVersion: 5.1, softphoneUnits: 4 })).toMatchObject({
      ok: true,
      total: 4,
    });
  });

  it('DLU-3: before 6.0 there is no adjunct licensing', () => {
    expect(refused(deviceUnits({ devices: { '7970': 1 }, secondaries: { 'IP-Communicator': 1 } }, { cucmVersion: 5.1 }))).toMatchObject({
      code: 'adjunctUnsupported',
      rule: 'DLU-4',
    });
    const reg = new AdjunctRegistry({ cucmVersion: 5.1 });
    reg.addDevice('desk', '7970');
    reg.addDevice('soft', 'IP-Communicator');
    expect(reg.units()).toBe(8);
    expect(refused(reg.associate('soft', 'desk')).code).toBe('adjunctUnsupported');
    expect(reg.units()).toBe(8);
  });
});

describe('DLU-4 adjunct licensing', () => {
  function cluster() {
    const reg = new AdjunctRegistry({ cucmVersion: 6.0 });
    for (const [id, type] of [
      ['desk', '7970'],
      ['cipc1', 'IP-Communicator'],
      ['cupc1', 'Personal-Communicator'],
      ['cumc1', 'Mobile-Communicator'],
      ['cheap', '7902'],
      ['other', '7960'],
    ] as const) {
      expect(reg.addDevice(id, type).ok).toBe(true);
    }
    return reg;
  }

  it('DLU-4: each secondary consumes only 1 unit', () => {
    const reg = cluster();
    expect(reg.units()).toBe(5 + 3 + 3 + 3 + 1 + 4);
    expect(reg.associate('cipc1', 'desk')).toMatchObject({ ok: true, units: 17 });
    expect(reg.unitsOf('cipc1')).toBe(1);
    expect(deviceUnits({ devices: { '7970': 1 }, secondaries: { 'IP-Communicator': 1, 'Personal-Communicator': 1 } })).toMatchObject({
      ok: true,
      total: 7,
    });
  });

  it('DLU-4 restriction 1: at most maxAdjunctSecondaries (2) secondaries per primary', () => {
    const reg = cluster();
    expect(reg.associate('cipc1', 'desk').ok).toBe(true);
    expect(reg.associate('cupc1', 'desk').ok).toBe(true);
    expect(refused(reg.associate('cumc1', 'desk'))).toMatchObject({ code: 'tooManySecondaries', rule: 'DLU-4' });
    expect(reg.secondariesOf('desk')).toEqual(['cipc1', 'cupc1']);
    expect(refused(deviceUnits({ devices: { '7970': 1 }, secondaries: { 'IP-Communicator': 3 } })).code).toBe('tooManySecondaries');
    const three = new AdjunctRegistry({ maxAdjunctSecondaries: 3 });
    three.addDevice('d', '7970');
    for (const s of ['a', 'b', 'c']) {
      three.addDevice(s, 'IP-Communicator');
      expect(three.associate(s, 'd').ok).toBe(true);
    }
  });

  it('DLU-4 restriction 2: the primary must be the device that consumes the most', () => {
    const table = { ...DEFAULT_DEVICE_UNITS, '7902': { units: 1, source: 'forum' as const } };
    const reg = new AdjunctRegistry({ table });
    reg.addDevice('cheap', '7902');
    reg.addDevice('soft', 'IP-Communicator');
    expect(refused(reg.associate('soft', 'cheap'))).toMatchObject({ code: 'primaryNotLargest', rule: 'DLU-4' });
    expect(reg.units()).toBe(4);
    reg.addDevice('desk', '7970');
    // A softphone cannot be the primary of a phone.
    expect(refused(reg.associate('desk', 'soft')).code).toBe('secondaryNotAllowed');
  });

  it('DLU-4 restriction 3: a primary cannot be deleted while it has secondaries', () => {
    const reg = cluster();
    reg.associate('cipc1', 'desk');
    expect(refused(reg.removeDevice('desk'))).toMatchObject({ code: 'primaryHasSecondaries', rule: 'DLU-4' });
    expect(reg.removeDevice('cipc1')).toMatchObject({ ok: true });
    expect(reg.removeDevice('desk')).toMatchObject({ ok: true });
    expect(reg.units()).toBe(3 + 3 + 1 + 4);
  });

  it('DLU-4 restriction 4: secondaries are limited to IP, Personal and Mobile Communicator', () => {
    const reg = cluster();
    expect(refused(reg.associate('other', 'desk'))).toMatchObject({ code: 'secondaryNotAllowed', rule: 'DLU-4' });
    expect(refused(deviceUnits({ devices: { '7970': 1 }, secondaries: { '7960': 1 } })).code).toBe('secondaryNotAllowed');
    for (const s of ['cipc1', 'cupc1']) expect(reg.associate(s, 'desk').ok).toBe(true);
    expect(reg.associate('cumc1', 'other').ok).toBe(true);
  });

  it('DLU-4: the release adjunct licensing starts with is policy (adjunctMinimumCucmVersion, default 6)', () => {
    const population = { devices: { '7970': 1 }, secondaries: { 'IP-Communicator': 2 } };
    expect(deviceUnits(population, { cucmVersion: 6 })).toMatchObject({ ok: true, total: 5 + 2 });
    expect(deviceUnits(population, { cucmVersion: 6, adjunctMinimumCucmVersion: 7 })).toMatchObject({
      ok: false,
      rule: 'DLU-4',
      reason: 'adjunct licensing needs CUCM 7 or later (this is 6); a softphone costs 3 units (DLU-3)',
    });
    const ledger = new Ledger({ policy: { adjunctMinimumCucmVersion: 5.1 } });
    expect(ledger.deviceUnits(population, 5.1)).toMatchObject({ ok: true, secondaries: 2 });
  });
});

describe('DLU-2, DLU-4 as policy: capability units and the secondary device types', () => {
  it('DLU-2: capabilityUnits prices each capability; DLU-4: adjunctSecondaryTypes decides which softphones may be secondaries', () => {
    const population = { devices: { '7970': 2 }, secondaries: { 'IP-Communicator': 2 }, capabilities: { CUP: 10, CUPC: 4 } };
    expect(deviceUnits(population)).toMatchObject({ ok: true, devices: 10, secondaries: 2, capabilities: 14, total: 26 });
    expect(deviceUnits(population, { capabilityUnits: { CUP: 2, CUPC: 0 } })).toMatchObject({ ok: true, capabilities: 20, total: 32 });
    const mobileOnly = { adjunctSecondaryTypes: ['Mobile-Communicator'] };
    expect(refused(deviceUnits(population, mobileOnly))).toMatchObject({
      code: 'secondaryNotAllowed',
      rule: 'DLU-4',
      reason: 'IP-Communicator cannot be a secondary; only Mobile-Communicator can',
    });
    const ledger = new Ledger({ policy: { adjunctSecondaryTypes: [] } });
    const reg = ledger.adjunctRegistry(6);
    reg.addDevice('desk', '7970');
    reg.addDevice('soft', 'IP-Communicator');
    expect(refused(reg.associate('soft', 'desk'))).toMatchObject({ code: 'secondaryNotAllowed', rule: 'DLU-4' });
  });
});
