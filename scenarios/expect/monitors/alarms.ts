import type { RunResult } from '../../../engine/result.ts';
import type { Expectation } from '../types.ts';
import { verdictOf, WindowTally, type Monitor } from './monitor.ts';

type AlarmExpectation = Extract<Expectation, { kind: 'alarm' }>;

/** alarm: a named alarm raised (or not) by instances in scope between `from` and `by`. */
export function alarmMonitor(e: AlarmExpectation): Monitor {
  const tally = new WindowTally(e.groups, e.from, e.by);
  return {
    start(s) {
      tally.bind(s);
    },
    emitted(global, tick, event) {
      if (event.type !== 'alarm' || event.name !== e.name || !tally.covers(global, tick)) return;
      tally.record(global, tick, e.name, (day) => `${e.name} raised on day ${day}`);
    },
    verdict(_result: RunResult) {
      const { count, seen, scope } = tally;
      const passed = e.raised ? count > 0 : count === 0;
      const message = count
        ? `${e.name} raised ${count} times${e.from ? ` from day ${e.from}` : ''} by day ${e.by}, first on day ${seen[0]?.day}`
        : `${e.name} not raised by day ${e.by} by any of ${scope.size} instances`;
      const evidence = passed ? [] : count ? seen : [{ day: e.by, value: 0, detail: `no instance in scope raised ${e.name} by day ${e.by}` }];
      return verdictOf(e, passed, message, e.rules, evidence);
    },
  };
}
