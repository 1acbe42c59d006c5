import { z } from 'zod';
import type { Evidence } from '../../../engine/result.ts';
import { listOf, when } from '../../../engine/units.ts';
import type { ModelName } from '../../../machines/policyOverride.ts';
import { daySample } from '../days.ts';
import { defineExpectation } from '../definition.ts';
import { amountField, names, scope } from '../fields.ts';
import { Scope, verdictOf, withinBounds } from '../monitor.ts';
import { type Amount, amount, type Bound, bounds, inGroups, states } from '../resolve.ts';

const resolveAmount = (a: Amount | undefined, total: number) =>
  a === undefined ? undefined : a.percent ? (a.value / 100) * total : a.value;

/** stateCount: instances in scope in the states at the end of a day, against equals / atLeast / atMost. */
export const stateCount = defineExpectation({
  kind: 'stateCount',
  doc: 'instances in the state(s) at the end of a day: equals, atLeast, atMost (a number or a % of the instances in scope)',
  schema: z.strictObject({
    state: names,
    day: when,
    equals: amountField.optional(),
    atLeast: amountField.optional(),
    atMost: amountField.optional(),
    ...scope,
  }),
  resolve(body, x) {
    const set = states(x, listOf(body.state) as string[], [...x.path, 'state']);
    const at = x.day('day', x.end);
    const { keys, text } = bounds(x, body);
    return {
      title: `${text} instances${inGroups(x.groups)} in ${set.names.join(' or ')} at the end of day ${at}`,
      states: set,
      day: at,
      ...(Object.fromEntries(keys.map((k) => [k, amount(body[k] as number | string)])) as Partial<Record<Bound, Amount>>),
    };
  },
  monitor(e) {
    const scope = new Scope(e);
    let counted: number | undefined;
    /** The daily sample the expectation reads: that day's, or the last one for the end of the run. */
    let target = 0;
    const byStatus = new Map<string, number>();
    return {
      start(s) {
        scope.bind(s);
        target = daySample(e.day, Math.ceil(s.scenario.days));
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
      verdict() {
        const n = counted ?? 0;
        const equals = resolveAmount(e.equals, scope.size);
        const atLeast = resolveAmount(e.atLeast, scope.size);
        const atMost = resolveAmount(e.atMost, scope.size);
        const passed = withinBounds(n, { equals, atLeast, atMost });
        const limit = [
          equals !== undefined ? `= ${equals}` : '',
          atLeast !== undefined ? `>= ${atLeast}` : '',
          atMost !== undefined ? `<= ${atMost}` : '',
        ]
          .filter(Boolean)
          .join(' and ');
        const statuses = byStatus.size ? ` (${[...byStatus].map(([k, v]) => `${k}: ${v}`).join(', ')})` : '';
        const evidence: Evidence[] = [
          {
            day: target,
            value: n,
            limit,
            detail: `${n} of ${scope.size} instances in ${e.states.names.join(' or ')} at the end of day ${target}${statuses}`,
          },
        ];
        return verdictOf(e, passed, `${n} instances, expected ${limit}`, e.states.rules, evidence);
      },
    };
  },
});
