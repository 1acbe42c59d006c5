import { describe, expect, it } from 'vitest';
import { NO_FACTS } from '../../machines/env.ts';
import { createNodeLockedMachine } from '../../machines/nodeLocked/machine.ts';
import type { NodeLockedPolicy } from '../../machines/policy.ts';
import { mustOverridePolicy } from '../../machines/policyOverride.ts';
import { PRESETS } from '../../machines/presets.ts';
import { startActor } from '../support/actorHarness.ts';

const MAC = '00:1b:54:aa:01:02';
const LICENSE = { type: 'UPLOAD_LICENSE', file: 'cup-pub.lic', mac: MAC, servers: 1 } as const;

/** Units the licence file `cup-file` has free, by type (NL-5): plenty unless a test says otherwise. */
let fileFree: Record<string, number> = {};
const facts = { ...NO_FACTS, licenceFileFree: (_: string, type: string) => fileFree[type] ?? 1000 };

function presence(overrides: Partial<NodeLockedPolicy> = {}) {
  fileFree = {};
  const policy = mustOverridePolicy('node-locked', overrides);
  return startActor(createNodeLockedMachine, { policy, instanceId: 'cup-1', accountId: 'cup-file', mac: MAC, release: '7.0' }, facts);
}

describe('Node-locked licence files (NL-1..NL-6)', () => {
  it('NL-1: evaluation warnings fire daily from day 60 and the final alarm on day 90', () => {
    const a = presence().advanceTo(120);
    const warnings = a.alarms('LicenseEvaluationExpiryWarning').map((x) => x.day);
    expect(warnings[0]).toBe(60);
    expect(warnings.at(-1)).toBe(89);
    expect(warnings).toHaveLength(30);
    expect(a.alarms('LicenseEvaluationExpired').map((x) => x.day)).toEqual([90]);
    expect(a.dayEntered('expired')).toBe(90);
  });

  it('NL-1: a 60-day evaluation with 10 days of warnings moves both alarms', () => {
    const a = presence({ evaluationDays: 60, evaluationWarningDays: 10 }).advanceTo(100);
    expect(a.alarms('LicenseEvaluationExpiryWarning')[0]?.day).toBe(50);
    expect(a.alarms('LicenseEvaluationExpired').map((x) => x.day)).toEqual([60]);
  });

  it('NL-2: a reinstall of the same release does not restart evaluation', () => {
    const a = presence().at(50, { type: 'REINSTALL', release: '7.0' }).advanceTo(100);
    expect(a.dayEntered('expired')).toBe(90);
    a.send({ type: 'REINSTALL', release: '7.0' });
    expect(a.refusals('REINSTALL')).toMatchObject([{ rule: 'NL-2' }]);
    expect(a.status()).toBe('evaluationExpired');
  });

  it('NL-2: a release not evaluated before gets its own evaluation', () => {
    const a = presence().advanceTo(95).send({ type: 'REINSTALL', release: '7.1' }).advanceTo(200);
    expect(a.dayEntered('evaluation', 91)).toBe(95);
    expect(a.dayEntered('expired', 96)).toBe(185);
  });

  it('NL-2: an instance in evaluation cannot be upgraded; in production it can', () => {
    const a = presence().send({ type: 'UPGRADE', release: '7.1' });
    expect(a.refusals('UPGRADE')).toMatchObject([
      { rule: 'NL-2', reason: 'an instance in evaluation cannot be upgraded; upload a licence first' },
    ]);
    expect(a.snapshot().context.release).toBe('7.0');
    a.send(LICENSE).send({ type: 'UPGRADE', release: '7.1' });
    expect(a.snapshot().context.release).toBe('7.1');
  });

  it('NL-3: the softphone client is not supported in evaluation', () => {
    const a = presence();
    expect(a.permits('useSoftphone')).toMatchObject({ allowed: false, rule: 'NL-3' });
    expect(a.permits('serve')).toEqual({ allowed: true });
    a.send(LICENSE);
    expect(a.permits('useSoftphone')).toEqual({ allowed: true });
  });

  it('NL-1: CallManager 5 (freshInstall: unlicensed) has no evaluation: it serves nothing until a licence file is uploaded', () => {
    // NL-1's evaluation is Unified Presence's; the CallManager 5 document names none and enforces check-outs (NL-7).
    const a = presence({ freshInstall: 'unlicensed' });
    expect(a.status()).toBe('unlicensed');
    expect(a.dayEntered('evaluation')).toBeUndefined();
    expect(a.permits('serve')).toMatchObject({ allowed: false, rule: 'NL-7' });
    expect(a.permits('addDevice')).toMatchObject({ allowed: false, rule: 'NL-7' });
    a.advanceTo(120).send({ type: 'REINSTALL', release: '7.1' }).send({ type: 'UPGRADE', release: '7.1' });
    expect(a.alarms().map((x) => x.name)).toEqual([]);
    expect(a.status()).toBe('unlicensed');
    expect(a.refusals().map((r) => [r.op, r.rule])).toEqual([
      ['REINSTALL', 'NL-1'],
      ['UPGRADE', 'NL-5'],
    ]);
    a.send(LICENSE);
    expect(a.status()).toBe('production');
    expect(a.dayEntered('production')).toBe(120);
    expect(a.permits('serve')).toEqual({ allowed: true });
    // The default is Unified Presence's evaluation.
    expect(presence().status()).toBe('evaluation');
  });

  it('NL-4: expired evaluation stops the service; only a licence upload is accepted', () => {
    const a = presence().advanceTo(91);
    expect(a.permits('serve')).toMatchObject({ allowed: false, rule: 'NL-4' });
    a.send({ type: 'UPGRADE', release: '7.1' });
    expect(a.refusals('UPGRADE')).toMatchObject([{ rule: 'NL-4', reason: 'service is down; only a licence upload is accepted' }]);
    a.send(LICENSE);
    expect(a.status()).toBe('production');
    expect(a.permits('serve')).toEqual({ allowed: true });
  });

  it("NL-5: a licence must be a .lic file bound to the server's MAC covering the cluster", () => {
    const a = presence();
    a.send({ ...LICENSE, file: 'cup.txt' });
    a.send({ ...LICENSE, mac: '00:00:00:00:00:01' });
    a.send({ type: 'ADD_SERVER' }).send(LICENSE);
    expect(a.refusals('UPLOAD_LICENSE').map((r) => r.reason)).toEqual([
      'licence files must have a .lic suffix',
      "the licence is bound to another MAC address than the server's",
      'the licence covers fewer servers than the cluster has',
    ]);
    expect(a.alarms('CiscoLicenseFileError')).toHaveLength(2);
    a.send({ ...LICENSE, servers: 2 });
    expect(a.status()).toBe('production');
  });

  it('NL-5: an upload the licence file cannot cover is refused (uncoveredUpload: refused, the default): the server stays put', () => {
    // 40 device units and a server licence needed; the file has 25 DLU free (and server licences to spare).
    const a = presence().setUsage({ DLU: 40 }).advanceTo(20);
    fileFree = { DLU: 25 };
    a.send(LICENSE);
    expect(a.refusals('UPLOAD_LICENSE')).toEqual([
      {
        type: 'refused',
        op: 'UPLOAD_LICENSE',
        rule: 'NL-5',
        reason: 'the licence file cannot cover the upload: 40 DLU needed, 25 free',
        day: 20,
      },
    ]);
    expect(a.alarms('CiscoLicenseRequestFailed').map((x) => x.day)).toEqual([20]);
    // Where it was: in evaluation, no licence installed, nothing asked of the licence manager.
    expect(a.status()).toBe('evaluation');
    expect(a.snapshot().context).toMatchObject({ licenseMac: null, licensedServers: 0, held: {} });
    expect(a.backEnd()).toEqual([]);
    // With 40 free the same upload is covered: production from day 30, checking out 40 DLU and one server licence.
    fileFree = { DLU: 40 };
    a.at(30, LICENSE).advanceTo(31);
    expect(a.dayEntered('production')).toBe(30);
    expect(a.requests().map((r) => [r.event, r.day])).toEqual([
      [{ type: 'CHECK_OUT', instanceId: 'cup-1', counts: { DLU: 40, node: 1 } }, 30],
    ]);
  });

  it('NL-5: under uncoveredUpload: overdraft an uncovered upload is accepted, its check-out left to the licence manager (NL-7)', () => {
    const a = presence({ uncoveredUpload: 'overdraft' }).setUsage({ DLU: 40 }).advanceTo(20);
    fileFree = { DLU: 25, node: 0 };
    a.send(LICENSE);
    expect(a.refusals()).toEqual([]);
    expect(a.alarms('CiscoLicenseRequestFailed')).toEqual([]);
    expect(a.dayEntered('production')).toBe(20);
    // All 40 DLU and the server licence are asked for: 15 DLU and 1 node beyond the file, overdraft the regime allows or refuses (NL-7).
    expect(a.requests().map((r) => r.event)).toEqual([{ type: 'CHECK_OUT', instanceId: 'cup-1', counts: { DLU: 40, node: 1 } }]);
    expect(a.snapshot().context.held).toEqual({ DLU: 40, node: 1 });
  });

  it('NL-5: a server licence the file lacks is uncovered too; a migration (NL-10) is never refused for coverage', () => {
    const a = presence().setUsage({ DLU: 10 }).advanceTo(5);
    fileFree = { node: 0 };
    a.send(LICENSE);
    expect(a.refusals('UPLOAD_LICENSE').map((r) => [r.rule, r.reason])).toEqual([
      ['NL-5', 'the licence file cannot cover the upload: 1 node needed, 0 free'],
    ]);
    expect(a.status()).toBe('evaluation');
    a.send({ type: 'MIGRATE', file: 'cup-pub.lic', mac: MAC, servers: 1 });
    expect(a.status()).toBe('production');
    expect(a.backEnd()).toEqual([['migrate', 'NL-10', 5]]);
  });

  it('NL-5: a licence uploaded before evaluation ends moves to production at once', () => {
    const a = presence().at(30, LICENSE).advanceTo(200);
    expect(a.dayEntered('production')).toBe(30);
    expect(a.alarms('LicenseEvaluationExpired')).toEqual([]);
  });

  it('NL-5: a cluster has at most six servers', () => {
    const a = presence().send({ ...LICENSE, servers: 6 });
    for (let i = 0; i < 6; i++) a.send({ type: 'ADD_SERVER' });
    expect(a.snapshot().context.servers).toBe(6);
    expect(a.refusals('ADD_SERVER')).toMatchObject([{ rule: 'NL-5' }]);
  });

  const NEW_MAC = 'aa:bb:cc:dd:ee:ff';
  const rehosted = { ...LICENSE, mac: NEW_MAC };

  it('NL-6: grace stops only after the rehosted upload, the invalid file deleted and a licence-manager restart', () => {
    const a = presence()
      .send(LICENSE)
      .at(100, { type: 'MAC_CHANGE', mac: NEW_MAC })
      .at(110, rehosted)
      // A restart before the deletion does not end it.
      .at(111, { type: 'LICENSE_MANAGER_STARTED' })
      .at(112, { type: 'DELETE_INVALID_LICENSE' })
      .advanceTo(112.5);
    expect(a.status()).toBe('rehostGrace');
    a.at(113, { type: 'LICENSE_MANAGER_STARTED' }).advanceTo(200);
    expect(a.dayEntered('grace')).toBe(100);
    expect(a.dayEntered('production', 101)).toBe(113);
    expect(a.status()).toBe('production');
  });

  it('NL-6: an upload alone counts as valid at the end of grace (default), or shuts the service down (rehostUploadAlone: shutdown)', () => {
    const run = (rehostUploadAlone: 'valid' | 'shutdown') =>
      presence({ rehostUploadAlone }).send(LICENSE).at(100, { type: 'MAC_CHANGE', mac: NEW_MAC }).at(110, rehosted).advanceTo(131);
    const valid = run('valid');
    expect(valid.dayEntered('production', 101)).toBe(130);
    expect(valid.snapshot().context.licenseMac).toBe(NEW_MAC);
    const strict = run('shutdown');
    expect(strict.dayEntered('shutdown')).toBe(130);
    expect(strict.snapshot().context.licenseMac).toBeNull();
  });

  it('NL-6: a second MAC change in grace is a new rehost: what was done for the first MAC no longer ends it', () => {
    const other = 'cc:cc:cc:cc:cc:cc';
    const a = presence()
      .send(LICENSE)
      .at(100, { type: 'MAC_CHANGE', mac: NEW_MAC })
      .at(101, rehosted)
      .at(102, { type: 'MAC_CHANGE', mac: other })
      .at(103, { type: 'DELETE_INVALID_LICENSE' })
      .at(104, { type: 'LICENSE_MANAGER_STARTED' })
      .advanceTo(131);
    // The upload was for NEW_MAC: the restart does not end the grace, nor does its end on day 132 (30 days from day 102).
    expect(a.status()).toBe('rehostGrace');
    a.advanceTo(133);
    expect(a.dayEntered('shutdown')).toBe(132);
    expect(a.snapshot().context.licenseMac).toBeNull();
  });

  it('NL-6: deleting an invalid licence file with no MAC change pending is refused', () => {
    const a = presence().send(LICENSE).send({ type: 'DELETE_INVALID_LICENSE' });
    expect(a.refusals('DELETE_INVALID_LICENSE')).toMatchObject([{ rule: 'NL-6' }]);
    expect(a.status()).toBe('production');
  });

  it('NL-13: with no grace (the cucm-5-strict preset), a new first node needs a new licence file at once', () => {
    const a = presence({ rehostGraceDays: 0 }).send(LICENSE).at(100, { type: 'MAC_CHANGE', mac: NEW_MAC }).advanceTo(100.5);
    expect(a.dayEntered('shutdown')).toBe(100);
    expect(a.snapshot().context.licenseMac).toBeNull();
    expect(a.permits('serve')).toMatchObject({ allowed: false, rule: 'NL-6' });
    a.at(101, rehosted).advanceTo(101.5);
    expect(a.status()).toBe('production');
  });

  it('NL-13 (cucm-5-strict): after a first-node failure the file for the old MAC does not do, uploaded before or not', () => {
    const strict = PRESETS['node-locked']['cucm-5-strict']?.overrides;
    const oldFile = LICENSE;
    // Scenario 1: the file was obtained but not uploaded; scenario 2: it was uploaded.
    const obtained = presence(strict).at(10, { type: 'MAC_CHANGE', mac: NEW_MAC }).advanceTo(11);
    const uploaded = presence(strict).setUsage({ DLU: 50 }).send(oldFile).at(10, { type: 'MAC_CHANGE', mac: NEW_MAC }).advanceTo(11);
    expect([obtained.status(), uploaded.status()]).toEqual(['unlicensed', 'shutdown']);
    // "The license information exits on the new node, but not the license file": its units go back to the file.
    expect(uploaded.backEnd()).toEqual([
      ['CHECK_OUT', 'NL-7', 0],
      ['removeLicense', 'NL-6', 10],
    ]);
    for (const a of [obtained, uploaded]) {
      a.send(oldFile);
      expect(a.refusals('UPLOAD_LICENSE').map((r) => [r.rule, r.reason, r.day])).toEqual([
        ['NL-5', "the licence is bound to another MAC address than the server's", 11],
      ]);
      expect(a.permits('serve')).toMatchObject({ allowed: false });
      // The solution: "a new license file with the same license information but with a new MAC address".
      a.send(rehosted);
      expect(a.status()).toBe('production');
      expect(a.snapshot().context.licenseMac).toBe(NEW_MAC);
    }
  });

  it('NL-6: without a rehosted licence the service stops after 30 days and the invalid file is removed', () => {
    const a = presence().send(LICENSE).at(100, { type: 'MAC_CHANGE', mac: 'aa:bb:cc:dd:ee:ff' }).advanceTo(131);
    expect(a.dayEntered('shutdown')).toBe(130);
    expect(a.snapshot().context.licenseMac).toBeNull();
    expect(a.permits('serve')).toMatchObject({ allowed: false, rule: 'NL-6' });
    a.send({ ...LICENSE, mac: 'aa:bb:cc:dd:ee:ff' });
    expect(a.status()).toBe('production');
  });

  it('NL-6: the grace period is a policy value', () => {
    const a = presence({ rehostGraceDays: 10 }).send(LICENSE).at(100, { type: 'MAC_CHANGE', mac: 'aa:bb:cc:dd:ee:ff' }).advanceTo(120);
    expect(a.dayEntered('shutdown')).toBe(110);
  });
});
