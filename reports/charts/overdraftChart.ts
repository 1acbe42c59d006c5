import type { ChartDataset } from 'chart.js';
import type { ScenarioOutcome } from '../../engine/result.ts';
import type { ChartDraft } from './chartDraft.ts';
import { baseOptions, dateLabels, pad, variantLegend, variantLine, variantRuns } from './common.ts';
import { licenceTypeColour, shade, TOTAL, WARNING, withAlpha } from './palette.ts';
import { sortedUsage, usageAccounts, usageLabel } from './usageChart.ts';

/**
 * Overdraft over time: one line per licence type that ever went over, and the
 * total over every account and type as a thick line on a light red area.
 */
export function overdraftChart(outcome: ScenarioOutcome): ChartDraft {
  const labels = dateLabels(outcome);
  const accounts = usageAccounts(outcome);
  const runs = variantRuns(outcome);
  const many = runs.length > 1;
  const datasets: Array<ChartDataset<'line'>> = [];
  let any = false;
  for (const v of runs) {
    const total = v.result.series.overdraftTotal;
    any ||= total.some((x) => x > 0);
    datasets.push({
      label: `total overdraft${v.suffix}`,
      data: pad(total, labels.length),
      borderColor: TOTAL,
      backgroundColor: withAlpha(WARNING, v.order === 0 ? 0.15 : 0.05),
      borderWidth: 3,
      ...variantLine(v, labels.length, many),
      stepped: 'before',
      fill: v.order === 0 ? 'origin' : false,
    });
  }
  for (const v of runs) {
    for (const u of sortedUsage(v.result.series.usage)) {
      if (!u.overdraft.some((x) => x > 0)) continue;
      const colour = shade(licenceTypeColour(u.type), accounts.indexOf(u.account));
      datasets.push({
        label: `${usageLabel(u, accounts)}${v.suffix}`,
        data: pad(u.overdraft, labels.length),
        borderColor: colour,
        backgroundColor: colour,
        borderWidth: 2,
        ...variantLine(v, labels.length, many),
        stepped: 'before',
        fill: false,
      });
    }
  }
  const title = `Overdraft — ${outcome.name}`;
  return {
    kind: 'overdraft',
    title,
    caption:
      'Licence units in use beyond entitlement after tier borrowing where allowed (SL-11), per type and in total. ' +
      (any ? 'Out of compliance while above zero (SL-7, SL-12).' : 'No overdraft in this run.') +
      (many ? ` Variants: ${variantLegend(runs)}.` : ''),
    helpers: [],
    config: {
      type: 'line',
      data: { labels, datasets },
      options: baseOptions({
        title,
        subtitle: any
          ? `Units over entitlement at the end of each day, per type and total${many ? `; ${variantLegend(runs)}` : ''}`
          : 'No overdraft: consumption stayed within entitlement every day',
        yTitle: 'licence units over entitlement',
        start: labels[0],
        ...(many ? { markerLegend: true } : { lineLegend: true }),
      }),
    },
  };
}
