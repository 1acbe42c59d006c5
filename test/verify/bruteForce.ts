import type { Scenario } from '../../engine/scenario.ts';
import { TICKS_PER_DAY } from '../../machines/time.ts';
import { monitorFor } from '../../scenarios/expect/registry.ts';
import { instantCap } from '../../verify/checker.ts';
import { CoverageWatch, type MachineCoverage } from '../../verify/coverage.ts';
import type { Property, Verification } from '../../verify/spec.ts';
import { TargetWatch } from '../../verify/targetWatch.ts';
import { WorldDriver, type WorldState } from '../../verify/worldDriver.ts';

/** What brute force finds for one variant: per property (in order), the shortest violation, and the coverage. */
export interface BruteVerdicts {
  /** Per property: null when it holds; else the fewest events and then the earliest day of a violation. */
  violations: Array<{ events: number; day: number } | null>;
  coverage: MachineCoverage[];
  /** Event nodes visited. */
  nodes: number;
}

/**
 * The cross-check of licsim verify's abstraction of time: every sequence of at most
 * `budget` events of the alphabet, each at the start of every whole day before the
 * horizon, in every order (several on one day too), with no fingerprints and no
 * choice of instants. It shares only the world driver (the compiled step function
 * and save/load, tested on their own) with the checker.
 *
 * Run properties are judged along each path within the file's bound; `recoverable`
 * at each state an event leads to (and the start) within the bound: some continuation
 * with at most `recovery` more events reaches the target.
 */
export function bruteForce(v: Verification, variant: { label: string; scenario: Scenario }, recovery: number): BruteVerdicts {
  const props = v.properties.filter((p) => p.variants === null || p.variants.includes(variant.label));
  const runProps = props.filter((p): p is Property & { check: { kind: 'run' } } => p.check.kind === 'run');
  const monitors = runProps.map((p) => monitorFor(p.check.expectation));
  const targets = props.map((p) => (p.check.kind === 'recoverable' ? new TargetWatch(p.check.target, p.check.groups) : null));
  const watches = targets.filter((t): t is TargetWatch => t !== null);
  const coverage = new CoverageWatch();
  const driver = new WorldDriver(variant.scenario, monitors, {
    cap: instantCap(variant.scenario),
    observers: [coverage, ...watches],
  });
  coverage.noteCurrent();
  const horizonDay = driver.horizon / TICKS_PER_DAY;
  const violations: Array<{ events: number; day: number } | null> = props.map(() => null);
  const trapped = props.map(() => false);
  let nodes = 0;
  const budget = v.events + (watches.length ? recovery : 0);

  const note = (events: number, tick: number) => {
    if (events > v.events) return;
    const broken = new Set(driver.failed());
    runProps.forEach((p, k) => {
      if (!broken.has(k)) return;
      const i = props.indexOf(p);
      const day = tick / TICKS_PER_DAY;
      const best = violations[i];
      if (!best || events < best.events || (events === best.events && day < best.day)) violations[i] = { events, day };
    });
  };

  /**
   * An event node (or the start) at the midnight `day`: its continuation day by day, with
   * every event tried at every midnight. Returns, per recoverable property, the fewest
   * further events after which its target is seen (Infinity when none within the budget).
   */
  const visit = (state: WorldState, day: number, events: number): number[] => {
    nodes++;
    driver.load(state);
    for (const w of watches) w.reset();
    const need = watches.map(() => Number.POSITIVE_INFINITY);
    const seenNow = () =>
      watches.forEach((w, k) => {
        if (w.seen) need[k] = 0;
      });
    seenNow();
    for (let d = day; d < horizonDay; d++) {
      if (events < budget) {
        const here = driver.save();
        const seen = watches.map((w) => w.seen);
        for (const e of v.alphabet) {
          driver.load(here);
          driver.inject(e);
          note(events + 1, d * TICKS_PER_DAY);
          visit(driver.save(), d, events + 1).forEach((n, k) => {
            if (n + 1 < (need[k] as number)) need[k] = n + 1;
          });
        }
        driver.load(here);
        watches.forEach((w, k) => {
          w.seen = seen[k] as boolean;
        });
      }
      driver.advanceTo((d + 1) * TICKS_PER_DAY, (tick) => note(events, tick - TICKS_PER_DAY));
      seenNow();
    }
    driver.finish();
    note(events, driver.horizon);
    seenNow();
    if (events <= v.events)
      targets.forEach((t, i) => {
        if (t && (need[watches.indexOf(t)] as number) > recovery) trapped[i] = true;
      });
    return need;
  };

  visit(driver.save(), 0, 0);
  targets.forEach((t, i) => {
    if (t && trapped[i]) violations[i] = { events: -1, day: -1 };
  });
  return { violations, coverage: coverage.report(), nodes };
}
