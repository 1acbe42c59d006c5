import { z } from 'zod';
import type { Evidence } from '../../../engine/result.ts';
import type { Simulation } from '../../../engine/run/simulation.ts';
import { listOf, name, positiveDuration } from '../../../engine/units.ts';
import { ALARM_RULES, ALARMS, type AlarmName } from '../../../machines/emitted.ts';
import { daysToTicks } from '../../../machines/time.ts';
import { unknownName } from '../../loader/suggest.ts';
import { copyState } from '../checkState.ts';
import { defineExpectation } from '../definition.ts';
import { names, scope } from '../fields.ts';
import { evidenceDay, type Monitor, Scope, verdictOf } from '../monitor.ts';
import { daysText, inGroups, states } from '../resolve.ts';
import { countOf, eventKey, FirstRows, rowsOf, shareOf } from '../share.ts';
import { StatusTable } from '../stateSets.ts';

/** What a warnsBefore monitor keeps, saved and restored whole by `licsim verify` (copied, never shared). */
interface WarnsBeforeState {
  /** Per instance: when the alarm was raised, while it is up (NaN when it is not). */
  up: Float64Array;
  /** Per instance: when it was last cleared (NaN when never), and when that raise had been. */
  clearedAt: Float64Array;
  raisedAt: Float64Array;
  entries: number;
  unwarned: number;
  evidence: FirstRows;
  /** The first entries warned in time (a passing verdict's evidence). */
  held: FirstRows;
}

/**
 * warnsBefore: every entry of an instance in scope into `state` (a step from a status
 * outside it to one inside; a start in it is no entry: nothing was lost) comes with the
 * alarm up on that instance throughout the `days` days before it: raised at least `days`
 * before the entry's tick (exactly `days` passes) and not cleared since. A clear at the
 * entry's own tick (the step that enters `state` often clears the warning) and a clear
 * and a new raise within one tick do not end the warning. An alarm that reports an event
 * is never cleared (SL-18): any raise at least `days` before counts.
 */
