import type { Evidence, RunResult } from '../../../engine/result.ts';
import type { Simulation } from '../../../engine/run/simulation.ts';
import type { ModelName } from '../../../machines/policyOverride.ts';
import type { Amount, Expectation } from '../types.ts';
import { Scope, verdictOf, withinBounds, type Monitor } from './monitor.ts';

type StateCount = Extract<Expectation, { kind: 'stateCount' }>;

const resolve = (a: Amount | undefined, total: number) => (a === undefined ? undefined : a.percent ? (a.value / 100) * total : a.value);

/** stateCount: instances in scope in the states at the end of a day, against equals / atLeast / atMost. */
export function stateCountMonitor(e: StateCount): Monitor {
  const scope = new Scope(e.groups);
  let counted: number | undefined;
  /** The daily sample the expectation reads: that day's, or the last one for the end of the run. */
  let target = 0;
  const byStatus = new Map<string, number>();
  return {
    start(s: Simulation) {
      scope.bind(s);
      target = Math.min(Math.floor(e.day), Math.ceil(s.scenario.days) - 1);
    },
    day(day, s) {
      if (day !== target) return;
      counted = 0;
      for (let g = 0; g < s.fleet.size; g++) {
        if (!scope.has(g)) continue;
        const model = s.fleet.group(g).model as ModelName;
        const status = s.status(g);
        if (e.states.byModel[model]?.includes(status)) {
          counted++;
          byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
        }
      }
    },
    verdict(_result: RunResult) {
      const n = counted ?? 0;
      const equals = resolve(e.equals, scope.size);
      const atLeast = resolve(e.atLeast, scope.size);
      const atMost = resolve(e.atMost, scope.size);
      const passed = withinBounds(n, { equals, atLeast, atMost });
      const limit = [equals !== undefined ? `= ${equals}` : '', atLeast !== undefined ? `>= ${atLeast}` : '', atMost !== undefined ? `<= ${atMost}` : '']
        .filter(Boolean)
        .join(' and ');
      const evidence: Evidence[] = [
        {
          day: target,
          value: n,
          limit,
          detail: `${n} of ${scope.size} instances in ${e.states.names.join(' or ')} at the end of day ${target}${byStatus.size ? ` (${[...byStatus].map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''}`,
        },
      ];
      return verdictOf(e, passed, `${n} instances, expected ${limit}`, e.states.rules, evidence);
    },
  };
}
