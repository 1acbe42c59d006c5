import type { ChartDataset } from 'chart.js';
import { outcomeMetric } from '../../engine/outcomes/metrics.ts';
import { linesAlong, spreadOf } from '../../sweep/lines.ts';
import type { ScenarioSweep } from '../../sweep/result.ts';
import { VARIANT_STYLES } from '../charts/common.ts';
import { TOTAL, WARNING, withAlpha } from '../charts/palette.ts';
import { slugify } from '../slug.ts';
import type { ChartSpec } from '../types.ts';

const SIZE = { width: 1000, height: 500 };

function lineChart(sweep: ScenarioSweep, index: number, metric: string): ChartSpec | null {
  const x = sweep.params.find((p) => sweep.points.every((pt) => typeof pt.values[p.path] === 'number'));
  if (!x) return null;
  const m = outcomeMetric(metric);
  const lines = linesAlong(sweep.points, x.path);
  const xs = [...new Set(sweep.points.map((p) => Number(p.values[x.path])))].sort((a, b) => a - b);
  const datasets: Array<ChartDataset<'line'>> = [];
  const helpers: number[] = [];
  const many = sweep.seeds.length > 1;
  lines.slice(0, VARIANT_STYLES.length).forEach((line, k) => {
    const look = VARIANT_STYLES[k] as (typeof VARIANT_STYLES)[number];
    // Each value's spread over its seeds; null (a gap in the line) where the metric applies at none of them.
    const at = xs.map((v) => spreadOf(line.at.get(v) ?? [], metric));
    const fixed = line.others.map(([path, v]) => `${path.split('.').pop()}=${String(v)}`).join(', ');
    const name = fixed ? ` (${fixed})` : '';
    if (many) {
      // The spread across seeds: a band from the lowest to the highest value at each point.
      helpers.push(datasets.length, datasets.length + 1);
      datasets.push({
        label: `lowest${name}`,
        data: at.map((s) => s.min),
        borderWidth: 0,
        pointRadius: 0,
        fill: false,
      });
      datasets.push({
        label: `highest${name}`,
        data: at.map((s) => s.max),
        borderWidth: 0,
        pointRadius: 0,
        backgroundColor: withAlpha(WARNING, 0.15),
        fill: '-1',
      });
    }
    datasets.push({
      label: `${many ? `mean of ${sweep.seeds.length} seeds` : (m?.title ?? metric)}${name}`,
      data: at.map((s) => s.mean),
      borderColor: k === 0 ? TOTAL : WARNING,
      backgroundColor: k === 0 ? TOTAL : WARNING,
      borderDash: look.dash,
      pointStyle: look.marker,
      pointRadius: 5,
      borderWidth: 2,
      fill: false,
    });
  });
  const title = `${m?.title ?? metric} against ${x.key} — ${sweep.name}`;
  const id = `sweep-${String(index + 1).padStart(2, '0')}-${slugify(metric)}`;
  return {
    id,
    kind: 'sweep',
    file: `charts/${id}.png`,
    title,
    label: `${metric} vs ${x.key}`,
    caption:
      `${m?.doc ?? metric} (${m?.unit ?? ''}), at each value of ${x.path}` +
      `${many ? `; the band spans the ${sweep.seeds.length} seeds` : ''}` +
      `${lines.length > VARIANT_STYLES.length ? `; the first ${VARIANT_STYLES.length} of ${lines.length} lines are drawn` : ''}.`,
    ...SIZE,
    helpers,
    config: {
      type: 'line',
      data: { labels: xs.map(String), datasets },
      options: {
        animation: false,
        plugins: {
          title: { display: true, text: title, font: { size: 16, weight: 'bold' } },
          legend: { display: true, labels: { usePointStyle: true } },
        },
        scales: {
          x: { title: { display: true, text: x.path } },
          y: { beginAtZero: true, title: { display: true, text: `${metric} (${m?.unit ?? ''})` } },
        },
      },
    },
  };
}

/** A colour from green (low) to red (high) for a value between lo and hi. */
function heat(value: number, lo: number, hi: number): string {
  const t = hi > lo ? (value - lo) / (hi - lo) : 0;
  const r = Math.round(89 + t * (225 - 89));
  const g = Math.round(161 - t * (161 - 87));
  const b = Math.round(79 + t * (89 - 79));
  return `rgb(${r}, ${g}, ${b})`;
}

/** Two numeric parameters: a heat map of the metric (mean over seeds), a square per point, green low to red high. */
function heatMap(sweep: ScenarioSweep, index: number, metric: string): ChartSpec | null {
  const numeric = sweep.params.filter((p) => sweep.points.every((pt) => typeof pt.values[p.path] === 'number'));
  if (sweep.params.length !== 2 || numeric.length !== 2) return null;
  const [px, py] = numeric as [(typeof numeric)[0], (typeof numeric)[0]];
  // A cell per point (the lines along the first parameter, one per value of the second); none where the metric applies at no seed.
  const shown = linesAlong(sweep.points, px.path).flatMap((line) =>
    [...line.at].flatMap(([x, points]) => {
      const { mean } = spreadOf(points, metric);
      return mean === null ? [] : [{ x, y: Number(line.others[0]?.[1]), mean }];
    }),
  );
  if (!shown.length) return null;
  const values = shown.map((c) => c.mean);
  const [lo, hi] = [Math.min(...values), Math.max(...values)];
  const m = outcomeMetric(metric);
  const title = `${m?.title ?? metric} over ${px.key} × ${py.key} — ${sweep.name}`;
  const id = `sweep-${String(index + 1).padStart(2, '0')}-${slugify(metric)}-heat`;
  return {
    id,
    kind: 'sweep',
    file: `charts/${id}.png`,
    title,
    label: `${metric} heat map`,
    caption: `${m?.doc ?? metric}: a square per point, green at ${lo} to red at ${hi}.`,
    ...SIZE,
    helpers: [],
    config: {
      type: 'bubble',
      data: {
        datasets: [
          {
            label: metric,
            data: shown.map((c) => ({ x: c.x, y: c.y, r: 14 })),
            backgroundColor: values.map((v) => heat(v, lo, hi)),
            pointStyle: 'rect',
          },
        ],
      },
      options: {
        animation: false,
        plugins: { title: { display: true, text: title, font: { size: 16, weight: 'bold' } }, legend: { display: false } },
        scales: { x: { title: { display: true, text: px.path } }, y: { title: { display: true, text: py.path } } },
      },
    },
  };
}

/**
 * The charts of a sweep: each metric against the first numeric parameter (a line per combination
 * of the others), and a heat map for two.
 */
export function sweepCharts(sweep: ScenarioSweep, index: number): ChartSpec[] {
  return sweep.metrics.flatMap((metric) => [lineChart(sweep, index, metric), heatMap(sweep, index, metric)].filter((c) => c !== null));
}