export const warnsBefore = defineExpectation({
  kind: 'warnsBefore',
  doc: 'every entry of an instance into the state(s) comes with the alarm raised by it at least N days before and not cleared since',
  schema: z.strictObject({ state: names, alarm: name, days: positiveDuration, ...scope }),
  resolve(body, x) {
    const set = states(x, listOf(body.state) as string[], [...x.path, 'state']);
    const known = (ALARMS as readonly string[]).includes(body.alarm);
    if (!known) x.problem([...x.path, 'alarm'], unknownName('alarm', body.alarm, ALARMS, 'alarms'));
    const warned = `is warned by ${body.alarm} at least ${daysText(body.days)} before`;
    return {
      title: `every entry${inGroups(x.groups)} into ${set.names.join(' or ')} ${warned}`,
      state: set,
      alarm: body.alarm,
      days: body.days,
      rules: [...set.rules, ...(known ? [ALARM_RULES[body.alarm as AlarmName]] : [])],
    };
  },
  verifiable: true,
  monitor(e): Monitor {
    const scope = new Scope(e);
    const entering = new StatusTable(e.state);
    const lead = daysToTicks(e.days);
    const what = e.state.names.join(' or ');
    let sim: Simulation;
    let st = empty(0);

    function empty(size: number): WarnsBeforeState {
      const none = () => new Float64Array(size).fill(Number.NaN);
      return { up: none(), clearedAt: none(), raisedAt: none(), entries: 0, unwarned: 0, evidence: new FirstRows(), held: new FirstRows() };
    }

    const evidenceOf = (g: number, tick: number, warned: number): Evidence => {
      const day = evidenceDay(tick);
      const cleared = st.clearedAt[g] as number;
      const warning = !Number.isNaN(warned)
        ? `${e.alarm} raised on day ${evidenceDay(warned)}, only ${daysText(evidenceDay(tick - warned))} before`
        : Number.isNaN(cleared)
          ? `${e.alarm} not raised before`
          : `${e.alarm} raised on day ${evidenceDay(st.raisedAt[g] as number)} was cleared on day ${evidenceDay(cleared)}, before it`;
      return {
        instance: sim.id(g),
        day,
        value: Number.isNaN(warned) ? 'no warning' : daysText(evidenceDay(tick - warned)),
        limit: daysText(e.days),
        detail: `entered ${what} on day ${day}; ${warning}`,
      };
    };

    return {
      start(s) {
        sim = s;
        scope.bind(s);
        entering.bind(s);
        st = empty(s.fleet.size);
      },
      emitted(g, tick, event) {
        if (event.type !== 'alarm' || event.name !== e.alarm || !scope.has(g)) return;
        if (event.cleared) {
          const up = st.up[g] as number;
          if (Number.isNaN(up)) return;
          st.raisedAt[g] = up;
          st.clearedAt[g] = tick;
          st.up[g] = Number.NaN;
        } else if (Number.isNaN(st.up[g] as number)) st.up[g] = st.clearedAt[g] === tick ? (st.raisedAt[g] as number) : tick;
      },
      step(g, tick, report) {
        if (report.from === report.to || !scope.has(g) || entering.has(g, report.from) || !entering.has(g, report.to)) return;
        st.entries++;
        const up = st.up[g] as number;
        const warned = !Number.isNaN(up) ? up : st.clearedAt[g] === tick ? (st.raisedAt[g] as number) : Number.NaN;
        const key = eventKey(sim, g, tick);
        if (!Number.isNaN(warned) && tick - warned >= lead) {
          // A passing verdict's evidence: the first entries, each with the warning that came in time.
          if (st.held.wants(key)) {
            const day = evidenceDay(tick);
            const ahead = daysText(evidenceDay(tick - warned));
            const detail = `entered ${what} on day ${day}; ${e.alarm} raised on day ${evidenceDay(warned)}, ${ahead} before`;
            st.held.add(key, { instance: sim.id(g), day, value: ahead, limit: daysText(e.days), detail });
          }
          return;
        }
        st.unwarned++;
        if (st.evidence.wants(key)) st.evidence.add(key, evidenceOf(g, tick, warned));
      },
      share: () => shareOf({ counts: { entries: st.entries, unwarned: st.unwarned }, lists: { evidence: st.evidence, held: st.held } }),
      judge(share) {
        const [entries, unwarned] = [countOf(share, 'entries'), countOf(share, 'unwarned')];
        const late = `came without ${e.alarm} up ${daysText(e.days)} before, first shown`;
        const message = unwarned
          ? `${unwarned} of ${entries} entries into ${what} ${late}`
          : `${entries} entries into ${what}, each with ${e.alarm} up at least ${daysText(e.days)} before`;
        return verdictOf(e, unwarned === 0, message, e.rules, rowsOf(share, unwarned ? 'evidence' : 'held'));
      },
      check: {
        failed: () => st.unwarned > 0,
        save: () => copyState(st),
        load(state) {
          st = copyState(state as WarnsBeforeState);
        },
        // `F` once failed; then each instance with the alarm up as `instance:ticks it has been up` (or `instance:c…` when
        // it was cleared at this very tick, which still counts for an entry now), capped at the lead `days` asks for.
        key(now) {
          const parts: string[] = [];
          for (let g = 0; g < sim.fleet.size; g++) {
            if (!scope.has(g)) continue;
            const up = st.up[g] as number;
            if (!Number.isNaN(up)) parts.push(`${g}:${Math.min(now - up, lead)}`);
            else if (st.clearedAt[g] === now) parts.push(`${g}:c${Math.min(now - (st.raisedAt[g] as number), lead)}`);
          }
          return `${st.unwarned ? 'F' : ''}|${parts.join(',')}`;
        },
      },
    };
  },
});
