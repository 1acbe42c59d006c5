import { OUTCOME_METRICS, type OutcomeMetric } from '../../engine/outcomes/metrics.ts';
import type { Outcomes } from '../../engine/outcomes/types.ts';
import type { ScenarioOutcome } from '../../engine/result.ts';

/** How a variant's value compares with the baseline's, by the metric's `better`. */
export type Judgement = 'better' | 'worse' | 'same' | 'changed';

export interface OutcomeRow {
  metric: OutcomeMetric;
  /** One value per variant (null: does not apply). */
  values: Array<number | null>;
  /** Each variant's difference from the baseline (null for the baseline, or when either value does not apply). */
  deltas: Array<number | null>;
  /** Each variant against the baseline (null for the baseline itself). */
  judged: Array<Judgement | null>;
}

export interface OutcomeTable {
  variants: string[];
  /** The variant the deltas are taken against. */
  baseline: string;
  rows: OutcomeRow[];
}

function judge(metric: OutcomeMetric, base: number | null, value: number | null): Judgement {
  if (base === value) return 'same';
  if (base === null || value === null || metric.better === null) return 'changed';
  return value < base === (metric.better === 'lower') ? 'better' : 'worse';
}

/**
 * The outcome metrics of a scenario's runs side by side: one row per metric that is not 0
 * (nor not applicable) in every run, in OUTCOME_METRICS' order, with each variant's delta and
 * judgement against `baseline` (default the first variant).
 *
 * @example
 * outcomeTable([{ variant: 'A', outcomes: a }, { variant: 'B', outcomes: b }]).rows[0].deltas; // [null, -120]
 */
export function outcomeTable(runs: ReadonlyArray<{ variant: string; outcomes: Outcomes }>, baseline?: string): OutcomeTable {
  const variants = runs.map((r) => r.variant);
  const base = Math.max(0, baseline === undefined ? 0 : variants.indexOf(baseline));
  const rows: OutcomeRow[] = [];
  for (const metric of OUTCOME_METRICS) {
    const values = runs.map((r) => metric.value(r.outcomes));
    if (values.every((v) => v === null || v === 0)) continue;
    const b = values[base] ?? null;
    rows.push({
      metric,
      values,
      deltas: values.map((v, i) => (i === base || v === null || b === null ? null : v - b)),
      judged: values.map((v, i) => (i === base ? null : judge(metric, b, v))),
    });
  }
  return { variants, baseline: variants[base] ?? '', rows };
}

/** A scenario's outcome table: its runs side by side, deltas against its `compareBaseline:` (default the first variant). */
export function scenarioOutcomeTable(o: ScenarioOutcome): OutcomeTable {
  return outcomeTable(
    o.runs.map((r) => ({ variant: r.variant, outcomes: r.result.outcomes })),
    o.compareBaseline,
  );
}
