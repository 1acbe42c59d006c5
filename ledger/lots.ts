import type { Tick } from '../machines/time.ts';
import { withShortfall } from './shortfall.ts';
import { type AccountState, type LedgerState, type Lot, type LotSource, touch } from './state.ts';
import { bump } from './vector.ts';

/** A lot as a caller may read it. */
export interface LotView {
  id: string;
  type: string;
  units: number;
  source: LotSource;
  pakId: string | null;
  term: { start: Tick; end: Tick } | null;
  active: boolean;
  lapsed: boolean;
  /** Units blocked by reservations. */
  blocked: number;
}

/** Longest-lasting first: perpetual, then the latest end; ties by age. Reservations take units in this order. */
export function keepOrder(a: Lot, b: Lot): number {
  return b.end - a.end || a.seq - b.seq;
}

/** Soonest-lapsing first: a reservation gives units up in this order. */
export function giveUpOrder(a: Lot, b: Lot): number {
  return a.end - b.end || b.seq - a.seq;
}

function sourceVec(acc: AccountState, lot: Lot) {
  return lot.source === 'migration' ? acc.granted : acc.purchased;
}

function activate(acc: AccountState, lot: Lot): void {
  lot.active = true;
  lot.free = lot.units;
  bump(sourceVec(acc, lot), lot.type, lot.units);
  touch(acc);
}

/** SLR-10: a TERM lot lapses at its end; the reservations holding its units lose them. */
function lapse(state: LedgerState, acc: AccountState, lot: Lot): void {
  if (lot.active) {
    bump(sourceVec(acc, lot), lot.type, -lot.units);
    for (const [instanceId, hold] of lot.holds) {
      const rec = state.instances.get(instanceId);
      const res = rec?.reservation;
      if (rec === undefined || res === undefined || res === null) continue;
      withShortfall(rec, () => {
        bump(res.held, lot.type, -hold.held);
        bump(res.incoming, lot.type, -hold.incoming);
        bump(res.outgoing, lot.type, -hold.outgoing);
        bump(acc.held, lot.type, -hold.held);
        bump(acc.transit, lot.type, -hold.incoming - hold.outgoing);
      });
    }
  }
  lot.holds.clear();
  lot.free = 0;
  lot.active = false;
  lot.lapsed = true;
  touch(acc);
}

function refreshNextEvent(acc: AccountState): void {
  let next = Infinity;
  for (const lot of acc.lots) {
    if (lot.lapsed) continue;
    next = Math.min(next, lot.active ? lot.end : lot.start);
  }
  acc.nextEvent = next;
}

/** Adds a lot; it counts at once when its term has started. */
export function addLot(
  state: LedgerState,
  acc: AccountState,
  spec: { type: number; units: number; start: Tick; end: Tick; source: LotSource; pakId: string | null },
): Lot {
  const seq = ++state.lotSeq;
  const lot: Lot = { ...spec, id: `lot-${seq}`, seq, active: false, lapsed: false, free: 0, holds: new Map() };
  acc.lots.push(lot);
  if (lot.start <= state.now) activate(acc, lot);
  refreshNextEvent(acc);
  return lot;
}

/** Moves the clock to `now` (never back): TERM lots start and lapse (SLR-10). */
export function advance(state: LedgerState, now: Tick): { started: Lot[]; lapsed: Lot[] } {
  const started: Lot[] = [];
  const lapsed: Lot[] = [];
  if (now <= state.now) return { started, lapsed };
  state.now = now;
  for (const acc of state.accounts.values()) {
    if (acc.nextEvent > now) continue;
    for (const lot of acc.lots) {
      if (lot.lapsed) continue;
      if (!lot.active && lot.start <= now && lot.end > now) {
        activate(acc, lot);
        started.push(lot);
      } else if (lot.end <= now) {
        lapse(state, acc, lot);
        lapsed.push(lot);
      }
    }
    refreshNextEvent(acc);
  }
  return { started, lapsed };
}

/** The lot as a caller may read it. */
export function lotView(state: LedgerState, lot: Lot): LotView {
  return {
    id: lot.id,
    type: state.types.name(lot.type),
    units: lot.units,
    source: lot.source,
    pakId: lot.pakId,
    term: Number.isFinite(lot.end) ? { start: lot.start, end: lot.end } : null,
    active: lot.active,
    lapsed: lot.lapsed,
    blocked: lot.active ? lot.units - lot.free : 0,
  };
}
