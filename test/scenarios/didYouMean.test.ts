import { describe, expect, it } from 'vitest';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import { formatProblem } from '../../scenarios/loader/problems.ts';
import { closestName, didYouMean, unknownName } from '../../scenarios/loader/suggest.ts';

const BASE = `licsim: 3
name: base
duration: 100d
accounts:
  - { id: va, kind: virtual-account, purchases: [{ type: CUWL, count: 10 }] }
fleet:
  - { name: shop, model: smart-licensing, count: 5, account: va, users: 10 }
timeline:
  - { at: 5d, do: register }
expect:
  - eventually: { state: authorized }
compare:
  strict: { smart-licensing: { overageDays: 30 } }
`;

const problems = (text: string) => {
  const r = parseScenarios(text, 'f.yaml');
  return r.ok ? [] : r.problems.map(formatProblem);
};

describe('did you mean', () => {
  it('suggests the one known name within max(1, ⌊length/3⌋) edits, ignoring case; nothing when none or two are that close', () => {
    expect(closestName('cout', ['name', 'count', 'account'])).toBe('count');
    expect(closestName('overagee', ['overage', 'authorized'])).toBe('overage');
    expect(closestName('cucm14', ['cucm-14', 'cucm-12', 'no-borrowing'])).toBe('cucm-14');
    expect(closestName('CUWl', ['CUWL', 'DLU'])).toBe('CUWL');
    // 3 edits in 8 letters is past ⌊8/3⌋ = 2.
    expect(closestName('overaxyz', ['overage'])).toBeUndefined();
    expect(closestName('zzz', ['count'])).toBeUndefined();
    expect(closestName('ab', ['ac', 'ad'])).toBeUndefined();
    expect(didYouMean('cout', ['count'])).toBe(', did you mean "count"?');
    expect(didYouMean('zzz', ['count'])).toBe('');
    expect(unknownName('fleet group', 'shops', ['shop', 'hq'], 'groups')).toBe(
      'unknown fleet group "shops", did you mean "shop"? (groups: shop, hq)',
    );
    expect(unknownName('fleet group', 'lab', ['shop', 'hq'], 'groups')).toBe('unknown fleet group "lab" (groups: shop, hq)');
  });

  // Before: each message listed the valid names and no more.
  it('for keys, states, presets, groups, models, actions, expectation kinds, variants and policy parameters (in a comparison too)', () => {
    const cases: Array<[string, string, string]> = [
      ['count: 5', 'cout: 5', 'f.yaml:7:43: fleet[0].cout: unknown key "cout", did you mean "count"? (expected one of: '],
      [
        'state: authorized',
        'state: authorised',
        'f.yaml:11:26: expect[0].eventually.state: unknown state "authorised" for smart-licensing, did you mean "authorized"? (',
      ],
      [
        'duration: 100d',
        'duration: 100d\npolicy: { smart-licensing: { preset: cucm14 } }',
        'f.yaml:4:38: policy.smart-licensing.preset: expected a smart-licensing preset: ',
      ],
      [
        'do: register }',
        'do: register, target: { groups: shops } }',
        'f.yaml:9:47: timeline[0].target.groups[0]: unknown fleet group "shops", did you mean "shop"? (groups: shop)',
      ],
      [
        'model: smart-licensing',
        'model: smart-licencing',
        'f.yaml:7:26: fleet[0].model: expected model: smart-licensing, node-locked or session-claim, found "smart-licencing", ' +
          'did you mean "smart-licensing"?',
      ],
      ['do: register', 'do: registr', 'f.yaml:9:19: timeline[0].do: expected an action: register, '],
      [
        'eventually:',
        'eventualy:',
        'f.yaml:11:5: expect[0].eventualy: unknown key "eventualy", did you mean "eventually"? (expected one of: ',
      ],
      [
        'state: authorized }',
        'state: authorized, variant: strct }',
        'f.yaml:11:47: expect[0].eventually.variant: unknown variant "strct", did you mean "strict"? (compared: strict)',
      ],
      [
        'overageDays: 30',
        'overageDay: 30',
        'f.yaml:13:32: compare.strict.smart-licensing.overageDay: unknown key "overageDay", did you mean "overageDays"? ' +
          '(expected one of: evaluationDays, ',
      ],
    ];
    for (const [from, to, expected] of cases) {
      const found = problems(BASE.replace(from, to));
      expect(found, to).toHaveLength(1);
      expect(found[0], to).toContain(expected);
    }
    expect(problems(BASE.replace('duration: 100d', 'duration: 100d\npolicy: { smart-licensing: { preset: cucm14 } }'))[0]).toMatch(
      /found "cucm14", did you mean "cucm-14"\?$/,
    );
    expect(problems(BASE.replace('do: register', 'do: registr'))[0]).toMatch(/found "registr", did you mean "register"\?$/);
  });
});
