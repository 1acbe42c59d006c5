import type { ChartOptions } from 'chart.js';
import type { RunResult, ScenarioOutcome } from '../../engine/result.ts';

/** A run of a scenario with how to draw it: each variant its own dash and marker (up to 8 stay distinct). */
export interface VariantRun {
  variant: string;
  result: RunResult;
  /** Suffix for dataset labels: empty for a plain scenario, ` [A]` in a comparison. */
  suffix: string;
  dash: number[];
  /** The marker drawn along its lines in a comparison (Chart.js point style), and its name. */
  marker: PointStyle;
  /** "solid, circles": how the variant's lines look, for legends and captions. */
  style: string;
  /** 0 for the first variant; later variants are drawn lighter. */
  order: number;
  /** What sets the variant apart, e.g. "overageDays 30" or "defaults". */
  note: string;
}

/** Chart.js point styles used as variant markers. */
export type PointStyle = 'circle' | 'rect' | 'triangle' | 'rectRot' | 'star' | 'crossRot' | 'cross' | 'rectRounded';

/**
 * The look of the k-th variant: a dash pattern and a marker, both different for each of the
 * first 8 (then they repeat, the dash first), so variants stay apart in black and white too.
 */
export const VARIANT_STYLES: ReadonlyArray<{ dash: number[]; dashName: string; marker: PointStyle; markerName: string }> = [
  { dash: [], dashName: 'solid', marker: 'circle', markerName: 'circles' },
  { dash: [8, 5], dashName: 'dashed', marker: 'rect', markerName: 'squares' },
  { dash: [2, 3], dashName: 'dotted', marker: 'triangle', markerName: 'triangles' },
  { dash: [12, 4, 2, 4], dashName: 'dash-dot', marker: 'rectRot', markerName: 'diamonds' },
  { dash: [16, 6], dashName: 'long-dashed', marker: 'star', markerName: 'stars' },
  { dash: [4, 4], dashName: 'short-dashed', marker: 'crossRot', markerName: 'crosses' },
  { dash: [12, 3, 2, 3, 2, 3], dashName: 'dash-dot-dot', marker: 'cross', markerName: 'plus signs' },
  { dash: [2, 7], dashName: 'sparse-dotted', marker: 'rectRounded', markerName: 'rounded squares' },
];

/** The runs of an outcome with their line styles. */
export function variantRuns(outcome: ScenarioOutcome): VariantRun[] {
  const many = outcome.runs.length > 1;
  return outcome.runs.map((r, i) => {
    const look = VARIANT_STYLES[i % VARIANT_STYLES.length] as (typeof VARIANT_STYLES)[number];
    return {
      variant: r.variant,
      result: r.result,
      suffix: many ? ` [${r.variant}]` : '',
      dash: look.dash,
      marker: look.marker,
      style: `${look.dashName}, ${look.markerName}`,
      order: i,
      note: r.result.scenario.policyChanges.map((c) => `${c.key} ${JSON.stringify(c.value)}`).join(', ') || 'policy defaults',
    };
  });
}

/** Markers per chart line: about this many along it. */
const MARKERS_PER_LINE = 10;

/**
 * A variant's markers along a line of `length` points (Chart.js takes a radius per point): about
 * ten, each variant's shifted so they do not sit on each other; none for a single run.
 */
export function markerRadii(v: VariantRun, length: number, many: boolean): number | number[] {
  if (!many) return 0;
  const step = Math.max(1, Math.floor(length / MARKERS_PER_LINE));
  const offset = Math.floor((step * (v.order % VARIANT_STYLES.length)) / VARIANT_STYLES.length);
  return Array.from({ length }, (_, i) => (i >= offset && (i - offset) % step === 0 ? 5 : 0));
}

/** What a compared variant's line carries: its dash, its marker and where along the line the markers go. */
export function variantLine(v: VariantRun, length: number, many: boolean) {
  return { borderDash: v.dash, pointStyle: v.marker, pointRadius: markerRadii(v, length, many), pointHoverRadius: 6 };
}

/** "A (policy defaults) solid, circles; B (overageDays 30) dashed, squares": how a comparison chart draws its variants. */
export function variantLegend(runs: readonly VariantRun[]): string {
  return runs.map((r) => `${r.variant} (${r.note}) ${r.style}`).join('; ');
}

/** The x labels (ISO dates) of an outcome: the longest run's dates. */
export function dateLabels(outcome: ScenarioOutcome): string[] {
  let dates: string[] = [];
  for (const r of outcome.runs) if (r.result.dates.length > dates.length) dates = r.result.dates;
  return [...dates];
}

/** Title, axes with units, legend and a readable number of date ticks: shared by every chart. */
export function baseOptions(o: {
  title: string;
  subtitle: string;
  yTitle: string;
  start: string | undefined;
  stacked?: boolean;
  legend?: 'top' | 'bottom' | 'right';
  /** Legend entries drawn as short lines (solid or dashed like the series) instead of boxes. */
  lineLegend?: boolean;
  /** Legend entries drawn as each series' marker (a comparison's variants: circles, squares, triangles…). */
  markerLegend?: boolean;
}): ChartOptions<'line'> & ChartOptions<'bar'> {
  const stacked = o.stacked ?? false;
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: true,
    aspectRatio: 2,
    interaction: { mode: 'index', intersect: false },
    layout: { padding: { top: 4, right: 20, bottom: 4, left: 8 } },
    plugins: {
      title: { display: true, text: o.title, color: '#111827', font: { size: 18, weight: 'bold' }, padding: { top: 6, bottom: 2 } },
      subtitle: { display: true, text: o.subtitle, font: { size: 13 }, color: '#4b5563', padding: { bottom: 8 } },
      legend: {
        display: true,
        position: o.legend ?? 'top',
        labels: {
          boxWidth: o.lineLegend ? 30 : 14,
          padding: 12,
          color: '#1f2937',
          font: { size: 12 },
          ...(o.lineLegend ? { usePointStyle: true, pointStyle: 'line' as const, pointStyleWidth: 34 } : {}),
          ...(o.markerLegend ? { usePointStyle: true } : {}),
        },
      },
    },
    scales: {
      x: {
        stacked,
        title: { display: true, text: o.start ? `date (day 0 = ${o.start}; each point = end of that day)` : 'day', font: { size: 13 } },
        ticks: { autoSkip: true, autoSkipPadding: 24, maxTicksLimit: 12, maxRotation: 0, font: { size: 12 } },
        grid: { display: false },
      },
      y: {
        stacked,
        beginAtZero: true,
        grace: '5%',
        title: { display: true, text: o.yTitle, font: { size: 13 } },
        ticks: { precision: 0, font: { size: 12 } },
      },
    },
  };
}

/** Copies a series into a fresh array of `length` values (short series padded with null). */
export function pad(values: readonly number[] | undefined, length: number): Array<number | null> {
  return Array.from({ length }, (_, i) => values?.[i] ?? null);
}
