import type { ChartConfiguration, LegendItem } from 'chart.js';
import { ChartJSNodeCanvas } from 'chartjs-node-canvas';
import type { ChartSpec } from '../types.ts';

// One renderer per size for the life of the process: chartjs-node-canvas leaks
// memory when an instance is created per chart (DESIGN.md, pitfalls).
const renderers = new Map<string, ChartJSNodeCanvas>();

function rendererFor(width: number, height: number): ChartJSNodeCanvas {
  const key = `${width}x${height}`;
  let r = renderers.get(key);
  if (!r) {
    r = new ChartJSNodeCanvas({ width, height, backgroundColour: '#ffffff' });
    renderers.set(key, r);
  }
  return r;
}

/** Number of renderer instances alive (one per chart size). */
export function rendererCount(): number {
  return renderers.size;
}

/**
 * The spec's configuration ready for Chart.js: a deep copy (Chart.js and the
 * renderer mutate what they are given) with the legend filter that hides
 * helper datasets, the one thing plain data cannot say.
 */
export function hydrate(spec: ChartSpec): ChartConfiguration {
  const config = structuredClone(spec.config) as ChartConfiguration;
  const helpers = new Set(spec.helpers);
  config.options ??= {};
  config.options.plugins ??= {};
  const plugins = config.options.plugins;
  plugins.legend ??= {};
  const legend = plugins.legend;
  legend.labels = { ...legend.labels, filter: (item: LegendItem) => !helpers.has(item.datasetIndex ?? -1) };
  return config;
}

/** Renders a chart spec to a PNG buffer of the spec's size. */
export async function renderPng(spec: ChartSpec): Promise<Buffer> {
  return rendererFor(spec.width, spec.height).renderToBuffer(hydrate(spec), 'image/png');
}
