import { z } from 'zod';
import type { Simulation } from '../../../engine/run/simulation.ts';
import { actionOfEvent, REFUSAL_OPS } from '../../../engine/timeline/refusalOps.ts';
import { when } from '../../../engine/units.ts';
import { isRuleId } from '../../../machines/rules.ts';
import { defineExpectation } from '../definition.ts';
import { scope } from '../fields.ts';
import { verdictOf, WindowTally, withinBounds } from '../monitor.ts';
import { type Bound, bounds, inGroups, oneOrMany } from '../resolve.ts';
import { countOf, eventKey, NamedCounts, namesInOrder, rowsOf, shareOf } from '../share.ts';

const times = z.number().int().nonnegative().optional();

/**
 * refused: counts refusals (by the machines, the ledger or the engine) matching an
 * operation, a rule and/or text of the reason.
 */
export const refused = defineExpectation({
  kind: 'refused',
  doc: 'how many operations were refused (by op and/or rule) between from and by',
  schema: z.strictObject({
    op: z
      .string()
      .optional()
      .describe(
        'the refused operation: the timeline action that caused it (reactivate, deploy-secure-trunk, upload-license…), ' +
          "growth (a group's automatic growth) or timer (a machine's own timer)",
      ),
    rule: z.string().optional().describe('the rule the refusal cites, e.g. CS-4'),
    reason: z
      .string()
      .trim()
      .min(1, { error: 'expected some text of the reason' })
      .optional()
      .describe("text the refusal's reason contains (case is ignored)"),
    equals: times,
    atLeast: times,
    atMost: times,
    from: when.optional(),
    by: when.optional(),
    ...scope,
  }),
  resolve(body, x) {
    const op = body.op ?? null;
    const rule = body.rule ?? null;
    const reason = body.reason ?? null;
    if (rule && !isRuleId(rule)) x.problem([...x.path, 'rule'], `unknown rule id "${rule}" (DOMAIN.md ids such as SL-5, NL-6, CS-4)`);
    if (op && !REFUSAL_OPS.includes(op)) {
      const spelled = actionOfEvent(op);
      const hint = spelled !== null ? `write ${spelled}` : `expected a timeline action (${REFUSAL_OPS.join(', ')})`;
      x.problem([...x.path, 'op'], `unknown operation "${op}": ${hint}`);
    }
    const { keys, text } = bounds(x, body);
    const from = x.day('from', 0);
    const by = x.day('by', x.end);
    const what = [op ?? 'operations', rule ? `(${rule})` : '', reason ? `saying "${reason}"` : ''].filter(Boolean).join(' ');
    return {
      title: `${what} refused ${text} ${oneOrMany(text, 'time')}${inGroups(x.groups)}${by !== x.end ? ` by day ${by}` : ''}`,
      op,
      rule,
      reason: reason?.toLowerCase() ?? null,
      from,
      by,
      ...(Object.fromEntries(keys.map((k) => [k, body[k]])) as Partial<Record<Bound, number>>),
    };
  },
  monitor(e) {
    const tally = new WindowTally(e, e.from, e.by);
    /** Each reason matched, how often, and when first. */
    const reasons = new NamedCounts();
    let sim: Simulation;
    return {
      start(s) {
        sim = s;
        tally.bind(s);
      },
      // Refusals by the machines, the ledger (a check-out refused) and the engine (growth denied) alike.
      refused(global, tick, op, rule, reason) {
        if (!tally.covers(global, tick) || (e.op && op !== e.op) || (e.rule && rule !== e.rule)) return;
        if (e.reason && !reason.toLowerCase().includes(e.reason)) return;
        reasons.add(reason, eventKey(sim, global, tick));
        tally.record(global, tick, op, () => `${op} refused${rule ? ` (${rule})` : ''}: ${reason}`);
      },
      share: () => shareOf({ counts: { count: tally.count }, lists: { seen: tally.seen }, named: { reasons } }),
      judge(share) {
        const count = countOf(share, 'count');
        const seen = rowsOf(share, 'seen');
        const passed = withinBounds(count, e);
        // The most frequent; of those as frequent, the first.
        const top = namesInOrder(share.named.reasons).sort((a, b) => b[1] - a[1])[0];
        const message = `${count} refusals${top ? `, most often: ${top[0]} (${top[1]})` : ''}`;
        return verdictOf(
          e,
          passed,
          message,
          e.rule ? [e.rule] : [],
          passed ? [] : seen.length ? seen : [{ value: 0, detail: 'nothing matching was refused' }],
        );
      },
    };
  },
});
