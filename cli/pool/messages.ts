import type { Partition } from '../../engine/partition/partitionScenario.ts';
import type { ScenarioOutcome } from '../../engine/result.ts';
import type { LoadedScenario } from '../../scenarios/loader/resolveScenario.ts';
import type { VariantShare } from '../../scenarios/run/partitioned.ts';

/** What the main thread asks of a scenario worker: run this scenario on this backend. */
export interface RunRequest {
  loaded: LoadedScenario;
  backend: 'compiled' | 'actors';
  /** Give failed verdicts their causes (a second run of a failing variant); false for a sweep's points. Default true. */
  explain?: boolean;
  /** Run only this partition of the scenario and send its shares (`licsim run --partition`), no outcome. */
  partition?: Partition;
}

/** What a scenario worker tells the main thread. */
export type WorkerMessage =
  | { type: 'progress'; variant: string; day: number; days: number }
  | { type: 'done'; outcome: ScenarioOutcome }
  | { type: 'shares'; variants: VariantShare[] }
  | { type: 'error'; message: string; stack: string };
