import type { StatusGroup } from '../../machines/meta.ts';
import type { ModelSummary, Series } from '../result.ts';
import type { Outcomes, TypeAmount } from './types.ts';
import type { OutcomeWatch } from './watch.ts';

/** Peak (first day of it) and integral of a daily series; null when it is 0 throughout. */
function amount(days: readonly number[]): Omit<TypeAmount, 'account' | 'type'> | null {
  let peak = 0;
  let peakDay = 0;
  let unitDays = 0;
  days.forEach((v, d) => {
    unitDays += v;
    if (v > peak) {
      peak = v;
      peakDay = d;
    }
  });
  return peak > 0 ? { peak, peakDay, unitDays } : null;
}

const sum = (days: readonly number[]) => days.reduce((a, b) => a + b, 0);

/**
 * A run's outcomes: instance-days per status group, overdraft and borrowing per account and type,
 * alarms from its daily series; entries, refusals and losses from its {@link OutcomeWatch}.
 */
export function outcomesOf(series: Series, models: readonly ModelSummary[], watch: Pick<OutcomeWatch, 'seen'>): Outcomes {
  const instanceDays: Partial<Record<StatusGroup, number>> = {};
  for (const m of models) {
    for (const s of m.statuses) {
      const days = sum(series.status[m.model]?.[s.name] ?? []);
      if (days) instanceDays[s.group as StatusGroup] = (instanceDays[s.group as StatusGroup] ?? 0) + days;
    }
  }
  const perType = (pick: (u: Series['usage'][number]) => number[]) =>
    series.usage.flatMap((u) => {
      const a = amount(pick(u));
      return a ? [{ account: u.account, type: u.type, ...a }] : [];
    });
  const alarms = [...new Set([...Object.keys(series.alarms), ...Object.keys(series.alarmsCleared)])].sort().map((name) => ({
    name,
    raised: sum(series.alarms[name] ?? []),
    cleared: sum(series.alarmsCleared[name] ?? []),
  }));
  const borrowedByDay = series.overdraftTotal.map((_, d) => series.usage.reduce((n, u) => n + (u.borrowed[d] ?? 0), 0));
  const { entered, refusals, losses } = watch.seen();
  return {
    instanceDays,
    entered,
    overdraft: perType((u) => u.overdraft),
    totalOverdraft: amount(series.overdraftTotal),
    borrowed: perType((u) => u.borrowed),
    totalBorrowed: amount(borrowedByDay),
    refusals,
    alarms,
    losses,
  };
}
