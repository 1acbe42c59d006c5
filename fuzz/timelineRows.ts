import type { FuzzSpace } from './space.ts';
import type { Variant } from './variant.ts';

/** The keys of a written entry said by the day column, not by the action's text. */
const DAY_KEYS = new Set(['at', 'until', 'do']);

/** Longest action text in a row; the rest is cut with an ellipsis. */
const ACTION_CHARS = 90;

/** One entry on one side: its day (days from the start) and its action in short. */
export interface TimelineCell {
  day: number;
  action: string;
}

/**
 * One row of the original and minimal timelines side by side: a written entry (kept,
 * shifted by `by` days or dropped) or an action the minimal variant inserts.
 */
export type TimelineRow =
  | { change: 'kept'; entry: number; original: TimelineCell; minimal: TimelineCell }
  | { change: 'shifted'; entry: number; by: number; original: TimelineCell; minimal: TimelineCell }
  | { change: 'dropped'; entry: number; original: TimelineCell }
  | { change: 'inserted'; minimal: TimelineCell };

const short = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * A timeline entry's action in short: its kind, then its other written keys (its target
 * and values), `at` and `until` left out (the day column says them).
 *
 * @example
 * actionText('purchase', { at: '30d', do: 'purchase', account: 'va', type: 'UCL-Enhanced', count: 10 });
 * // 'purchase account: va, type: UCL-Enhanced, count: 10'
 */
export function actionText(kind: string, written: Readonly<Record<string, unknown>> | undefined): string {
  const keys = Object.entries(written ?? {})
    .filter(([k]) => !DAY_KEYS.has(k))
    .map(([k, v]) => `${k}: ${short(v)}`);
  const text = [kind, keys.join(', ')].filter(Boolean).join(' ');
  return text.length > ACTION_CHARS ? `${text.slice(0, ACTION_CHARS - 1)}…` : text;
}

/**
 * The original timeline (as written) and a variant's, row-aligned per written entry:
 * each entry kept, shifted or dropped, then the variant's insertions (in its order,
 * as its counterexample file lists them).
 *
 * @example
 * timelineRows(space, written.timeline, minimal);
 * // [{ change: 'kept', entry: 0, … }, { change: 'shifted', entry: 1, by: 1, original: { day: 30, … }, minimal: { day: 31, … } }]
 */
export function timelineRows(space: FuzzSpace, timeline: readonly Record<string, unknown>[], v: Variant): TimelineRow[] {
  const rows = space.entries.map((e, i): TimelineRow => {
    const original = { day: e.day, action: actionText(e.kind, timeline[i]) };
    const c = v.entries[i] ?? { shift: 0, drop: false };
    if (c.drop) return { change: 'dropped', entry: i, original };
    // The minimal side as its counterexample writes it: a smaller purchase's count, a fraction narrowed to one instance.
    const count = space.purchases.findIndex((p) => p.path[0] === 'timeline' && p.path[1] === i);
    const changed: Record<string, unknown> = { ...timeline[i] };
    if (count >= 0 && v.purchases[count] !== undefined) changed.count = v.purchases[count];
    if (c.only !== undefined) changed.target = c.only;
    const minimal = { day: e.day + c.shift, action: actionText(e.kind, changed) };
    return c.shift === 0
      ? { change: 'kept', entry: i, original, minimal }
      : { change: 'shifted', entry: i, by: c.shift, original, minimal };
  });
  for (const ins of v.inserts) {
    const choice = space.inserts[ins.choice];
    const action = actionText(choice?.kind ?? '?', choice?.written);
    const repeat = choice?.repeatOf === undefined ? '' : ` (repeats timeline[${choice.repeatOf}])`;
    rows.push({ change: 'inserted', minimal: { day: ins.day, action: `${action}${repeat}` } });
  }
  return rows;
}
