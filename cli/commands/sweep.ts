import { availableParallelism } from 'node:os';
import pc from 'picocolors';
import { renderPng } from '../../reports/charts/renderPng.ts';
import { runIdOf } from '../../reports/io/runId.ts';
import { plural } from '../../reports/plural.ts';
import { sweepCharts } from '../../reports/sweep/sweepCharts.ts';
import { sweepPlaceholders, sweepReportFiles } from '../../reports/sweep/sweepReport.ts';
import { VerifyFolder } from '../../reports/verify/verifyFolder.ts';
import { readScenarioFile, scenariosOf } from '../../scenarios/loader/loadScenarios.ts';
import type { PolicyFile } from '../../scenarios/loader/policyFile.ts';
import { Positions } from '../../scenarios/loader/positions.ts';
import { formatProblem, type Problem, pathText, valueAt } from '../../scenarios/loader/problems.ts';
import { readYaml } from '../../scenarios/loader/readYaml.ts';
import { type RawScenario, scenarioSchema } from '../../scenarios/loader/schema.ts';
import { runLoaded } from '../../scenarios/run/runLoaded.ts';
import { monotoneVerdict, type SweepVerdict, smallestVerdict } from '../../sweep/evaluate.ts';
import type { ParamValue } from '../../sweep/params.ts';
import { type PointResult, pointLoaded, pointResult, withMetrics } from '../../sweep/pointRun.ts';
import { type ScenarioSweep, SWEEP_RESULT_SCHEMA, type SweepResult } from '../../sweep/result.ts';
import { type SweepFlags, type SweepSpec, sweepSpec } from '../../sweep/spec.ts';
import { printable, printableLine } from '../console/printable.ts';
import { EXIT, outDirUsage, ReportedError, UsageError } from '../errors.ts';
import { cliIo } from '../io.ts';
import { loadPolicyFile } from '../loadFile.ts';
import { runPool } from '../pool/pool.ts';
import { licsimSourceHash, SweepCache } from '../sweepCache.ts';
import { policyLine } from './run.ts';

export interface SweepCommandOptions {
  out: string;
  force?: boolean;
  /** `--policy FILE`: the policy the points start from. */
  policy?: string;
  /** `model.key=values`, repeatable: replaces the file's `sweep.params`. */
  param?: string[];
  samples?: number;
  sampling?: 'grid' | 'random' | 'latin-hypercube';
  seeds?: number[];
  metric?: string[];
  jobs?: number;
  /** The cache folder, or false for none (--no-cache); true or absent: the default folder. */
  cache?: string | boolean;
  color: boolean;
}

/** The cache folder when none is given: beside where licsim runs. */
export const DEFAULT_SWEEP_CACHE = '.licsim-cache/sweep';

/** --seeds as given, each once: a seed listed twice would run every point twice for nothing. */
function uniqueSeeds(seeds: readonly number[]): number[] {
  if (new Set(seeds).size !== seeds.length) throw new UsageError(`--seeds: a seed is listed twice (${seeds.join(',')})`);
  return [...seeds];
}

/** Where the cache is: the folder given, none with --no-cache, else the default. */
const cacheDir = (given: string | boolean | undefined) =>
  typeof given === 'string' ? given : given === false ? null : DEFAULT_SWEEP_CACHE;

