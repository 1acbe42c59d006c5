import { type InstanceRecord, type Reservation, touch } from './state.ts';
import { addInto, at, type Vec } from './vector.ts';

/**
 * Units of type `t` an SLR instance may use: what it holds plus, once it installed
 * the latest code, what that code adds (incoming), else what it still gives up (outgoing).
 */
export function reservationEntitlement(res: Reservation, t: number): number {
  return at(res.held, t) + (res.installedSeq === res.seq ? at(res.incoming, t) : at(res.outgoing, t));
}

/** Usage above the instance's own reservation, per type, with no substitution (SL-11, SLR-9). */
export function shortfallOf(rec: InstanceRecord): Vec {
  const res = rec.reservation;
  const usage = rec.usage;
  if (res === null || usage === null) return [];
  const out: Vec = [];
  for (let t = 0; t < usage.length; t++) out.push(Math.max(0, at(usage, t) - reservationEntitlement(res, t)));
  return out;
}

/** Runs `change` on an instance and keeps its account's Σ SLR shortfall up to date. */
export function withShortfall<T>(rec: InstanceRecord, change: () => T): T {
  const before = rec.reservation?.account ?? null;
  if (before !== null) {
    addInto(before.slrShort, shortfallOf(rec), -1);
    touch(before);
  }
  const out = change();
  const after = rec.reservation?.account ?? null;
  if (after !== null) {
    addInto(after.slrShort, shortfallOf(rec));
    touch(after);
  }
  return out;
}
