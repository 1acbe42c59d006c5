import { FirstRows } from './share.ts';

/**
 * A deep copy of a monitor's state for `Checkable.save` and `load` (monitor.ts): typed
 * arrays, arrays, maps, sets, plain objects and lists of rows (whose rows are never changed) are copied, never shared, so a saved
 * state is not changed by the run that goes on, and can be loaded again.
 */
export function copyState<T>(state: T): T {
  return copy(state) as T;
}

function copy(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (ArrayBuffer.isView(v)) {
    if (v instanceof DataView) return new DataView(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength));
    return (v as unknown as { slice(): unknown }).slice();
  }
  if (v instanceof FirstRows) return v.copy();
  if (Array.isArray(v)) return v.map(copy);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, copy(x)]));
  if (v instanceof Set) return new Set([...v].map(copy));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)]));
}

/** A tick relative to `now` for a key (monitor.ts Checkable): ticks before now, `-` for none (NaN). */
export const ago = (now: number, tick: number) => (Number.isNaN(tick) ? '-' : String(now - tick));
