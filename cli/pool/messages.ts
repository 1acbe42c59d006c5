import type { ScenarioOutcome } from '../../engine/result.ts';

/** What a scenario worker tells the main thread. */
export type WorkerMessage =
  | { type: 'progress'; variant: string; day: number; days: number }
  | { type: 'done'; outcome: ScenarioOutcome }
  | { type: 'error'; message: string; stack: string };
