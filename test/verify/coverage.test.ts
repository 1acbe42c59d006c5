import { describe, expect, it } from 'vitest';
import { exploreVariant } from '../../verify/checker.ts';
import type { MachineCoverage } from '../../verify/coverage.ts';
import { parseVerification } from '../../verify/loader.ts';
import type { Verification } from '../../verify/spec.ts';

function loaded(text: string): Verification {
  const r = parseVerification(text, 'coverage.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.verification;
}

function coverageOf(text: string, kind: string): MachineCoverage {
  const v = loaded(text);
  const x = exploreVariant(v, v.world.variants[0] as Verification['world']['variants'][0]);
  expect(x.complete).toBe(true);
  const c = x.coverage.find((m) => m.kind === kind);
  if (!c) throw new Error(`no ${kind} in the coverage`);
  return c;
}

const fired = (c: MachineCoverage, id: string) => c.rules.find((r) => r.id === id)?.fired;

// An instance starts in its evaluation (SmartLicenseInEval raised, SL-17); registering ends it (the alarm cleared, SL-18).
const EVALUATION = (timeline: string) => `licsim: 3
name: an evaluation
description: One cluster evaluates; the environment may add five users.
seed: 1
duration: 30d
accounts:
  - { id: va, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: 20 }] }
fleet:
  - { name: shop, model: smart-licensing, count: 1, account: va, users: 10, profiles: { desk-phone: 1 } }
timeline: ${timeline}
verify:
  events: 1
  alphabet:
    - { do: grow, users: 5, target: { groups: [shop] } }
  properties:
    - { name: state and ledger agree, consistent: true }
`;

// NL-6, NL-8: a MAC change starts the rehost grace, which raises CiscoLicenseFileError (NL-8, carried by no state or transition).
const REHOST = `licsim: 3
name: a rehost
description: One Presence server; its MAC address may change.
seed: 1
duration: 40d
accounts:
  - { id: cup-file, kind: license-file, purchases: [{ type: DLU, count: 100 }, { type: node, count: 2 }] }
fleet:
  - { name: presence, model: node-locked, count: 1, account: cup-file, release: '7.0', phones: { '7970': 2 } }
verify:
  events: 2
  alphabet:
    - { do: upload-license }
    - { do: mac-change }
  properties:
    - { name: state and ledger agree, consistent: true }
`;

describe('coverage: the alarms raised fire their rules', () => {
  it('a world where SmartLicenseInEval is raised shows SL-17 fired, and the alarm raised', () => {
    const c = coverageOf(EVALUATION('[]'), 'smart-licensing');
    expect(fired(c, 'SL-17')).toBe(true);
    expect(c.alarms).toContain('SmartLicenseInEval');
    // Never registered: the evaluation alarm is never cleared.
    expect(fired(c, 'SL-18')).toBe(false);
  });

  it('an alarm cleared fires SL-18; the alarms are listed once each, in the order licsim list gives them', () => {
    const c = coverageOf(EVALUATION('\n  - { at: 1d, do: register }'), 'smart-licensing');
    expect([fired(c, 'SL-17'), fired(c, 'SL-18')]).toEqual([true, true]);
    expect(c.alarms[0]).toBe('SmartLicenseInEval');
    expect(new Set(c.alarms).size).toBe(c.alarms.length);
    // CSSM raises no alarm.
    expect(coverageOf(EVALUATION('[]'), 'cssm').alarms).toEqual([]);
  });

  it("an alarm's rule no state or transition carries is listed, and fired (NL-8 by CiscoLicenseFileError)", () => {
    const c = coverageOf(REHOST, 'node-locked');
    expect(c.alarms).toContain('CiscoLicenseFileError');
    expect(c.rules.at(-1)).toEqual({ id: 'NL-8', fired: true });
    expect(c.rules.filter((r) => r.id === 'NL-8')).toHaveLength(1);
  });
});
