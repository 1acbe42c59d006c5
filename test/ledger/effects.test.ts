import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { DLU, EXPORT_AUTHORIZATION, Ledger, SESSIONS } from '../../ledger/index.ts';
import type { LedgerEffect } from '../../machines/effects.ts';
import type { EmittedEvent } from '../../machines/emitted.ts';
import { NO_USAGE } from '../../machines/env.ts';
import { sessionClaimDefaults, smartLicensingDefaults } from '../../machines/policy.ts';
import { createSessionClaimMachine } from '../../machines/sessionClaim/machine.ts';
import { createSmartLicensingMachine } from '../../machines/smartLicensing/machine.ts';

const E = 'UCL-Enhanced';

function backend() {
  const ledger = new Ledger({ policy: { overdraft: { mode: 'none' } } });
  ledger.openAccount({ id: 'va', kind: 'virtualAccount' });
  ledger.openAccount({ id: 'va2', kind: 'virtualAccount' });
  ledger.openAccount({ id: 'cs-lic', kind: 'sessionLicense' });
  ledger.openAccount({ id: 'file', kind: 'licenseFile' });
  ledger.purchase('va', E, 10);
  ledger.purchase('va', EXPORT_AUTHORIZATION, 1);
  ledger.purchase('cs-lic', SESSIONS, 100);
  ledger.purchase('file', DLU, 50);
  return ledger;
}

/** A registration's report of nothing used yet. */
const NOTHING_USED = { usage: {}, seq: 0, heldBy: null };

