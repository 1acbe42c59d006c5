/**
 * The fuzz search bench (`npm run bench -- --fuzz [--fuzz-instances 10,1000] [--fuzz-runs 2000]`):
 * `licsim fuzz`'s search in this process on the compiled backend, on a Smart Licensing
 * scenario of N clusters over 365 days whose expectation holds for every variant (so every
 * variant runs: generation, loading, the run and the check included), against plain
 * in-process runs of the same scenario as written, measured in the same process; then the
 * bundled example (scenarios/examples/fuzz) found and shrunk from seed 1.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { evaluate, fuzzScenario, readTargets } from '../../fuzz/index.ts';

/** One row of the bench: a fleet size, the variants run and how fast, and plain runs of the scenario as written. */
export interface FuzzMeasurement {
  instances: number;
  days: number;
  runs: number;
  seconds: number;
  runsPerSecond: number;
  plainRunsPerSecond: number;
}

/** The bundled example found and shrunk. */
export interface ShrinkMeasurement {
  runs: number;
  shrinkRuns: number;
  seconds: number;
  steps: string[];
}

/**
 * N clusters of 10 users on one account with licences to spare, registering, growing,
 * losing the link for a month and buying more: no variant of it breaks its expectation.
 *
 * @example
 * benchScenario(10); // 'licsim: 3\nname: 10 clusters over a year\n…'
 */
export function benchScenario(instances: number): string {
  return `licsim: 3
name: ${instances} clusters over a year
description: The fuzz bench's scenario; every variant holds, so every variant runs to the end.
seed: 1
duration: 365d
policy:
  smart-licensing: { overrides: { overageDays: 60 } }
accounts:
  - { id: va, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: ${instances * 100} }] }
fleet:
  - { name: site, model: smart-licensing, count: ${instances}, account: va, users: 10, profiles: { desk-phone: 1 } }
timeline:
  - { at: 0d, do: register }
  - { at: 40d, do: grow, users: 5 }
  - { at: 100d, do: link-down }
  - { at: 130d, do: link-up }
  - { at: 200d, do: purchase, account: va, type: UCL-Enhanced, count: ${instances * 10} }
expect:
  - never: { state: outOfComplianceEnforced }
`;
}

async function targetOf(text: string) {
  const file = join(await mkdtemp(join(tmpdir(), 'licsim-fuzz-bench-')), 'bench.yaml');
  await writeFile(file, text);
  const read = await readTargets(file);
  if (read.kind !== 'targets' || !read.targets[0]) throw new Error(`fuzz bench: cannot read its scenario: ${JSON.stringify(read)}`);
  return { file, target: read.targets[0] };
}

/** Measures the search at a fleet size: `runs` variants from seed 1 (after a warm-up of a tenth), and as many plain runs. */
export async function measureSearch(instances: number, runs: number): Promise<FuzzMeasurement> {
  const text = benchScenario(instances);
  const { file, target } = await targetOf(text);
  const warm = Math.max(1, Math.round(runs / 10));
  fuzzScenario(target, { seed: 2, runs: warm });
  const f = fuzzScenario(target, { seed: 1, runs });
  if (f.result.found) throw new Error(`fuzz bench: a variant of the ${instances}-cluster scenario broke its expectation`);
  const doc = parse(text) as Record<string, unknown>;
  const plainStarted = performance.now();
  for (let i = 0; i < runs; i++) evaluate(doc, file);
  const plainSeconds = (performance.now() - plainStarted) / 1000;
  const seconds = f.result.searchMs / 1000;
  return {
    instances,
    days: 365,
    runs: f.result.runs,
    seconds,
    runsPerSecond: f.result.runs / seconds,
    plainRunsPerSecond: runs / plainSeconds,
  };
}

/** Finds and shrinks the bundled example from seed 1, as `licsim fuzz scenarios/examples/fuzz --seed 1 --runs 200` does. */
export async function measureShrink(): Promise<ShrinkMeasurement> {
  const read = await readTargets('scenarios/examples/fuzz/late-purchase.yaml');
  if (read.kind !== 'targets' || !read.targets[0]) throw new Error('fuzz bench: cannot read the bundled example');
  const started = performance.now();
  const f = fuzzScenario(read.targets[0], { seed: 1, runs: 200 });
  const seconds = (performance.now() - started) / 1000;
  return {
    runs: f.result.runs,
    shrinkRuns: f.counterexample?.found.shrinkRuns ?? 0,
    seconds,
    steps: (f.counterexample?.steps ?? []).map((s) => JSON.stringify(s)),
  };
}

/** Runs the bench at each fleet size (runs scaled down for large fleets: `runs × 10 / instances`, at least 20) and prints a table. */
export async function fuzzBench(sizes: readonly number[], runs: number): Promise<{ search: FuzzMeasurement[]; shrink: ShrinkMeasurement }> {
  const search: FuzzMeasurement[] = [];
  console.log('fuzz search (in process, compiled backend, one core; generation, loading, run and check included)');
  console.log('instances  days    runs  seconds   runs/s  plain runs/s  ratio');
  for (const n of sizes) {
    const m = await measureSearch(n, Math.max(20, Math.round((runs * 10) / Math.max(10, n))));
    search.push(m);
    const ratio = (m.runsPerSecond / m.plainRunsPerSecond).toFixed(2);
    console.log(
      `${String(n).padStart(9)} ${String(m.days).padStart(5)} ${String(m.runs).padStart(7)} ${m.seconds.toFixed(2).padStart(8)} ` +
        `${m.runsPerSecond.toFixed(0).padStart(8)} ${m.plainRunsPerSecond.toFixed(0).padStart(13)} ${ratio.padStart(6)}`,
    );
  }
  const shrink = await measureShrink();
  console.log(
    `bundled example: found after ${shrink.runs} runs, shrunk in ${shrink.shrinkRuns} more, ` +
      `${shrink.seconds.toFixed(2)} s in all: ${shrink.steps.join('; ')}`,
  );
  return { search, shrink };
}
