import { z } from 'zod';
import type { Evidence, RunResult } from '../../../engine/result.ts';
import { listOf, when } from '../../../engine/units.ts';
import type { ModelName } from '../../../machines/policyOverride.ts';
import { daySample } from '../days.ts';
import { defineExpectation } from '../definition.ts';
import { amountField, names, scope } from '../fields.ts';
import { Scope, verdictOf, withinBounds } from '../monitor.ts';
import { type Amount, amount, type Bound, bounds, inGroups, oneOrMany, states } from '../resolve.ts';
import { countOf, NamedCounts, namesInOrder, shareOf } from '../share.ts';

const resolveAmount = (a: Amount | undefined, total: number) =>
  a === undefined ? undefined : a.percent ? (a.value / 100) * total : a.value;

/**
 * A failed stateCount atLeast's near miss, from the run's daily status series (the whole fleet's, so only
 * when the whole fleet is in scope): the day whose count came closest to the bounds, and the
 * first day that met them, if any did.
 */
function nearMiss(
  result: RunResult,
  byModel: Partial<Record<ModelName, string[]>>,
  bounds: { equals?: number | undefined; atLeast?: number | undefined; atMost?: number | undefined },
  target: number,
): Evidence | null {
  const days = result.series.overdraftTotal.length;
  const counts = new Array<number>(days).fill(0);
  for (const [model, names] of Object.entries(byModel))
    for (const name of names ?? []) {
      const series = result.series.status[model]?.[name];
      if (series) for (let d = 0; d < days; d++) counts[d] = (counts[d] as number) + (series[d] ?? 0);
    }
  const miss = (n: number) =>
    Math.max(
      bounds.equals === undefined ? 0 : Math.abs(n - bounds.equals),
      bounds.atLeast === undefined ? 0 : bounds.atLeast - n,
      bounds.atMost === undefined ? 0 : n - bounds.atMost,
    );
  let best = -1;
  let met = -1;
  for (let d = 0; d < days; d++) {
    if (best < 0 || miss(counts[d] as number) < miss(counts[best] as number)) best = d;
    if (met < 0 && miss(counts[d] as number) <= 0) met = d;
  }
  if (best < 0) return null;
  const n = counts[best] as number;
  const first =
    met >= 0 ? `; first met at the end of day ${met}${met > target ? `, ${met - target} days after day ${target}` : ''}` : '; never met';
  return { day: best, value: n, detail: `came closest at the end of day ${best}: ${n.toLocaleString('en-US')} instances${first}` };
}

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
      title: `${text} ${oneOrMany(text, 'instance')}${inGroups(x.groups)} in ${set.names.join(' or ')} at the end of day ${at}`,
      states: set,
      day: at,
      ...(Object.fromEntries(keys.map((k) => [k, amount(body[k] as number | string)])) as Partial<Record<Bound, Amount>>),
    };
  },
  monitor(e) {
    const scope = new Scope(e);
    let counted = 0;
    /** The daily sample the expectation reads: that day's, or the last one for the end of the run. */
    let target = 0;
    /** Per status, the instances in it, with the first one's place in the whole fleet. */
    const byStatus = new NamedCounts();
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
            byStatus.add(status, [s.fleet.origin(g)]);
          }
        }
      },
      share: () => shareOf({ counts: { counted, size: scope.size }, named: { byStatus } }),
      judge(share, result) {
        // The day read from the result (a merge judges with a monitor that watched no run).
        const target = daySample(e.day, result.dates.length);
        const n = countOf(share, 'counted');
        const size = countOf(share, 'size');
        const equals = resolveAmount(e.equals, size);
        const atLeast = resolveAmount(e.atLeast, size);
        const atMost = resolveAmount(e.atMost, size);
        const passed = withinBounds(n, { equals, atLeast, atMost });
        const limit = [
          equals !== undefined ? `= ${equals}` : '',
          atLeast !== undefined ? `>= ${atLeast}` : '',
          atMost !== undefined ? `<= ${atMost}` : '',
        ]
          .filter(Boolean)
          .join(' and ');
        const inStatus = namesInOrder(share.named.byStatus);
        const statuses = inStatus.length ? ` (${inStatus.map(([k, v]) => `${k}: ${v}`).join(', ')})` : '';
        const evidence: Evidence[] = [
          {
            day: target,
            value: n,
            limit,
            detail: `${n} of ${size} instances in ${e.states.names.join(' or ')} at the end of day ${target}${statuses}`,
          },
        ];
        // A near miss for a count that fell short (an atLeast alone): which day came closest, and when it was first met.
        const short = !passed && atLeast !== undefined && equals === undefined && atMost === undefined;
        const near = short ? nearMiss(result, e.states.byModel, { atLeast }, target) : null;
        if (near && size === result.scenario.instances) evidence.push(near);
        return verdictOf(e, passed, `${n} instances, expected ${limit}`, e.states.rules, evidence);
      },
    };
  },
});
