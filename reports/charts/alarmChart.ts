import type { ChartDataset } from 'chart.js';
import type { ScenarioOutcome } from '../../engine/result.ts';
import { baseOptions, dateLabels, pad, variantRuns } from './common.ts';
import { alarmColour, withAlpha } from './palette.ts';
import type { ChartDraft } from './chartDraft.ts';

/**
 * Alarms raised per day, stacked by alarm name (SL-17, NL-8). In a comparison,
 * each variant is its own stack, side by side; later variants are lighter.
 * Null when no run raised an alarm.
 */
export function alarmChart(outcome: ScenarioOutcome): ChartDraft | null {
  const labels = dateLabels(outcome);
  const runs = variantRuns(outcome);
  const names = [...new Set(runs.flatMap((v) => Object.keys(v.result.series.alarms)))].sort();
  const datasets: Array<ChartDataset<'bar'>> = [];
  for (const v of runs) {
    for (const name of names) {
      const values = v.result.series.alarms[name];
      if (!values?.some((x) => x > 0)) continue;
      const colour = alarmColour(name);
      datasets.push({
        label: `${name}${v.suffix}`,
        data: pad(values, labels.length).map((x) => x ?? 0),
        stack: v.variant,
        backgroundColor: v.order === 0 ? colour : withAlpha(colour, 0.35),
        borderColor: colour,
        borderWidth: v.order === 0 ? 0 : 1,
        barPercentage: 1,
        categoryPercentage: 0.9,
      });
    }
  }
  if (datasets.length === 0) return null;
  const many = runs.length > 1;
  const title = `Alarms raised per day — ${outcome.name}`;
  return {
    kind: 'alarms',
    title,
    caption: `Alarms raised on each day, by name (SL-17, NL-8)${many ? `; each variant is its own stack, side by side, later variants lighter: ${runs.map((r) => `${r.variant} (${r.note})`).join(', ')}` : ''}.`,
    helpers: [],
    config: {
      type: 'bar',
      data: { labels, datasets },
      options: baseOptions({
        title,
        subtitle: `Alarms raised per day, stacked by alarm name${many ? `; left bar = ${runs[0]?.variant}, lighter right bar = ${runs.slice(1).map((r) => r.variant).join(', ')}` : ''}`,
        yTitle: 'alarms raised (count per day)',
        start: labels[0],
        stacked: true,
        legend: 'bottom',
      }),
    },
  };
}
