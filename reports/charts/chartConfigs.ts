import type { ScenarioOutcome } from '../../engine/result.ts';
import { CHART_DIR } from '../io/layout.ts';
import { scenarioKey, slugify } from '../slug.ts';
import type { ChartSpec } from '../types.ts';
import { alarmChart } from './alarmChart.ts';
import type { ChartDraft } from './chartDraft.ts';
import { downsampleLine } from './downsampleLine.ts';
import { overdraftChart } from './overdraftChart.ts';
import { stateCharts } from './stateChart.ts';
import { usageCharts } from './usageChart.ts';

/** Default chart size: readable at full width in a report and in a PR. */
export const CHART_SIZE = { width: 1200, height: 600 } as const;

export { CHART_DIR };

/**
 * The charts of one scenario as plain data: consumption vs entitlement (one
 * per licence type), overdraft, state distribution, alarms (usage and alarms
 * only when there is something to draw). The same specs feed the PNGs and the interactive page.
 * A long run is downsampled for drawing (downsample.ts); results.json keeps every day.
 */
export function chartConfigs(outcome: ScenarioOutcome, index: number, size: { width: number; height: number } = CHART_SIZE): ChartSpec[] {
  const key = scenarioKey(outcome.name, index);
  const drafts: Array<ChartDraft | null> = [...usageCharts(outcome), overdraftChart(outcome), ...stateCharts(outcome), alarmChart(outcome)];
  const used = new Set<string>();
  return drafts
    .filter((d): d is ChartDraft => d !== null)
    .map((d) => downsampleLine(d))
    .map((d) => {
      const base = d.part === undefined ? `${key}-${d.kind}` : `${key}-${d.kind}-${slugify(d.part)}`;
      // Two parts may slug alike ("CUWL" and "cuwl"): number the later ones.
      let id = base;
      for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
      used.add(id);
      const { kind, title, caption, helpers, config } = d;
      const label = d.part === undefined ? kind : `${kind} ${d.part}`;
      const spec: ChartSpec = {
        id,
        kind,
        file: `${CHART_DIR}/${id}.png`,
        title,
        label,
        caption,
        width: size.width,
        height: size.height,
        helpers,
        config,
      };
      return d.days ? { ...spec, days: d.days } : spec;
    });
}
