import { OUTCOME_METRICS, outcomeMetric } from '../engine/outcomes/metrics.ts';
import type { ModelName } from '../machines/policyOverride.ts';
import type { LoadedScenario } from '../scenarios/loader/resolveScenario.ts';
import { unknownName } from '../scenarios/loader/suggest.ts';
import { parseParam, type SweepParam } from './params.ts';
import { gridPoints, type SweepPoint, sampledPoints } from './points.ts';
import type { SweepBlock, SweepExpectationRaw } from './schema.ts';

/** A sweep expectation, checked. */
export type SweepExpectation =
  | {
      kind: 'monotone';
      title: string;
      metric: string;
      param: string;
      direction: 'increasing' | 'decreasing' | 'nonIncreasing' | 'nonDecreasing';
    }
  | {
      kind: 'smallest';
      title: string;
      param: SweepParam;
      min: number;
      max: number;
      metric: string;
      atMostMetric: number;
      atMost: number;
    };

/** Points a sweep may have: a larger one is a mistake (a step too small) more often than a plan. */
export const MAX_POINTS = 10_000;

/** Metrics charted when the sweep names none. */
export const DEFAULT_SWEEP_METRICS = ['enforcementDays', 'overageDays', 'overdraftUnitDays', 'refusals'];

/** A sweep ready to run: the scenario it varies, its parameters and points, seeds, metrics and expectations. */
export interface SweepSpec {
  file: string;
  name: string;
  /** The scenario (its first variant is the base every point changes). */
  loaded: LoadedScenario;
  params: SweepParam[];
  points: SweepPoint[];
  seeds: number[];
  metrics: string[];
  expectations: SweepExpectation[];
  sampling: SweepBlock['sampling'];
}

/** A problem of a sweep, at a path of the `sweep:` block (or of a flag, `--param`). */
export interface SweepProblem {
  path: Array<string | number>;
  message: string;
  flag?: string;
  /** The problem is the mapping key at the end of `path` (located on the key, not its value). */
  key?: string;
}

/** What the command line changes: `--param` (replacing the block's params), `--samples`, `--sampling`, `--seeds`. */
export interface SweepFlags {
  params?: Array<{ path: string; values: string }>;
  samples?: number;
  sampling?: SweepBlock['sampling'];
  seeds?: number[];
  metrics?: string[];
}

const RANGE = /^\s*(-?\d+)\s*\.\.\s*(-?\d+)\s*$/;

function metricProblem(id: string): string | null {
  return outcomeMetric(id)
    ? null
    : unknownName(
        'outcome metric',
        id,
        OUTCOME_METRICS.map((m) => m.id),
        'metrics',
      );
}

function expectationOf(
  raw: SweepExpectationRaw,
  params: readonly SweepParam[],
  fleet: readonly ModelName[],
  loaded: LoadedScenario,
  /** Records a problem at a path of the expectation; gives null, the expectation's value when it has one. */
  at: (message: string, ...path: Array<string | number>) => null,
): SweepExpectation | null {
  if ('monotone' in raw) {
    const { metric, in: param, direction } = raw.monotone;
    const bad = metricProblem(metric);
    if (bad) return at(bad, 'monotone', 'metric');
    const p = params.find((x) => x.path === param);
    if (!p)
      return at(
        unknownName(
          'swept parameter',
          param,
          params.map((x) => x.path),
          'swept',
        ),
        'monotone',
        'in',
      );
    if (p.values.some((v) => typeof v !== 'number') && !p.range)
      return at(`${param} takes values that are not numbers: monotone needs an order`, 'monotone', 'in');
    return { kind: 'monotone', title: `${metric} ${direction} in ${param}`, metric, param, direction };
  }
  const s = raw.smallest;
  const bad = metricProblem(s.where.metric);
  if (bad) return at(bad, 'smallest', 'where', 'metric');
  const range = RANGE.exec(s.range);
  if (!range) return at('expected whole numbers from..to, like 1..365', 'smallest', 'range');
  const [min, max] = [Number(range[1]), Number(range[2])];
  if (min > max) return at(`expected a range whose from is at most its to, found "${s.range}"`, 'smallest', 'range');
  const base = loaded.variants[0]?.scenario.policy;
  if (!base) return null;
  const parsed = parseParam(s.param, `${min}..${max}`, fleet, base);
  if (!parsed.ok) return at(parsed.message, 'smallest', 'param');
  return {
    kind: 'smallest',
    title: `the smallest ${s.param} with ${s.where.metric} ≤ ${s.where.atMost} is at most ${s.atMost}`,
    param: parsed.param,
    min,
    max,
    metric: s.where.metric,
    atMostMetric: s.where.atMost,
    atMost: s.atMost,
  };
}

