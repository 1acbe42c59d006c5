import { describe, expect, it } from 'vitest';
import { verdictOfRun } from '../../scenarios/expect/monitor.ts';
import { EXPECTATIONS, monitorFor } from '../../scenarios/expect/registry.ts';
import { checkedRun, cutOff, loadWith, overageClock, shifted, shortClusters } from '../support/expectations.ts';

/**
 * A Checkable's state saved at the end of day `saveAt` (not failed yet) and restored:
 * - into a second run of the same scenario at the same instant, after the state its first
 *   run ended with (failed then, when `endedFailsThen`: a failure recorded by a step, not one
 *   still ahead of that instant): failed() and key() are then the first run's at that instant,
 *   and the second run goes on exactly as the first (the same key and failed() every day,
 *   the same verdict), though the first run went on after `save` (the state was copied);
 * - into the first run's monitor after its end: the key at the saved instant comes back
 *   (the second run went on from the state without changing it: `load` copied it too).
 */
function roundTrip(text: string, expectation: string, saveAt: number, endedFailsThen = true) {
  const variant = 0;
  const loaded = loadWith(text, [expectation]);
  const first = checkedRun(loaded, { saveAt, variant });
  const ended = first.check.save();
  expect(first.failed[saveAt]).toBe(false);
  expect(first.check.failed()).toBe(true);
  const second = checkedRun(loaded, { variant, loads: { day: saveAt, states: [ended, first.saved] } });
  expect(second.afterLoads[0]?.failed).toBe(endedFailsThen);
  expect(second.afterLoads[0]?.key).not.toBe(first.keys[saveAt]);
  expect(second.afterLoads[1]).toEqual({ key: first.keys[saveAt], failed: false });
  expect(second.keys).toEqual(first.keys);
  expect(second.failed).toEqual(first.failed);
  expect(second.verdict).toEqual(first.verdict);
  const at = first.ticks[saveAt] as number;
  expect(first.check.key(at)).not.toBe(first.keys[saveAt]);
  first.check.load(first.saved);
  expect(first.check.key(at)).toBe(first.keys[saveAt]);
  return first;
}

/** The first day whose end-of-day reading found the expectation failed. */
const firstFailed = (failed: boolean[]) => failed.indexOf(true);

