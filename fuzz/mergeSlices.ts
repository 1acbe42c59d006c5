import { distinctKey } from './evaluate.ts';
import type { Counterexample, ScenarioFuzz } from './fuzzScenario.ts';
import { type Found, foundAll, type SearchResult } from './search.ts';

/**
 * One scenario as one share of a campaign fuzzed it (`licsim fuzz --shard i/n`), with the names its counterexamples
 * take in the merged campaign: `first` when it is the scenario's first counterexample, `further` otherwise
 * (fuzzScenario.ts counterexampleName; which it is depends on what the other shares found).
 */
export interface SliceFuzz {
  fuzz: ScenarioFuzz;
  names: Array<{ first: string; further: string }>;
}

/** A counterexample of one share, with where it was found. */
interface Candidate {
  at: number;
  /** Its place in its share's list (failures found at one variant keep their order). */
  order: number;
  counterexample: Counterexample;
  names: { first: string; further: string };
}

/**
 * One scenario's campaign put back together from every share's (in shard order): what fuzzing it in one process
 * would have found. Without `--all` the search stops at the first failing variant: the earliest any share found
 * (every share generates the same variants, fuzz/search.ts SearchSlice), with the runs and refusals before it. With
 * `--all`, each distinct failure at its earliest, in the order found. Timings add up (the shares' CPU time).
 *
 * @example
 * mergeSlices([shareOne, shareTwo]); // the scenario's ScenarioFuzz, as `licsim fuzz` without --shard
 */
export function mergeSlices(slices: readonly SliceFuzz[]): ScenarioFuzz {
  const [base] = slices;
  if (!base) throw new Error('no shares to merge');
  const results = slices.map((s) => s.fuzz.result);
  const all = results[0]?.all !== undefined;
  const candidates: Candidate[] = slices.flatMap((s) =>
    s.fuzz.counterexamples.map((counterexample, order) => ({
      at: counterexample.found.at,
      order,
      counterexample,
      names: s.names[order] ?? { first: counterexample.name, further: counterexample.name },
    })),
  );
  candidates.sort((a, b) => a.at - b.at || a.order - b.order);
  const kept: Candidate[] = [];
  const seen = new Set<string>();
  for (const c of all ? candidates : candidates.slice(0, 1)) {
    const key = distinctKey(c.counterexample.found.failure);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(c);
  }
  const counterexamples = kept.map((c, i) => ({ ...c.counterexample, name: i === 0 ? c.names.first : c.names.further }));
  const found = counterexamples.map((c) => c.found);
  const first = found[0] ?? null;
  const sum = (pick: (r: SearchResult) => number) => results.reduce((n, r) => n + pick(r), 0);
  // Stopped at the first failure: the variants up to it ran, and the refusals before it counted.
  const stopped = !all && first !== null;
  const result: SearchResult = {
    runs: stopped ? (first as Found).at : sum((r) => r.runs),
    invalid: stopped ? sum((r) => (r.invalidAt ?? []).filter((g) => g < (first as Found).at).length) : sum((r) => r.invalid),
    seed: base.fuzz.result.seed,
    found: first,
    ...(all ? { all: found } : {}),
    searchMs: sum((r) => r.searchMs),
    shrinkMs: sum((r) => (foundAll(r).length ? r.shrinkMs : 0)),
  };
  return {
    ...base.fuzz,
    checked: slices.some((s) => s.fuzz.checked),
    result,
    counterexample: counterexamples[0] ?? null,
    counterexamples,
  };
}
