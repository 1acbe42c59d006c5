import { beforeAll, describe, expect, it } from 'vitest';
import { licsimMatchers, type RunResult, runScenario, runScenarioFile, type ScenarioOutcome } from '../../index.ts';
import { scenarioWith, smartGroup } from '../support/scenarios.ts';

expect.extend(licsimMatchers);

/** A QA suite written as vitest tests: runs licsim scenarios and asserts with licsim's matchers. */
describe('QA suite written as tests (custom vitest matchers)', () => {
  let connected: ScenarioOutcome;
  beforeAll(async () => {
    [connected] = (await runScenarioFile('scenarios/smart-licensing/connected.yaml')) as [ScenarioOutcome];
  });

  it('a bundled scenario passes every expectation it declares', () => {
    expect(connected).toPassExpectations();
  });

  it('SL-4, SL-5: the connected clusters all reach Authorized within a day of registering', () => {
    expect(connected).toReachState('authorized', { by: 10 });
    expect(connected).not.toReachState('authorized', { by: 9 });
  });

  it('SL-12: they go out of compliance (overage) but the purchase comes before enforcement', () => {
    expect(connected).toReachState('overage', { instances: 'any' });
    expect(connected).not.toReachState('enforcement', { instances: 'any' });
    expect(connected).toRaiseAlarm('SmartLicenseInOverage_OutOfCompliance');
    expect(connected).not.toHaveNoOverdraft();
    expect(connected).toHaveNoOverdraft({ from: 125 });
  });

  it('the matchers explain a failure with the day and the values', () => {
    const short: RunResult = runScenario(
      scenarioWith(
        [smartGroup('sl', 10, { users: 10, profiles: { 'desk-phone': 1 }, growth: 0 } as never)],
        [{ at: 5, target: {}, action: { kind: 'register', exportControl: true } }],
      ),
    );
    const tooFew = {
      ...short,
      series: {
        ...short.series,
        usage: short.series.usage.map((u) => ({ ...u, overdraft: u.overdraft.map((_, d) => (d === 7 ? 3 : 0)) })),
      },
    };
    expect(() => expect(tooFew).toHaveNoOverdraft()).toThrow(/va-east UCL-Enhanced was 3 units over on day 7 \(2026-01-08\)/);
    expect(() => expect(short).toReachState('reserved')).toThrow('expected 10 instances in reserved by day 199, but at most 0 were');
    expect(() => expect(short).toReachState('nowhere')).toThrow(/no model of this run has a state "nowhere"/);
    expect(() => expect(short).toRaiseAlarm('SmartLicenseRegistrationExpired')).toThrow(
      'expected SmartLicenseRegistrationExpired to be raised by day 199, but it never was',
    );
  });

  it('toPassExpectations lists the failed expectations with their evidence', async () => {
    const [failing] = (await runScenarioFile('scenarios/examples/failing/late-purchase.yaml')) as [ScenarioOutcome];
    expect(failing).not.toPassExpectations();
    const header = /2 expectation\(s\) of "A 60-day overage period is too short for a purchase on day 150" failed:\n/;
    const first = / {2}✗ no instance enters enforcement \[SL-12 fired\]: 50 of 50 instances entered enforcement \(none may\)/;
    expect(() => expect(failing).toPassExpectations()).toThrow(new RegExp(header.source + first.source));
  });
});