describe("applyEffect: the machines' LedgerEffects", () => {
  it('SL-4, SL-9, SL-8: register, move and release', () => {
    const ledger = backend();
    const report = (n: number, seq: number) => ({ usage: { [E]: n }, seq, heldBy: null });
    expect(ledger.applyEffect({ kind: 'register', instanceId: 'ucm', accountId: 'va', report: report(4, 1) }, 0)).toMatchObject({
      ok: true,
      kind: 'register',
    });
    // SL-4, SL-7: the registration's report is recorded with it.
    expect(ledger.typeStatus('va', E).consumption).toBe(4);
    expect(ledger.holdings('ucm').reportSeq).toBe(1);
    expect(ledger.applyEffect({ kind: 'move', instanceId: 'ucm', accountId: 'va2', report: report(5, 2) }, 1)).toMatchObject({
      ok: true,
      kind: 'move',
    });
    expect(ledger.typeStatus('va', E).consumption).toBe(0);
    expect(ledger.typeStatus('va2', E).consumption).toBe(5);
    expect(ledger.applyEffect({ kind: 'release', instanceId: 'ucm' }, 2)).toMatchObject({
      ok: true,
      kind: 'release',
      released: { [E]: 5 },
    });
    // SL-8: an instance CSSM no longer holds (removed there, or released already) has nothing to release.
    expect(ledger.applyEffect({ kind: 'release', instanceId: 'ucm' }, 3)).toMatchObject({ ok: true, kind: 'release', released: {} });
    // A reserved instance leaves by reservation return, not by a release (SLR-7).
    ledger.reserve('air', 'va', { [E]: 1 });
    expect(ledger.checkEffect({ kind: 'release', instanceId: 'air' }, 3)).toMatchObject({ code: 'reserved', rule: 'SLR-7' });
  });

  it("EX-1: exportGrant consumes the VA's export authorization unit, exportReturn gives it back", () => {
    const ledger = backend();
    ledger.applyEffect({ kind: 'register', instanceId: 'ucm', accountId: 'va', report: NOTHING_USED }, 0);
    expect(ledger.applyEffect({ kind: 'exportGrant', instanceId: 'ucm', accountId: 'va' }, 0)).toMatchObject({
      ok: true,
      kind: 'exportGrant',
    });
    expect(ledger.typeStatus('va', EXPORT_AUTHORIZATION)).toMatchObject({ inUse: 1, available: 0 });
    expect(ledger.applyEffect({ kind: 'exportReturn', instanceId: 'ucm', accountId: 'va' }, 0).ok).toBe(true);
    expect(ledger.typeStatus('va', EXPORT_AUTHORIZATION)).toMatchObject({ inUse: 0, available: 1 });
  });

  it('SL-9, EX-1: reregistering to another VA returns the export licence to the old VA', () => {
    const ledger = backend();
    ledger.purchase('va2', EXPORT_AUTHORIZATION, 1);
    ledger.applyEffect({ kind: 'register', instanceId: 'ucm', accountId: 'va', report: NOTHING_USED }, 0);
    ledger.applyEffect({ kind: 'exportGrant', instanceId: 'ucm', accountId: 'va' }, 0);
    expect(ledger.typeStatus('va', EXPORT_AUTHORIZATION)).toMatchObject({ inUse: 1, available: 0 });
    ledger.applyEffect({ kind: 'move', instanceId: 'ucm', accountId: 'va2', report: { usage: {}, seq: 1, heldBy: null } }, 1);
    expect(ledger.typeStatus('va', EXPORT_AUTHORIZATION)).toMatchObject({ inUse: 0, available: 1 });
    expect(ledger.typeStatus('va2', EXPORT_AUTHORIZATION)).toMatchObject({ inUse: 0, available: 1 });
  });

  it('SL-9, EX-1 (moved): a move keeping the export grant takes a free export licence of the new VA, or is refused', () => {
    const ledger = backend();
    ledger.applyEffect({ kind: 'register', instanceId: 'ucm', accountId: 'va', report: NOTHING_USED }, 0);
    ledger.applyEffect({ kind: 'exportGrant', instanceId: 'ucm', accountId: 'va' }, 0);
    const move = {
      kind: 'move',
      instanceId: 'ucm',
      accountId: 'va2',
      report: { usage: {}, seq: 1, heldBy: null },
      keepExport: true,
    } as const;
    // va2 has none: refused before anything moves.
    expect(ledger.checkEffect(move, 1)).toMatchObject({ code: 'noExportAuthorization', rule: 'EX-1' });
    expect(ledger.applyEffect(move, 1)).toMatchObject({ ok: false, code: 'noExportAuthorization' });
    expect(ledger.registration('ucm')).toBe('va');
    ledger.purchase('va2', EXPORT_AUTHORIZATION, 1);
    expect(ledger.applyEffect(move, 1).ok).toBe(true);
    expect(ledger.typeStatus('va', EXPORT_AUTHORIZATION)).toMatchObject({ inUse: 0, available: 1 });
    expect(ledger.typeStatus('va2', EXPORT_AUTHORIZATION)).toMatchObject({ inUse: 1, available: 0 });
    expect(ledger.applyEffect({ kind: 'exportReturn', instanceId: 'ucm', accountId: 'va2' }, 2).ok).toBe(true);
  });

  it('SLR-3, SLR-4, SLR-5, SLR-7: CSSM reserves, the instance installs, CSSM confirms, the return code releases', () => {
    const ledger = backend();
    expect(ledger.applyEffect({ kind: 'reserve', instanceId: 'air', accountId: 'va', counts: { [E]: 4 } }, 0)).toMatchObject({
      ok: true,
      code: 'SLR-air-1',
    });
    expect(ledger.applyEffect({ kind: 'reservationInstalled', instanceId: 'air' }, 0)).toMatchObject({
      ok: true,
      confirmationCode: 'SLRC-air-1',
    });
    expect(ledger.applyEffect({ kind: 'updateReservation', instanceId: 'air', counts: { [E]: 6 } }, 0)).toMatchObject({
      ok: true,
      code: 'SLR-air-2',
    });
    expect(ledger.applyEffect({ kind: 'reservationConfirmationCode', instanceId: 'air' }, 0)).toMatchObject({
      ok: true,
      confirmationCode: 'SLRC-air-2',
    });
    expect(ledger.applyEffect({ kind: 'confirmReservation', instanceId: 'air' }, 0).ok).toBe(true);
    expect(ledger.applyEffect({ kind: 'reservedUsage', instanceId: 'air', usage: { [E]: 9 } }, 0).ok).toBe(true);
    expect(ledger.reservation('air')?.shortfall).toEqual({ [E]: 3 });
    expect(ledger.applyEffect({ kind: 'reservationReturnCode', instanceId: 'air' }, 0)).toMatchObject({
      ok: true,
      returnCode: 'SLRR-air-2',
    });
    expect(ledger.checkEffect({ kind: 'reservedUsage', instanceId: 'air', usage: { [E]: 1 } }, 0)).toMatchObject({ code: 'returned' });
    expect(ledger.applyEffect({ kind: 'enterReturnCode', instanceId: 'air' }, 0)).toMatchObject({ ok: true, released: { [E]: 6 } });
    expect(ledger.checkEffect({ kind: 'enterReturnCode', instanceId: 'air' }, 0)).toMatchObject({ code: 'noReservation', rule: 'SLR-7' });
  });

  it('CS-3: claim effects claim sessions; the clock given moves TERM lapses first (SLR-10)', () => {
    const ledger = backend();
    ledger.purchase('cs-lic', SESSIONS, 50, { start: 0, end: 100 });
    expect(ledger.freeSessions('cs-lic')).toBe(150);
    const claim = (sessions: number): LedgerEffect => ({ kind: 'claim', instanceId: 's1', licenseId: 'cs-lic', sessions });
    expect(ledger.applyEffect(claim(120), 100)).toMatchObject({ ok: false, code: 'insufficient' });
    expect(ledger.applyEffect(claim(100), 100)).toMatchObject({ ok: true, claimed: 100 });
    expect(ledger.freeSessions('cs-lic')).toBe(0);
  });

  it('SL-7, SL-10: CSSM records report numbers; a satellite holds reports until it syncs', () => {
    const ledger = backend();
    ledger.applyEffect({ kind: 'register', instanceId: 'a', accountId: 'va', report: NOTHING_USED }, 0);
    ledger.applyEffect({ kind: 'register', instanceId: 'b', accountId: 'va', report: NOTHING_USED }, 0);
    expect(ledger.applyEffect({ kind: 'recordUsage', instanceId: 'a', accountId: 'va', usage: { [E]: 3 }, seq: 1 }, 0).ok).toBe(true);
    expect(
      ledger.applyEffect({ kind: 'stageUsage', satelliteId: 'sat', instanceId: 'b', accountId: 'va', usage: { [E]: 5 }, seq: 1 }, 0).ok,
    ).toBe(true);
    // The satellite holds b's report: CSSM counts a's only.
    expect(ledger.typeStatus('va', E).consumption).toBe(3);
    expect(ledger.holdings('b').reportSeq).toBe(1);
    expect(ledger.applyEffect({ kind: 'forwardStaged', satelliteId: 'sat' }, 1)).toMatchObject({ ok: true, forwarded: 1, dropped: 0 });
    expect(ledger.typeStatus('va', E).consumption).toBe(8);
    // A report for a VA that does not hold the instance is refused.
    expect(ledger.checkEffect({ kind: 'recordUsage', instanceId: 'a', accountId: 'va2', usage: { [E]: 1 }, seq: 2 }, 2)).toMatchObject({
      code: 'notRegistered',
      rule: 'SL-7',
    });
  });

  it('SL-4, SL-7, SL-10: a registration through a satellite leaves its report there until the sync; bad counts refuse it', () => {
    const ledger = backend();
    const viaSatellite = { usage: { [E]: 6 }, seq: 1, heldBy: 'sat' };
    expect(ledger.applyEffect({ kind: 'register', instanceId: 'a', accountId: 'va', report: viaSatellite }, 0).ok).toBe(true);
    expect(ledger.typeStatus('va', E).consumption).toBe(0);
    expect(ledger.holdings('a')).toMatchObject({ registeredTo: 'va', reportSeq: 1 });
    expect(ledger.applyEffect({ kind: 'forwardStaged', satelliteId: 'sat' }, 1)).toMatchObject({ ok: true, forwarded: 1 });
    expect(ledger.typeStatus('va', E).consumption).toBe(6);
    const bad = { usage: { [E]: 1.5 }, seq: 1, heldBy: null };
    expect(ledger.checkEffect({ kind: 'register', instanceId: 'b', accountId: 'va', report: bad }, 1)).toMatchObject({
      code: 'badCount',
      rule: 'SL-7',
    });
  });

  it('SL-10: a report held by one satellite, then sent to another or straight to CSSM, is forwarded once, by the one holding it', () => {
    const ledger = backend();
    const stage = (satelliteId: string, n: number, seq: number) =>
      ledger.applyEffect({ kind: 'stageUsage', satelliteId, instanceId: 'a', accountId: 'va', usage: { [E]: n }, seq }, 0);
    ledger.applyEffect({ kind: 'register', instanceId: 'a', accountId: 'va', report: NOTHING_USED }, 0);
    stage('sat-1', 3, 1);
    stage('sat-2', 4, 2);
    expect(ledger.applyEffect({ kind: 'forwardStaged', satelliteId: 'sat-1' }, 1)).toMatchObject({ forwarded: 0 });
    expect(ledger.applyEffect({ kind: 'forwardStaged', satelliteId: 'sat-2' }, 1)).toMatchObject({ forwarded: 1 });
    expect(ledger.typeStatus('va', E).consumption).toBe(4);
    // Held again by sat-1, replaced by a direct report, held again: one forward of the last one held.
    stage('sat-1', 5, 3);
    ledger.applyEffect({ kind: 'recordUsage', instanceId: 'a', accountId: 'va', usage: { [E]: 6 }, seq: 4 }, 2);
    stage('sat-1', 7, 5);
    expect(ledger.applyEffect({ kind: 'forwardStaged', satelliteId: 'sat-1' }, 3)).toMatchObject({ forwarded: 1 });
    expect(ledger.typeStatus('va', E).consumption).toBe(7);
    expect(ledger.applyEffect({ kind: 'forwardStaged', satelliteId: 'sat-1' }, 4)).toMatchObject({ forwarded: 0 });
  });

  it('SL-8: Remove registered product instance releases what CSSM holds, only in the VA that holds it', () => {
    const ledger = backend();
    ledger.applyEffect({ kind: 'register', instanceId: 'a', accountId: 'va', report: NOTHING_USED }, 0);
    ledger.applyEffect({ kind: 'recordUsage', instanceId: 'a', accountId: 'va', usage: { [E]: 3 }, seq: 1 }, 0);
    expect(ledger.checkEffect({ kind: 'removeInstance', instanceId: 'a', accountId: 'va2' }, 0)).toMatchObject({ rule: 'SL-8' });
    expect(ledger.applyEffect({ kind: 'removeInstance', instanceId: 'a', accountId: 'va' }, 0)).toMatchObject({
      ok: true,
      released: { [E]: 3 },
    });
    expect(ledger.holdings('a').registeredTo).toBeNull();
  });

  it("NL-7: check-outs within the file's regime, check-ins of what is held, the removed licence takes its units (NL-6)", () => {
    const ledger = backend();
    expect(ledger.checkEffect({ kind: 'checkOut', instanceId: 'srv', accountId: 'file', counts: { [DLU]: 51 } }, 0)).toMatchObject({
      code: 'overdraftLimit',
      rule: 'NL-7',
      alarms: [{ name: 'CiscoLicenseRequestFailed' }],
    });
    expect(ledger.applyEffect({ kind: 'checkOut', instanceId: 'srv', accountId: 'file', counts: { [DLU]: 30 } }, 0).ok).toBe(true);
    expect(ledger.checkEffect({ kind: 'checkIn', instanceId: 'srv', accountId: 'file', counts: { [DLU]: 31 } }, 0)).toMatchObject({
      code: 'notHeld',
    });
    expect(ledger.applyEffect({ kind: 'checkIn', instanceId: 'srv', accountId: 'file', counts: { [DLU]: 10 } }, 0).ok).toBe(true);
    expect(ledger.applyEffect({ kind: 'removeLicense', instanceId: 'srv', accountId: 'file' }, 0)).toMatchObject({
      ok: true,
      released: { [DLU]: 20 },
    });
    expect(ledger.holdings('srv').units).toEqual({});
  });

  it('checkEffect answers what applyEffect would, and changes nothing', () => {
    const ledger = backend();
    const effect: LedgerEffect = { kind: 'claim', instanceId: 's1', licenseId: 'cs-lic', sessions: 40 };
    expect(ledger.checkEffect(effect, 0)).toBeNull();
    expect(ledger.freeSessions('cs-lic')).toBe(100);
    expect(ledger.checkEffect({ ...effect, sessions: 101 }, 0)).toMatchObject({ code: 'insufficient', rule: 'CS-2' });
    // An account that was never opened is a refusal, not a crash: a machine's guard may name anything.
    expect(ledger.checkEffect({ kind: 'claim', instanceId: 's1', licenseId: 'nope', sessions: 1 }, 0)).toMatchObject({
      code: 'unknownAccount',
    });
  });
});

