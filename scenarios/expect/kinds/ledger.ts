import { z } from 'zod';
import type { Evidence, UsageSeries } from '../../../engine/result.ts';
import { when } from '../../../engine/units.ts';
import { LICENCE_TYPES } from '../../../ledger/licenceTypes.ts';
import { daySample, windowSamples } from '../days.ts';
import { defineExpectation } from '../definition.ts';
import { variant } from '../fields.ts';
import { verdictOf, withinBounds } from '../monitor.ts';
import type { Bound } from '../resolve.ts';
import { resultOnly } from '../share.ts';
import { ACCOUNT_RULES, usageSeries } from '../usageSeries.ts';

/** The figures of an account's licence type a `ledger` expectation reads, each a daily series of results.json. */
const QUANTITIES = {
  consumption: 'units in use (what CSSM was last told, checked-out units, claimed sessions, export grants)',
  entitlement: "units owned and available to the account (term lapses and reservations' units removed)",
  overdraft: "consumption left unserved after tier borrowing, reserved instances' shortfalls included (SL-7, SL-11, NL-7, SLR-11)",
  borrowed: 'consumption of this type served by higher tiers (SL-11)',
  shortfall: 'Σ over reserved instances of their use above their own reservation (SLR-9)',
} as const satisfies Record<string, string> & Partial<Record<keyof UsageSeries, string>>;

type Quantity = keyof typeof QUANTITIES;
const QUANTITY_NAMES = Object.keys(QUANTITIES) as Quantity[];

const units = z.number({ error: 'expected a number of units' }).nonnegative({ error: 'expected 0 or more units' });
const boundsBody = z
  .strictObject({ equals: units.optional(), atLeast: units.optional(), atMost: units.optional() })
  .describe('bounds: equals, atLeast and/or atMost, in licence units');
type Bounds = Partial<Record<Bound, number>>;

const WORDS: Record<Bound, string> = { equals: '=', atLeast: '>=', atMost: '<=' };
const limitText = (b: Bounds) =>
  (Object.keys(WORDS) as Bound[])
    .filter((k) => b[k] !== undefined)
    .map((k) => `${WORDS[k]} ${b[k]}`)
    .join(' and ');

/**
 * ledger: an account's figures (of one licence type, or summed over its types) at the
 * end of a day, or on every day of a window, within bounds: "overdraft exactly 6",
 * "2 borrowed", "consumption between 90 and 100" are one expectation each.
 *
 * @example
 * - ledger: { account: va-east, type: UCL-Enhanced, day: 30d, consumption: { atLeast: 90, atMost: 100 }, borrowed: { equals: 2 } }
 */
export const ledger = defineExpectation({
  kind: 'ledger',
  doc: "an account's consumption, entitlement, overdraft, borrowed units or shortfall within bounds on a day or a window",
  schema: z.strictObject({
    account: z.string({ error: 'expected the id of an account' }),
    type: z.string().optional().describe('a licence type (summed over the account’s types when absent)'),
    day: when.optional().describe('the end of this day (default: the end of the run)'),
    from: when.optional().describe('with to: every day of a window instead of one day'),
    to: when.optional(),
    ...(Object.fromEntries(QUANTITY_NAMES.map((q) => [q, boundsBody.optional().describe(QUANTITIES[q])])) as Record<
      Quantity,
      z.ZodOptional<typeof boundsBody>
    >),
    ...variant,
  }),
  resolve(body, x) {
    x.account(body.account, [...x.path, 'account']);
    const type = body.type ?? null;
    if (type !== null && !LICENCE_TYPES.includes(type)) {
      x.problem([...x.path, 'type'], `unknown licence type "${type}" (expected one of: ${LICENCE_TYPES.join(', ')})`);
    }
    const checks: Array<{ quantity: Quantity; bounds: Bounds }> = [];
    for (const q of QUANTITY_NAMES) {
      const b = body[q];
      if (b === undefined) continue;
      if (b.equals === undefined && b.atLeast === undefined && b.atMost === undefined) {
        x.problem([...x.path, q], 'expected equals, atLeast or atMost');
      }
      checks.push({ quantity: q, bounds: b });
    }
    if (!checks.length) x.problem(x.path, `expected bounds on at least one of: ${QUANTITY_NAMES.join(', ')}`);
    const windowed = body.from !== undefined || body.to !== undefined;
    if (windowed && body.day !== undefined) x.problem([...x.path, 'day'], 'give either day or from/to, not both');
    const day = x.day('day', x.end);
    const from = windowed ? x.day('from', 0) : day;
    const to = windowed ? x.day('to', x.end) : day;
    if (windowed && Math.floor(from) > Math.floor(to))
      x.problem([...x.path, 'to'], `the window ends (day ${to}) before it starts (day ${from})`);
    const what = `${type ?? 'all types'} of ${body.account}`;
    const when = windowed ? `every day from day ${from} to day ${to}` : `at the end of day ${day}`;
    return {
      title: `${what}: ${checks.map((c) => `${c.quantity} ${limitText(c.bounds)}`).join(', ')} ${when}`,
      account: body.account,
      type,
      checks,
      windowed,
      from,
      to,
    };
  },
  monitor(e) {
    return {
      // Read from the daily series of the result: nothing of its own to merge.
      share: resultOnly,
      judge(_share, result) {
        const series = usageSeries(result, e.account, e.type);
        const days = result.dates.length;
        // One day reads its own end-of-day sample; a window every sample from its first day to its last.
        const one = daySample(e.from, days);
        const { first, last } = e.windowed ? windowSamples(e.from, e.to, days) : { first: one, last: one };
        const value = (q: Quantity, d: number) => series.reduce((s, u) => s + (u[q][d] ?? 0), 0);
        const failures: Evidence[] = [];
        let failed = 0;
        if (first > last) {
          const detail = `the run has no day from day ${e.from} to day ${e.to} (its days are 0 to ${days - 1})`;
          return verdictOf(e, false, detail, [], [{ day: e.from, value: 0, detail }]);
        }
        for (let d = first; d <= last; d++) {
          for (const { quantity, bounds } of e.checks) {
            const v = value(quantity, d);
            if (withinBounds(v, bounds)) continue;
            failed++;
            if (failures.length < 5) {
              failures.push({
                day: d,
                value: v,
                limit: limitText(bounds),
                detail: `${quantity} of ${e.type ?? 'all types'} in ${e.account} was ${v} on day ${d} (${result.dates[d]})`,
              });
            }
          }
        }
        const rules = [...new Set(series.flatMap((u) => ACCOUNT_RULES[u.kind] ?? []))];
        const shown = e.checks.map((c) => `${c.quantity} ${value(c.quantity, last)}`).join(', ');
        const message = failed
          ? `${failed} ${failed === 1 ? 'figure' : 'figures'} out of bounds, first: ${failures[0]?.detail} (expected ${failures[0]?.limit})`
          : `${shown} on day ${last}${e.windowed ? ` (and within bounds from day ${first})` : ''}`;
        return verdictOf(e, failed === 0, message, rules, failures);
      },
    };
  },
});
