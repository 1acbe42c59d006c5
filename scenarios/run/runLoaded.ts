import type { ScenarioOutcome, Verdict } from '../../engine/result.ts';
import type { SimulationOptions } from '../../engine/run/simulation.ts';
import { runScenario } from '../../engine/runScenario.ts';
import { verdictOfRun } from '../expect/monitor.ts';
import type { Expectation } from '../expect/registry.ts';
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
  const runs: ScenarioOutcome['runs'] = [];
  const verdicts: ScenarioOutcome['verdicts'] = [];
  for (const variant of loaded.variants) {
    const monitors = checkedOf(loaded, variant).map(monitorFor);
    const result = runScenario(variant.scenario, {
      ...simulation,
      backend,
      observers: monitors,
      ...(onProgress
        ? { onProgress: (p: { day: number; days: number }) => onProgress({ variant: variant.label, day: p.day, days: p.days }) }
        : {}),
    });
    runs.push({ variant: variant.label, result });
    const judged = monitors.map((m) => verdictOfRun(m, result));
    const explainer: Explainer | null = explain
      ? (found, source) => explainVerdicts(variant.scenario, found, { ...simulation, backend }, source)
      : null;
    verdicts.push(...variantVerdicts(loaded, variant, judged, explainer));
  }
  return outcomeOf(loaded, runs, verdicts);
}

/** A variant of a loaded scenario. */
export type LoadedVariant = LoadedScenario['variants'][number];

/** Gives failed verdicts their causes (scenarios/run/explain.ts), the timeline's lines named when known. */
export type Explainer = (verdicts: Verdict[], source: { file: string; timelineLines: readonly number[] } | null) => Verdict[];

/** The expectations of a variant that are checked (skip and todo are not: no monitor watches them), in the order written. */
export function checkedOf(loaded: LoadedScenario, variant: LoadedVariant): Expectation[] {
  return expectationsOf(loaded, variant).filter((e) => e.mark?.kind !== 'skip' && e.mark?.kind !== 'todo');
}

const expectationsOf = (loaded: LoadedScenario, variant: LoadedVariant) =>
  loaded.expectations.filter((e) => !e.variants || e.variants.includes(variant.label));

/**
 * A variant's verdicts as the outcome lists them, from the monitors' verdicts (`judged`, one per checked expectation):
 * marks applied, failures explained, the unchecked ones where they stand, tagged with the variant when several
 * policies are compared.
 */
export function variantVerdicts(loaded: LoadedScenario, variant: LoadedVariant, judged: Verdict[], explain: Explainer | null): Verdict[] {
  const checked = checkedOf(loaded, variant);
  const found = judged.map((v, i) => marked(v, checked[i] as Expectation));
  // A variant with a timeline of its own names its own lines.
  const lines = variant.timelineLines ?? loaded.timelineLines;
  const source = lines ? { file: loaded.file, timelineLines: lines } : null;
  const told = explain ? explain(found, source) : found;
  // In the order written: the checked verdicts, and the unchecked ones where they stand.
  const byExpectation = new Map(checked.map((e, i) => [e, told[i] as Verdict]));
  return expectationsOf(loaded, variant).map((e) => {
    const v = byExpectation.get(e) ?? unchecked(e);
    return loaded.variants.length > 1 ? { ...v, variant: variant.label } : v;
  });
}

/** A scenario's outcome from its runs and verdicts: passed when every verdict passed. */
export function outcomeOf(loaded: LoadedScenario, runs: ScenarioOutcome['runs'], verdicts: Verdict[]): ScenarioOutcome {
  return {
    file: loaded.file,
    name: loaded.name,
    description: loaded.description,
    ...(loaded.tags ? { tags: loaded.tags } : {}),
    ...(loaded.compareBaseline ? { compareBaseline: loaded.compareBaseline } : {}),
    passed: verdicts.every((v) => v.passed),
    runs,
    verdicts,
  };
}

/** A checked verdict with its expectation's tags, and a `fails` mark applied: a failure passes, a pass fails. */
function marked(v: Verdict, e: Expectation): Verdict {
  const tagged = e.tags ? { ...v, tags: e.tags } : v;
  if (e.mark?.kind !== 'fails') return tagged;
  const why = e.mark.reason ? ` (${e.mark.reason})` : '';
  const message = v.passed ? `expected to fail${why}, but held: ${v.message}` : `failed as expected${why}: ${v.message}`;
  return { ...tagged, passed: !v.passed, message, mark: e.mark };
}

/** The verdict of an expectation marked skip or todo: not checked, nothing against the run. */
function unchecked(e: Expectation): Verdict {
  const mark = e.mark ?? { kind: 'skip' as const, reason: '' };
  const said = mark.kind === 'skip' ? 'skipped' : 'to do';
  return {
    kind: e.kind,
    title: e.title,
    passed: true,
    message: `${said}${mark.reason ? `: ${mark.reason}` : ''} (not checked)`,
    rules: [],
    evidence: [],
    source: e.source,
    ...(e.tags ? { tags: e.tags } : {}),
    mark,
  };
}
