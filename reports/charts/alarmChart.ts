import type { ChartDataset } from 'chart.js';
import type { ScenarioOutcome } from '../../engine/result.ts';
import { alarmLabel } from '../../machines/emitted.ts';
import type { ChartDraft } from './chartDraft.ts';
import { baseOptions, dateLabels, variantRuns } from './common.ts';
import { type Buckets, bucketRanges, bucketsFor, maxOf, sampleLabels } from './downsample.ts';
import { alarmColour, withAlpha } from './palette.ts';

/** A bubble of the alarm timeline: a date, an alarm row, and how many were raised (for the tooltip). */
export interface AlarmPoint {
  x: string;
  y: string;
  r: number;
  count: number;
  day: number;
}

/** A point of an alarm's up band: on its row while up, a gap (null) while not. */
export interface UpPoint {
  x: string;
  y: string | null;
  day: number;
  /** Instances with the alarm up at the end of the day (for the tooltip). */
  up: number;
}

/** Per point of a band: whether it is up while both its neighbours are not (a one-day band, which a line cannot show). */
export function isolatedDays(band: readonly UpPoint[]): boolean[] {
  return band.map((p, i) => p.y !== null && (band[i - 1]?.y ?? null) === null && (band[i + 1]?.y ?? null) === null);
}

/** The largest value in days [start, end) and its day (the first such day), or null when none is above zero. */
function peakIn(values: readonly number[], start: number, end: number): { day: number; value: number } | null {
  let best: { day: number; value: number } | null = null;
  for (let d = start; d < Math.min(end, values.length); d++) {
    const v = values[d] ?? 0;
    if (v > 0 && (!best || v > best.value)) best = { day: d, value: v };
  }
  return best;
}

/**
 * SL-18: the days an alarm was up on some instance, as a line on its row broken where it was not; null if never up.
 * Downsampled, a bucket is up when any of its days is, drawn at its first and last day with the bucket's peak.
 */
function upBand(up: readonly number[] | undefined, labels: readonly string[], row: string, b: Buckets | null): UpPoint[] | null {
  if (!up?.some((n) => n > 0)) return null;
  const band: UpPoint[] = [];
  if (b) {
    for (const [start, end] of bucketRanges(b)) {
      const n = peakIn(up, start, end)?.value ?? 0;
      for (const day of end - 1 > start ? [start, end - 1] : [start]) {
        const date = labels[day];
        if (date !== undefined) band.push({ x: date, y: n > 0 ? row : null, day, up: n });
      }
    }
    return band;
  }
  up.forEach((n, day) => {
    const date = labels[day];
    if (date !== undefined) band.push({ x: date, y: n > 0 ? row : null, day, up: n });
  });
  return band;
}

/** The bubbles of one alarm row: one per day raised, or downsampled, one per bucket at its peak day's count. */
function bubbles(
  values: readonly number[],
  labels: readonly string[],
  b: Buckets | null,
): Array<{ x: string; count: number; day: number }> {
  const out: Array<{ x: string; count: number; day: number }> = [];
  if (b) {
    for (const [start, end] of bucketRanges(b)) {
      const peak = peakIn(values, start, end);
      const date = labels[start];
      if (peak && date !== undefined) out.push({ x: date, count: peak.value, day: peak.day });
    }
    return out;
  }
  values.forEach((count, day) => {
    const date = labels[day];
    if (count > 0 && date !== undefined) out.push({ x: date, count, day });
  });
  return out;
}

const MIN_RADIUS = 3;
const MAX_RADIUS = 16;

/**
 * The alarms timeline (SL-17, NL-8): one row per alarm name (per variant in a
 * comparison), a bubble on each day it was raised, its area proportional to
 * how many instances raised it. Rows keep a day-0 spike of 150,000 evaluation
 * alarms from flattening a handful of overage alarms later on. Null when no
 * run raised an alarm.
 */
