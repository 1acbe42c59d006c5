import { describe, expect, it } from 'vitest';
import { DEFAULT_TIER_TABLE, Ledger, licencesForUser, licencesNeeded, type Tier, type TierCounts } from '../../ledger/index.ts';

function only(counts: Partial<TierCounts>): TierCounts {
  return { 'UCL-Essential': 0, 'UCL-Basic': 0, 'UCL-Enhanced': 0, 'UCL-EnhancedPlus': 0, CUWL: 0, ...counts };
}

function user(features: string[], devices: string[]) {
  const r = licencesForUser(features, devices);
  if (!r.ok) throw new Error(r.reason);
  return r.licences;
}

describe('SL-16 which licence a user needs', () => {
  it('SL-16: no device and no licensed feature → none; Mobility only → Basic', () => {
    expect(user([], [])).toEqual(only({}));
    expect(user(['mobility'], [])).toEqual(only({ 'UCL-Basic': 1 }));
  });

  it('SL-16: one device → the higher of the user tier and the device tier', () => {
    expect(user([], ['6901'])).toEqual(only({ 'UCL-Essential': 1 }));
    expect(user(['mobility'], ['6901'])).toEqual(only({ 'UCL-Basic': 1 }));
    expect(user([], ['6921'])).toEqual(only({ 'UCL-Basic': 1 }));
    expect(user(['mobility'], ['EX60'])).toEqual(only({ 'UCL-Enhanced': 1 }));
  });

  it('SL-16: 2 devices → Enhanced Plus; 3–10 devices → CUWL', () => {
    expect(user([], ['6901', '6901'])).toEqual(only({ 'UCL-EnhancedPlus': 1 }));
    expect(user([], ['6901', '6921', 'EX60'])).toEqual(only({ CUWL: 1 }));
    expect(user([], Array<string>(10).fill('EX60'))).toEqual(only({ CUWL: 1 }));
  });

  it("SL-16: more than 10 devices → CUWL + one licence per extra device, of that device type's tier", () => {
    const devices = [...Array<string>(10).fill('EX60'), '6901', '6921'];
    // The ten highest-tier devices ride on the CUWL; the 6901 and 6921 need their own.
    expect(user([], devices)).toEqual(only({ CUWL: 1, 'UCL-Essential': 1, 'UCL-Basic': 1 }));
    expect(user([], Array<string>(11).fill('EX60'))).toEqual(only({ CUWL: 1, 'UCL-Enhanced': 1 }));
  });

  it('SL-16: an unowned device needs the licence of its type (6901 → Essential, 6921 → Basic, EX60 → Enhanced)', () => {
    const r = licencesNeeded({ devices: [{ type: '6901' }, { type: '6921' }, { type: 'EX60' }, { type: 'EX60', owner: null }] });
    expect(r).toEqual({ ok: true, licences: only({ 'UCL-Essential': 1, 'UCL-Basic': 1, 'UCL-Enhanced': 2 }) });
  });

  it('SL-16: a device counts for its owner only', () => {
    // bob uses alice's phones but owns none: he needs nothing; alice's two phones make her Enhanced Plus.
    const r = licencesNeeded({
      users: [{ id: 'alice' }, { id: 'bob' }],
      devices: [
        { type: 'EX60', owner: 'alice' },
        { type: '6921', owner: 'alice' },
      ],
    });
    expect(r).toEqual({ ok: true, licences: only({ 'UCL-EnhancedPlus': 1 }) });
  });

  it('SL-16: MGCP FXS ports need no licence, owned or not', () => {
    expect(licencesNeeded({ devices: [{ type: 'MGCP-FXS' }, { type: 'MGCP-FXS', owner: 'carol' }] })).toEqual({
      ok: true,
      licences: only({}),
    });
    expect(user([], ['EX60', 'MGCP-FXS'])).toEqual(only({ 'UCL-Enhanced': 1 }));
  });

  it('SL-16: the tier table is data the policy overrides; unknown types are refused', () => {
    const ledger = new Ledger({ policy: { tierTable: { devices: { '6901': 'UCL-Basic' as Tier } } } });
    expect(ledger.licencesNeeded({ devices: [{ type: '6901' }] })).toEqual({ ok: true, licences: only({ 'UCL-Basic': 1 }) });
    expect(licencesNeeded({ devices: [{ type: 'toaster' }] })).toMatchObject({ ok: false, code: 'unknownDeviceType', rule: 'SL-16' });
    expect(DEFAULT_TIER_TABLE.devices['6901']).toBe('UCL-Essential');
  });
});
