import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benchScenario } from '../../bench/scenario.ts';
import { estimateRun, estimateText, judgeRun, LIMITS, MEASURED_COSTS, occurrenceCount } from '../../engine/budget.ts';
import { occurrences } from '../../engine/run/timeline.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import { formatProblem } from '../../scenarios/loader/problems.ts';

const GIB = 2 ** 30;
const budget = { maxMemoryBytes: 16 * GIB, maxEvents: Number.POSITIVE_INFINITY, warnSeconds: 120 };

describe("a run's cost is estimated before it runs (issue 11, item 4)", () => {
  it('counts the occurrences of an entry without listing them, as the run lists them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.option(
          fc.integer({ min: 1, max: 400 }).map((q) => q / 8),
          { nil: undefined },
        ),
        fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
        fc.integer({ min: 1, max: 400 }),
        (at, every, until, days) => {
          const entry = { at, ...(every ? { every } : {}), ...(until !== undefined ? { until } : {}) };
          // The days a loop adding `every` reaches: at, at + every, … before the end, not after until (which only a repetition has).
          const listed: number[] = [];
          for (let d = at; d < days && (until === undefined || !every || d <= until); d += every ?? days) listed.push(d);
          expect(occurrenceCount(entry, days)).toBe(listed.length);
          expect(occurrences({ ...entry, target: {}, action: { kind: 'register', exportControl: true } }, days)).toEqual(listed);
        },
      ),
    );
    expect(occurrenceCount({ at: 0, every: LIMITS.minEveryDays }, LIMITS.maxDays)).toBe(8_760_000);
  });

  it("estimates the bench fleet from the measured costs: instances, days, the timeline's reach, memory and time", () => {
    const e = estimateRun(benchScenario(1_000_000));
    expect(e).toMatchObject({ instances: 1_000_000, days: 365, instanceDays: 365_000_000, occurrences: 4 });
    // register reaches all, link-down and link-up 5 % each, the purchase acts on the back end (counted as reaching all).
    expect(e.timelineEvents).toBe(1_000_000 + 50_000 + 50_000 + 1_000_000);
    const c = MEASURED_COSTS;
    expect(e.memoryBytes).toBe(c.baseBytes + 1_000_000 * c.bytesPerInstance + 365 * c.bytesPerDay + 4 * c.bytesPerOccurrence);
    expect(e.seconds).toBeCloseTo(365_000_000 / c.instanceDaysPerSecond + 2_100_000 / c.timelineEventsPerSecond, 6);
    expect(judgeRun(e, budget)).toEqual({ kind: 'ok' });
  });

  it('refuses a run beyond the memory or event budget with its numbers, and announces a long one', () => {
    const huge = benchScenario(1_000_000_000);
    huge.timeline = [];
    expect(judgeRun(estimateRun(huge), budget)).toEqual({
      kind: 'refused',
      message: '1,000,000,000 instances × 365 days: about 1.5 TiB and 20.3 h, more than the 16.0 GiB it may use (--max-memory)',
    });
    const daily = benchScenario(100_000);
    daily.days = 50 * 365;
    daily.timeline = [{ at: 0, every: 1, target: {}, action: { kind: 'renew-authorization' } }];
    const e = estimateRun(daily);
    expect(estimateText(e)).toBe('100,000 instances × 18,250 days, 1,825,000,000 timeline events: about 388 MiB and 67 min');
    expect(judgeRun(e, budget)).toEqual({ kind: 'long', message: `a long run: ${estimateText(e)}` });
    expect(judgeRun(e, { ...budget, maxEvents: 1_000_000 }).kind).toBe('refused');
  });

  it('states its limits: the smallest every, the longest run and the largest group are located errors', () => {
    const doc = (duration: string, count: string, every: string) =>
      `licsim: 3\nname: limits\nduration: ${duration}\naccounts:\n  - { id: va, kind: virtual-account }\n` +
      `fleet:\n  - { name: sl, model: smart-licensing, count: ${count}, account: va, users: 10 }\n` +
      `timeline:\n  - { at: 1d, every: ${every}, do: renew-authorization }\n`;
    const problems = (text: string) => {
      const r = parseScenarios(text, 'f.yaml');
      return r.ok ? [] : r.problems.map(formatProblem);
    };
    expect(problems(doc('1000y', '1000000000', '1h'))).toEqual([]);
    // Before: accepted by validate, then V8 killed (every), out of memory (duration), Invalid typed array length (count).
    expect(problems(doc('1000y', '1000000000', '0.000000001'))).toEqual([
      "f.yaml:9:22: timeline[0].every: expected a repetition of at least 1h (licsim's smallest every), found 1e-9",
    ]);
    expect(problems(doc('1e308', '5', '1d'))).toEqual([
      "f.yaml:3:11: duration: expected a run of at most 365000 days (1000y, licsim's longest run), found 1e+308",
    ]);
    expect(problems(doc('10000y', '5', '1d'))[0]).toContain("expected a run of at most 365000 days (1000y, licsim's longest run)");
    expect(problems(doc('1y', '9007199254740991', '1d'))).toEqual([
      "f.yaml:7:48: fleet[0].count: expected at most 1,000,000,000 instances in a group (licsim's largest group), found 9007199254740991",
    ]);
  });
});