/**
 * The sweep of a scenario: its `sweep:` block with the command line's flags over it, each
 * parameter and expectation checked (problems located by their path in the block, or by flag).
 * Points are the grid of the parameters' values, or `samples` drawn (random or Latin
 * hypercube) with the scenario's seed.
 */
export function sweepSpec(
  loaded: LoadedScenario,
  block: SweepBlock | undefined,
  flags: SweepFlags = {},
): { ok: true; spec: SweepSpec } | { ok: false; problems: SweepProblem[] } {
  const problems: SweepProblem[] = [];
  const base = loaded.variants[0]?.scenario;
  if (!base) return { ok: false, problems: [{ path: [], message: 'the scenario has no run to sweep' }] };
  const fleet = [...new Set(base.fleet.map((g) => g.model))];
  const written: Array<{ path: string; values: unknown; at: SweepProblem }> = flags.params?.length
    ? flags.params.map((p) => ({ path: p.path, values: p.values, at: { path: [], message: '', flag: '--param' } }))
    : Object.entries(block?.params ?? {}).map(([path, values]) => ({ path, values, at: { path: ['sweep', 'params', path], message: '' } }));
  if (!written.length)
    problems.push({
      path: block ? ['sweep', 'params'] : [],
      message: 'nothing to sweep: give sweep.params in the scenario, or --param model.key=values',
      ...(block ? {} : { flag: '--param' }),
    });
  const params: SweepParam[] = [];
  const seen = new Set<string>();
  for (const w of written) {
    if (seen.has(w.path)) {
      problems.push({ ...w.at, message: `${w.path}: given twice (each parameter once, with all its values)` });
      continue;
    }
    seen.add(w.path);
    const r = parseParam(w.path, w.values, fleet, base.policy);
    if (r.ok) params.push(r.param);
    else if (w.at.flag) problems.push({ ...w.at, message: `${w.path}: ${r.message}` });
    else if (r.at === 'key') problems.push({ path: ['sweep', 'params'], key: w.path, message: r.message });
    else problems.push({ ...w.at, message: `${w.path}: ${r.message}` });
  }
  const sampling = flags.sampling ?? block?.sampling ?? 'grid';
  const samples = flags.samples ?? block?.samples;
  const metrics = flags.metrics ?? block?.metrics ?? DEFAULT_SWEEP_METRICS;
  metrics.forEach((m, i) => {
    const bad = metricProblem(m);
    if (bad) problems.push(flags.metrics ? { path: [], message: bad, flag: '--metric' } : { path: ['sweep', 'metrics', i], message: bad });
  });
  const expectations: SweepExpectation[] = [];
  (block?.expect ?? []).forEach((raw, i) => {
    const e = expectationOf(raw, params, fleet, loaded, (message, ...path) => {
      problems.push({ path: ['sweep', 'expect', i, ...path], message });
      return null;
    });
    if (e) expectations.push(e);
  });
  // Where a problem of the sampling goes: the flag that set it, else the block.
  const from = (flag: string, given: unknown, path: Array<string | number>) => (given !== undefined ? { path: [], flag } : { path });
  if (sampling === 'grid') {
    for (const p of params)
      if (p.range)
        problems.push({
          ...from('--param', flags.params?.length ? true : undefined, ['sweep', 'params', p.path]),
          message:
            `${p.path}: a range without a step is sampled: ` +
            'give a step (30..120:15), or sampling: random or latin-hypercube with samples',
        });
    if (samples !== undefined)
      problems.push({
        ...from('--samples', flags.samples, ['sweep', 'samples']),
        message: 'samples is for random or latin-hypercube sampling; a grid runs every combination (give sampling too)',
      });
  } else if (samples === undefined)
    problems.push({
      ...from('--sampling', flags.sampling, ['sweep', 'samples']),
      message: `${sampling} sampling needs samples: the number of points`,
    });
  else if (samples > MAX_POINTS)
    problems.push({
      ...from('--samples', flags.samples, ['sweep', 'samples']),
      message: `expected at most ${MAX_POINTS} samples, found ${samples}`,
    });
  if (problems.length) return { ok: false, problems };
  const size = sampling === 'grid' ? params.reduce((n, p) => n * p.values.length, 1) : (samples as number);
  if (size > MAX_POINTS)
    return {
      ok: false,
      problems: [
        {
          path: flags.params?.length ? [] : ['sweep', 'params'],
          ...(flags.params?.length ? { flag: '--param' } : {}),
          message: `the grid has ${size} points, more than ${MAX_POINTS}: give fewer values, or sample`,
        },
      ],
    };
  const points = sampling === 'grid' ? gridPoints(params) : sampledPoints(params, samples as number, sampling, base.seed);
  const seeds = flags.seeds ?? block?.seeds ?? [base.seed];
  return { ok: true, spec: { file: loaded.file, name: loaded.name, loaded, params, points, seeds, metrics, expectations, sampling } };
}
