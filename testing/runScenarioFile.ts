import type { ScenarioOutcome } from '../engine/result.ts';
import { loadScenarios } from '../scenarios/loader/loadScenarios.ts';
import { formatProblem } from '../scenarios/loader/problems.ts';
import { runLoaded } from '../scenarios/run/runLoaded.ts';

/** Loads a scenario file and runs every scenario in it (in this thread): for QA suites written as tests. */
export async function runScenarioFile(file: string, options: { seed?: number } = {}): Promise<ScenarioOutcome[]> {
  const loaded = await loadScenarios(file, options);
  if (!loaded.ok) throw new Error(`${file} has problems:\n${loaded.problems.map(formatProblem).join('\n')}`);
  return loaded.scenarios.map((s) => runLoaded(s));
}
