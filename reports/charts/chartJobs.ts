import type { ManifestEntry } from '../io/manifest.ts';
import type { ChartSpec } from '../types.ts';

/** A chart for a worker thread to render and write into report folder `dir`. */
export interface ChartJob {
  id: number;
  spec: ChartSpec;
  dir: string;
  runId: string;
}

/** A worker's answer: the file's manifest entry (null: the chart did not render), or why writing it failed. */
export type ChartAnswer = { id: number; ok: true; entry: ManifestEntry | null } | { id: number; ok: false; message: string; stack: string };