describe('Checkable (licsim verify): failed(), save(), load() and key() of each verifiable kind', () => {
  it('every kind marked verifiable has a monitor with check, and no other kind has one', () => {
    const bodies: Record<string, string> = {
      maxOverdraft: '{ max: 0 }',
      ledger: '{ account: va, day: 10d, overdraft: { equals: 0 } }',
      never: '{ state: enforcement }',
      eventually: '{ state: authorized }',
      always: '{ state: authorized }',
      leadsTo: '{ state: overage, to: enforcement, within: 30d }',
      residence: '{ in: overage, moreThan: 30d, window: 60d, leadsTo: enforcement }',
      stateCount: '{ state: authorized, day: 10d, equals: 10 }',
      alarm: '{ name: SmartLicenseInEval }',
      refused: '{ op: grow, equals: 0 }',
      noServiceLoss: '{ warningDays: 30 }',
      warnsBefore: '{ state: enforcement, alarm: SmartLicenseInOverage_OutOfCompliance, days: 30d }',
      ledgerBalanced: 'true',
      consistent: 'true',
    };
    expect(Object.keys(bodies)).toEqual(EXPECTATIONS.map((d) => d.kind));
    const loaded = loadWith(
      shortClusters(),
      EXPECTATIONS.map((d) => `{ ${d.kind}: ${bodies[d.kind]} }`),
    );
    const checkable = loaded.expectations.filter((e) => monitorFor(e).check).map((e) => e.kind);
    expect(checkable).toEqual(EXPECTATIONS.filter((d) => d.verifiable).map((d) => d.kind));
    expect(checkable).toEqual(['maxOverdraft', 'never', 'leadsTo', 'residence', 'warnsBefore', 'consistent']);
  });

  it('leadsTo: failed once a wait has lasted more than within, at the end of day 35 (day 6 + 29 days, and a day more)', () => {
    const run = roundTrip(shortClusters(), '{ leadsTo: { state: outOfComplianceOverage, to: enforcement, within: 29d } }', 20);
    // The end of day 34 is day 35 00:00, 29 days after the entry: not more than within yet.
    expect(firstFailed(run.failed)).toBe(35);
    expect(run.keys[20]).toBe(`|${Array.from({ length: 10 }, (_, g) => `${g}:${15 * 1440}`).join(',')}`);
    expect(run.keys[35]).toMatch(/^F\|/);
  });

  it('residence: under restart, failed from the first minute after day 95 00:00 (57 + 33 days out of compliance)', () => {
    const run = roundTrip(
      overageClock(),
      '{ residence: { in: [outOfComplianceOverage, outOfComplianceEnforced], moreThan: 90d, window: 120d, leadsTo: enforcement } }',
      50,
      // Read at day 51 00:00, the end state's breach (in overage since day 62) is ahead of it.
      false,
    );
    // The end of day 94 is day 95 00:00: exactly 90 days out of compliance, not more.
    expect(run.failed[94]).toBe(false);
    expect(firstFailed(run.failed)).toBe(95);
    // At day 51 00:00: in overage since day 4 (47 days ago); at day 71 00:00: the stay of days 4 to 61 (67 to 10 days
    // ago) and the one since day 62 (9 days ago), in overage.
    expect(run.keys[50]).toBe(`|${Array.from({ length: 10 }, (_, g) => `${g}:i/${47 * 1440}`).join(';')}`);
    expect(run.keys[70]).toBe(`|${Array.from({ length: 10 }, (_, g) => `${g}:i/${67 * 1440}-${10 * 1440},${9 * 1440}`).join(';')}`);
  });

  it('warnsBefore: failed at the entry that came without its warning (day 91), and a key of the warnings up', () => {
    const run = roundTrip(
      cutOff(),
      '{ warnsBefore: { state: authorizationExpiredOverage, alarm: SmartLicenseAuthorizationExpiringSoon, days: 16d } }',
      80,
    );
    expect(firstFailed(run.failed)).toBe(91);
    // At day 81 00:00 the warning raised at day 76 has been up 5 days on both.
    expect(run.keys[80]).toBe(`|0:${5 * 1440},1:${5 * 1440}`);
  });

  it('never: failed at the first entry (day 36 00:00, read at the end of day 36)', () => {
    const run = roundTrip(shortClusters(), '{ never: { state: enforcement } }', 20);
    expect(firstFailed(run.failed)).toBe(36);
    expect(run.keys[20]).toBe('|i|');
    expect(run.keys[36]).toBe('F|i|0,1,2,3,4,5,6,7,8,9');
    // A window that opens later and one that closes before the run ends say where now is in them.
    const later = checkedRun(loadWith(shortClusters(), ['{ never: { state: enforcement, from: 40d, to: 60d, for: 50% } }']));
    expect(later.keys[20]).toBe(`|b${19 * 1440}|`);
    expect(later.keys[45]).toBe(`F|i${15 * 1440 - 1}|0,1,2,3,4,5,6,7,8,9`);
    expect(later.keys[70]).toBe('F|a|');
  });

  it('maxOverdraft: failed at the end-of-day sample of the first day over the limit in the window (day 10)', () => {
    const run = roundTrip(shortClusters(), '{ maxOverdraft: { max: 5, from: 10d } }', 8);
    expect(firstFailed(run.failed)).toBe(10);
    expect(run.keys[8]).toBe('|1:end|["va\\u0000UCL-Enhanced"]');
    expect(run.keys[10]).toBe('F|0:end|["va\\u0000UCL-Enhanced"]');
  });

  it('maxOverdraft: check agrees with the verdict read from the daily series, day by day', () => {
    const cases: Array<[string, string, number]> = [
      // [scenario, expectation, the first day over the limit or -1]
      [shortClusters(), '{ maxOverdraft: { max: 10 } }', -1],
      [shortClusters(), '{ maxOverdraft: { max: 9 } }', 5],
      [shortClusters(), '{ maxOverdraft: { max: 10%, type: UCL-Enhanced } }', 5],
      [shortClusters(), '{ maxOverdraft: { max: 12% } }', -1],
      [shortClusters(), '{ maxOverdraft: { max: 0, from: 51d } }', -1],
      [shortClusters(), '{ maxOverdraft: { max: 0, to: 4d } }', -1],
      [shortClusters(), '{ maxOverdraft: { max: 9, account: va, from: 20d, to: 49d } }', 20],
      [shortClusters(), '{ maxOverdraft: { max: 0, type: CUWL } }', -1],
      [overageClock(), '{ maxOverdraft: { max: 4 } }', 3],
      [overageClock(), '{ maxOverdraft: { max: 4, from: 60d } }', 61],
    ];
    for (const [text, expectation, first] of cases) {
      const run = checkedRun(loadWith(text, [expectation]));
      expect([expectation, run.check.failed()]).toEqual([expectation, !run.verdict.passed]);
      expect([expectation, firstFailed(run.failed)]).toEqual([expectation, first]);
    }
  });

  it('consistent: a disagreement in scope fails it for good; save and load bring the state before it back', () => {
    const loaded = loadWith(shortClusters(), ['{ consistent: { instances: [1] } }']);
    const monitor = monitorFor(loaded.expectations[0] as never);
    const check = monitor.check;
    const sim = {
      fleet: { size: 10, groups: [{ spec: { name: 'sl' }, first: 0, count: 10 }], globalOf: () => -1, origin: (g: number) => g },
      parties: { list: [] },
      isInstance: () => true,
    };
    monitor.start?.(sim as never);
    const found = { instance: 'sl-001', tick: 1440, status: 'authorized', claims: 'units {"UCL-Enhanced":10} from va', ledger: 'units {}' };
    const before = check?.save();
    monitor.inconsistent?.(0, { ...found, instance: 'sl-000' });
    expect([check?.failed(), check?.key(0)]).toEqual([false, '']);
    monitor.inconsistent?.(1, found);
    expect([check?.failed(), check?.key(0)]).toEqual([true, 'F']);
    const after = check?.save();
    check?.load(before);
    expect([check?.failed(), check?.key(0), verdictOfRun(monitor, { consistency: { checks: 3 } } as never).passed]).toEqual([
      false,
      '',
      true,
    ]);
    check?.load(after);
    expect(verdictOfRun(monitor, { consistency: { checks: 3 } } as never).evidence).toEqual([
      expect.objectContaining({ instance: 'sl-001', day: 1 }),
    ]);
  });
});

