import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../machines/policyOverride.ts';
import { createSessionClaimMachine } from '../../machines/sessionClaim/machine.ts';
import type { SessionClaimInput } from '../../machines/sessionClaim/types.ts';
import { startActor } from '../support/actorHarness.ts';
import { mutableFacts } from '../support/smart.ts';

function server(input: Partial<SessionClaimInput> = {}, free = 100) {
  const facts = mutableFacts();
  facts.free.set('lic-100', free);
  const a = startActor(
    createSessionClaimMachine,
    {
      policy: defaultPolicy('session-claim'),
      instanceId: 'vxml-1',
      product: 'call-services',
      licenseId: 'lic-100',
      keyRelease: '5.0',
      release: '5.0',
      ...input,
    },
    facts,
  );
  return { a, facts };
}

const claims = (a: ReturnType<typeof server>['a']) =>
  a.effects().map((e) => (e.effect.kind === 'claim' ? [e.effect.sessions, e.rule] : [e.effect.kind]));

describe('Activation-claimed seats and sessions (CS-1..CS-6)', () => {
  it('CS-1: Studio claims one seat per machine and licences are not transferable', () => {
    const { a } = server({ product: 'studio' });
    a.send({ type: 'ACTIVATE', mode: 'automatic', sessions: 40 });
    expect(claims(a)).toEqual([[1, 'CS-3']]);
    a.send({ type: 'TRANSFER' });
    expect(a.refusals('TRANSFER')).toMatchObject([{ rule: 'CS-1' }]);
  });

  it('CS-1: an administrative rehost is confirmed by reactivating the old machine, which is then deactivated', () => {
    const { a } = server();
    a.send({ type: 'ACTIVATE', mode: 'manual', sessions: 10 }).send({ type: 'REHOST' });
    expect(a.status()).toBe('rehostPending');
    a.send({ type: 'REACTIVATE', mode: 'automatic' });
    // DOMAIN.md CS-1: "the seat moves to the new machine — the total claimed does not grow".
    expect(a.status()).toBe('rehosted');
    expect(claims(a)).toEqual([[10, 'CS-3'], ['rehost']]);
    expect(a.snapshot().context.claimed).toBe(0);
    a.send({ type: 'ACTIVATE', mode: 'automatic', sessions: 1 });
    expect(a.refusals('ACTIVATE')).toMatchObject([{ rule: 'CS-1', reason: 'rehosted: its licence moved to another machine' }]);
  });

  it('CS-2: an activation asking for more sessions than are free is refused', () => {
    const { a } = server({}, 30);
    a.send({ type: 'ACTIVATE', mode: 'automatic', sessions: 31 });
    expect(a.refusals('ACTIVATE')).toMatchObject([{ rule: 'CS-2', reason: 'the licence has too few unclaimed sessions or seats left' }]);
    expect(a.status()).toBe('notActivated');
    a.send({ type: 'ACTIVATE', mode: 'automatic', sessions: 30 });
    expect(a.snapshot().context.claimed).toBe(30);
  });

  it('CS-3: deactivation returns nothing: the claim stays', () => {
    const { a } = server();
    a.send({ type: 'ACTIVATE', mode: 'automatic', sessions: 50 }).send({ type: 'DEACTIVATE' });
    expect(a.status()).toBe('deactivated');
    expect(claims(a)).toEqual([[50, 'CS-3']]);
    expect(a.snapshot().context.claimed).toBe(50);
    a.send({ type: 'ACTIVATE', mode: 'automatic', sessions: 5 });
    expect(a.refusals('ACTIVATE')).toMatchObject([{ rule: 'CS-3' }]);
  });

  // Decided from DOMAIN.md CS-1: "the old machine is deactivated (confirmed by reactivating it)": a reactivation that
  // fails is how a deactivation is confirmed, so a deactivated installation cannot be reactivated (nor its claim reused).
  it('CS-1, CS-3: a deactivated installation cannot be reactivated: the attempt confirms the deactivation', () => {
    const { a } = server();
    a.send({ type: 'ACTIVATE', mode: 'automatic', sessions: 10 }).send({ type: 'DEACTIVATE' });
    a.send({ type: 'REACTIVATE', mode: 'automatic' });
    expect(a.status()).toBe('deactivated');
    expect(a.refusals('REACTIVATE')).toMatchObject([
      { rule: 'CS-3', reason: 'deactivated; its claimed sessions stay claimed and are not returned' },
    ]);
    expect(claims(a)).toEqual([[10, 'CS-3']]);
  });

  it('CS-4: reactivation consumes nothing unless it asks for more, then only the difference', () => {
    const { a, facts } = server();
    a.send({ type: 'ACTIVATE', mode: 'automatic', sessions: 10 });
    facts.free.set('lic-100', 90);
    a.send({ type: 'REACTIVATE', mode: 'automatic' });
    a.send({ type: 'REACTIVATE', mode: 'automatic', sessions: 10 });
    a.send({ type: 'REACTIVATE', mode: 'automatic', sessions: 25 });
    expect(claims(a)).toEqual([
      [10, 'CS-3'],
      [15, 'CS-4'],
    ]);
    expect(a.snapshot().context).toMatchObject({ claimed: 25, reactivations: 3 });
  });

  it('CS-4: reactivation beyond the free sessions is refused with a reason', () => {
    const { a, facts } = server();
    a.send({ type: 'ACTIVATE', mode: 'automatic', sessions: 10 });
    facts.free.set('lic-100', 5);
    a.send({ type: 'REACTIVATE', mode: 'automatic', sessions: 16 });
    expect(a.refusals('REACTIVATE')).toMatchObject([
      { rule: 'CS-4', reason: 'the licence has too few unclaimed sessions left for the increase' },
    ]);
    a.send({ type: 'REACTIVATE', mode: 'automatic', sessions: 15 });
    expect(a.snapshot().context.claimed).toBe(15);
  });

  it('CS-5: automatic activation needs the licence server; manual activation does not', () => {
    const { a } = server({ reachable: false });
    a.send({ type: 'ACTIVATE', mode: 'automatic', sessions: 10 });
    expect(a.refusals('ACTIVATE')).toMatchObject([{ rule: 'CS-5' }]);
    a.send({ type: 'ACTIVATE', mode: 'manual', sessions: 10 });
    expect(a.status()).toBe('active');
    expect(a.snapshot().context.activation).toBe('manual');
    expect(a.permits('serve')).toEqual({ allowed: true });
  });

  it('CS-5: an installation that is not activated does not serve', () => {
    const { a } = server();
    expect(a.permits('serve')).toMatchObject({ allowed: false, rule: 'CS-5' });
  });

  it('CS-6: a 5.0 key activates 5.1 but not 6.0', () => {
    const ok = server({ keyRelease: '5.0', release: '5.1' }).a.send({ type: 'ACTIVATE', mode: 'automatic', sessions: 1 });
    expect(ok.status()).toBe('active');
    const bad = server({ keyRelease: '5.0', release: '6.0' }).a.send({ type: 'ACTIVATE', mode: 'automatic', sessions: 1 });
    expect(bad.refusals('ACTIVATE')).toMatchObject([{ rule: 'CS-6' }]);
  });

  // DOMAIN.md CS-6: "treating a key as a version range — 5.x matches 5.1(1) — is a policy choice, default on".
  describe('CS-6: a key as a range of releases (keyVersionRanges, on by default)', () => {
    const activates = (keyRelease: string, release: string, keyVersionRanges = true) =>
      server({ keyRelease, release, policy: { ...defaultPolicy('session-claim'), keyVersionRanges } })
        .a.send({ type: 'ACTIVATE', mode: 'automatic', sessions: 1 })
        .status() === 'active';

    it('5.x activates 5.1(1) and 5.0; 5.1 activates its maintenance releases; neither activates 6.0 or 5.10 from 5.1', () => {
      expect([activates('5.x', '5.1(1)'), activates('5.x', '5.0'), activates('5.1', '5.1(1)'), activates('5.1', '5.1.2')]).toEqual([
        true,
        true,
        true,
        true,
      ]);
      expect([activates('5.x', '6.0'), activates('5.1', '5.10'), activates('5.1', '5.2')]).toEqual([false, false, false]);
    });

    it('5.x (or 5.X) names release 5 itself too, and not 50', () => {
      expect([activates('5.x', '5'), activates('5.X', '5.1(1)'), activates('5.x', '50'), activates('5.X', '6')]).toEqual([
        true,
        true,
        false,
        false,
      ]);
    });

    it('interchangeable releases (5.0 and 5.1) take their maintenance releases too: a 5.0 key activates 5.1(1)', () => {
      expect(activates('5.0', '5.1(1)')).toBe(true);
    });

    it('off: a key fits only the exact release (or one listed as interchangeable)', () => {
      expect([activates('5.x', '5.1(1)', false), activates('5.0', '5.1(1)', false), activates('5.0', '5.1', false)]).toEqual([
        false,
        false,
        true,
      ]);
    });
  });
});

