import type { ChartDataset } from 'chart.js';
import type { RunResult, ScenarioOutcome } from '../../engine/result.ts';
import type { ChartDraft } from './chartDraft.ts';
import { baseOptions, dateLabels, variantRuns } from './common.ts';
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
 * State distribution of the fleet: instances per status group, stacked, one
 * chart per variant. Stacked areas of two variants cannot share axes without
 * hiding each other, so a comparison gets one chart per variant with the
 * same groups, colours and y range, shown side by side in the page.
 */
export function stateCharts(outcome: ScenarioOutcome): ChartDraft[] {
  const labels = dateLabels(outcome);
  const runs = variantRuns(outcome);
  const perRun = runs.map((v) => statusGroupCounts(v.result, labels.length));
  const nonEmpty = new Set<string>();
  for (const counts of perRun) for (const [g, values] of counts) if (values.some((x) => x > 0)) nonEmpty.add(g);
  const groups = orderedGroups(nonEmpty, runs[0]?.result.statusGroups ?? []);
  let max = 0;
  for (const counts of perRun)
    for (let d = 0; d < labels.length; d++)
      max = Math.max(
        max,
        groups.reduce((s, g) => s + (counts.get(g)?.[d] ?? 0), 0),
      );
  const many = runs.length > 1;
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
    // Same y range in every variant's chart, so they compare at a glance.
    if (many && options.scales?.y) options.scales.y.suggestedMax = max;
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
