import { outcomeMetric } from '../engine/outcomes/metrics.ts';
import type { Outcomes } from '../engine/outcomes/types.ts';
import type { ScenarioOutcome } from '../engine/result.ts';
import { overridePolicy, type PolicyByModel } from '../machines/policyOverride.ts';
import type { LoadedScenario } from '../scenarios/loader/resolveScenario.ts';
import type { ParamValue, SweepParam } from './params.ts';
import type { SweepSpec } from './spec.ts';

/** What a sweep keeps of one point's run at one seed. */
export interface PointResult {
  label: string;
  values: Record<string, ParamValue>;
  seed: number;
  /** The sweep's metrics (and any its expectations read), by id. */
  metrics: Record<string, number | null>;
  outcomes: Outcomes;
  /** The scenario's own expectations (those of no single variant) at this point. */
  expectations: { total: number; failed: string[] };
}

/** The label of a point's values: `overageDays=30`. */
export function pointLabel(params: readonly Pick<SweepParam, 'path' | 'key'>[], values: Record<string, ParamValue>): string {
  return params.map((p) => `${p.key}=${String(values[p.path])}`).join(', ');
}

/**
 * The scenario of one point at one seed: the base (the scenario's first variant) with the
 * point's policy values and the seed, nothing else changed, so every point runs the same
 * fleet, identities and draws (common random numbers); the expectations of no single variant.
 */
export function pointLoaded(spec: SweepSpec, values: Record<string, ParamValue>, seed: number, params = spec.params): LoadedScenario {
  const base = spec.loaded.variants[0];
  if (!base) throw new Error('a sweep of a scenario with no run');
  let policy = base.scenario.policy;
  for (const p of params) {
    const r = overridePolicy(p.model, { [p.key]: values[p.path] }, policy[p.model]);
    if (!r.ok) throw new Error(`${p.path}=${String(values[p.path])}: ${r.issues.map((i) => i.message).join('; ')}`);
    policy = { ...policy, [p.model]: r.policy } as PolicyByModel;
  }
  const label = pointLabel(params, values);
  return {
    ...spec.loaded,
    name: `${spec.loaded.name} [${label}${spec.seeds.length > 1 ? `, seed ${seed}` : ''}]`,
    variants: [{ label, scenario: { ...base.scenario, seed, policy } }],
    expectations: spec.loaded.expectations.filter((e) => !e.variants),
  };
}

/** The metrics a sweep reads: those it charts and those its expectations name. */
export function metricsRead(spec: SweepSpec): string[] {
  return [...new Set([...spec.metrics, ...spec.expectations.map((e) => e.metric)])];
}

/** A point with the sweep's metrics read from its outcomes (a point kept by a sweep that read other metrics). */
export function withMetrics(spec: SweepSpec, point: PointResult): PointResult {
  const metrics = Object.fromEntries(metricsRead(spec).map((id) => [id, outcomeMetric(id)?.value(point.outcomes) ?? null]));
  return { ...point, metrics };
}

/** What a sweep keeps of a point's outcome. */
export function pointResult(
  spec: SweepSpec,
  values: Record<string, ParamValue>,
  seed: number,
  outcome: ScenarioOutcome,
  params = spec.params,
): PointResult {
  const run = outcome.runs[0];
  if (!run) throw new Error(`the point ${pointLabel(params, values)} did not run`);
  const outcomes = run.result.outcomes;
  const metrics = Object.fromEntries(metricsRead(spec).map((id) => [id, outcomeMetric(id)?.value(outcomes) ?? null]));
  const failed = outcome.verdicts.filter((v) => !v.passed).map((v) => v.title);
  return {
    label: pointLabel(params, values),
    values,
    seed,
    metrics,
    outcomes,
    expectations: { total: outcome.verdicts.length, failed },
  };
}
