import type { ChartDataset } from 'chart.js';
import type { RunResult, ScenarioOutcome } from '../../engine/result.ts';
import { BAD_GROUPS } from '../../machines/meta.ts';
import type { ChartDraft } from './chartDraft.ts';
import { baseOptions, dateLabels, variantLegend, variantLine, variantRuns } from './common.ts';
import { statusGroupColour, withAlpha } from './palette.ts';

/** Instances per status group per day, summed over every model of the run. */
export function statusGroupCounts(result: RunResult, days: number): Map<string, number[]> {
  const counts = new Map<string, number[]>();
  for (const m of result.models) {
    const byStatus = result.series.status[m.model] ?? {};
    for (const s of m.statuses) {
      const values = byStatus[s.name];
      if (!values) continue;
      let sum = counts.get(s.group);
      if (!sum) {
        sum = new Array<number>(days).fill(0);
        counts.set(s.group, sum);
      }
      for (let d = 0; d < days; d++) sum[d] = (sum[d] as number) + (values[d] ?? 0);
    }
  }
  return counts;
}

/** Groups in the stacking order the result gives, then any it does not know, by name. */
function orderedGroups(groups: Iterable<string>, known: readonly string[]): string[] {
  const rank = (g: string) => (known.includes(g) ? known.indexOf(g) : known.length);
  return [...groups].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * State distribution of the fleet: instances per status group, stacked. Stacked
 * areas of two variants cannot share axes without hiding each other, so a
 * comparison gets one chart of lines instead ({@link variantStatesChart}).
 */
export function stateCharts(outcome: ScenarioOutcome): ChartDraft[] {
  const labels = dateLabels(outcome);
  const runs = variantRuns(outcome);
  const perRun = runs.map((v) => statusGroupCounts(v.result, labels.length));
  const nonEmpty = new Set<string>();
  for (const counts of perRun) for (const [g, values] of counts) if (values.some((x) => x > 0)) nonEmpty.add(g);
  const groups = orderedGroups(nonEmpty, runs[0]?.result.statusGroups ?? []);
  const many = runs.length > 1;
  if (many) return [variantStatesChart(outcome, labels, runs, perRun, groups)];
  return runs.map((v, i) => {
    const datasets: Array<ChartDataset<'line'>> = groups.map((g, k) => {
      const colour = statusGroupColour(g);
      return {
        label: g,
        data: [...(perRun[i]?.get(g) ?? new Array<number>(labels.length).fill(0))],
        borderColor: colour,
        backgroundColor: withAlpha(colour, 0.75),
        borderWidth: 1,
        pointRadius: 0,
        stepped: 'before',
        fill: k === 0 ? 'origin' : '-1',
      };
    });
    const title = `Fleet state distribution${many ? ` [${v.variant}]` : ''} — ${outcome.name}`;
    const options = baseOptions({
      title,
      subtitle: `Instances per status group at the end of each day, stacked${many ? `; variant ${v.variant}: ${v.note}` : ''}`,
      yTitle: 'instances',
      start: labels[0],
      stacked: true,
    });
    const draft: ChartDraft = {
      kind: 'states',
      title,
      caption:
        'Instances per status group at the end of each day, stacked: the height of each band is the number of instances in that group.' +
        (many ? ` Variant ${v.variant} (${v.note}); every variant has its own chart on the same scale.` : ''),
      helpers: [],
      config: { type: 'line', data: { labels, datasets }, options },
    };
    return many ? { ...draft, part: v.variant } : draft;
  });
}

/**
 * A comparison's states on one chart: per variant, a line for each of the groups of
 * BAD_GROUPS (overage, grace, enforcement, expired) any variant reached (every group when none did), coloured by group and
 * drawn in the variant's dash and marker, so up to 8 variants read on the same axes.
 */
function variantStatesChart(
  outcome: ScenarioOutcome,
  labels: string[],
  runs: ReturnType<typeof variantRuns>,
  perRun: Array<Map<string, number[]>>,
  groups: string[],
): ChartDraft {
  const bad = (g: string) => (BAD_GROUPS as readonly string[]).includes(g);
  const drawn = groups.some(bad) ? groups.filter(bad) : groups;
  const datasets: Array<ChartDataset<'line'>> = runs.flatMap((v, i) =>
    drawn.map((g) => ({
      label: `${g}${v.suffix}`,
      data: [...(perRun[i]?.get(g) ?? new Array<number>(labels.length).fill(0))],
      borderColor: statusGroupColour(g),
      backgroundColor: statusGroupColour(g),
      borderWidth: 2,
      ...variantLine(v, labels.length, true),
      stepped: 'before' as const,
      fill: false,
    })),
  );
  const what = drawn.join(', ');
  const title = `Instances in ${what} by variant — ${outcome.name}`;
  return {
    kind: 'states',
    title,
    caption:
      `Instances in ${what} at the end of each day, a line per group and variant on the same axes ` +
      `(colour: the group; line and marker: the variant). Variants: ${variantLegend(runs)}.`,
    helpers: [],
    config: {
      type: 'line',
      data: { labels, datasets },
      options: baseOptions({
        title,
        subtitle: `Instances per group at the end of each day; ${variantLegend(runs)}`,
        yTitle: 'instances',
        start: labels[0],
        markerLegend: true,
      }),
    },
  };
}
