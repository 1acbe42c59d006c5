import { z } from 'zod';
import { when } from '../../../engine/units.ts';
import { reportedOverdraft } from '../../../ledger/status.ts';
import { copyState } from '../checkState.ts';
import { windowSamples } from '../days.ts';
import { defineExpectation } from '../definition.ts';
import { amountField, variant } from '../fields.ts';
import { verdictOf } from '../monitor.ts';
import { amount } from '../resolve.ts';
import { resultOnly } from '../share.ts';
import { ACCOUNT_RULES, usageSeries } from '../usageSeries.ts';

/** What a maxOverdraft monitor keeps for `licsim verify`: the next day to be sampled, whether it failed, the usage series that exist. */
interface MaxOverdraftState {
  next: number;
  exceeded: boolean;
  seen: string[];
}

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
  verifiable: true,
  monitor(e) {
    let st: MaxOverdraftState = { next: 0, exceeded: false, seen: [] };
    /** The samples of the window (end of day, as the series index them) and the run's last. */
    let first = 0;
    let last = 0;
    let lastSample = 0;
    return {
      start(s) {
        lastSample = Math.ceil(s.scenario.days) - 1;
        ({ first, last } = windowSamples(e.from, e.to, lastSample + 1));
        st = { next: 0, exceeded: false, seen: [] };
      },
      /**
       * The same figure as the verdict's, online. This hook runs right after the metrics took the sample of day `d`
       * (runScenario's startOfDay: `metrics.sample`, then the observers' `day`, and nothing between them changes the
       * ledger; `licsim verify` takes no sample, its ledger is the same), so `ledger.status` reads what
       * `DailyMetrics.sample` reads: per account (of `account`, or all) and type (of
       * `type`, or all), the overdraft `reportedOverdraft` and the entitlement owned − reserved − in transit, summed
       * over the usage series that exist; a series exists from the first sample where its type was owned, consumed
       * or short of a reservation (and the series hold zeros before that), so `seen` keeps which exist. The sums are
       * of whole units, exact in any order; the limit and the comparison are the verdict's.
       */
      day(d, s) {
        st.next = d + 1;
        let overdraft = 0;
        let entitlement = 0;
        for (const account of s.scenario.accounts) {
          if (e.account && account.id !== e.account) continue;
          for (const t of s.ledger.status(account.id).types) {
            if (e.type && t.type !== e.type) continue;
            const key = `${account.id}\u0000${t.type}`;
            if (!st.seen.includes(key)) {
              if (t.owned === 0 && t.consumption === 0 && t.reservationShortfall === 0) continue;
              st.seen.push(key);
            }
            overdraft += reportedOverdraft(t);
            entitlement += t.owned - t.reserved - t.inTransit;
          }
        }
        if (d < first || d > last) return;
        const limit = e.max.percent ? (e.max.value / 100) * entitlement : e.max.value;
        if (overdraft > limit) st.exceeded = true;
      },
      check: {
        failed: () => st.exceeded,
        save: () => copyState(st),
        load(state) {
          st = copyState(state as MaxOverdraftState);
        },
        // `F` once failed; the window as the samples to come see it: `days until it opens:days until it closes` (`end`
        // when it runs to the end of the run), or `a` once closed; then the usage series that exist.
        key() {
          const phase = st.next > last ? 'a' : `${Math.max(0, first - st.next)}:${last >= lastSample ? 'end' : last - st.next}`;
          return `${st.exceeded ? 'F' : ''}|${phase}|${JSON.stringify(st.seen)}`;
        },
      },
      // Read from the daily series of the result: nothing of its own to merge.
      share: resultOnly,
      judge(_share, result) {
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
        // A pass shows its worst day too: how close the overdraft came to the limit.
        const n = (x: number) => x.toLocaleString('en-US');
        const evidence = series.length
          ? [
              {
                day: worst.day,
                value: worst.overdraft,
                limit: Math.round(worst.limit * 100) / 100,
                detail:
                  `${what} ${exceeded ? 'reached' : 'peaked at'} ${n(worst.overdraft)} units on day ${worst.day} ` +
                  `(${result.dates[worst.day]}); entitlement ${n(worst.entitlement)}`,
              },
            ]
          : [];
        return verdictOf(e, !exceeded, message, rules, evidence);
      },
    };
  },
});
