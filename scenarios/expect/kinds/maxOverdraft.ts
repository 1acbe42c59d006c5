import { z } from 'zod';
import { when } from '../../../engine/units.ts';
import { windowSamples } from '../days.ts';
import { defineExpectation } from '../definition.ts';
import { amountField, variant } from '../fields.ts';
import { verdictOf } from '../monitor.ts';
import { amount } from '../resolve.ts';
import { ACCOUNT_RULES, usageSeries } from '../usageSeries.ts';

/** maxOverdraft: read from the daily series: the worst day's overdraft (of a type, or in total) against the limit. */
export const maxOverdraft = defineExpectation({
  kind: 'maxOverdraft',
  doc: 'overdraft never above max (per type, or in total), over the run or a window (SL-7, NL-7)',
  schema: z.strictObject({
    max: amountField.describe('units, or a percentage of the entitlement'),
    type: z.string().optional(),
    account: z.string().optional(),
    from: when.optional(),
    to: when.optional(),
    ...variant,
  }),
  resolve(body, x) {
    const max = amount(body.max);
    const account = body.account ?? null;
    if (account) x.account(account, [...x.path, 'account']);
    const from = x.day('from', 0);
    const to = x.day('to', x.end);
    const what = `${body.type ?? 'total'} overdraft${account ? ` of ${account}` : ''}`;
    const unit = max.percent ? '% of entitlement' : ' units';
    const span = from || to !== x.end ? ` from day ${from} to day ${to}` : '';
    return {
      title: `${what} at most ${max.value}${unit}${span}`,
      max,
      type: body.type ?? null,
      account,
      from,
      to,
    };
  },
  monitor(e) {
    return {
      verdict(result) {
        const series = usageSeries(result, e.account, e.type);
        const { first, last } = windowSamples(e.from, e.to, result.dates.length);
        // The worst day: the one furthest over the limit when it was exceeded, else the one with the most overdraft.
        let worst: { day: number; overdraft: number; limit: number; entitlement: number } | undefined;
        let exceeded = false;
        for (let d = first; d <= last; d++) {
          const overdraft = series.reduce((s, u) => s + (u.overdraft[d] ?? 0), 0);
          const entitlement = series.reduce((s, u) => s + (u.entitlement[d] ?? 0), 0);
          const limit = e.max.percent ? (e.max.value / 100) * entitlement : e.max.value;
          const day = { day: d, overdraft, limit, entitlement };
          const over = overdraft > limit;
          if (over && !exceeded) worst = day;
          else if (
            over
              ? overdraft - limit > (worst as typeof day).overdraft - (worst as typeof day).limit
              : !exceeded && (!worst || overdraft > worst.overdraft)
          )
            worst = day;
          exceeded ||= over;
        }
        worst ??= { day: first, overdraft: 0, limit: e.max.percent ? 0 : e.max.value, entitlement: 0 };
        const rules = [...new Set(series.flatMap((u) => ACCOUNT_RULES[u.kind] ?? []))];
        const what = `${e.type ?? 'total'} overdraft${e.account ? ` of ${e.account}` : ''}`;
        const limitText = e.max.percent
          ? `${e.max.value}% of ${worst.entitlement} = ${Math.round(worst.limit * 100) / 100}`
          : `${e.max.value}`;
        const message = series.length
          ? `worst ${what} ${worst.overdraft} units on day ${worst.day} (limit ${limitText})`
          : `no account has ${e.type ?? 'any'} licences${e.account ? ` in ${e.account}` : ''}: overdraft 0`;
        const evidence = exceeded
          ? [
              {
                day: worst.day,
                value: worst.overdraft,
                limit: Math.round(worst.limit * 100) / 100,
                detail:
                  `${what} reached ${worst.overdraft} units on day ${worst.day} (${result.dates[worst.day]}); ` +
                  `entitlement ${worst.entitlement}`,
              },
            ]
          : [];
        return verdictOf(e, !exceeded, message, rules, evidence);
      },
    };
  },
});
