import type { Evidence, RunResult } from '../../../engine/result.ts';
import type { Simulation } from '../../../engine/run/simulation.ts';
import { daysToTicks } from '../../../machines/time.ts';
import type { Expectation } from '../types.ts';
import { dayOf, EVIDENCE_LIMIT, Scope, verdictOf, type Monitor } from './monitor.ts';

type Refused = Extract<Expectation, { kind: 'refused' }>;

/** refused: counts refusals (by the machines, the ledger or the engine) matching an operation and/or a rule. */
export function refusalMonitor(e: Refused): Monitor {
  const scope = new Scope(e.groups);
  let sim: Simulation;
  let count = 0;
  const seen: Evidence[] = [];
  const reasons = new Map<string, number>();
  const from = daysToTicks(e.from);
  const by = daysToTicks(e.by);
  return {
    start(s) {
      sim = s;
      scope.bind(s);
      // The engine reports refusals it makes itself (a ledger refusing a check-out, growth denied) through the same channel.
      s.refusalListeners.push((global, op, rule, reason) => {
        const tick = s.backend.now();
        if (tick < from || tick > by || !scope.has(global)) return;
        if ((e.op && op !== e.op) || (e.rule && rule !== e.rule)) return;
        count++;
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
        if (seen.length < EVIDENCE_LIMIT) seen.push({ instance: sim.id(global), day: dayOf(tick), value: op, detail: `${op} refused${rule ? ` (${rule})` : ''}: ${reason}` });
      });
    },
    verdict(_result: RunResult) {
      const passed = (e.equals === undefined || count === e.equals) && (e.atLeast === undefined || count >= e.atLeast) && (e.atMost === undefined || count <= e.atMost);
      const top = [...reasons].sort((a, b) => b[1] - a[1])[0];
      const message = `${count} refusals${top ? `, most often: ${top[0]} (${top[1]})` : ''}`;
      return verdictOf(e, passed, message, e.rule ? [e.rule] : [], passed ? [] : seen.length ? seen : [{ value: 0, detail: 'nothing matching was refused' }]);
    },
  };
}
