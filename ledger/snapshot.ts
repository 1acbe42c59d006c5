/**
 * Saving and restoring the world's state (here, below the engine, so the ledger can use it too), so that `licsim verify` can fork a
 * simulation: explore one continuation, put the state back, explore another.
 * Each part of the world that changes as a run goes (the machines' steppers, the
 * event queue, the ledger, the populations, the links…) saves its own fields with
 * these helpers and loads them back in place: objects outside it that hold the
 * part (closures, other parts) keep holding the same object.
 */

/** A part of the world whose state can be saved and put back. */
export interface Snapshotting<S = unknown> {
  save(): S;
  load(state: S): void;
}

type Typed = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

/**
 * A deep copy of plain data: arrays, typed arrays, maps, sets, and objects (keeping
 * their prototype, so a class's methods still apply). Functions and frozen objects are
 * shared, not copied: functions cannot be copied, and nothing can change a frozen
 * object. Shared references and cycles inside `value` are kept as such.
 */
export function cloneData<T>(value: T, memo: Map<object, unknown> = new Map()): T {
  if (value === null || typeof value !== 'object') return value;
  const obj = value as unknown as object;
  if (Object.isFrozen(obj)) return value;
  const seen = memo.get(obj);
  if (seen !== undefined) return seen as T;
  if (ArrayBuffer.isView(obj)) {
    const copy = (obj as Typed).slice();
    memo.set(obj, copy);
    return copy as unknown as T;
  }
  if (Array.isArray(obj)) {
    const copy: unknown[] = new Array(obj.length);
    memo.set(obj, copy);
    for (let i = 0; i < obj.length; i++) copy[i] = cloneData(obj[i], memo);
    return copy as unknown as T;
  }
  if (obj instanceof Map) {
    const copy = new Map();
    memo.set(obj, copy);
    for (const [k, v] of obj) copy.set(cloneData(k, memo), cloneData(v, memo));
    return copy as unknown as T;
  }
  if (obj instanceof Set) {
    const copy = new Set();
    memo.set(obj, copy);
    for (const v of obj) copy.add(cloneData(v, memo));
    return copy as unknown as T;
  }
  const copy = Object.create(Object.getPrototypeOf(obj)) as Record<string, unknown>;
  memo.set(obj, copy);
  for (const key of Object.keys(obj)) copy[key] = cloneData((obj as Record<string, unknown>)[key], memo);
  return copy as unknown as T;
}

/** Saved fields of an object, by name. */
export type SavedFields = Readonly<Record<string, unknown>>;

/** A copy of the named fields of `owner` (with one memo: references between them are kept). */
export function saveFields(owner: object, keys: readonly string[]): SavedFields {
  const memo = new Map<object, unknown>();
  const rec = owner as Record<string, unknown>;
  return Object.fromEntries(keys.map((k) => [k, cloneData(rec[k], memo)]));
}

/**
 * Puts saved fields back into `owner`, as a fresh copy (the saved state can be loaded
 * again). A typed array of the same length is filled in place, so whoever holds it
 * still sees the owner's.
 */
export function loadFields(owner: object, saved: SavedFields): void {
  const memo = new Map<object, unknown>();
  const rec = owner as Record<string, unknown>;
  for (const [k, v] of Object.entries(saved)) {
    const current = rec[k];
    if (ArrayBuffer.isView(current) && ArrayBuffer.isView(v) && (current as Typed).length === (v as Typed).length) {
      (current as Typed).set(v as Typed & ArrayLike<number>);
      memo.set(v as object, current);
      continue;
    }
    rec[k] = cloneData(v, memo);
  }
}
