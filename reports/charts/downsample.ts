/**
 * Long runs drawn at a readable size: a chart gets at most {@link MAX_CHART_POINTS}
 * points per series. Days are grouped into equal buckets and each bucket keeps
 * its lowest and its highest value, in the order they occurred, so a one-day
 * peak stays visible however long the run. results.json keeps every day.
 */

/** Points per series above which a chart is downsampled: about two per pixel of a 1200-pixel chart. */
export const MAX_CHART_POINTS = 2000;

/** How a series of `length` days is grouped: buckets of `size` days (the last may be shorter). */
export interface Buckets {
  length: number;
  size: number;
  /** Bucket i covers days [starts[i], starts[i + 1]), the last up to `length`. */
  starts: number[];
}

/** The buckets for a series of `length` days, or null when it is short enough to draw whole. */
export function bucketsFor(length: number, maxPoints: number = MAX_CHART_POINTS): Buckets | null {
  if (length <= maxPoints) return null;
  const size = Math.ceil(length / Math.max(1, Math.floor(maxPoints / 2)));
  const starts: number[] = [];
  for (let s = 0; s < length; s += size) starts.push(s);
  return { length, size, starts };
}

/** The [start, end) days of each bucket. */
export function bucketRanges(b: Buckets): Array<[number, number]> {
  return b.starts.map((s, i) => [s, b.starts[i + 1] ?? b.length]);
}

/** The days a downsampled series is drawn at: the first and last day of each bucket (one for a bucket of one day). */
export function sampledDays(b: Buckets): number[] {
  const days: number[] = [];
  for (const [start, end] of bucketRanges(b)) {
    days.push(start);
    if (end - 1 > start) days.push(end - 1);
  }
  return days;
}

/** Labels (dates) of the sampled days. */
export function sampleLabels(labels: readonly string[], b: Buckets): string[] {
  return sampledDays(b).map((d) => labels[d] ?? '');
}

/**
 * A series reduced to two values per bucket, its lowest and its highest, in the
 * order they occurred (so the line goes up then down, or down then up, like the
 * data); a bucket with no value stays a gap (null).
 */
export function sampleSeries(values: ArrayLike<number | null | undefined>, b: Buckets): Array<number | null> {
  const out: Array<number | null> = [];
  for (const [start, end] of bucketRanges(b)) {
    let lo = -1;
    let hi = -1;
    for (let d = start; d < end; d++) {
      const v = values[d];
      if (v === null || v === undefined) continue;
      if (lo < 0 || v < (values[lo] as number)) lo = d;
      if (hi < 0 || v > (values[hi] as number)) hi = d;
    }
    const first = lo < 0 ? null : (values[Math.min(lo, hi)] as number);
    const second = lo < 0 ? null : (values[Math.max(lo, hi)] as number);
    out.push(first);
    if (end - 1 > start) out.push(second);
  }
  return out;
}

/** The largest value of a series, or `floor` when it has none larger (no spread into Math.max: series can be long). */
export function maxOf(values: Iterable<number>, floor = 0): number {
  let max = floor;
  for (const v of values) if (v > max) max = v;
  return max;
}

/** What a caption says about a downsampled chart. */
export function downsampleNote(b: Buckets): string {
  return (
    ` Drawn from ${b.starts.length.toLocaleString('en-US')} groups of ${b.size.toLocaleString('en-US')} days, ` +
    "each showing its lowest and highest day; results.json keeps every day's value."
  );
}
