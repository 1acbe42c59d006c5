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
  const datasets = draft.config.data.datasets.map((ds) => {
    const data = sampleSeries(ds.data as ReadonlyArray<number | null>, b);
    // A compared variant's markers (a radius per point) move to the points that stand for their days.
    const radii = Array.isArray(ds.pointRadius) ? { pointRadius: resampledMarkers(ds.pointRadius, data.length) } : {};
    return { ...ds, data, ...radii };
  });
  return {
    ...draft,
    caption: `${draft.caption}${downsampleNote(b)}`,
    config: { ...draft.config, data: { labels: sampleLabels(labels, b), datasets } },
    days: sampledDays(b),
  } as ChartDraft;
}

/** Markers (radius > 0) of a line of `radii.length` points, placed at the same fraction of a line of `length` points. */
function resampledMarkers(radii: readonly number[], length: number): number[] {
  const out = new Array<number>(length).fill(0);
  radii.forEach((r, i) => {
    if (r > 0) out[Math.min(length - 1, Math.round((i * length) / Math.max(1, radii.length)))] = r;
  });
  return out;
}
