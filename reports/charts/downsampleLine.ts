import type { ChartDraft } from './chartDraft.ts';
import { bucketsFor, downsampleNote, sampledDays, sampleLabels, sampleSeries } from './downsample.ts';

/**
 * A line chart of a long run with every series reduced to its lowest and
 * highest value per bucket of days (downsample.ts); a chart short enough to
 * draw whole, or one that is not a line chart, is returned as it is.
 */
export function downsampleLine(draft: ChartDraft, maxPoints?: number): ChartDraft {
  if (draft.config.type !== 'line') return draft;
  const labels = (draft.config.data.labels ?? []) as string[];
  const b = bucketsFor(labels.length, maxPoints);
  if (!b) return draft;
  const datasets = draft.config.data.datasets.map((ds) => ({
    ...ds,
    data: sampleSeries(ds.data as ReadonlyArray<number | null>, b),
  }));
  return {
    ...draft,
    caption: `${draft.caption}${downsampleNote(b)}`,
    config: { ...draft.config, data: { labels: sampleLabels(labels, b), datasets } },
    days: sampledDays(b),
  } as ChartDraft;
}
