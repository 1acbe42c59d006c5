import { z } from 'zod';
import { name, when } from '../../../engine/units.ts';
import { ALARM_RULES, ALARMS, type AlarmName } from '../../../machines/emitted.ts';
import { defineExpectation } from '../definition.ts';
import { scope } from '../fields.ts';
import { verdictOf, WindowTally } from '../monitor.ts';
import { inGroups } from '../resolve.ts';

/** alarm: a named alarm raised (or not) by instances in scope between `from` and `by`. */
export const alarm = defineExpectation({
  kind: 'alarm',
  doc: 'an alarm is (or is not) raised, by a day',
  schema: z.strictObject({ name, raised: z.boolean().default(true), by: when.optional(), from: when.optional(), ...scope }),
  resolve(body, x) {
    const known = (ALARMS as readonly string[]).includes(body.name);
    if (!known) x.problem([...x.path, 'name'], `unknown alarm "${body.name}" (alarms: ${ALARMS.join(', ')})`);
    const from = x.day('from', 0);
    const by = x.day('by', x.end);
    const raised = body.raised;
    const byDay = by !== x.end ? ` by day ${by}` : '';
    const fromDay = from ? ` from day ${from}` : '';
    return {
      title: `${body.name} ${raised ? 'raised' : 'not raised'}${inGroups(x.groups)}${byDay}${fromDay}`,
      name: body.name,
      raised,
      from,
      by,
      rules: known ? [ALARM_RULES[body.name as AlarmName] as string] : [],
    };
  },
  monitor(e) {
    const tally = new WindowTally(e, e.from, e.by);
    return {
      start(s) {
        tally.bind(s);
      },
      emitted(global, tick, event) {
        if (event.type !== 'alarm' || event.name !== e.name || !tally.covers(global, tick)) return;
        tally.record(global, tick, e.name, (day) => `${e.name} raised on day ${day}`);
      },
      verdict() {
        const { count, seen, scope } = tally;
        const passed = e.raised ? count > 0 : count === 0;
        const message = count
          ? `${e.name} raised ${count} times${e.from ? ` from day ${e.from}` : ''} by day ${e.by}, first on day ${seen[0]?.day}`
          : `${e.name} not raised by day ${e.by} by any of ${scope.size} instances`;
        const evidence = passed
          ? []
          : count
            ? seen
            : [{ day: e.by, value: 0, detail: `no instance in scope raised ${e.name} by day ${e.by}` }];
        return verdictOf(e, passed, message, e.rules, evidence);
      },
    };
  },
});
