import { STATUS_GROUPS } from '../../machines/meta.ts';
import { MODELS } from '../../machines/policyOverride.ts';
import { mergeWatches, outcomesOf, seenOf } from '../outcomes/index.ts';
import { RESULT_SCHEMA, type RunResult, type Series, type TimelineOutcome } from '../result.ts';
import { firstOf, type KeptEntry } from '../run/eventLog.ts';
import { usageOrder } from '../run/metrics.ts';
import { EVENT_LOG_LIMIT } from '../run/simulation.ts';
import { datesOf, summarizeScenario } from '../run/summary.ts';
import { topReasons } from '../run/timeline.ts';
import type { Scenario } from '../scenario.ts';
import { INCONSISTENCIES_KEPT } from '../world/consistency.ts';
import type { PartitionShare } from './share.ts';

/** Element-wise sums of day series (absent ones count as zeros). */
function addSeries(list: ReadonlyArray<readonly number[] | undefined>, days: number): number[] {
  const out = new Array<number>(days).fill(0);
  for (const s of list) if (s) for (let d = 0; d < days; d++) out[d] = (out[d] as number) + (s[d] ?? 0);
  return out;
}

/** The series a run keeps by name (alarms, refusals). */
const NAMED = ['alarms', 'alarmsCleared', 'alarmsUp', 'refusals'] as const;

/** Code-point order (never the locale's). */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Named day series of every share added up, the names in code-point order (as a run writes them). */
function addNamed(maps: ReadonlyArray<Record<string, number[]>>, days: number): Record<string, number[]> {
  const names = [...new Set(maps.flatMap((m) => Object.keys(m)))].sort(byCodeUnits);
  return Object.fromEntries(
    names.map((n) => [
      n,
      addSeries(
        maps.map((m) => m[n]),
        days,
      ),
    ]),
  );
}

/**
 * The whole run's result from the shares of its partitions (every partition once): what running `whole` in one
 * process gives, field for field. Counts and daily series add up (per account and type, in the order a run writes
 * them); the log is the first entries by key of all the partitions' candidates (engine/run/eventLog.ts); the
 * outcomes come from the added-up series and watches; the first inconsistencies by time and place.
 *
 * @example
 * mergeShares(scenario, [1, 2, 3].map((index) => runPartition(partitionScenario(scenario, { index, total: 3 }))));
 */
export function mergeShares(whole: Scenario, shares: readonly PartitionShare[]): RunResult {
  const results = shares.map((s) => s.result);
  const days = Math.ceil(whole.days);
  const models = MODELS.flatMap((model) => {
    const of = results.flatMap((r) => r.models.filter((m) => m.model === model));
    const [first] = of;
    return first ? [{ model, instances: of.reduce((n, m) => n + m.instances, 0), statuses: first.statuses }] : [];
  });
  const status: Series['status'] = Object.fromEntries(
    models.map((m) => [
      m.model,
      Object.fromEntries(
        m.statuses.map((s) => [
          s.name,
          addSeries(
            results.map((r) => r.series.status[m.model]?.[s.name]),
            days,
          ),
        ]),
      ),
    ]),
  );
  const usage = results.flatMap((r) => r.series.usage).sort(usageOrder(whole.accounts));
  const outOfCompliance = Object.fromEntries(
    whole.accounts.flatMap((a) => {
      const s = results.find((r) => r.series.outOfCompliance[a.id])?.series.outOfCompliance[a.id];
      return s ? [[a.id, s]] : [];
    }),
  );
  const series: Series = {
    status,
    usage,
    overdraftTotal: addSeries(
      results.map((r) => r.series.overdraftTotal),
      days,
    ),
    outOfCompliance,
    ...(Object.fromEntries(
      NAMED.map((key) => [
        key,
        addNamed(
          results.map((r) => r.series[key]),
          days,
        ),
      ]),
    ) as Pick<Series, (typeof NAMED)[number]>),
  };
  const watch = mergeWatches(shares.map((s) => s.watch));
  const limit = whole.options?.eventLogLimit ?? EVENT_LOG_LIMIT;
  const kept: KeptEntry[] = firstOf(
    [
      firstOf(
        shares.map((s) => s.log.untraced),
        limit,
      ),
      firstOf(
        shares.map((s) => s.log.traced),
        limit * 2,
      ),
    ],
    Number.POSITIVE_INFINITY,
  );
  const origins = new Map(shares.flatMap((s) => Object.entries(s.origins)));
  const identityOf = new Map(results.flatMap((r) => Object.entries(r.identities)));
  const named = [...new Set(kept.map((k) => k.entry.instance))].filter((id) => origins.has(id));
  named.sort((a, b) => (origins.get(a) as number) - (origins.get(b) as number));
  const first = results[0] as RunResult;
  const timeline: TimelineOutcome[] = first.timeline.map((o, i) => {
    const reasons = new Map<string, TimelineOutcome['reasons'][number]>();
    for (const s of shares)
      for (const r of s.reasons[i] ?? []) {
        const had = reasons.get(r.reason);
        reasons.set(r.reason, { ...r, count: (had?.count ?? 0) + r.count });
      }
    const sum = (pick: (t: TimelineOutcome) => number) => results.reduce((n, r) => n + pick(r.timeline[i] as TimelineOutcome), 0);
    return {
      at: o.at,
      kind: o.kind,
      reached: sum((t) => t.reached),
      notApplicable: sum((t) => t.notApplicable),
      refused: sum((t) => t.refused),
      reasons: reasons.size ? topReasons([...reasons.values()]) : [],
    };
  });
  const inconsistencies = shares
    .flatMap((s) => s.result.consistency.first.map((found, k) => ({ found, origin: s.inconsistent[k] as number })))
    .sort((a, b) => a.found.tick - b.found.tick || a.origin - b.origin)
    .slice(0, INCONSISTENCIES_KEPT)
    .map((x) => x.found);
  const total = (pick: (r: RunResult) => number) => results.reduce((n, r) => n + pick(r), 0);
  return {
    schema: RESULT_SCHEMA,
    scenario: summarizeScenario(whole),
    dates: datesOf(whole.start, days),
    statusGroups: [...STATUS_GROUPS],
    models,
    series,
    outcomes: outcomesOf(series, models, { seen: () => seenOf(watch) }),
    events: kept.map((k) => k.entry),
    eventsDropped: shares.reduce((n, s) => n + s.log.offered, 0) - kept.length,
    identities: Object.fromEntries(named.map((id) => [id, identityOf.get(id) as RunResult['identities'][string]])),
    timeline,
    final: {
      status: Object.fromEntries(
        models.map((m) => [
          m.model,
          Object.fromEntries(
            m.statuses.flatMap((s) => {
              const n = total((r) => r.final.status[m.model]?.[s.name] ?? 0);
              return n ? [[s.name, n]] : [];
            }),
          ),
        ]),
      ),
      accounts: whole.accounts.flatMap((a) => results.flatMap((r) => r.final.accounts.filter((x) => x.account === a.id))),
    },
    consistency: {
      checks: total((r) => r.consistency.checks),
      inconsistent: total((r) => r.consistency.inconsistent),
      first: inconsistencies,
    },
    work: {
      steps: total((r) => r.work.steps),
      emitted: total((r) => r.work.emitted),
      messages: total((r) => r.work.messages),
      undelivered: total((r) => r.work.undelivered),
    },
  };
}