describe('CS-4, CS-7: licences expire and change; an installation sees a change only when it reactivates', () => {
  const DAY = 1440;
  /** A server on a licence expiring on day 30, activated on day 1. */
  const expiring = (policy: Partial<ReturnType<typeof defaultPolicy<'session-claim'>>> = {}) => {
    const { a, facts } = server({ policy: { ...defaultPolicy('session-claim'), ...policy } });
    facts.terms.set('lic-100', { expiresAt: 30 * DAY, features: [] });
    a.advanceTo(1).send({ type: 'ACTIVATE', mode: 'automatic', sessions: 10 });
    return { a, facts };
  };

  it('CS-7: the installation stops on the day the licence it pulled expires (default), its claim kept', () => {
    const { a } = expiring();
    a.advanceTo(29);
    expect(a.status()).toBe('active');
    a.advanceTo(31);
    expect(a.dayEntered('licenseExpired')).toBe(30);
    expect(a.status()).toBe('licenseExpired');
    expect(a.permits('serve')).toMatchObject({ allowed: false, rule: 'CS-7' });
    expect(claims(a)).toEqual([[10, 'CS-3']]);
  });

  it('CS-7: an extension is not seen until a reactivation pulls it; reactivated, the new expiry is timed', () => {
    const { a, facts } = expiring();
    // Extended on day 10 to day 60; not reactivated: it still stops on day 30.
    a.advanceTo(10);
    facts.terms.set('lic-100', { expiresAt: 60 * DAY, features: [] });
    a.advanceTo(31);
    expect(a.dayEntered('licenseExpired')).toBe(30);
    // The reactivation on day 31 pulls the extended licence: active again, until day 60; nothing more is claimed (CS-4).
    a.send({ type: 'REACTIVATE', mode: 'automatic' });
    expect(a.status()).toBe('active');
    a.advanceTo(59);
    expect(a.status()).toBe('active');
    a.advanceTo(61);
    expect(a.dayEntered('licenseExpired', 31)).toBe(60);
    expect(claims(a)).toEqual([[10, 'CS-3']]);
  });

  it('CS-7: a reactivation before the expiry moves the timer to the extended date', () => {
    const { a, facts } = expiring();
    a.advanceTo(20);
    facts.terms.set('lic-100', { expiresAt: 90 * DAY, features: [] });
    a.send({ type: 'REACTIVATE', mode: 'automatic' }).advanceTo(89);
    expect(a.status()).toBe('active');
    a.advanceTo(91);
    expect(a.dayEntered('licenseExpired')).toBe(90);
  });

  it('CS-7: reactivating or activating on a licence that has expired and was not extended is refused with the rule', () => {
    const { a } = expiring();
    a.advanceTo(31).send({ type: 'REACTIVATE', mode: 'automatic' });
    expect(a.refusals('REACTIVATE')).toMatchObject([{ rule: 'CS-7' }]);
    expect(a.status()).toBe('licenseExpired');
    const { a: late, facts } = server();
    facts.terms.set('lic-100', { expiresAt: 5 * DAY, features: [] });
    late.advanceTo(6).send({ type: 'ACTIVATE', mode: 'automatic', sessions: 10 });
    expect(late.refusals('ACTIVATE')).toMatchObject([{ rule: 'CS-7' }]);
    expect(late.status()).toBe('notActivated');
    expect(claims(late)).toEqual([]);
  });

  it('CS-7: with expiredLicense runs, an installation serves on past its expiry, and reactivation is refused until extended', () => {
    const { a, facts } = expiring({ expiredLicense: 'runs' });
    a.advanceTo(31);
    expect(a.dayEntered('active.lapsed')).toBe(30);
    expect(a.status()).toBe('activeLicenseExpired');
    expect(a.permits('serve')).toMatchObject({ allowed: true });
    a.send({ type: 'REACTIVATE', mode: 'automatic' });
    expect(a.refusals('REACTIVATE')).toMatchObject([{ rule: 'CS-7' }]);
    facts.terms.set('lic-100', { expiresAt: 100 * DAY, features: [] });
    a.send({ type: 'REACTIVATE', mode: 'automatic' });
    expect(a.status()).toBe('active');
  });

  it('CS-4, CS-7: a feature added to the licence is usable only after a reactivation pulls it', () => {
    const { a, facts } = server();
    a.send({ type: 'ACTIVATE', mode: 'automatic', sessions: 10 });
    facts.terms.set('lic-100', { expiresAt: null, features: ['speech-recognition'] });
    a.send({ type: 'USE_FEATURE', feature: 'speech-recognition' });
    expect(a.refusals('USE_FEATURE')).toMatchObject([{ rule: 'CS-7' }]);
    a.send({ type: 'REACTIVATE', mode: 'automatic' }).send({ type: 'USE_FEATURE', feature: 'speech-recognition' });
    expect(a.refusals('USE_FEATURE')).toHaveLength(1);
    a.send({ type: 'USE_FEATURE', feature: 'text-to-speech' });
    expect(a.refusals('USE_FEATURE')).toHaveLength(2);
  });
});