describe('LicensingFacts backed by the ledger, driving the machines', () => {
  function effectsOf(actor: { on: (t: '*', h: (e: EmittedEvent) => void) => unknown }): LedgerEffect[] {
    const out: LedgerEffect[] = [];
    actor.on('*', (e) => {
      if (e.type === 'effect') out.push(e.effect);
    });
    return out;
  }

  it('CS-2, CS-4: the session-claim machine reads free sessions from the ledger', () => {
    const ledger = backend();
    const env = { now: () => 0, facts: ledger.facts, usageOf: NO_USAGE };
    const servers = ['s1', 's2'].map((id) => {
      const actor = createActor(createSessionClaimMachine(env), {
        input: {
          policy: sessionClaimDefaults,
          instanceId: id,
          product: 'call-services',
          licenseId: 'cs-lic',
          keyRelease: '5.0',
          release: '5.0',
        },
      });
      const effects = effectsOf(actor);
      actor.start();
      return { id, actor, effects };
    });
    const [s1, s2] = servers;
    if (s1 === undefined || s2 === undefined) throw new Error('two servers');
    s1.actor.send({ type: 'ACTIVATE', mode: 'manual', sessions: 70 });
    for (const e of s1.effects.splice(0)) expect(ledger.applyEffect(e, 0).ok).toBe(true);
    expect(ledger.freeSessions('cs-lic')).toBe(30);
    s2.actor.send({ type: 'ACTIVATE', mode: 'manual', sessions: 31 });
    expect(s2.effects).toEqual([]);
    s1.actor.send({ type: 'REACTIVATE', mode: 'manual', sessions: 90 });
    for (const e of s1.effects.splice(0)) expect(ledger.applyEffect(e, 0)).toMatchObject({ ok: true, added: 20 });
    expect(ledger.freeSessions('cs-lic')).toBe(10);
    for (const s of servers) s.actor.stop();
  });

  it('SLR-3, SLR-4: the Smart Licensing machine installs the code the ledger generated', () => {
    const ledger = backend();
    const env = { now: () => 0, facts: ledger.facts, usageOf: NO_USAGE };
    const actor = createActor(createSmartLicensingMachine(env), { input: { policy: smartLicensingDefaults, instanceId: 'air' } });
    const effects = effectsOf(actor);
    actor.start();
    actor.send({ type: 'SLR_ENABLE' });
    actor.send({ type: 'SLR_REQUEST' });
    const code = ledger.reserve('air', 'va', { [E]: 3 });
    expect(code).toEqual({ ok: true, code: 'SLR-air-1' });
    actor.send({ type: 'SLR_INSTALL', code: 'SLR-air-1', counts: { [E]: 3 } });
    expect(effects).toEqual([
      { kind: 'reservationInstalled', instanceId: 'air' },
      { kind: 'reservedUsage', instanceId: 'air', usage: {} },
    ]);
    expect(ledger.applyEffect(effects[0] ?? { kind: 'release', instanceId: 'air' }, 0).ok).toBe(true);
    expect(ledger.reservation('air')).toMatchObject({ installed: true, reserved: { [E]: 3 } });
    actor.stop();
  });
});
