/**
 * Instances named by their index within a group, kept as inclusive ranges: `0..39`
 * stays one pair however many instances it names, so a range as long as a fleet costs
 * what a short one does (nothing is expanded into a list).
 */
export type IndexRange = readonly [first: number, last: number];

/** Sorted, disjoint, non-adjacent ranges (as {@link indexRanges} makes them). */
export type IndexRanges = readonly IndexRange[];

/** How a range is spelled in a scenario file: `first..last`, both included. */
export const INDEX_RANGE_SPELLING = /^(\d+)\s*\.\.\s*(\d+)$/;

/**
 * A range's spelling read as a pair, or null when it is not one (`first` after `last` included).
 *
 * @example
 * parseIndexRange('2..5'); // [2, 5]
 * parseIndexRange('5..2'); // null
 */
export function parseIndexRange(text: string): IndexRange | null {
  const m = INDEX_RANGE_SPELLING.exec(text.trim());
  if (!m) return null;
  const first = Number(m[1]);
  const last = Number(m[2]);
  return first <= last ? [first, last] : null;
}

/**
 * Single indices and ranges as sorted disjoint ranges: overlaps and neighbours merge.
 *
 * @example
 * indexRanges([4, [0, 2], 3, 9]); // [[0, 4], [9, 9]]
 */
export function indexRanges(items: ReadonlyArray<number | IndexRange>): IndexRanges {
  const pairs = items.map((x): IndexRange => (typeof x === 'number' ? [x, x] : x)).sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [first, last] of pairs) {
    const prev = out.at(-1);
    if (prev && first <= prev[1] + 1) prev[1] = Math.max(prev[1], last);
    else out.push([first, last]);
  }
  return out;
}

/** The largest index named, or -1 for none. */
export function largestIndex(ranges: IndexRanges): number {
  return ranges.at(-1)?.[1] ?? -1;
}

/** Calls `visit` for each index named below `count`, in order (never more than `count` calls). */
export function forEachIndex(ranges: IndexRanges, count: number, visit: (index: number) => void): void {
  for (const [first, last] of ranges) {
    if (first >= count) return;
    const end = Math.min(last, count - 1);
    for (let i = first; i <= end; i++) visit(i);
  }
}

/** How many of the indices named are below `count`. */
export function countBelow(ranges: IndexRanges, count: number): number {
  let n = 0;
  for (const [first, last] of ranges) if (first < count) n += Math.min(last, count - 1) - first + 1;
  return n;
}

/**
 * The ranges as a person writes them.
 *
 * @example
 * indexRangesText([[0, 4], [9, 9]]); // '0..4, 9'
 */
export function indexRangesText(ranges: IndexRanges): string {
  return ranges.map(([first, last]) => (first === last ? String(first) : `${first}..${last}`)).join(', ');
}