export function alarmChart(outcome: ScenarioOutcome): ChartDraft | null {
  const labels = dateLabels(outcome);
  const b = bucketsFor(labels.length);
  const xLabels = b ? sampleLabels(labels, b) : labels;
  const runs = variantRuns(outcome);
  const names = [...new Set(runs.flatMap((v) => Object.keys(v.result.series.alarms)))].sort();
  let max = 0;
  for (const v of runs) for (const values of Object.values(v.result.series.alarms)) max = maxOf(values, max);
  if (max === 0) return null;
  const rows: string[] = [];
  const datasets: Array<ChartDataset<'bubble', AlarmPoint[]>> = [];
  const spans: Array<{ label: string; band: UpPoint[]; colour: string }> = [];
  for (const v of runs) {
    for (const name of names) {
      const values = v.result.series.alarms[name] ?? [];
      const row = `${alarmLabel(name)}${v.suffix}`;
      const data: AlarmPoint[] = bubbles(values, labels, b).map(({ x, count, day }) => ({
        x,
        y: row,
        r: Math.round((MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * Math.sqrt(count / max)) * 10) / 10,
        count,
        day,
      }));
      if (!data.length) continue;
      rows.push(row);
      const colour = alarmColour(name);
      datasets.push({
        label: row,
        data,
        backgroundColor: withAlpha(colour, v.order === 0 ? 0.75 : 0.35),
        borderColor: colour,
        borderWidth: 1,
        clip: false,
        order: 0,
      });
      const band = upBand(v.result.series.alarmsUp?.[name], labels, row, b);
      if (band) spans.push({ label: `${row} up`, band, colour });
    }
  }
  const many = runs.length > 1;
  const title = `Alarms timeline — ${outcome.name}`;
  const options = baseOptions({
    title,
    subtitle:
      'One row per alarm; a bubble on each day it was raised, its area proportional to the count, a band while it was up ' +
      `(largest: ${max.toLocaleString('en-US')} in a day)`,
    yTitle: 'alarm',
    start: labels[0],
    legend: 'bottom',
  });
  const variantRows = many ? `; rows per variant: ${runs.map((r) => `${r.variant} (${r.note})`).join(', ')}` : '';
  return {
    kind: 'alarms',
    title,
    caption:
      "Alarms raised per day, by name (SL-17, NL-8): a bubble's area is proportional to how many instances raised the alarm that day; " +
      'a band behind a row marks the days an alarm that reports a condition was up on at least one instance, from its ' +
      `raising to its clearing (SL-18); hover for the count${variantRows}.` +
      (b ? ` Drawn from ${b.starts.length.toLocaleString('en-US')} groups of ${b.size} days, a bubble at each group's busiest day.` : ''),
    helpers: [],
    config: {
      type: 'bubble',
      data: {
        datasets: [
          ...datasets,
          // SL-18: behind each row, a band on the days the alarm was up on at least one instance.
          ...spans.map(({ label, band, colour }) => ({
            type: 'line',
            label,
            data: band,
            borderColor: withAlpha(colour, 0.3),
            borderWidth: 8,
            // A day up between days down draws no line: it gets a square of the band's width instead.
            pointRadius: isolatedDays(band).map((alone) => (alone ? 4 : 0)),
            pointStyle: 'rect',
            pointBackgroundColor: withAlpha(colour, 0.3),
            pointBorderWidth: 0,
            spanGaps: false,
            order: 1,
          })),
        ],
      },
      options: {
        ...(options as object),
        interaction: { mode: 'nearest', intersect: true },
        plugins: { ...options.plugins, legend: { display: false } },
        layout: { padding: { top: 4, right: 24, bottom: 4, left: 8 } },
        scales: {
          x: {
            type: 'category',
            labels: xLabels,
            offset: true,
            title: options.scales?.x?.title,
            ticks: { autoSkip: true, autoSkipPadding: 24, maxTicksLimit: 12, maxRotation: 0, font: { size: 12 } },
            grid: { color: '#eef0f3' },
          },
          y: {
            type: 'category',
            labels: rows,
            offset: true,
            // Labels stand clear of the largest bubble on day 0.
            ticks: { autoSkip: false, padding: MAX_RADIUS + 6, font: { size: 12 } },
            grid: { color: '#eef0f3' },
          },
        },
      },
    } as unknown as ChartDraft['config'],
  };
}
