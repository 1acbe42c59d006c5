import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { EXPORT_AUTHORIZATION, Ledger, SESSIONS } from '../../ledger/index.ts';
import type { EmittedEvent, LedgerEffect } from '../../machines/emitted.ts';
import { sessionClaimDefaults, smartLicensingDefaults } from '../../machines/policy.ts';
import { createSessionClaimMachine } from '../../machines/sessionClaim/machine.ts';
import { createSmartLicensingMachine } from '../../machines/smartLicensing/machine.ts';

const E = 'UCL-Enhanced';

function backend() {
  const ledger = new Ledger();
  ledger.openAccount({ id: 'va', kind: 'virtualAccount' });
  ledger.openAccount({ id: 'va2', kind: 'virtualAccount' });
  ledger.openAccount({ id: 'cs-lic', kind: 'sessionLicense' });
  ledger.purchase('va', E, 10);
  ledger.purchase('va', EXPORT_AUTHORIZATION, 1);
  ledger.purchase('cs-lic', SESSIONS, 100);
  return ledger;
}

describe('applyEffect: the machines\' LedgerEffects', () => {
  it('SL-4, SL-9, SL-8: register, move and release', () => {
    const ledger = backend();
    expect(ledger.applyEffect('ucm', { kind: 'register', accountId: 'va' }, 0)).toMatchObject({ ok: true, kind: 'register' });
    ledger.reportUsage('ucm', { [E]: 4 });
    expect(ledger.applyEffect('ucm', { kind: 'move', accountId: 'va2' }, 1)).toMatchObject({ ok: true, kind: 'move' });
    expect(ledger.typeStatus('va2', E).consumption).toBe(4);
    expect(ledger.applyEffect('ucm', { kind: 'release' }, 2)).toMatchObject({ ok: true, kind: 'release', released: { [E]: 4 } });
    expect(ledger.applyEffect('ucm', { kind: 'release' }, 3)).toMatchObject({ ok: false, code: 'notRegistered', rule: 'SL-8' });
  });

  it('EX-1: exportGrant consumes the VA\'s export authorization unit, exportReturn gives it back', () => {
    const ledger = backend();
    ledger.applyEffect('ucm', { kind: 'register', accountId: 'va' }, 0);
    expect(ledger.applyEffect('ucm', { kind: 'exportGrant', accountId: 'va' }, 0)).toMatchObject({ ok: true, kind: 'exportGrant' });
    expect(ledger.typeStatus('va', EXPORT_AUTHORIZATION)).toMatchObject({ inUse: 1, available: 0 });
    expect(ledger.applyEffect('ucm', { kind: 'exportReturn', accountId: 'va' }, 0).ok).toBe(true);
    expect(ledger.typeStatus('va', EXPORT_AUTHORIZATION)).toMatchObject({ inUse: 0, available: 1 });
  });

  it('SLR-4, SLR-5, SLR-7: reservation effects install, confirm-code and return', () => {
    const ledger = backend();
    ledger.reserve('air', 'va', { [E]: 4 });
    expect(ledger.applyEffect('air', { kind: 'reservationInstalled' }, 0)).toMatchObject({ ok: true, confirmationCode: 'SLRC-air-1' });
    ledger.updateReservation('air', { [E]: 6 });
    expect(ledger.applyEffect('air', { kind: 'reservationConfirmationCode' }, 0)).toMatchObject({ ok: true, confirmationCode: 'SLRC-air-2' });
    expect(ledger.confirm('air').ok).toBe(true);
    expect(ledger.applyEffect('air', { kind: 'reservationReturnCode' }, 0)).toMatchObject({ ok: true, released: { [E]: 6 } });
  });

  it('CS-3: claim effects claim sessions; the clock given moves TERM lapses first (SLR-10)', () => {
    const ledger = backend();
    ledger.purchase('cs-lic', SESSIONS, 50, { start: 0, end: 100 });
    expect(ledger.freeSessions('cs-lic')).toBe(150);
    expect(ledger.applyEffect('s1', { kind: 'claim', licenseId: 'cs-lic', sessions: 120 }, 100)).toMatchObject({ ok: false, code: 'insufficient' });
    expect(ledger.applyEffect('s1', { kind: 'claim', licenseId: 'cs-lic', sessions: 100 }, 100)).toMatchObject({ ok: true, claimed: 100 });
    expect(ledger.freeSessions('cs-lic')).toBe(0);
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
    const env = { now: () => 0, facts: ledger.facts };
    const servers = ['s1', 's2'].map((id) => {
      const actor = createActor(createSessionClaimMachine(env), {
        input: { policy: sessionClaimDefaults, instanceId: id, product: 'call-services', licenseId: 'cs-lic', keyRelease: '5.0', release: '5.0' },
      });
      const effects = effectsOf(actor);
      actor.start();
      return { id, actor, effects };
    });
    const [s1, s2] = servers;
    if (s1 === undefined || s2 === undefined) throw new Error('two servers');
    s1.actor.send({ type: 'ACTIVATE', mode: 'manual', sessions: 70 });
    for (const e of s1.effects.splice(0)) expect(ledger.applyEffect(s1.id, e, 0).ok).toBe(true);
    expect(ledger.freeSessions('cs-lic')).toBe(30);
    s2.actor.send({ type: 'ACTIVATE', mode: 'manual', sessions: 31 });
    expect(s2.effects).toEqual([]);
    s1.actor.send({ type: 'REACTIVATE', mode: 'manual', sessions: 90 });
    for (const e of s1.effects.splice(0)) expect(ledger.applyEffect(s1.id, e, 0)).toMatchObject({ ok: true, added: 20 });
    expect(ledger.freeSessions('cs-lic')).toBe(10);
    for (const s of servers) s.actor.stop();
  });

  it('SLR-3, SLR-4: the Smart Licensing machine installs the code the ledger generated', () => {
    const ledger = backend();
    const env = { now: () => 0, facts: ledger.facts };
    const actor = createActor(createSmartLicensingMachine(env), { input: { policy: smartLicensingDefaults, instanceId: 'air' } });
    const effects = effectsOf(actor);
    actor.start();
    actor.send({ type: 'SLR_ENABLE' });
    actor.send({ type: 'SLR_REQUEST' });
    const code = ledger.reserve('air', 'va', { [E]: 3 });
    expect(code).toEqual({ ok: true, code: 'SLR-air-1' });
    actor.send({ type: 'SLR_INSTALL', code: 'SLR-air-1' });
    expect(effects).toEqual([{ kind: 'reservationInstalled' }]);
    expect(ledger.applyEffect('air', effects[0] ?? { kind: 'release' }, 0).ok).toBe(true);
    expect(ledger.reservation('air')).toMatchObject({ installed: true, reserved: { [E]: 3 } });
    actor.stop();
  });
});
