import { describe, expect, it } from 'vitest';
import { overdraftCeiling } from '../../machines/overdraft.ts';
import { defaultPolicy, MODELS, mustOverridePolicy, overridePolicy, PolicyError, policyParameters } from '../../machines/policyOverride.ts';
import { describeParameter, type PolicyParameter } from '../../machines/policyParameter.ts';
import { isRuleId } from '../../machines/rules.ts';

describe('policy as data', () => {
  it('has the documented defaults', () => {
    expect(defaultPolicy('smart-licensing')).toMatchObject({
      evaluationDays: 90, // SL-1
      authorizationRenewalDays: 30, // SL-5
      authorizationValidityDays: 90, // SL-5
      registrationValidityDays: 365, // SL-6
      overageDays: 90, // SL-12
      evaluationClock: 'usage', // SL-15
    });
    expect(defaultPolicy('node-locked')).toMatchObject({
      evaluationDays: 90, // NL-1
      evaluationWarningDays: 30, // NL-1
      rehostGraceDays: 30, // NL-6
      maxClusterServers: 6, // NL-5
      softphoneUnits: 3, // DLU-3
      maxAdjunctSecondaries: 2, // DLU-4
    });
    expect(defaultPolicy('session-claim').compatibleKeyVersions).toEqual([['5.0', '5.1']]); // CS-6
  });

  it('applies overrides and leaves the defaults alone', () => {
    const policy = mustOverridePolicy('smart-licensing', { evaluationDays: 60, overdraft: { mode: 'count', units: 10 } });
    expect(policy.evaluationDays).toBe(60);
    expect(policy.overdraft).toEqual({ mode: 'count', units: 10 });
    expect(defaultPolicy('smart-licensing').evaluationDays).toBe(90);
  });

  it('refuses an unknown key, naming it', () => {
    const result = overridePolicy('smart-licensing', { evalDays: 60 });
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          kind: 'unknown-key',
          key: 'evalDays',
          path: ['evalDays'],
          message: expect.stringMatching(/^unknown smart-licensing policy parameter "evalDays" \(known: evaluationDays, /),
        },
      ],
    });
  });

  it('refuses non-positive durations, naming the key', () => {
    const result = overridePolicy('node-locked', { rehostGraceDays: -1, evaluationDays: -3 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.message).sort()).toEqual([
      'evaluationDays: must be a positive number of days',
      'rehostGraceDays: must be 0 or a positive number of days',
    ]);
  });

  it('says which issues are invalid values, with the path and the reason apart from it', () => {
    const result = overridePolicy('node-locked', { rehostGraceDays: -1 });
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          kind: 'invalid-value',
          path: ['rehostGraceDays'],
          reason: 'must be 0 or a positive number of days',
          message: 'rehostGraceDays: must be 0 or a positive number of days',
        },
      ],
    });
  });

  it('reads durations as days: 30d, 2w, 12h, 1y or a number', () => {
    const policy = mustOverridePolicy('smart-licensing', {
      overageDays: '30d',
      authorizationRenewalDays: '2w',
      usageReportDays: '12h',
      registrationValidityDays: '1y',
      evaluationDays: 45,
    });
    expect(policy).toMatchObject({
      overageDays: 30,
      authorizationRenewalDays: 14,
      usageReportDays: 0.5,
      registrationValidityDays: 365,
      evaluationDays: 45,
    });
    const bad = overridePolicy('smart-licensing', { overageDays: 'soon', exportRetryDays: '-2d', satelliteSyncDays: '0d' });
    expect(bad.ok ? [] : bad.issues.map((i) => i.message).sort()).toEqual([
      'exportRetryDays: must be a positive number of days',
      'overageDays: must be a number of days or a duration such as 30d, 6w, 12h, 1y',
      'satelliteSyncDays: must be a positive number of days',
    ]);
  });

  it('SL-12: the overage cap is a duration or none (the default)', () => {
    expect(defaultPolicy('smart-licensing')).toMatchObject({ overageClock: 'restart', overageCapDays: 'none' });
    expect(mustOverridePolicy('smart-licensing', { overageCapDays: '26w', overageClock: 'resume' })).toMatchObject({
      overageCapDays: 182,
      overageClock: 'resume',
    });
    const bad = overridePolicy('smart-licensing', { overageCapDays: 'never', overageClock: 'pause' });
    expect(bad.ok ? [] : bad.issues.map((i) => i.message).sort()).toEqual([
      'overageCapDays: must be a number of days or a duration such as 30d, 6w, 12h, 1y, or none',
      'overageClock: must be one of restart, resume',
    ]);
  });

  it('declares every parameter once, with its rule, unit, default and doc', () => {
    for (const model of MODELS) {
      const parameters = policyParameters(model);
      expect(Object.keys(parameters)).toEqual(Object.keys(defaultPolicy(model)));
      for (const [key, p] of Object.entries(parameters)) {
        expect(p.default, `${model}.${key}`).toEqual((defaultPolicy(model) as Record<string, unknown>)[key]);
        expect(p.rule === '§4' || isRuleId(p.rule), `${model}.${key}: ${p.rule}`).toBe(true);
        expect(p.schema.description).toBe(describeParameter(p));
      }
    }
    const overage = policyParameters('smart-licensing').overageDays;
    expect(overage).toMatchObject({ rule: 'SL-12', unit: 'days', default: 90 });
    expect(overage && describeParameter(overage)).toBe(
      'SL-12: overage period when out of compliance (60 in older releases). Default 90 days.',
    );
    expect(describeParameter(policyParameters('smart-licensing').tierBorrowing as PolicyParameter)).toBe(
      'SL-11: CSSM substitutes a higher tier for an exhausted one. Default true (a switch: true or false).',
    );
  });

  it('refuses wrong types and unknown overdraft modes', () => {
    expect(() => mustOverridePolicy('smart-licensing', { evaluationClock: 'lunar' as 'usage' })).toThrow(PolicyError);
    const result = overridePolicy('smart-licensing', { overdraft: { mode: 'sometimes' } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.path).toEqual(['overdraft', 'mode']);
  });

  it("computes each overdraft regime's ceiling (DOMAIN.md §4)", () => {
    expect(overdraftCeiling({ mode: 'none' }, 100)).toBe(100);
    expect(overdraftCeiling({ mode: 'always' }, 100)).toBe(Infinity);
    expect(overdraftCeiling({ mode: 'time-grace' }, 100)).toBe(Infinity);
    expect(overdraftCeiling({ mode: 'count', units: 7 }, 100)).toBe(107);
    expect(overdraftCeiling({ mode: 'percent', percent: 10 }, 95)).toBe(104);
    expect(overdraftCeiling({ mode: 'multiple', factor: 1.25 }, 100)).toBe(125);
  });
});
