import { z } from 'zod';
import type { Simulation } from '../../../engine/run/simulation.ts';
import { name, when } from '../../../engine/units.ts';
import { ALARM_RULES, ALARMS, type AlarmName, CLEARED_WHEN, clearedWhen } from '../../../machines/emitted.ts';
import { plural } from '../../../reports/plural.ts';
import { unknownName } from '../../loader/suggest.ts';
import { defineExpectation } from '../definition.ts';
import { scope } from '../fields.ts';
import { verdictOf, WindowTally } from '../monitor.ts';
import { inGroups } from '../resolve.ts';
import { countOf, eventKey, FirstRows, type MonitorShare, rowsOf, shareOf } from '../share.ts';

/**
 * alarm: a named alarm raised (or not) by instances in scope between `from` and `by`;
 * with `cleared` (SL-18), whether those raised in the window were all cleared by `by`
 * (`true`) or some is still up then (`false`).
 */
export const alarm = defineExpectation({
  kind: 'alarm',
  doc: 'an alarm is (or is not) raised by a day; with cleared, raised and then cleared (or still up) by that day',
  schema: z.strictObject({
    name,
    raised: z.boolean().default(true),
    cleared: z.boolean().optional(),
    by: when.optional(),
    from: when.optional(),
    ...scope,
  }),
  resolve(body, x) {
    const known = (ALARMS as readonly string[]).includes(body.name);
    if (!known) x.problem([...x.path, 'name'], unknownName('alarm', body.name, ALARMS, 'alarms'));
    if (known && body.cleared !== undefined && clearedWhen(body.name) === undefined)
      x.problem(
        [...x.path, 'cleared'],
        `${body.name} reports an event and is never cleared (alarms that are cleared: ${Object.keys(CLEARED_WHEN).join(', ')})`,
      );
    if (body.cleared !== undefined && !body.raised)
      x.problem([...x.path, 'cleared'], 'cleared needs raised: true (an alarm never raised is never cleared)');
    const from = x.day('from', 0);
    const by = x.day('by', x.end);
    const raised = body.raised;
    const byDay = by !== x.end ? ` by day ${by}` : '';
    const fromDay = from ? ` from day ${from}` : '';
    const what =
      body.cleared === undefined ? (raised ? 'raised' : 'not raised') : body.cleared ? 'raised and cleared' : 'raised and still up';
    return {
      title: `${body.name} ${what}${inGroups(x.groups)}${byDay}${fromDay}`,
      name: body.name,
      raised,
      cleared: body.cleared ?? null,
      from,
      by,
      rules: known ? [ALARM_RULES[body.name as AlarmName] as string, ...(body.cleared === undefined ? [] : ['SL-18'])] : [],
    };
  },
  monitor(e) {
    // A back-end party's alarm (CiscoLicenseManagerDown) counts when no groups or instances are named.
    const tally = new WindowTally(e, e.from, e.by, true);
    /** SL-18: instances whose alarm, raised in the window, is up: when it was raised. */
    const up = new Map<number, number>();
    let clears = 0;
    let sim: Simulation;
    return {
      start(s) {
        sim = s;
        tally.bind(s);
      },
      emitted(global, tick, event) {
        if (event.type !== 'alarm' || event.name !== e.name || !tally.covers(global, tick)) return;
        // Which alarms are up matters only to cleared (SL-18): without it, a million raises keep no map.
        if (event.cleared) {
          if (up.delete(global)) clears++;
          return;
        }
        if (e.cleared !== null && !up.has(global)) up.set(global, tick);
        tally.record(global, tick, e.name, (day) => `${e.name} raised on day ${day}`);
      },
      share() {
        // SL-18: the alarms still up, in the order they were raised.
        const stillUp = new FirstRows();
        if (e.cleared !== null)
          for (const [global, tick] of up) {
            const key = eventKey(sim, global, tick);
            if (stillUp.wants(key))
              stillUp.add(
                key,
                tally.evidence(global, tick, e.name, (day) => `${e.name} raised on day ${day}, still up on day ${e.by}`),
              );
          }
        return shareOf({
          counts: { count: tally.count, size: tally.scope.size, clears, up: up.size },
          lists: { seen: tally.seen, stillUp },
        });
      },
      judge(share) {
        const count = countOf(share, 'count');
        const seen = rowsOf(share, 'seen');
        const fromText = e.from ? ` from day ${e.from}` : '';
        if (e.cleared !== null) return clearedVerdict(share, count, fromText);
        const passed = e.raised ? count > 0 : count === 0;
        const message = count
          ? `${e.name} raised ${plural(count, 'time')}${fromText} by day ${e.by}, first on day ${seen[0]?.day}`
          : `${e.name} not raised by day ${e.by} by any of ${countOf(share, 'size')} instances`;
        const evidence = passed
          ? []
          : count
            ? seen
            : [{ day: e.by, value: 0, detail: `no instance in scope raised ${e.name} by day ${e.by}` }];
        return verdictOf(e, passed, message, e.rules, evidence);
      },
    };

    function clearedVerdict(share: MonitorShare, count: number, fromText: string) {
      const stillUp = countOf(share, 'up');
      const first = rowsOf(share, 'stillUp');
      const clears = countOf(share, 'clears');
      const raisedBy = `${count ? `raised ${plural(count, 'time')}` : 'never raised'}${fromText} by day ${e.by}`;
      if (!count) {
        const evidence = [{ day: e.by, value: 0, detail: `no instance in scope raised ${e.name} by day ${e.by}` }];
        return verdictOf(e, false, `${e.name} ${raisedBy}: nothing to clear`, e.rules, evidence);
      }
      const passed = e.cleared ? stillUp === 0 : stillUp > 0;
      const message = e.cleared
        ? passed
          ? `${e.name} ${raisedBy}, cleared every time (${clears} clears) by day ${e.by}`
          : `${e.name} ${raisedBy}: still up on day ${e.by} on ${plural(stillUp, 'instance')} ` + `(first raised on day ${first[0]?.day})`
        : passed
          ? `${e.name} ${raisedBy}, still up on day ${e.by} on ${plural(stillUp, 'instance')}`
          : `${e.name} ${raisedBy}, and cleared on every instance by day ${e.by} (${clears} clears)`;
      return verdictOf(e, passed, message, e.rules, passed ? [] : e.cleared ? first : rowsOf(share, 'seen'));
    }
  },
});
