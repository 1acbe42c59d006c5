import type { ChartOptions } from 'chart.js';
import type { RunResult, ScenarioOutcome } from '../../engine/result.ts';

/** A run of a scenario with how to draw it: the first variant solid, the next dashed, then dotted. */
export interface VariantRun {
  variant: string;
  result: RunResult;
  /** Suffix for dataset labels: empty for a plain scenario, ` [A]` in a comparison. */
  suffix: string;
  dash: number[];
  /** 0 for the first variant; later variants are drawn lighter. */
  order: number;
  /** What sets the variant apart, e.g. "overageDays 30" or "defaults". */
  note: string;
}

const DASHES = [[], [8, 5], [2, 3]];

/** The runs of an outcome with their line styles. */
export function variantRuns(outcome: ScenarioOutcome): VariantRun[] {
  const many = outcome.runs.length > 1;
  return outcome.runs.map((r, i) => ({
    variant: r.variant,
    result: r.result,
    suffix: many ? ` [${r.variant}]` : '',
    dash: DASHES[Math.min(i, DASHES.length - 1)] as number[],
    order: i,
    note: r.result.scenario.policyChanges.map((c) => `${c.key} ${JSON.stringify(c.value)}`).join(', ') || 'policy defaults',
  }));
}

/** "A (policy defaults) solid; B (overageDays 30) dashed": how a comparison chart draws its variants. */
export function variantLegend(runs: readonly VariantRun[]): string {
  const style = ['solid', 'dashed', 'dotted'];
  return runs.map((r, i) => `${r.variant} (${r.note}) ${style[Math.min(i, 2)]}`).join('; ');
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
