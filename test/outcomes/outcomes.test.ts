import { describe, expect, it } from 'vitest';
import { OUTCOME_METRICS, type Outcomes, outcomeMetric } from '../../engine/outcomes/index.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import { runLoaded } from '../../scenarios/run/runLoaded.ts';
import { oneCluster } from '../support/oneCluster.ts';

function outcomesOf(text: string): Outcomes {
  const loaded = parseScenarios(text, 'one.yaml');
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  const [scenario] = loaded.scenarios;
  return (runLoaded(scenario as NonNullable<typeof scenario>).runs[0] as { result: { outcomes: Outcomes } }).result.outcomes;
}

const metrics = (o: Outcomes, ids: string[]) => Object.fromEntries(ids.map((id) => [id, outcomeMetric(id)?.value(o)]));

/**
 * One cluster of ten users (10 UCL-Enhanced) on a VA owning 5, registered on day 0, over 60 days:
 * authorized on day 0, CSSM finds the VA 5 short on day 1 (SL-7: overage, SL-12), the 30-day
 * overage period runs out on day 31 (enforcement). Overdraft 5 units from day 0.
 */
describe('outcome metrics, by hand (issue 15)', () => {
  it('a VA 5 short for the whole run: 1 authorized, 30 overage, 29 enforcement instance-days; 5 × 60 = 300 unit-days', () => {
    const o = outcomesOf(oneCluster({ name: 'short', expect: '  - never: { state: reserved }\n' }));
    expect(o.instanceDays).toEqual({ authorized: 1, overage: 30, enforcement: 29 });
    expect(o.entered).toEqual({
      authorized: { entries: 1, first: 0, last: 0 },
      overage: { entries: 1, first: 1, last: 1 },
      enforcement: { entries: 1, first: 31, last: 31 },
    });
    expect(o.overdraft).toEqual([{ account: 'va', type: 'UCL-Enhanced', peak: 5, peakDay: 0, unitDays: 300 }]);
    // The overage alarm (SL-12's warning) came on day 1, thirty days before the loss on day 31.
    expect(o.losses).toEqual({
      count: 1,
      unwarned: 0,
      leads: [{ alarm: 'SmartLicenseInOverage_OutOfCompliance', losses: 1, min: 30, median: 30, max: 30 }],
    });
    expect(o.alarms.find((a) => a.name === 'SmartLicenseNoProvision_OutOfCompliance')).toEqual({
      name: 'SmartLicenseNoProvision_OutOfCompliance',
      raised: 1,
      cleared: 0,
    });
    expect(
      metrics(o, ['enforcementDays', 'enforcementFirstDay', 'peakOverdraft', 'overdraftUnitDays', 'losses', 'shortestWarning']),
    ).toEqual({ enforcementDays: 29, enforcementFirstDay: 31, peakOverdraft: 5, overdraftUnitDays: 300, losses: 1, shortestWarning: 30 });
  });

  it('10 more bought on day 40: enforcement days 31–40 (10), back to authorized on day 41; 5 × 40 = 200 unit-days', () => {
    const o = outcomesOf(oneCluster({ name: 'late', purchase: 40, expect: '  - never: { state: reserved }\n' }));
    expect(o.instanceDays).toEqual({ authorized: 1 + 19, overage: 30, enforcement: 10 });
    expect(o.entered.authorized).toEqual({ entries: 2, first: 0, last: 41 });
    expect(o.totalOverdraft).toEqual({ peak: 5, peakDay: 0, unitDays: 200 });
    expect(metrics(o, ['enforcementLastDay', 'overdraftUnitDays', 'refusals', 'expiredFirstDay'])).toEqual({
      enforcementLastDay: 31,
      overdraftUnitDays: 200,
      refusals: 0,
      expiredFirstDay: null,
    });
  });

  it('enough licences: no overage, no overdraft, no losses; the loss metrics are 0 and the warning one does not apply', () => {
    const o = outcomesOf(oneCluster({ name: 'enough', licences: 10, expect: '  - never: { state: reserved }\n' }));
    expect(o.instanceDays).toEqual({ authorized: 60 });
    expect([o.overdraft, o.totalOverdraft, o.losses]).toEqual([[], null, { count: 0, unwarned: 0, leads: [] }]);
    expect(metrics(o, ['overageDays', 'peakOverdraft', 'unwarnedLosses', 'shortestWarning'])).toEqual({
      overageDays: 0,
      peakOverdraft: 0,
      unwarnedLosses: 0,
      shortestWarning: null,
    });
  });

  it('SL-17, SL-18: a warning whose condition cleared does not lead a later loss: two overage episodes, each warned 30 days ahead', () => {
    // 5 licences short from day 1; 10 bought on day 10 end it (the alarm clears on day 11); 10 more users on day 150 start it again.
    const text = oneCluster({ name: 'twice', purchase: 10, days: 200, expect: '  - never: { state: reserved }\n' }).replace(
      'expect:',
      '  - { at: 150d, do: grow, users: 10 }\nexpect:',
    );
    const o = outcomesOf(text);
    expect(o.entered.overage).toEqual({ entries: 2, first: 1, last: 151 });
    expect(o.losses.leads).toEqual([{ alarm: 'SmartLicenseInOverage_OutOfCompliance', losses: 1, min: 30, median: 30, max: 30 }]);
  });

  it("what happens at the run's last tick, after its last day, is not counted", () => {
    // 31 days (0–30): enforcement would come at the start of day 31, which the run does not have.
    const o = outcomesOf(oneCluster({ name: 'short run', days: 31, expect: '  - never: { state: reserved }\n' }));
    expect([o.entered.enforcement, o.losses.count, o.instanceDays.enforcement]).toEqual([undefined, 0, undefined]);
  });

  it('every metric has a unique id and a definition, and reads a value or null from any outcome', () => {
    const ids = OUTCOME_METRICS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    const o = outcomesOf(oneCluster({ name: 'short', expect: '  - never: { state: reserved }\n' }));
    for (const m of OUTCOME_METRICS) {
      expect(m.doc.length, m.id).toBeGreaterThan(20);
      const v = m.value(o);
      expect(v === null || Number.isFinite(v), m.id).toBe(true);
    }
  });
});
