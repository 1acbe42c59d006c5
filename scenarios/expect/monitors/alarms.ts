import type { Evidence, RunResult } from '../../../engine/result.ts';
import type { Simulation } from '../../../engine/run/simulation.ts';
import { ALARM_RULES, type AlarmName } from '../../../machines/emitted.ts';
import { daysToTicks } from '../../../machines/time.ts';
import type { Expectation } from '../types.ts';
import { dayOf, EVIDENCE_LIMIT, Scope, verdictOf, type Monitor } from './monitor.ts';

type AlarmExpectation = Extract<Expectation, { kind: 'alarm' }>;

/** alarm: a named alarm raised (or not) by instances in scope between `from` and `by`. */
export function alarmMonitor(e: AlarmExpectation): Monitor {
  const scope = new Scope(e.groups);
  let sim: Simulation;
  let count = 0;
  const seen: Evidence[] = [];
  const from = daysToTicks(e.from);
  const by = daysToTicks(e.by);
  return {
    start(s) {
      sim = s;
      scope.bind(s);
    },
    emitted(global, tick, event) {
      if (event.type !== 'alarm' || event.name !== e.name || tick < from || tick > by || !scope.has(global)) return;
      count++;
      if (seen.length < EVIDENCE_LIMIT) seen.push({ instance: sim.id(global), day: dayOf(tick), value: e.name, detail: `${e.name} raised on day ${dayOf(tick)}` });
    },
    verdict(_result: RunResult) {
      const passed = e.raised ? count > 0 : count === 0;
      const rules = [ALARM_RULES[e.name as AlarmName] ?? 'SL-17'];
      const message = count
        ? `${e.name} raised ${count} times${e.from ? ` from day ${e.from}` : ''} by day ${e.by}, first on day ${seen[0]?.day}`
        : `${e.name} not raised by day ${e.by} by any of ${scope.size} instances`;
      const evidence = passed ? [] : count ? seen : [{ day: e.by, value: 0, detail: `no instance in scope raised ${e.name} by day ${e.by}` }];
      return verdictOf(e, passed, message, rules, evidence);
    },
  };
}
