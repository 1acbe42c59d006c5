import { describe, expect, it } from 'vitest';
import { NO_FACTS } from '../../machines/env.ts';
import { createNodeLockedMachine } from '../../machines/nodeLocked/machine.ts';
import type { NodeLockedPolicy } from '../../machines/policy.ts';
import { defaultPolicy, mustOverridePolicy } from '../../machines/policyOverride.ts';
import { startActor } from '../support/actorHarness.ts';

const MAC = '00:1b:54:aa:01:02';
const NEW_MAC = 'aa:bb:cc:dd:ee:ff';
const LICENSE = { type: 'UPLOAD_LICENSE', file: 'cup-pub.lic', mac: MAC, servers: 1 } as const;
const REHOSTED = { ...LICENSE, mac: NEW_MAC };
const WARNING = 'LicenseGraceExpiryWarning';

const facts = { ...NO_FACTS, licenceFileFree: () => 1000 };

/** A licensed Presence server whose MAC changes on day 100 (NL-6: a rehost grace until day 130 by default). */
function rehosting(overrides: Partial<NodeLockedPolicy> = {}) {
  const policy = mustOverridePolicy('node-locked', overrides);
  return startActor(createNodeLockedMachine, { policy, instanceId: 'cup-1', accountId: 'cup-file', mac: MAC, release: '7.0' }, facts)
    .send(LICENSE)
    .at(100, { type: 'MAC_CHANGE', mac: NEW_MAC });
}

const warnedOn = (a: ReturnType<typeof rehosting>) => a.alarms(WARNING).map((x) => [x.day, x.rule]);

describe('NL-6: the shutdown at the end of the rehost grace is announced by LicenseGraceExpiryWarning', () => {
  it('NL-6: by default (rehostGraceWarningDays 30, the whole grace) it is raised once, as the grace starts on day 100', () => {
    expect(defaultPolicy('node-locked').rehostGraceWarningDays).toBe(30);
    const a = rehosting().advanceTo(140);
    expect(warnedOn(a)).toEqual([[100, 'NL-6']]);
    expect(a.dayEntered('shutdown')).toBe(130);
  });

  it('NL-6: the lead time is a policy value: 10 days warns on day 120 of a shutdown on day 130', () => {
    const a = rehosting({ rehostGraceWarningDays: 10 }).advanceTo(119.9);
    expect(warnedOn(a)).toEqual([]);
    a.advanceTo(140);
    expect(warnedOn(a)).toEqual([[120, 'NL-6']]);
    expect(a.dayEntered('shutdown')).toBe(130);
  });

  it('NL-6: a grace shorter than the lead time (10 of 30 days) is warned of as it starts, on day 100', () => {
    const a = rehosting({ rehostGraceDays: 10 }).advanceTo(120);
    expect(warnedOn(a)).toEqual([[100, 'NL-6']]);
    expect(a.dayEntered('shutdown')).toBe(110);
  });

  it('NL-6: a second MAC change on day 102 is a new grace, warned of again: 10 days before its shutdown on day 132', () => {
    const a = rehosting({ rehostGraceWarningDays: 10 }).at(102, { type: 'MAC_CHANGE', mac: 'cc:cc:cc:cc:cc:cc' }).advanceTo(140);
    expect(warnedOn(a)).toEqual([[122, 'NL-6']]);
    expect(a.dayEntered('shutdown')).toBe(132);
    const whole = rehosting().at(102, { type: 'MAC_CHANGE', mac: 'cc:cc:cc:cc:cc:cc' }).advanceTo(140);
    expect(warnedOn(whole)).toEqual([
      [100, 'NL-6'],
      [102, 'NL-6'],
    ]);
  });

  it('NL-6: a grace ended by the rehost on day 110 (upload, delete, restart) is not warned of under a 10-day lead', () => {
    const a = rehosting({ rehostGraceWarningDays: 10 })
      .at(110, REHOSTED)
      .at(110, { type: 'DELETE_INVALID_LICENSE' })
      .at(110, { type: 'LICENSE_MANAGER_STARTED' })
      .advanceTo(140);
    expect(a.status()).toBe('production');
    expect(a.dayEntered('production', 101)).toBe(110);
    expect(warnedOn(a)).toEqual([]);
  });

  it('NL-13: with no grace (rehostGraceDays 0) the server shuts down on day 100 and nothing is warned of', () => {
    const a = rehosting({ rehostGraceDays: 0 }).advanceTo(140);
    expect(a.dayEntered('shutdown')).toBe(100);
    expect(warnedOn(a)).toEqual([]);
  });
});
