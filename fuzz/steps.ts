import { formatDay } from '../reports/evidenceText.ts';
import type { FuzzSpace } from './space.ts';
import { fleetUnchanged, type Variant } from './variant.ts';

/** One difference of a variant from the written scenario, as data (results.json) and as a line (console, header). */
export type Step =
  | { kind: 'shifted'; entry: number; action: string; from: number; to: number; by: number }
  | { kind: 'dropped'; entry: number; action: string; day: number }
  | { kind: 'narrowed'; entry: number; action: string; instance: string }
  | { kind: 'inserted'; action: string; day: number }
  | { kind: 'repeated'; entry: number; action: string; day: number }
  | { kind: 'policy'; model: string; key: string; from: number; to: number }
  | { kind: 'fleet'; group: string; key: string; from: number | string; to: number }
  | { kind: 'purchase'; where: string; type: string; from: number; to: number };

/**
 * The differences of a variant from the original timeline and policy, in timeline order.
 *
 * @example
 * stepsOf(space, { entries: [{ shift: 0, drop: false }, { shift: 1, drop: false }], inserts: [], policy: [] });
 * // [{ kind: 'shifted', entry: 1, action: 'purchase', from: 30, to: 31, by: 1 }]
 */
export function stepsOf(space: FuzzSpace, v: Variant): Step[] {
  const steps: Step[] = [];
  v.entries.forEach((c, i) => {
    const e = space.entries[i];
    if (!e) return;
    if (c.drop) steps.push({ kind: 'dropped', entry: i, action: e.kind, day: e.day });
    else if (c.shift !== 0) steps.push({ kind: 'shifted', entry: i, action: e.kind, from: e.day, to: e.day + c.shift, by: c.shift });
    if (!c.drop && c.only !== undefined) steps.push({ kind: 'narrowed', entry: i, action: e.kind, instance: c.only });
  });
  for (const ins of v.inserts) {
    const choice = space.inserts[ins.choice];
    if (choice?.repeatOf !== undefined) steps.push({ kind: 'repeated', entry: choice.repeatOf, action: choice.kind, day: ins.day });
    else steps.push({ kind: 'inserted', action: choice?.kind ?? '?', day: ins.day });
  }
  v.policy.forEach((value, i) => {
    const p = space.policy[i];
    if (p && value !== p.original) steps.push({ kind: 'policy', model: p.model, key: p.key, from: p.original, to: value });
  });
  v.fleet.forEach((value, i) => {
    const f = space.fleet[i];
    if (f && value !== null && !fleetUnchanged(f, value))
      steps.push({ kind: 'fleet', group: f.name, key: f.key, from: f.original ?? 'a range', to: value });
  });
  v.purchases.forEach((value, i) => {
    const p = space.purchases[i];
    if (p && value !== p.original) steps.push({ kind: 'purchase', where: p.where, type: p.type, from: p.original, to: value });
  });
  return steps;
}

const signed = (n: number) => `${n > 0 ? '+' : '−'}${formatDay(Math.abs(n))} d`;

/**
 * A step in words.
 *
 * @example
 * stepLine({ kind: 'shifted', entry: 1, action: 'purchase', from: 30, to: 31, by: 1 });
 * // 'shifted timeline[1] purchase from day 30 to day 31 (+1 d)'
 */
export function stepLine(s: Step): string {
  switch (s.kind) {
    case 'shifted':
      return `shifted timeline[${s.entry}] ${s.action} from day ${formatDay(s.from)} to day ${formatDay(s.to)} (${signed(s.by)})`;
    case 'dropped':
      return `dropped timeline[${s.entry}] ${s.action} of day ${formatDay(s.day)}`;
    case 'narrowed':
      return `narrowed timeline[${s.entry}] ${s.action} from a fraction of the fleet to ${s.instance}`;
    case 'inserted':
      return `inserted ${s.action} on day ${formatDay(s.day)}`;
    case 'repeated':
      return `repeated timeline[${s.entry}] ${s.action} on day ${formatDay(s.day)}`;
    case 'fleet':
      return `set fleet ${s.group} ${s.key} from ${s.from} to ${s.to}`;
    case 'purchase':
      return `bought ${s.to} ${s.type} instead of ${s.from} (${s.where})`;
    case 'policy':
      return `set ${s.model} ${s.key} from ${formatDay(s.from)} to ${formatDay(s.to)} days`;
  }
}
