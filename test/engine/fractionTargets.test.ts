import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateRun } from '../../engine/budget.ts';
import { hashUnit } from '../../engine/random.ts';
import { runScenario } from '../../engine/runScenario.ts';
import type { Scenario, Target } from '../../engine/scenario.ts';
import { shareCount, shareOf } from '../../engine/share.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import { runLoaded } from '../../scenarios/run/runLoaded.ts';
import { scenarioWith, smartGroup } from '../support/scenarios.ts';

/** The rule as the README states it, written out plainly: rank every candidate by (hash, global), take the round(n × f) first. */
function bruteShare(scenario: Scenario, target: Target): number[] {
  const candidates: number[] = [];
  let first = 0;
  for (const g of scenario.fleet) {
    for (let i = 0; i < g.count; i++) {
      const inIndices = !target.indices || target.indices.some((x) => (typeof x === 'number' ? x === i : x[0] <= i && i <= x[1]));
      if ((!target.groups || target.groups.includes(g.name)) && inIndices) candidates.push(first + i);
    }
    first += g.count;
  }
  const f = target.fraction ?? 1;
  const k = Math.round(candidates.length * f);
  const ranked = candidates
    .map((global) => ({ global, h: hashUnit(scenario.seed, global) }))
    .sort((a, b) => a.h - b.h || a.global - b.global);
  return ranked
    .slice(0, k)
    .map((x) => x.global)
    .sort((a, b) => a - b);
}

/** A scenario of these groups (default: one group `lab` of `count`), with no timeline. */
const lab = (count: number, seed = 7, groups = [smartGroup('lab', count, { growth: 0 })]) => scenarioWith(groups, [], { seed, days: 10 });

