import type { ScenarioOutcome } from '../../engine/result.ts';
import type { Backend } from '../../fuzz/index.ts';
import type { Problem } from '../../scenarios/loader/problems.ts';
import type { LoadedScenario } from '../../scenarios/loader/resolveScenario.ts';
import { runLoaded } from '../../scenarios/run/runLoaded.ts';
import { type Colors, scenarioLine, verdictLines } from '../console/format.ts';
import { replayHeading, replayStatus } from '../console/replay.ts';
import { loadFile } from '../loadFile.ts';
import { markCounterexample } from '../replay.ts';

/** The saved counterexamples of a `licsim fuzz` run as loaded: their scenarios (with their own seeds), problems, and verification files. */
export interface SavedLoad {
  scenarios: LoadedScenario[];
  problems: Problem[];
  /** Verification files in a counterexamples/ folder: skipped, as any verification file. */
  verifications: string[];
}

/**
 * Loads the saved counterexamples (cli/replay.ts) `licsim fuzz` replays instead of fuzzing:
 * each file as `licsim run` would, with its own seed.
 *
 * @example
 * await loadSaved(['scenarios/counterexamples/late-9bce8b56.yaml']);
 * // { scenarios: [{ name: '… (fuzz counterexample)', … }], problems: [], … }
 */
export async function loadSaved(files: readonly string[]): Promise<SavedLoad> {
  const saved: SavedLoad = { scenarios: [], problems: [], verifications: [] };
  for (const file of files) {
    const { kind, result } = await loadFile(file);
    if (!result.ok) for (const p of result.problems) saved.problems.push(p);
    else if (kind === 'verification' || kind === 'policy') saved.verifications.push(file);
    else for (const s of result.scenarios) saved.scenarios.push(s);
  }
  return saved;
}

/**
 * Replays saved counterexamples as written, in this process and in order, before anything
 * is fuzzed: prints them under their heading (each still failing, with its broken
 * expectations, or fixed) and returns their outcomes, marked as counterexamples.
 *
 * @example
 * replaySaved(saved.scenarios, { backend: 'compiled', prune: false, c, say }); // [{ passed: false, counterexample: true, … }]
 */
export function replaySaved(
  scenarios: readonly LoadedScenario[],
  options: { backend: Backend; prune: boolean; c: Colors; say: (line: string) => void },
): ScenarioOutcome[] {
  const { c, say } = options;
  if (!scenarios.length) return [];
  say(replayHeading(c));
  const outcomes = scenarios.map((loaded) => {
    const started = performance.now();
    const outcome = markCounterexample(runLoaded(loaded, undefined, options.backend));
    say(`${scenarioLine(outcome, c, (performance.now() - started) / 1000)} ${replayStatus(outcome.passed, options.prune, c)}`);
    for (const v of outcome.verdicts) if (!v.passed) for (const l of verdictLines(v, c)) say(l);
    return outcome;
  });
  say('');
  return outcomes;
}
