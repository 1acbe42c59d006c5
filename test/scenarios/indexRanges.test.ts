import { describe, expect, it } from 'vitest';
import { countBelow, forEachIndex, indexRanges, indexRangesText, largestIndex, parseIndexRange } from '../../engine/indexRanges.ts';
import { runScenario } from '../../engine/runScenario.ts';
import type { Scenario } from '../../engine/scenario.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import { formatProblem } from '../../scenarios/loader/problems.ts';

const BASE = `name: ranges
duration: 20d
accounts:
  - id: va
    kind: virtual-account
    purchases: [{ type: CUWL, count: 1000 }]
fleet:
  - name: sl
    model: smart-licensing
    count: 10
    account: va
    users: 10
  - name: big
    model: smart-licensing
    count: 30
    account: va
    users: 10
timeline:
  - { at: 5d, do: register, target: TARGET }
licsim: 3
`;

const load = (target: string, expect = '') => parseScenarios(BASE.replace('TARGET', target) + expect, 'f.yaml');
const problems = (target: string, expect = '') => {
  const r = load(target, expect);
  return r.ok ? [] : r.problems.map(formatProblem);
};
const scenario = (target: string, expect = ''): Scenario => {
  const r = load(target, expect);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.scenarios[0]?.variants[0]?.scenario as Scenario;
};

describe('index ranges are kept as ranges (issue 11, item 2)', () => {
  it('merges indices and ranges into sorted disjoint ranges, and says them back', () => {
    const r = indexRanges([4, [0, 2], 3, 9, [9, 12], 20]);
    expect(r).toEqual([
      [0, 4],
      [9, 12],
      [20, 20],
    ]);
    expect(indexRangesText(r)).toBe('0..4, 9..12, 20');
    expect(largestIndex(r)).toBe(20);
    expect(countBelow(r, 11)).toBe(7);
    const seen: number[] = [];
    forEachIndex(r, 11, (i) => seen.push(i));
    expect(seen).toEqual([0, 1, 2, 3, 4, 9, 10]);
    expect(parseIndexRange('5..2')).toBeNull();
    expect(parseIndexRange(' 3 .. 7 ')).toEqual([3, 7]);
  });

  it('a range far beyond the fleet is a located error, not an allocation (0..4294967296, 0..999999999)', () => {
    // Before: Invalid array length (exit 3), and a V8 out-of-memory abort.
    expect(problems("'0..4294967296'")).toEqual([
      'f.yaml:19:37: timeline[0].target: expected all, or a mapping of groups, fraction, status, indices, found "0..4294967296"',
    ]);
    expect(problems('{ indices: 0..4294967296 }')).toEqual([
      'f.yaml:19:48: timeline[0].target.indices: index 4294967296 is beyond every group in scope (the largest has 30 instances)',
    ]);
    expect(problems('{ groups: sl, indices: 0..999999999 }')).toEqual([
      'f.yaml:19:60: timeline[0].target.indices: index 999999999 is beyond every group in scope (the largest has 10 instances)',
    ]);
    const s = scenario('{ indices: [0..29] }');
    expect(s.timeline[0]?.target.indices).toEqual([[0, 29]]);
  });

  it('an index beyond every group in scope is an error, not ignored; one within a larger group is not', () => {
    expect(problems('{ groups: sl, indices: [2, 10] }')).toEqual([
      'f.yaml:19:64: timeline[0].target.indices[1]: index 10 is beyond every group in scope (the largest has 10 instances)',
    ]);
    expect(problems('{ indices: [2, 10] }')).toEqual([]);
    expect(problems('{ indices: 5..2 }')).toEqual([
      'f.yaml:19:48: timeline[0].target.indices: expected a range from low to high like 0..39, found "5..2"',
    ]);
  });

  it('ranges and indices mixed in one list reach exactly those instances of each group', () => {
    const r = runScenario(scenario('{ indices: [0..2, 5, 12..13] }'));
    // sl: 0, 1, 2, 5 (it has no 12 or 13); big: 0, 1, 2, 5, 12, 13.
    expect(r.timeline[0]).toMatchObject({ reached: 10 });
    expect(r.final.status['smart-licensing']?.authorized).toBe(10);
  });

  it('expectations take ranges in instances: too, within the groups in scope', () => {
    const expectation = `expect:\n  - stateCount: { state: authorized, day: 6d, equals: 3, groups: big, instances: [0..1, 29] }\n`;
    const s = load('{ groups: big, indices: [0..1, 29] }', expectation);
    expect(s.ok && s.scenarios[0]?.expectations[0]?.title).toContain('(instances 0..1, 29)');
    expect(problems('{ groups: big }', expectation.replace('29]', '30]'))).toEqual([
      'f.yaml:22:89: expect[0].stateCount.instances[1]: index 30 is beyond every group in scope (the largest has 30 instances)',
    ]);
    expect(problems('{ groups: big }', expectation.replace('0..1', '1..0'))).toEqual([
      'f.yaml:22:83: expect[0].stateCount.instances[0]: expected a range from low to high like 0..39, found "1..0"',
    ]);
  });
});