describe('a fraction target is an exact share (issue 14, item 1)', () => {
  it('25 % of 20 instances reaches 5 of them, whatever the seed (a hash threshold reached 3 to 8)', () => {
    for (const seed of [1, 7, 11, 42, 1234]) {
      const scenario = scenarioWith(
        [smartGroup('lab', 20, { growth: 0 })],
        [{ at: 2, target: { fraction: 0.25 }, action: { kind: 'link-down' } }],
        {
          seed,
          days: 5,
        },
      );
      expect(runScenario(scenario).timeline[0]?.reached, `seed ${seed}`).toBe(5);
    }
  });

  it('a stateCount of 25 % built on a 25 % register holds: 5 of 20 are authorized on day 5', () => {
    const text =
      'licsim: 3\nname: quarter\nseed: 7\nduration: 10d\naccounts:\n  - id: va\n    kind: virtual-account\n' +
      '    purchases: [{ type: UCL-Enhanced, count: 1000 }]\n' +
      'fleet:\n  - { name: lab, model: smart-licensing, count: 20, account: va, users: 10, profiles: { desk-phone: 1 } }\n' +
      'timeline:\n  - { at: 1d, do: register, target: { fraction: 25% } }\n' +
      'expect:\n  - stateCount: { state: authorized, day: 5d, equals: 25% }\n';
    const loaded = parseScenarios(text, 'quarter.yaml');
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
    const outcome = runLoaded(loaded.scenarios[0] as never);
    expect(outcome.runs[0]?.result.timeline[0]?.reached).toBe(5);
    expect(outcome.verdicts.map((v) => v.passed)).toEqual([true]);
  });

  it('reaches round(n × f), rounded half up, of the instances its groups and indices name', () => {
    expect([shareCount(20, 0.25), shareCount(20, 0.125), shareCount(20, 0.1), shareCount(3, 0.5), shareCount(3, 0.49)]).toEqual([
      5, 3, 2, 2, 1,
    ]);
    // 14.5 % is 0.14499… as a binary fraction; 100 of it is 14.5 as written, rounded up.
    expect(shareCount(100, Number('14.5') / 100)).toBe(15);
    expect([shareCount(0, 0.5), shareCount(7, 0), shareCount(7, 1)]).toEqual([0, 0, 7]);
    const two = lab(0, 7, [smartGroup('a', 30, { growth: 0 }), smartGroup('b', 20, { growth: 0 })]);
    expect(shareOf(two, { groups: ['b'], fraction: 0.5 })).toHaveLength(10);
    expect([...shareOf(two, { groups: ['b'], fraction: 0.5 })].every((g) => g >= 30 && g < 50)).toBe(true);
    expect(shareOf(two, { indices: [[0, 9]], fraction: 0.3 })).toHaveLength(6); // 10 of each group named, 20 in all
    expect([...shareOf(two, { indices: [[0, 9]], fraction: 0.3 })].every((g) => g % 30 < 10 || (g >= 30 && g < 40))).toBe(true);
  });

  it('chooses by the seed and each global index only: the lowest-ranked round(n × f), ties by index, in fleet order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 100 }),
        fc.option(fc.tuple(fc.nat(50), fc.nat(20)), { nil: undefined }),
        fc.boolean(),
        (seed, a, b, percent, range, onlyB) => {
          const groups = [smartGroup('a', a, { growth: 0 }), ...(b ? [smartGroup('b', b, { growth: 0 })] : [])];
          const scenario = lab(0, seed, groups);
          const target: Target = {
            fraction: percent / 100,
            ...(onlyB && b ? { groups: ['b'] } : {}),
            ...(range ? { indices: [[range[0], range[0] + range[1]] as const] } : {}),
          };
          expect([...shareOf(scenario, target)]).toEqual(bruteShare(scenario, target));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a smaller share is part of a larger one, and the same share names the same instances in every entry', () => {
    const scenario = lab(500, 3);
    let previous: number[] = [];
    for (let percent = 0; percent <= 100; percent += 5) {
      const now = [...shareOf(scenario, { fraction: percent / 100 })];
      expect(now).toHaveLength(Math.round(5 * percent));
      expect(
        previous.every((g) => now.includes(g)),
        `${percent} %`,
      ).toBe(true);
      previous = now;
    }
    // An outage's end reaches exactly the instances its start did.
    const run = runScenario(
      scenarioWith(
        [smartGroup('lab', 40, { growth: 0 })],
        [
          { at: 1, target: { fraction: 0.3 }, action: { kind: 'link-down' } },
          { at: 3, target: { fraction: 0.3 }, action: { kind: 'link-up' } },
        ],
        { seed: 9, days: 5 },
      ),
    );
    expect(run.timeline.map((o) => o.reached)).toEqual([12, 12]);
  });

  it('ranks once per target and each share once: the same share is the same array', () => {
    const scenario = lab(1000);
    const first = shareOf(scenario, { groups: ['lab'], fraction: 0.2 });
    expect(shareOf(scenario, { groups: ['lab'], fraction: 0.2 })).toBe(first);
    expect(shareOf(scenario, { groups: ['lab'], fraction: 0.4 })).not.toBe(first);
    // A scenario changed in place is ranked anew.
    scenario.fleet[0] = { ...(scenario.fleet[0] as Scenario['fleet'][number]), count: 10 };
    expect(shareOf(scenario, { groups: ['lab'], fraction: 0.2 })).toHaveLength(2);
  });

  it('the status filter applies to the instances chosen: n counts every instance the groups name, whatever its status', () => {
    // 10 of 20 register on day 1 (indices 0..9); 50 % of the 20 are chosen, then those registered among them are reached.
    const scenario = scenarioWith(
      [smartGroup('lab', 20, { growth: 0 })],
      [
        { at: 1, target: { indices: [[0, 9]] }, action: { kind: 'register', exportControl: false } },
        { at: 4, target: { fraction: 0.5, status: ['authorized'] }, action: { kind: 'link-down' } },
      ],
      { seed: 5, days: 6 },
    );
    const chosen = [...shareOf(scenario, { fraction: 0.5 })];
    expect(chosen).toHaveLength(10);
    const registered = chosen.filter((g) => g < 10).length;
    expect(registered).toBeGreaterThan(0);
    expect(registered).toBeLessThan(10);
    expect(runScenario(scenario).timeline[1]?.reached).toBe(registered);
  });

  it("the budget's estimate counts the share exactly: round(n × f) per occurrence", () => {
    const scenario = scenarioWith(
      [smartGroup('lab', 30, { growth: 0 })],
      [{ at: 1, every: 1, until: 4, target: { fraction: 0.125 }, action: { kind: 'link-down' } }],
      { days: 10 },
    );
    // 30 × 12.5 % = 3.75: 4 instances at each of 4 occurrences; 20 × 12.5 % = 2.5: 3 (half up).
    expect(estimateRun(scenario).timelineEvents).toBe(16);
    scenario.fleet[0] = { ...(scenario.fleet[0] as Scenario['fleet'][number]), count: 20 };
    expect(estimateRun(scenario).timelineEvents).toBe(12);
    // 22 × 10 % = 2.2: 2 instances, where Math.ceil said 3.
    scenario.fleet[0] = { ...(scenario.fleet[0] as Scenario['fleet'][number]), count: 22 };
    scenario.timeline[0] = { ...(scenario.timeline[0] as Scenario['timeline'][number]), target: { fraction: 0.1 } };
    expect(estimateRun(scenario).timelineEvents).toBe(8);
  });
});
