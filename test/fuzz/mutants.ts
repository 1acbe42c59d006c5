import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ScenarioOutcome } from '../../engine/result.ts';
import type { WorldMachines } from '../../engine/world/machines.ts';
import { type Found, type FuzzTarget, fuzzScenario, readTargets, type SearchResult, type Step } from '../../fuzz/index.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import { runLoaded } from '../../scenarios/run/runLoaded.ts';

/**
 * Helpers of the seeded-defect checks of licsim fuzz (test/fuzz/mutants.test.ts): fuzzing a scenario with the world's
 * machines swapped for mutants, and replaying a counterexample in the engine on both backends.
 */

/**
 * The only scenario of a scenario file written to a new temporary folder as `file`, read for fuzzing.
 *
 * @example
 * const target = await fuzzTarget('no-release.yaml', text); // target.space.inserts: [{ kind: 'deregister', … }]
 */
export async function fuzzTarget(file: string, text: string): Promise<FuzzTarget> {
  const path = join(await mkdtemp(join(tmpdir(), 'licsim-fuzz-mutants-')), file);
  await writeFile(path, text);
  const read = await readTargets(path);
  if (read.kind !== 'targets' || read.targets.length !== 1) throw new Error(`${file}: ${JSON.stringify(read)}`);
  return read.targets[0] as FuzzTarget;
}

/** A fuzz search and its minimal counterexample (as `fuzzScenario` writes it), when one broke an expectation. */
export interface MutantFuzz {
  result: SearchResult;
  counterexample: { text: string; steps: Step[]; found: Found } | null;
}

/**
 * Fuzzes a scenario as `fuzzScenario` does (search from `seed`, shrink, the counterexample's text), each variant run
 * in this process on the compiled engine with `machines` (licsim's when not given).
 *
 * @example
 * const f = fuzzWithMachines(target, { seed: 1, runs: 100, machines: noReleaseOnDeregistration });
 * f.result.runs; // 3: the third variant deregisters after the registration
 */
export function fuzzWithMachines(target: FuzzTarget, o: { seed: number; runs: number; machines?: WorldMachines }): MutantFuzz {
  return fuzzScenario(target, { seed: o.seed, runs: o.runs, ...(o.machines ? { machines: o.machines } : {}) });
}

/**
 * A counterexample's text loaded as an ordinary scenario and run in this process with `machines` (licsim's when not
 * given) on both backends, the compiled engine and the actors (real XState actors of the same machines): asserts that
 * they come to the same verdicts with the same evidence, and returns the compiled run's outcome.
 *
 * @example
 * replayInEngine(f.counterexample.text, noReleaseOnDeregistration).passed; // false
 * replayInEngine(f.counterexample.text).passed; // true: licsim's own machines keep the rule
 */
export function replayInEngine(text: string, machines?: WorldMachines): ScenarioOutcome {
  const loaded = parseScenarios(text, 'counterexample.yaml');
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${p.line}: ${p.message}`).join('\n'));
  expect(loaded.scenarios).toHaveLength(1);
  const scenario = loaded.scenarios[0] as NonNullable<(typeof loaded.scenarios)[0]>;
  const options = machines ? { machines } : {};
  const compiled = runLoaded(scenario, undefined, 'compiled', options);
  const actors = runLoaded(scenario, undefined, 'actors', options);
  expect(actors.passed).toBe(compiled.passed);
  expect(actors.verdicts).toEqual(compiled.verdicts);
  return compiled;
}
