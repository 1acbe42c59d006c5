import { type FuzzOptions, fuzzScenario, readTargets, type ScenarioFuzz } from '../../fuzz/index.ts';
import { serveOrdered } from './orderedPool.ts';

/** What licsim fuzz asks of a worker: fuzz the `index`th scenario of `file` with these options (structured-cloned). */
export interface FuzzRequest {
  file: string;
  index: number;
  options: Omit<FuzzOptions, 'machines'>;
}

/** Marks a worker started by licsim fuzz (only such a worker listens to its parent port). */
export const FUZZ_WORKER = 'licsim-fuzz';

/**
 * Fuzzes one scenario of a file, read anew: in a worker thread of `licsim fuzz --jobs`,
 * the same search, from the same seed, as one after another in the main thread.
 *
 * @example
 * await fuzzUnit({ file: 'scenarios/examples/fuzz/late-purchase.yaml', index: 0, options: { seed: 1, runs: 200 } });
 */
export async function fuzzUnit(request: FuzzRequest): Promise<ScenarioFuzz> {
  const read = await readTargets(request.file);
  const target = read.kind === 'targets' ? read.targets[request.index] : undefined;
  if (!target) throw new Error(`${request.file} has no scenario ${request.index} to fuzz (it was read as ${read.kind})`);
  return fuzzScenario(target, request.options);
}

serveOrdered<FuzzRequest, ScenarioFuzz, never>(FUZZ_WORKER, (request) => fuzzUnit(request));
