import type { RunResult } from '../../../engine/result.ts';
import type { Expectation } from '../types.ts';
import { verdictOf, WindowTally, withinBounds, type Monitor } from './monitor.ts';

type Refused = Extract<Expectation, { kind: 'refused' }>;

/** refused: counts refusals (by the machines, the ledger or the engine) matching an operation and/or a rule. */
export function refusalMonitor(e: Refused): Monitor {
  const tally = new WindowTally(e.groups, e.from, e.by);
  const reasons = new Map<string, number>();
  return {
    start(s) {
      tally.bind(s);
    },
    // Refusals by the machines, the ledger (a check-out refused) and the engine (growth denied) alike.
    refused(global, tick, op, rule, reason) {
      if (!tally.covers(global, tick) || (e.op && op !== e.op) || (e.rule && rule !== e.rule)) return;
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      tally.record(global, tick, op, () => `${op} refused${rule ? ` (${rule})` : ''}: ${reason}`);
    },
    verdict(_result: RunResult) {
      const { count, seen } = tally;
      const passed = withinBounds(count, e);
      const top = [...reasons].sort((a, b) => b[1] - a[1])[0];
      const message = `${count} refusals${top ? `, most often: ${top[0]} (${top[1]})` : ''}`;
      return verdictOf(e, passed, message, e.rule ? [e.rule] : [], passed ? [] : seen.length ? seen : [{ value: 0, detail: 'nothing matching was refused' }]);
    },
  };
}