describe('key(now): two runs a time shift apart give the same keys at corresponding instants', () => {
  const same = (text: string, expectation: string, days: number, variant = 0) => {
    const a = checkedRun(loadWith(text, [expectation]), { variant });
    const b = checkedRun(loadWith(shifted(text, days), [expectation]), { variant });
    expect(b.keys.slice(days)).toEqual(a.keys);
    return a;
  };

  it('leadsTo: the same ten short clusters ten days later', () => {
    const a = same(shortClusters(), '{ leadsTo: { state: outOfComplianceOverage, to: enforcement, within: 29d } }', 10);
    expect(a.keys[20]).toMatch(/^\|0:\d+,/);
  });

  it('residence: the overage clock a hundred days later, under restart and under resume', () => {
    const rule =
      '{ residence: { in: [outOfComplianceOverage, outOfComplianceEnforced], moreThan: 90d, window: 120d, leadsTo: enforcement } }';
    const a = same(overageClock(), rule, 100, 0);
    const b = same(overageClock(), rule, 100, 1);
    expect(a.keys[100]).toMatch(/^F\|0:i/);
    // Resume: enforced from day 95; at day 101 00:00 in and enforced, and the stays of the window.
    expect(b.keys[100]).toBe(`|${Array.from({ length: 10 }, (_, g) => `${g}:il/${97 * 1440}-${40 * 1440},${39 * 1440}`).join(';')}`);
  });

  it('warnsBefore: the cut-off clusters thirty days later', () => {
    same(cutOff(), '{ warnsBefore: { state: authorizationExpiredOverage, alarm: SmartLicenseRenewAuthFailed, days: 60d } }', 30);
  });
});
