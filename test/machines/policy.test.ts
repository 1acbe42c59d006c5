import { describe, expect, it } from 'vitest';
import { defaultPolicy, mustOverridePolicy, overridePolicy, PolicyError } from '../../machines/policyOverride.ts';
import { overdraftCeiling } from '../../machines/overdraft.ts';

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
          path: ['evalDays'],
          message: expect.stringMatching(/^unknown smart-licensing policy parameter "evalDays" \(known: evaluationDays, /),
        },
      ],
    });
  });

  it('refuses non-positive durations, naming the key', () => {
    const result = overridePolicy('node-locked', { rehostGraceDays: 0, evaluationDays: -3 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.message).sort()).toEqual([
      'evaluationDays: must be a positive number of days',
      'rehostGraceDays: must be a positive number of days',
    ]);
  });

  it('refuses wrong types and unknown overdraft modes', () => {
    expect(() => mustOverridePolicy('smart-licensing', { evaluationClock: 'lunar' as 'usage' })).toThrow(PolicyError);
    const result = overridePolicy('smart-licensing', { overdraft: { mode: 'sometimes' } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.path).toEqual(['overdraft', 'mode']);
  });

  it('computes each overdraft regime\'s ceiling (DOMAIN.md §4)', () => {
    expect(overdraftCeiling({ mode: 'none' }, 100)).toBe(100);
    expect(overdraftCeiling({ mode: 'always' }, 100)).toBe(Infinity);
    expect(overdraftCeiling({ mode: 'time-grace' }, 100)).toBe(Infinity);
    expect(overdraftCeiling({ mode: 'count', units: 7 }, 100)).toBe(107);
    expect(overdraftCeiling({ mode: 'percent', percent: 10 }, 95)).toBe(104);
    expect(overdraftCeiling({ mode: 'multiple', factor: 1.25 }, 100)).toBe(125);
  });
});
