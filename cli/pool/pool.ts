import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { estimateRun } from '../../engine/budget.ts';
import { heapLimitMiB } from '../../engine/heap.ts';
import { type Partition, partitionScenario } from '../../engine/partition/partitionScenario.ts';
import type { ScenarioOutcome } from '../../engine/result.ts';
import type { LoadedScenario } from '../../scenarios/loader/resolveScenario.ts';
import type { VariantShare } from '../../scenarios/run/partitioned.ts';
import { MemoryGate } from './memoryGate.ts';
import type { RunRequest, WorkerMessage } from './messages.ts';

const MIB = 2 ** 20;

/** The memory a scenario's largest variant (or its largest variant's partition `p`) is estimated to need (engine/budget.ts). */
export function scenarioMemory(loaded: LoadedScenario, p?: Partition): number {
  return loaded.variants.reduce((n, v) => Math.max(n, estimateRun(p ? partitionScenario(v.scenario, p) : v.scenario).memoryBytes), 0);
}

/** The instances a scenario's worker runs: its fleet's, or its partition's (the largest variant's). */
const instancesOf = (loaded: LoadedScenario, p?: Partition) =>
  p
    ? loaded.variants.reduce(
        (n, v) =>
          Math.max(
            n,
            partitionScenario(v.scenario, p).fleet.reduce((k, g) => k + g.count, 0),
          ),
        0,
      )
    : loaded.instances;

/**
 * The old-generation heap (MiB) of a scenario's worker: sized for its fleet, or for its partition `p`'s share of it
 * (engine/heap.ts), and never below its estimate, so a run the budget let through is not stopped by a heap sized for
 * instances alone (a long timeline of one instance).
 */
export function workerHeapMiB(loaded: LoadedScenario, memoryBytes = scenarioMemory(loaded), p?: Partition): number {
  return Math.max(heapLimitMiB(instancesOf(loaded, p)), Math.ceil(memoryBytes / MIB));
}

export interface PoolCallbacks {
  started(index: number): void;
  progress(index: number, variant: string, day: number, days: number): void;
  done(index: number, outcome: ScenarioOutcome): void;
  /** With `partition`: the shares of a scenario's partition, in place of its outcome. */
  shares?(index: number, variants: VariantShare[]): void;
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
 * each with an old-generation heap sized for its fleet (engine/heap.ts). A lane
 * keeps its worker for the next scenario that needs the same heap (starting a
 * worker costs about a second, more than a small scenario's run), and starts a
 * new one otherwise. Outcomes come back in completion order through `done`; the
 * promise resolves with them in input order.
 */
export async function runPool(
  scenarios: readonly LoadedScenario[],
  callbacks: PoolCallbacks,
  options: {
    concurrency?: number;
    backend?: 'compiled' | 'actors';
    /** Explain failed verdicts (runLoaded's `explain`, default true). */
    explain?: boolean;
    memoryBytes?: number;
    /** Run only this partition of each scenario: `callbacks.shares` gets what it saw, and the outcomes stay empty. */
    partition?: Partition;
    /** Asked before each scenario starts: true starts no more (their outcomes stay empty). */
    stop?: () => boolean;
  } = {},
): Promise<ScenarioOutcome[]> {
  const concurrency = options.concurrency ?? availableParallelism();
  const outcomes = new Array<ScenarioOutcome>(scenarios.length);
  const backend = options.backend ?? 'compiled';
  const gate = new MemoryGate(options.memoryBytes ?? Number.POSITIVE_INFINITY);
  const workers = new Set<Worker>();
  // After a crash no lane starts another scenario, and every worker is stopped.
  let crashed = false;
  let firstCrash: unknown = null;
  let next = 0;
  const start = (heapMiB: number) =>
    new Worker(new URL('./workerBoot.js', import.meta.url), {
      workerData: { entry: new URL('./scenarioWorker.ts', import.meta.url).href },
      resourceLimits: { maxOldGenerationSizeMb: heapMiB },
      stdout: false,
    });
  const runOn = (worker: Worker, index: number) =>
    new Promise<void>((resolve, reject) => {
      const loaded = scenarios[index] as LoadedScenario;
      callbacks.started(index);
      const settle = (then: () => void) => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        then();
      };
      const onMessage = (m: WorkerMessage) => {
        if (m.type === 'progress') callbacks.progress(index, m.variant, m.day, m.days);
        else if (m.type === 'done') {
          outcomes[index] = m.outcome;
          callbacks.done(index, m.outcome);
          settle(resolve);
        } else if (m.type === 'shares') {
          callbacks.shares?.(index, m.variants);
          settle(resolve);
        } else settle(() => reject(new ScenarioCrash(loaded.name, m.message, m.stack)));
      };
      const onError = (error: Error) => settle(() => reject(new ScenarioCrash(loaded.name, error.message, error.stack ?? '')));
      const onExit = (code: number) => settle(() => reject(new ScenarioCrash(loaded.name, `worker exited with code ${code}`, '')));
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({
        loaded,
        backend,
        ...(options.explain === false ? { explain: false } : {}),
        ...(options.partition ? { partition: options.partition } : {}),
      } satisfies RunRequest);
    });
  const lane = async () => {
    let worker: Worker | null = null;
    let heap = 0;
    try {
      while (!crashed && next < scenarios.length && !options.stop?.()) {
        const index = next++;
        const loaded = scenarios[index] as LoadedScenario;
        const memory = scenarioMemory(loaded, options.partition);
        await gate.acquire(memory);
        try {
          if (crashed) return;
          const wanted = workerHeapMiB(loaded, memory, options.partition);
          if (!worker || wanted !== heap) {
            if (worker) workers.delete(worker);
            await worker?.terminate();
            worker = start(wanted);
            workers.add(worker);
            heap = wanted;
          }
          await runOn(worker, index);
        } finally {
          gate.release(memory);
        }
      }
    } catch (error) {
      // The first crash is the one to report: the workers stopped because of it exit after it.
      if (!crashed) firstCrash = error;
      crashed = true;
      for (const w of workers) void w.terminate();
      throw error;
    } finally {
      await worker?.terminate();
    }
  };
  await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(concurrency, scenarios.length)) }, lane));
  if (crashed) throw firstCrash;
  return outcomes;
}
