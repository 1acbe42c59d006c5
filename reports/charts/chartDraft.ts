import type { ChartConfig, ChartKind } from '../types.ts';

/** A chart before it gets its id, file and size: what each chart builder returns. */
export interface ChartDraft {
  kind: ChartKind;
  /** Distinguishes several charts of one kind (e.g. the licence type of a usage chart). */
  part?: string;
  title: string;
  caption: string;
  helpers: number[];
  config: ChartConfig;
  /** The day each x label stands for, when the chart is downsampled (see downsample.ts). */
  days?: number[];
}
