import type { SweepVerdict } from './evaluate.ts';
import type { ParamValue } from './params.ts';
import type { PointResult } from './pointRun.ts';

export const SWEEP_RESULT_SCHEMA = 'licsim/sweep-result@1';

/** One scenario's sweep, as results.json holds it (no wall-clock values: the same inputs give the same bytes). */
export interface ScenarioSweep {
  file: string;
  name: string;
  sampling: 'grid' | 'random' | 'latin-hypercube';
  params: Array<{ path: string; key: string; values: ParamValue[]; range?: { min: number; max: number } }>;
  seeds: number[];
  metrics: string[];
  /** Every point at every seed, in point order then seed order. */
  points: PointResult[];
  verdicts: SweepVerdict[];
  passed: boolean;
}

/** The output of `licsim sweep` (results.json). */
export interface SweepResult {
  schema: typeof SWEEP_RESULT_SCHEMA;
  passed: boolean;
  sweeps: ScenarioSweep[];
}
