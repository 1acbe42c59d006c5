import type { FuzzSpace } from './space.ts';
import { fleetUnchanged, type Variant } from './variant.ts';

type Doc = Record<string, unknown>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A day written as the original was: a date when it was a date (counted from the
 * scenario's start), else days (`31d`, or a plain number for a fraction of a day).
 *
 * @example
 * dayValue(31, '30d', '2026-01-01'); // '31d'
 * dayValue(31, '2026-01-31', '2026-01-01'); // '2026-02-01'
 */
export function dayValue(day: number, original: unknown, start: string): string | number {
  if (typeof original === 'string' && ISO_DATE.test(original))
    return new Date(Date.parse(`${start}T00:00:00Z`) + Math.round(day * 86_400_000)).toISOString().slice(0, 10);
  return Number.isInteger(day) ? `${day}d` : day;
}

/**
 * A fraction target narrowed to one instance (by its id, `<group>-<index>`): its group and
 * index, the target's other keys (statuses) kept.
 *
 * @example
 * narrowed({ fraction: '25%' }, 'lab-003', [{ name: 'lab' }]); // { groups: 'lab', indices: 3 }
 */
export function narrowed(target: unknown, instance: string, fleet: unknown): Doc {
  const { fraction: _fraction, groups: _groups, indices: _indices, ...rest } = (target ?? {}) as Doc;
  for (const g of (fleet as Doc[] | undefined) ?? []) {
    const name = String(g.name);
    const index = instance.slice(name.length + 1);
    if (instance.startsWith(`${name}-`) && /^\d+$/.test(index)) return { groups: name, ...rest, indices: Number(index) };
  }
  return (target ?? {}) as Doc;
}

/** A written `until` moved with its entry by `shift` days, no later than the end of the run. */
function movedUntil(until: unknown, shift: number, at: number, space: FuzzSpace, start: string, dayOf: (v: unknown) => number) {
  const day = Math.min(space.days, Math.max(at, dayOf(until) + shift));
  return dayValue(day, until, start);
}

/**
 * The scenario a variant stands for, as plain data to write or load: the written
 * scenario without its `fuzz:` block, each timeline entry moved or dropped, the
 * insertions after the written entries (in the variant's order), each policy value
 * that differs from the original as an override of its model, each fleet value set on
 * its group and each smaller purchase's count.
 * `dayOf` turns a written day (days, 30d, a date) into days from the start.
 *
 * @example
 * variantDocument(written, space, { entries: [{ shift: 1, drop: false }], inserts: [], policy: [], fleet: [], purchases: [] }, dayOf);
 * // the same scenario with timeline[0].at one day later
 */
export function variantDocument(written: Doc, space: FuzzSpace, v: Variant, dayOf: (value: unknown) => number): Doc {
  const { fuzz: _fuzz, ...rest } = structuredClone(written);
  const start = typeof rest.start === 'string' ? rest.start : '2026-01-01';
  // Purchase counts first, at their written places (a timeline entry's before it moves or goes).
  space.purchases.forEach((p, i) => {
    const count = v.purchases[i];
    if (count === undefined || count === p.original) return;
    const holder = p.path.slice(0, -1).reduce<unknown>((at, k) => (at as Record<string | number, unknown> | undefined)?.[k], rest);
    if (holder && typeof holder === 'object') (holder as Doc).count = count;
  });
  const timeline = ((rest.timeline as Doc[] | undefined) ?? []).flatMap((entry, i): Doc[] => {
    const change = v.entries[i];
    const e = space.entries[i];
    if (change?.only !== undefined && !change.drop) entry.target = narrowed(entry.target, change.only, rest.fleet);
    if (!change || !e || change.shift === 0) return change?.drop ? [] : [entry];
    if (change.drop) return [];
    const at = e.day + change.shift;
    const moved: Doc = { ...entry, at: dayValue(at, entry.at, start) };
    if (entry.until !== undefined) moved.until = movedUntil(entry.until, change.shift, at, space, start, dayOf);
    return [moved];
  });
  for (const ins of v.inserts) {
    const choice = space.inserts[ins.choice];
    if (choice) timeline.push({ at: `${ins.day}d`, ...structuredClone(choice.written) });
  }
  const doc: Doc = { ...rest, timeline };
  space.fleet.forEach((f, i) => {
    const value = v.fleet[i];
    if (value === null || value === undefined || fleetUnchanged(f, value)) return;
    const group = (doc.fleet as Doc[] | undefined)?.[f.group];
    if (group) group[f.key] = value;
  });
  space.policy.forEach((p, i) => {
    const value = v.policy[i];
    if (value === undefined || value === p.original) return;
    const policy = { ...((doc.policy as Doc | undefined) ?? {}) };
    const ref = { ...((policy[p.model] as Doc | undefined) ?? {}) };
    ref.overrides = { ...((ref.overrides as Doc | undefined) ?? {}), [p.key]: value };
    policy[p.model] = ref;
    doc.policy = policy;
  });
  return doc;
}
