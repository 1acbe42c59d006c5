import type { Canvas } from 'canvas';
import type { Chart, ChartConfiguration, LegendItem } from 'chart.js';
import { ChartJSNodeCanvas } from 'chartjs-node-canvas';
import type { ChartSpec } from '../types.ts';

/**
 * zlib level and libpng filters of the PNGs. Charts are flat colours on white:
 * with no filter libpng encodes a 1200×600 chart in a third of the time it takes
 * trying every filter, and the file is a fifth smaller (measured on the bench
 * suite's charts: 35 → 20 ms and 48 → 38 KB a chart, drawing included).
 */
const COMPRESSION_LEVEL = 6;

/** A renderer that encodes the PNG itself, with {@link COMPRESSION_LEVEL} and no filter (chartjs-node-canvas takes no PNG options). */
class PngRenderer extends ChartJSNodeCanvas {
  png(configuration: ChartConfiguration): Buffer {
    const canvas = this._createCanvas(this._width, this._height, this._type);
    // As chartjs-node-canvas draws: a style object for Chart.js to read, no resizing, no animation.
    Object.assign(canvas, { style: {} });
    configuration.options = { ...configuration.options, responsive: false, animation: false };
    const ChartJs = this._chartJs as unknown as new (context: unknown, config: ChartConfiguration) => Chart;
    const chart = new ChartJs(canvas.getContext('2d'), configuration);
    try {
      const filters = (canvas.constructor as typeof Canvas).PNG_FILTER_NONE;
      return canvas.toBuffer('image/png', { compressionLevel: COMPRESSION_LEVEL, filters });
    } finally {
      chart.destroy();
    }
  }
}

// One renderer per size for the life of the process (or worker thread):
// chartjs-node-canvas leaks memory when an instance is created per chart (DESIGN.md, pitfalls).
const renderers = new Map<string, PngRenderer>();

function rendererFor(width: number, height: number): PngRenderer {
  const key = `${width}x${height}`;
  let r = renderers.get(key);
  if (!r) {
    r = new PngRenderer({ width, height, backgroundColour: '#ffffff' });
    renderers.set(key, r);
  }
  return r;
}

/**
 * Loads the canvas library in this thread, for the life of the process (a
 * renderer of this size): the chart pool calls it before it starts a worker.
 * When a worker thread is the first to load node-canvas, the library is unloaded
 * as that thread ends and the process crashes (SIGSEGV) — measured here.
 */
export function loadRenderer(size: { width: number; height: number }): void {
  rendererFor(size.width, size.height);
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
  return rendererFor(spec.width, spec.height).png(hydrate(spec));
}
