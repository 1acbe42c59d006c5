import { describe, expect, it } from 'vitest';
import { runScenario } from '../../engine/runScenario.ts';
import type { Scenario } from '../../engine/scenario.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import { formatProblem } from '../../scenarios/loader/problems.ts';

const MAX = Number.MAX_SAFE_INTEGER;
const doc = (purchases: string, users: string, timeline = '') =>
  `licsim: 3\nname: totals\nduration: 60d\naccounts:\n  - id: va\n    kind: virtual-account\n    purchases: ${purchases}\n` +
  `fleet:\n  - { name: sl, model: smart-licensing, count: 2, account: va, users: ${users}, growth: 50% }\n` +
  `timeline:\n  - { at: 1d, do: register }\n${timeline}`;
const load = (text: string) => parseScenarios(text, 'f.yaml');
const problems = (text: string) => {
  const r = load(text);
  return r.ok ? [] : r.problems.map(formatProblem);
};

describe('totals stay exact integers (issue 11, item 6)', () => {
  it('two purchases of 2^53 − 1 are refused where the total passes it, not rounded (owned showed …984)', () => {
    expect(problems(doc(`[{ type: CUWL, count: ${MAX} }, { type: CUWL, count: 1 }]`, '10'))).toEqual([
      'f.yaml:7:79: accounts[0].purchases[1].count: the CUWL licences of va add up to more than 9,007,199,254,740,991, ' +
        'the largest total licsim counts exactly',
    ]);
    expect(problems(doc(`[{ type: CUWL, count: ${MAX} }, { type: UCL-Basic, count: ${MAX} }]`, '10'))).toEqual([]);
  });

  it("the timeline's purchases count once per occurrence", () => {
    const half = Math.ceil(MAX / 2);
    const every = (times: number) =>
      `  - { at: 2d, every: 1d, until: ${1 + times}d, do: purchase, account: va, type: CUWL, count: ${half} }\n`;
    expect(problems(doc('[]', '10', every(1)))).toEqual([]);
    expect(problems(doc('[]', '10', every(2)))).toEqual([
      'f.yaml:12:83: timeline[1].count: the CUWL licences of va add up to more than 9,007,199,254,740,991, ' +
        'the largest total licsim counts exactly',
    ]);
  });

  it('sessions added to a session licence count with its purchases (CS-4)', () => {
    const text =
      `licsim: 3\nname: sessions\nduration: 10d\naccounts:\n  - id: cs\n    kind: session-license\n    unit: sessions\n` +
      `    purchases: [{ type: sessions, count: ${MAX} }]\n` +
      'fleet:\n  - { name: ivr, model: session-claim, count: 1, account: cs, sessions: 1 }\n' +
      'timeline:\n  - { at: 1d, do: add-sessions, account: cs, count: 2 }\n';
    // Before: valid, and owned showed 9007199254740992 instead of …993.
    expect(problems(text)).toEqual([
      'f.yaml:12:53: timeline[0].count: the sessions licences of cs add up to more than 9,007,199,254,740,991, ' +
        'the largest total licsim counts exactly',
    ]);
  });

  it("an instance's count is at most 1,000,000, drawn or grown: a growth past it is refused, not wrapped", () => {
    expect(problems(doc('[]', '1000001'))).toEqual([
      "f.yaml:9:71: fleet[0].users: expected at most 1,000,000 (licsim's largest count of one instance), found 1000001",
    ]);
    const r = load(doc('[{ type: CUWL, count: 10 }]', '900000'));
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    const result = runScenario(r.scenarios[0]?.variants[0]?.scenario as Scenario);
    // Day 30: 50 % growth would take 900,000 users to 1,350,000: refused for both instances.
    const refused = result.events.filter(
      (e) => e.kind === 'refusal' && e.detail?.includes("beyond licsim's largest count of one instance"),
    );
    expect(refused.map((e) => [e.day, e.instance])).toEqual([
      [30, 'sl-000'],
      [30, 'sl-001'],
    ]);
    expect(refused[0]?.detail).toBe("beyond licsim's largest count of one instance (1,000,000)");
    expect(refused[0]?.event).toBe('growth');
  });

  it('a cluster whose devices are named (deviceModel: individual) is bounded the same way', () => {
    const text =
      'licsim: 3\nname: named\nduration: 10d\naccounts:\n  - { id: file, kind: license-file, purchases: [{ type: DLU, count: 10 }] }\n' +
      'fleet:\n  - { name: cm, model: node-locked, count: 1, account: file, deviceModel: individual, phones: { "7970": 1 } }\n' +
      'timeline:\n  - { at: 2d, do: grow, devices: { "7970": 1000000 } }\n';
    const r = load(text);
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    const result = runScenario(r.scenarios[0]?.variants[0]?.scenario as Scenario);
    // Before: a million named devices were added one by one, past the bound every other population keeps.
    expect(result.timeline[0]).toMatchObject({
      refused: 1,
      reasons: [{ reason: "beyond licsim's largest count of one instance (1,000,000)", rule: null, count: 1 }],
    });
  });
});
