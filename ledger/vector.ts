/**
 * Licence types are interned to small indices so per-instance and per-account
 * counts are plain number arrays: compact for a million instances, O(types) to sum.
 */
export class TypeRegistry {
  readonly #index = new Map<string, number>();
  readonly #names: string[] = [];

  /** The index of a type, interning it on first use. */
  index(name: string): number {
    let i = this.#index.get(name);
    if (i === undefined) {
      i = this.#names.length;
      this.#index.set(name, i);
      this.#names.push(name);
    }
    return i;
  }

  /** The known types in index order (to put back with {@link load}). */
  save(): string[] {
    return [...this.#names];
  }

  /** Knows exactly the types `names` gives, at their indices. */
  load(names: readonly string[]): void {
    this.#index.clear();
    this.#names.length = 0;
    for (const name of names) this.index(name);
  }

  /** The index of a known type, or undefined. */
  find(name: string): number | undefined {
    return this.#index.get(name);
  }

  /** The name of a type index. */
  name(i: number): string {
    return this.#names[i] ?? `#${i}`;
  }

  /** How many types are known. */
  get size(): number {
    return this.#names.length;
  }
}

/** A count vector indexed by type; indices past the end read as 0. */
export type Vec = number[];

/** `v[i]`, 0 when absent. */
export function at(v: readonly number[], i: number): number {
  return v[i] ?? 0;
}

/** `v[i] += d`, growing `v` with zeros as needed. */
export function bump(v: Vec, i: number, d: number): void {
  while (v.length <= i) v.push(0);
  v[i] = (v[i] ?? 0) + d;
}

/** `v += sign * w`, element-wise. */
export function addInto(v: Vec, w: readonly number[], sign = 1): void {
  for (let i = 0; i < w.length; i++) {
    const x = w[i] ?? 0;
    if (x !== 0) bump(v, i, sign * x);
  }
}

/** True when every element is 0. */
export function isZero(v: readonly number[]): boolean {
  return v.every((x) => x === 0);
}
