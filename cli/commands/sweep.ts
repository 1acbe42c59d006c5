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
import { blobPathIn, type Given, shardSetProblems, writeBlobFile } from '../blobHeader.ts';
import { printable, printableLine } from '../console/printable.ts';
import { EXIT, outDirUsage, ReportedError, UsageError } from '../errors.ts';
import { cliIo } from '../io.ts';
import { loadPolicyFile } from '../loadFile.ts';
import { runPool } from '../pool/pool.ts';
import { type Shard, shardText } from '../shard.ts';
import { licsimSourceHash, SweepCache } from '../sweepCache.ts';
import { planSweepShard, type SweepBlob, type SweepRun, sweepBlob, sweepBlobName, sweepInputs, sweepRuns } from '../sweepShard.ts';
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
  /** `--shard i/n`: run this share of the runs (points × seeds) and write its blob to `out` for `licsim merge`. */
  shard?: Shard;
  color: boolean;
}

/** What `licsim merge` hands the sweep: the shards' points by place, the id they were run under, and how many shards. */
export interface MergedSweep {
  points: ReadonlyMap<number, PointResult>;
  inputs: string;
  shards: number;
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

/**
 * Computes runs of sweeps (a point at a seed): those a merge was given (`given`, from the shards' blobs) as they are,
 * cached ones read back, the rest on worker threads; in the order asked. `ran`: how many were run here.
 */
async function runPoints(
  wanted: ReadonlyArray<SweepRun & { given?: PointResult }>,
  text: string,
  cache: SweepCache,
  jobs: number,
): Promise<{ points: PointResult[]; ran: number }> {
  // A point given or read back has its metrics read again from its outcomes: the sweep may chart other metrics than the run that kept it.
  const found = await Promise.all(
    wanted.map(async (w) => {
      const kept = w.given ?? (await cache.get(cache.key(text, w.spec.name, w.values, w.seed)));
      return kept ? withMetrics(w.spec, kept) : null;
    }),
  );
  const missing = wanted.flatMap((_, i) => (found[i] ? [] : [i]));
  if (missing.length) {
    const scenarios = missing.map((i) => {
      const w = wanted[i] as SweepRun;
      return pointLoaded(w.spec, w.values, w.seed);
    });
    // One point runs here: a worker's start would cost more than the point (a sweep run again with a point added).
    const outcomes =
      scenarios.length === 1 || jobs === 1
        ? scenarios.map((s) => runLoaded(s, undefined, 'compiled', { explain: false }))
        : await runPool(scenarios, { started: () => {}, progress: () => {}, done: () => {} }, { concurrency: jobs, explain: false });
    for (const [k, i] of missing.entries()) {
      const w = wanted[i] as SweepRun;
      const point = pointResult(w.spec, w.values, w.seed, outcomes[k] as NonNullable<(typeof outcomes)[0]>);
      found[i] = point;
      await cache.put(cache.key(text, w.spec.name, w.values, w.seed), point);
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
export async function sweepCommand(file: string, options: SweepCommandOptions, merged?: MergedSweep): Promise<number> {
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
  const runId = runIdOf({ text, flags }, { command: 'sweep' });
  if (merged && merged.inputs !== runId)
    throw new UsageError(
      `${file}: the sweep's inputs (run id ${runId}) are not those the shards ran (${merged.inputs}): ` +
        'the scenario file or the policy file changed since; run the shards again',
    );
  const cache = new SweepCache(cacheDir(options.cache), await licsimSourceHash());
  const jobs = options.jobs ?? availableParallelism();
  const runs = sweepRuns(specs);
  if (options.shard) return sweepShard(options, { file, runId, runs, text, cache, jobs, c });
  const folder = await outDirUsage(VerifyFolder.open(options.out, { force: options.force ?? false }));
  try {
    await outDirUsage(folder.begin(runId, sweepPlaceholders()));
    await cache.check();
    const sweeps: ScenarioSweep[] = [];
    let offset = 0;
    if (merged) say(` ${c.bold('Merged')}        ${plural(merged.shards, 'shard')}`);
    for (const spec of specs) {
      const started = performance.now();
      const mine = runs.slice(offset, offset + spec.points.length * spec.seeds.length);
      const wanted = mine.map((r, k) => {
        const given = merged?.points.get(offset + k);
        return given ? { ...r, given } : r;
      });
      offset += mine.length;
      const { points, ran } = await runPoints(wanted, text, cache, jobs);
      const fromShards = wanted.filter((w) => 'given' in w).length;
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
              `${ran} run, ${points.length - ran - fromShards} cached${fromShards ? `, ${fromShards} from shards` : ''}; ${seconds} s)`,
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

/** What a sweep shard needs of the sweep command. */
interface ShardInputs {
  file: string;
  runId: string;
  runs: SweepRun[];
  text: string;
  cache: SweepCache;
  jobs: number;
  c: ReturnType<typeof pc.createColors>;
}

/**
 * `licsim sweep --shard i/n`: runs the shard's share of every sweep's runs (cached ones read back) and writes its blob
 * to `--out` for `licsim merge`, which checks the sweeps' expectations and writes the report. Exit 0.
 */
async function sweepShard(options: SweepCommandOptions, s: ShardInputs): Promise<number> {
  const shard = options.shard as Shard;
  const blobFile = await blobPathIn(options.out, sweepBlobName(shard), shard);
  await s.cache.check();
  const plan = planSweepShard(s.runs, shard);
  const started = performance.now();
  const { points, ran } = await runPoints(
    plan.positions.map((i) => s.runs[i] as SweepRun),
    s.text,
    s.cache,
    s.jobs,
  );
  const sweep = sweepInputs(s.file, options);
  await writeBlobFile(blobFile, await sweepBlob(shard, plan, { id: s.runId, sweep, runs: s.runs.length }, points));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const say = (line: string) => cliIo().stdout.write(`${printableLine(line)}\n`);
  say(
    s.c.dim(
      ` --shard ${shardText(shard)}: ${plan.positions.length} of ${plural(s.runs.length, 'run')} (points × seeds); ` +
        `${ran} run, ${points.length - ran} cached; ${seconds} s`,
    ),
  );
  say(` ${s.c.bold('Blob')}          ${printable(blobFile)} (licsim merge checks the expectations and writes the report)`);
  return EXIT.passed;
}

/**
 * `licsim merge` of sweep blobs: checks that they are every shard of one sweep and hold every run once, then finishes
 * the sweep from the file they name (its expectations, a `smallest` bisection's runs, the report) with their points:
 * the report of the sweep run in one process. Exit 0 when every sweep expectation holds, 1 when one does not.
 */
export async function mergeSweep(
  given: readonly Given<SweepBlob>[],
  options: { out: string; force?: boolean; color: boolean },
): Promise<number> {
  const problems = shardSetProblems(given, {
    inputs: 'every shard must sweep the same file with the same options (--param, --samples, --seeds, --policy …)',
    split: 'every shard must split the same runs',
  });
  const [first] = given;
  if (!first) throw new UsageError('no blobs given');
  const points = new Map<number, PointResult>();
  if (!problems.length)
    for (const { file, blob } of given)
      blob.positions.forEach((place, k) => {
        if (place >= first.blob.runs || points.has(place))
          problems.push(
            `${file}: shard ${shardText(blob.shard)} holds run ${place}, which another holds or is beyond the sweep's ${first.blob.runs}`,
          );
        else points.set(place, blob.points[k] as PointResult);
      });
  if (!problems.length && points.size !== first.blob.runs)
    problems.push(`the blobs hold ${points.size} of the sweep's ${first.blob.runs} runs (a blob was edited?)`);
  if (problems.length) throw new UsageError(`cannot merge ${plural(given.length, 'blob')}`, problems);
  const { file, ...sweep } = first.blob.sweep;
  return sweepCommand(
    file,
    { ...sweep, out: options.out, force: options.force ?? false, cache: false, color: options.color },
    {
      points,
      inputs: first.blob.inputs,
      shards: given.length,
    },
  );
}
