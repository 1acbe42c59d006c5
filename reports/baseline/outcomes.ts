import type { RunResult, ScenarioOutcome } from '../../engine/result.ts';

/**
 * A scenario's key outcomes: what a golden baseline keeps (`licsim run --baseline`) and
 * `licsim diff` compares, read from its results only (results.json holds all of it), so a
 * saved run and a fresh one give the same figures. The one definition of what they are.
 */
export interface ScenarioKeyOutcomes {
  /** Every verdict of the scenario in its order (the baseline's own verdict left out). */
  verdicts: VerdictOutcome[];
  /** Per variant of a comparison (`A`, `B`, …); a plain scenario's one run is `run`. */
  variants: Record<string, RunKeyOutcomes>;
}

export interface VerdictOutcome {
  title: string;
  kind: string;
  passed: boolean;
  /** The variant of a comparison the verdict is about; absent for a plain scenario. */
  variant?: string;
}

/** A day and a number of units: the worst day of an overdraft (the first such day when several tie). */
export interface Peak {
  units: number;
  day: number;
}

export interface RunKeyOutcomes {
  /**
   * Per model, per status group entered at all: the first and the last day it is entered. Read from the daily
   * status series: a group is entered on a day its instances at the end of the day outnumber those of the day
   * before (day 0: any at all), so an instance that enters and leaves within a day, or enters as another leaves, is not seen.
   */
  statusGroups: Record<string, Record<string, { first: number; last: number }>>;
  /** Per account, per licence type with any overdraft: its peak and day. */
  overdraft: Record<string, Record<string, Peak>>;
  /** The peak of the total overdraft (every account and type); absent when there was none. */
  overdraftTotal?: Peak;
  /** Refused operations over the run, by `operation (rule)` as the series name them (those refused at least once). */
  refusals: Record<string, number>;
  /** Alarms raised over the run, by name (those raised at least once). */
  alarms: Record<string, number>;
}

/** The kind of the verdict a baseline comparison adds to its scenario (never part of the key outcomes). */
export const BASELINE_VERDICT_KIND = 'baseline';

/** The key outcomes of one scenario's outcome. */
export function keyOutcomes(outcome: ScenarioOutcome): ScenarioKeyOutcomes {
  const variants: Record<string, RunKeyOutcomes> = {};
  for (const run of outcome.runs) variants[run.variant] = runKeyOutcomes(run.result);
  return {
    verdicts: outcome.verdicts
      .filter((v) => v.kind !== BASELINE_VERDICT_KIND)
      .map((v) => ({ title: v.title, kind: v.kind, passed: v.passed, ...(v.variant === undefined ? {} : { variant: v.variant }) })),
    variants,
  };
}

/** The key outcomes of one run (a variant). */
export function runKeyOutcomes(result: RunResult): RunKeyOutcomes {
  const overdraft: Record<string, Record<string, Peak>> = {};
  for (const u of result.series.usage) {
    const peak = peakOf(u.overdraft);
    if (peak) overdraft[u.account] = { ...overdraft[u.account], [u.type]: peak };
  }
  const total = peakOf(result.series.overdraftTotal);
  return {
    statusGroups: groupsEntered(result),
    overdraft,
    ...(total ? { overdraftTotal: total } : {}),
    refusals: totals(result.series.refusals),
    alarms: totals(result.series.alarms),
  };
}

function groupsEntered(result: RunResult): RunKeyOutcomes['statusGroups'] {
  const byModel: RunKeyOutcomes['statusGroups'] = {};
  for (const model of result.models) {
    const series = result.series.status[model.model] ?? {};
    const days = Math.max(0, ...Object.values(series).map((s) => s.length));
    const entered: Record<string, { first: number; last: number }> = {};
    for (const group of new Set(model.statuses.map((s) => s.group))) {
      const members = model.statuses.filter((s) => s.group === group).map((s) => series[s.name] ?? []);
      let before = 0;
      for (let day = 0; day < days; day++) {
        const now = members.reduce((n, s) => n + (s[day] ?? 0), 0);
        if (now > before) {
          const seen = entered[group];
          if (seen) seen.last = day;
          else entered[group] = { first: day, last: day };
        }
        before = now;
      }
    }
    if (Object.keys(entered).length) byModel[model.model] = entered;
  }
  return byModel;
}

/** The highest value of a daily series and its first day; undefined when it never rises above 0. */
function peakOf(series: readonly number[]): Peak | undefined {
  let peak: Peak | undefined;
  series.forEach((units, day) => {
    if (units > (peak?.units ?? 0)) peak = { units, day };
  });
  return peak;
}

/** Each series' sum, for those above 0. */
function totals(series: Record<string, readonly number[]>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, values] of Object.entries(series)) {
    const sum = values.reduce((a, b) => a + b, 0);
    if (sum > 0) out[name] = sum;
  }
  return out;
}
