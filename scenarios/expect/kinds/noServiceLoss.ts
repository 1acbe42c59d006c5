import { z } from 'zod';
import type { Simulation } from '../../../engine/run/simulation.ts';
import { duration } from '../../../engine/units.ts';
import { type AlarmName, WARNINGS } from '../../../machines/emitted.ts';
import { OPERATIONS, type Operation } from '../../../machines/meta.ts';
import { daysToTicks } from '../../../machines/time.ts';
import { defineExpectation } from '../definition.ts';
import { scope } from '../fields.ts';
import { evidenceDay, Scope, verdictOf } from '../monitor.ts';
import { inGroups } from '../resolve.ts';
import { countOf, eventKey, FirstRows, NamedCounts, namesInOrder, rowsOf, shareOf } from '../share.ts';

/** The rules whose losses some alarm warns about, each with a column of first-warning ticks. */
const WARNED_RULES = [...new Set(Object.values(WARNINGS).flat())];
/** The warning alarms by number (a column of first warnings keeps the alarm's number + 1, 0 for none). */
const WARNING_NAMES = Object.keys(WARNINGS) as AlarmName[];

/**
 * noServiceLoss (designer check): whenever an instance loses one of the
 * operations (service, provisioning…), it must have been warned at least
 * `warningDays` before by an alarm announcing that kind of loss (WARNINGS):
 * the first such warning since its last loss of that kind counts.
 */
export const noServiceLoss = defineExpectation({
  kind: 'noServiceLoss',
  doc: 'designer check: no instance loses service without a warning alarm at least warningDays before',
  schema: z.strictObject({
    warningDays: duration,
    operations: z
      .array(z.enum(OPERATIONS, { error: `expected operations among ${OPERATIONS.join(', ')}` }))
      .default(['serve', 'provisionUser']),
    ...scope,
  }),
  resolve(body, x) {
    const { warningDays } = body;
    const operations: string[] = body.operations;
    return {
      title: `no ${operations.join('/')} lost${inGroups(x.groups)} without a warning ${warningDays} days before`,
      warningDays,
      operations,
    };
  },
  monitor(e) {
    const scope = new Scope(e);
    const ops = e.operations as Operation[];
    const lead = daysToTicks(e.warningDays);
    let sim: Simulation;
    let allowed: Uint8Array;
    let firstWarning: Map<string, Float64Array>;
    /** Per rule, which alarm gave each instance's first warning (its number in WARNING_NAMES + 1). */
    let warnedBy: Map<string, Uint8Array>;
    /** A passing verdict's evidence: the first losses, each with the warning that announced it. */
    const held = new FirstRows();
    let losses = 0;
    let unwarned = 0;
    /** The rules of the losses that came unwarned, in the order first seen. */
    const rules = new NamedCounts();
    const evidence = new FirstRows();
    const mask = (global: number) => ops.reduce((m, op, i) => (sim.permits(global, op).allowed ? m | (1 << i) : m), 0);
    return {
      start(s) {
        sim = s;
        scope.bind(s);
        allowed = new Uint8Array(s.fleet.size);
        firstWarning = new Map(WARNED_RULES.map((r) => [r, new Float64Array(s.fleet.size).fill(Number.NaN)]));
        warnedBy = new Map(WARNED_RULES.map((r) => [r, new Uint8Array(s.fleet.size)]));
        s.backend.at(0, () => {
          for (let g = 0; g < s.fleet.size; g++) if (scope.has(g)) allowed[g] = mask(g);
        });
      },
      emitted(global, tick, event) {
        if (event.type !== 'alarm' || event.cleared || !scope.has(global)) return;
        for (const rule of WARNINGS[event.name as AlarmName] ?? []) {
          const column = firstWarning.get(rule) as Float64Array;
          if (!Number.isNaN(column[global] as number)) continue;
          column[global] = tick;
          (warnedBy.get(rule) as Uint8Array)[global] = WARNING_NAMES.indexOf(event.name as AlarmName) + 1;
        }
      },
      step(global, tick, report) {
        if (!report.changed || !scope.has(global)) return;
        const now = mask(global);
        const lost = (allowed[global] as number) & ~now;
        allowed[global] = now;
        if (!lost) return;
        losses++;
        const op = ops.find((_, i) => lost & (1 << i)) as Operation;
        const denial = sim.permits(global, op);
        const rule = denial.allowed ? '' : denial.rule;
        const column = firstWarning.get(rule);
        const warned = column ? (column[global] as number) : Number.NaN;
        // A warning counts once: the next loss of this kind needs a new one.
        if (column) column[global] = Number.NaN;
        const key = eventKey(sim, global, tick);
        if (!Number.isNaN(warned) && tick - warned >= lead) {
          if (held.wants(key)) {
            const alarm = WARNING_NAMES[((warnedBy.get(rule) as Uint8Array)[global] as number) - 1] ?? 'a warning';
            const ahead = evidenceDay(tick - warned);
            held.add(key, {
              instance: sim.id(global),
              day: evidenceDay(tick),
              value: `${ahead} days`,
              limit: `${e.warningDays} days`,
              detail:
                `lost ${op} on day ${evidenceDay(tick)} (${rule}), ` +
                `warned by ${alarm} on day ${evidenceDay(warned)}, ${ahead} days before`,
            });
          }
          return;
        }
        unwarned++;
        if (rule) rules.add(rule, key);
        if (evidence.wants(key)) {
          const refusal = denial.allowed ? '' : ` (${denial.rule}: ${denial.reason})`;
          const warning = Number.isNaN(warned)
            ? 'with no warning alarm announcing it before'
            : `warned only ${evidenceDay(tick - warned)} days before`;
          evidence.add(key, {
            instance: sim.id(global),
            day: evidenceDay(tick),
            value: Number.isNaN(warned) ? 'no warning' : `${evidenceDay(tick - warned)} days`,
            limit: `${e.warningDays} days`,
            detail: `lost ${op} on day ${evidenceDay(tick)}${refusal}, ${warning}`,
          });
        }
      },
      share: () => shareOf({ counts: { losses, unwarned }, lists: { evidence, held }, named: { rules } }),
      judge(share) {
        const [losses, unwarned] = [countOf(share, 'losses'), countOf(share, 'unwarned')];
        const rules = namesInOrder(share.named.rules).map(([rule]) => rule);
        const message = unwarned
          ? `${unwarned} of ${losses} losses of ${ops.join('/')} came without a warning ${e.warningDays} days before`
          : `${losses} losses of ${ops.join('/')}, each warned at least ${e.warningDays} days before`;
        return verdictOf(e, unwarned === 0, message, rules, rowsOf(share, unwarned ? 'evidence' : 'held'));
      },
    };
  },
});
