import type { ScenarioOutcome } from '../../engine/result.ts';
import type { SimulationOptions } from '../../engine/run/simulation.ts';
import { runScenario } from '../../engine/runScenario.ts';
import { monitorFor } from '../expect/registry.ts';
import type { LoadedScenario } from '../loader/resolveScenario.ts';
import { explainVerdicts } from './explain.ts';

export interface RunProgress {
  variant: string;
  day: number;
  days: number;
}

/**
 * Runs every variant of a loaded scenario with its expectations watching,
 * and returns the outcome: runs, verdicts (tagged with their variant when
 * several policies are compared), passed when every verdict passed.
 */
export function runLoaded(
  loaded: LoadedScenario,
  onProgress?: (p: RunProgress) => void,
  backend: 'compiled' | 'actors' = 'compiled',
  /** Further options of the simulation (e.g. the world's machines, or consistency after every step). */
  options: Pick<SimulationOptions, 'machines' | 'consistency'> & {
    /** Give failed verdicts their causes, by running a failing variant again with its instances' stories recorded (default true). */
    explain?: boolean;
  } = {},
): ScenarioOutcome {
  const { explain = true, ...simulation } = options;
  const source = loaded.timelineLines ? { file: loaded.file, timelineLines: loaded.timelineLines } : null;
  const runs: ScenarioOutcome['runs'] = [];
  const verdicts: ScenarioOutcome['verdicts'] = [];
  for (const variant of loaded.variants) {
    const monitors = loaded.expectations.filter((e) => !e.variants || e.variants.includes(variant.label)).map(monitorFor);
    const result = runScenario(variant.scenario, {
      ...simulation,
      backend,
      observers: monitors,
      ...(onProgress
        ? { onProgress: (p: { day: number; days: number }) => onProgress({ variant: variant.label, day: p.day, days: p.days }) }
        : {}),
    });
    runs.push({ variant: variant.label, result });
    const found = monitors.map((m) => m.verdict(result));
    const told = explain ? explainVerdicts(variant.scenario, found, { ...simulation, backend }, source) : found;
    for (const v of told) verdicts.push(loaded.variants.length > 1 ? { ...v, variant: variant.label } : v);
  }
  return {
    file: loaded.file,
    name: loaded.name,
    description: loaded.description,
    passed: verdicts.every((v) => v.passed),
    runs,
    verdicts,
  };
}
