import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { heapLimitMiB } from '../../engine/heap.ts';
import type { ScenarioOutcome } from '../../engine/result.ts';
import type { LoadedScenario } from '../../scenarios/loader/resolveScenario.ts';
import type { WorkerMessage } from './messages.ts';

export interface PoolCallbacks {
  started(index: number): void;
  progress(index: number, variant: string, day: number, days: number): void;
  done(index: number, outcome: ScenarioOutcome): void;
}

/** A scenario run that crashed (a bug, not a failed expectation). */
export class ScenarioCrash extends Error {
  constructor(
    readonly scenario: string,
    message: string,
    readonly detail: string,
  ) {
    super(`${scenario}: ${message}`);
  }
}

/**
 * Runs scenarios on worker threads, as many at once as the machine has cores,
 * each with an old-generation heap sized for its fleet (engine/heap.ts).
 * Outcomes come back in completion order through `done`; the promise resolves
 * with them in input order.
 */
export async function runPool(
  scenarios: readonly LoadedScenario[],
  callbacks: PoolCallbacks,
  options: { concurrency?: number; backend?: 'compiled' | 'actors' } = {},
): Promise<ScenarioOutcome[]> {
  const concurrency = options.concurrency ?? availableParallelism();
  const outcomes = new Array<ScenarioOutcome>(scenarios.length);
  let next = 0;
  const runOne = (index: number) =>
    new Promise<void>((resolve, reject) => {
      const loaded = scenarios[index] as LoadedScenario;
      callbacks.started(index);
      const worker = new Worker(new URL('./workerBoot.js', import.meta.url), {
        workerData: { loaded, backend: options.backend ?? 'compiled' },
        resourceLimits: { maxOldGenerationSizeMb: heapLimitMiB(loaded.instances) },
        stdout: false,
      });
      let settled = false;
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'progress') callbacks.progress(index, m.variant, m.day, m.days);
        else if (m.type === 'done') {
          settled = true;
          outcomes[index] = m.outcome;
          callbacks.done(index, m.outcome);
          void worker.terminate().then(() => resolve());
        } else {
          settled = true;
          void worker.terminate();
          reject(new ScenarioCrash(loaded.name, m.message, m.stack));
        }
      });
      worker.on('error', (error) => {
        if (!settled) reject(new ScenarioCrash(loaded.name, error.message, error.stack ?? ''));
      });
      worker.on('exit', (code) => {
        if (!settled) reject(new ScenarioCrash(loaded.name, `worker exited with code ${code}`, ''));
      });
    });
  const lane = async () => {
    while (next < scenarios.length) await runOne(next++);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, scenarios.length)) }, lane));
  return outcomes;
}