/** `--param model.key=values` as the spec reads it. */
function paramFlags(given: readonly string[]): NonNullable<SweepFlags['params']> {
  return given.map((text) => {
    const eq = text.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param: expected model.key=values, like smart-licensing.overageDays=30..120:15, found "${text}"`);
    return { path: text.slice(0, eq).trim(), values: text.slice(eq + 1) };
  });
}

/** The sweeps of a scenario file: each scenario with a `sweep:` block (or every one, with --param), checked. */
async function specsOf(file: string, flags: SweepFlags, policy?: PolicyFile): Promise<{ specs: SweepSpec[]; text: string }> {
  const read = await readScenarioFile(file);
  if (!read.ok) throw new ReportedError('the scenario file cannot be read', read.problems.map(formatProblem), EXIT.usage);
  const yaml = readYaml(read.text);
  const loaded = scenariosOf(yaml, file, policy ? { policy: policy.raw } : {});
  if (!loaded.ok || !yaml.ok)
    throw new ReportedError(
      `${plural(loaded.ok ? 0 : loaded.problems.length, 'problem')} in 1 scenario file; nothing was swept`,
      loaded.ok ? [] : loaded.problems.map(formatProblem),
      EXIT.usage,
    );
  const positions = new Positions(yaml.doc, yaml.lines);
  const data = yaml.data as Record<string, unknown>;
  const isSuite = 'scenarios' in data;
  const problems: Problem[] = [];
  const flagProblems: string[] = [];
  const specs: SweepSpec[] = [];
  loaded.scenarios.forEach((scenario, i) => {
    const base = isSuite ? ['scenarios', i] : [];
    const raw = scenarioSchema.parse(valueAt(data, base)) as RawScenario;
    if (!raw.sweep && !flags.params?.length) return;
    const r = sweepSpec(scenario, raw.sweep, flags);
    if (r.ok) specs.push(r.spec);
    else
      for (const p of r.problems) {
        if (p.flag) flagProblems.push(`${p.flag}: ${p.message}`);
        else {
          const path = [...base, ...p.path];
          const full = p.key === undefined ? path : [...path, p.key];
          problems.push({ file, ...positions.locate(path, p.key), path: pathText(full), message: p.message });
        }
      }
  });
  if (flagProblems.length) throw new UsageError(flagProblems[0] as string, flagProblems.slice(1));
  if (problems.length)
    throw new ReportedError(
      `${plural(problems.length, 'problem')} in 1 scenario file; nothing was swept`,
      problems.map(formatProblem),
      EXIT.usage,
    );
  if (!specs.length) throw new UsageError(`${file} has no sweep: add a sweep: block to a scenario, or give --param model.key=values`);
  return { specs, text: read.text };
}

/** Runs a sweep's points at every seed: cached points read back, the rest on worker threads; in point then seed order. */
async function runPoints(spec: SweepSpec, text: string, cache: SweepCache, jobs: number): Promise<{ points: PointResult[]; ran: number }> {
  const wanted = spec.points.flatMap((p) =>
    spec.seeds.map((seed) => ({ values: p.values, seed, key: cache.key(text, spec.name, p.values, seed) })),
  );
  // A point read back has its metrics read again from its outcomes: the sweep may chart other metrics than the run that kept it.
  const found = (await Promise.all(wanted.map((w) => cache.get(w.key)))).map((p) => (p ? withMetrics(spec, p) : null));
  const missing = wanted.flatMap((_, i) => (found[i] ? [] : [i]));
  if (missing.length) {
    const scenarios = missing.map((i) =>
      pointLoaded(spec, (wanted[i] as (typeof wanted)[0]).values, (wanted[i] as (typeof wanted)[0]).seed),
    );
    // One point runs here: a worker's start would cost more than the point (a sweep run again with a point added).
    const outcomes =
      scenarios.length === 1 || jobs === 1
        ? scenarios.map((s) => runLoaded(s, undefined, 'compiled', { explain: false }))
        : await runPool(scenarios, { started: () => {}, progress: () => {}, done: () => {} }, { concurrency: jobs, explain: false });
    for (const [k, i] of missing.entries()) {
      const w = wanted[i] as (typeof wanted)[0];
      const point = pointResult(spec, w.values, w.seed, outcomes[k] as NonNullable<(typeof outcomes)[0]>);
      found[i] = point;
      await cache.put(w.key, point);
    }
  }
  return { points: found as PointResult[], ran: missing.length };
}

/** The sweep's expectations: monotone over its points, smallest by bisection (each step a run of the base at the first seed, cached). */
async function verdictsOf(spec: SweepSpec, text: string, points: readonly PointResult[], cache: SweepCache): Promise<SweepVerdict[]> {
  const verdicts: SweepVerdict[] = [];
  for (const e of spec.expectations) {
    if (e.kind === 'monotone') verdicts.push(monotoneVerdict(e, points));
    else {
      const seed = spec.seeds[0] as number;
      verdicts.push(
        await smallestVerdict(e, async (value: ParamValue) => {
          const values = { [e.param.path]: value };
          const key = cache.key(text, `${spec.name}\u0000smallest`, values, seed);
          const kept = await cache.get(key);
          if (kept) return withMetrics(spec, kept);
          const outcome = runLoaded(pointLoaded(spec, values, seed, [e.param]), undefined, 'compiled', { explain: false });
          const point = pointResult(spec, values, seed, outcome, [e.param]);
          await cache.put(key, point);
          return point;
        }),
      );
    }
  }
  return verdicts;
}

/**
 * `licsim sweep <file>`: runs each scenario's sweep (its `sweep:` block, or `--param`) over
 * its points on worker threads with common random numbers (the same fleet at every point),
 * reads back the points it computed before (the cache), checks the sweep's expectations and
 * writes a report: index.html (tables, charts), results.json, summary.md, junit.xml.
 * Exit 0 when every sweep expectation holds, 1 when one does not, 2 on bad input.
 */
export async function sweepCommand(file: string, options: SweepCommandOptions): Promise<number> {
  const c = pc.createColors(options.color);
  const say = (line: string) => cliIo().stdout.write(`${printableLine(line)}\n`);
  const flags: SweepFlags = {
    ...(options.param?.length ? { params: paramFlags(options.param) } : {}),
    ...(options.samples === undefined ? {} : { samples: options.samples }),
    ...(options.sampling === undefined ? {} : { sampling: options.sampling }),
    ...(options.seeds?.length ? { seeds: uniqueSeeds(options.seeds) } : {}),
    ...(options.metric?.length ? { metrics: options.metric } : {}),
  };
  const policy = options.policy === undefined ? undefined : await loadPolicyFile(options.policy);
  const { specs, text: scenarioText } = await specsOf(file, flags, policy);
  // A point's inputs are the scenario's text and, with --policy, the policy file's: the cache keeps them apart.
  const text = policy ? `${scenarioText}\u0000${JSON.stringify(policy.raw)}` : scenarioText;
  const loadedSweeps = specs.map((s) => s.loaded);
  if (policy) say(c.dim(` ${printable(policyLine(policy, loadedSweeps))}`));
  for (const s of specs)
    if (s.loaded.variants.length > 1)
      say(
        c.dim(
          ` ${printable(s.name)} compares ${s.loaded.variants.length} variants: every point starts from the first ` +
            `(${printable(s.loaded.variants[0]?.label ?? '')}); expectations of one variant are not checked at the points`,
        ),
      );
  const folder = await outDirUsage(VerifyFolder.open(options.out, { force: options.force ?? false }));
  try {
    const runId = runIdOf({ text, flags }, { command: 'sweep' });
    await outDirUsage(folder.begin(runId, sweepPlaceholders()));
    const cache = new SweepCache(cacheDir(options.cache), await licsimSourceHash());
    await cache.check();
    const jobs = options.jobs ?? availableParallelism();
    const sweeps: ScenarioSweep[] = [];
    for (const spec of specs) {
      const started = performance.now();
      const { points, ran } = await runPoints(spec, text, cache, jobs);
      const verdicts = await verdictsOf(spec, text, points, cache);
      const passed = verdicts.every((v) => v.passed);
      sweeps.push({
        file: spec.file,
        name: spec.name,
        sampling: spec.sampling,
        params: spec.params.map((p) => ({ path: p.path, key: p.key, values: p.values, ...(p.range ? { range: p.range } : {}) })),
        seeds: spec.seeds,
        metrics: spec.metrics,
        points,
        verdicts,
        passed,
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      say(
        ` ${passed ? c.green('✓') : c.red('✗')} ${c.dim(`${printable(spec.file)} ›`)} ${printable(spec.name)} ` +
          c.dim(
            `(${plural(spec.points.length, 'point')} × ${plural(spec.seeds.length, 'seed')}: ` +
              `${ran} run, ${points.length - ran} cached; ${seconds} s)`,
          ),
      );
      for (const v of verdicts) say(`   ${v.passed ? c.green('✓') : c.red('✗')} ${printable(v.title)}: ${printable(v.message)}`);
    }
    const result: SweepResult = { schema: SWEEP_RESULT_SCHEMA, passed: sweeps.every((s) => s.passed), sweeps };
    const charts = sweeps.map((s, i) => sweepCharts(s, i));
    const pngs = new Map<string, Uint8Array>();
    for (const spec of charts.flat()) pngs.set(spec.file, await renderPng(spec));
    await outDirUsage(folder.write(sweepReportFiles(result, charts, pngs), runId));
    for (const w of folder.warnings) cliIo().stderr.write(`${c.yellow('licsim:')} ${printable(w)}\n`);
    say(` ${c.bold('Report')}        ${printable(`${folder.out}/index.html`)}`);
    return result.passed ? EXIT.passed : EXIT.failed;
  } finally {
    await folder.release();
  }
}
