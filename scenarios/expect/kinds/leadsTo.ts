import { z } from 'zod';
import type { Evidence } from '../../../engine/result.ts';
import type { Simulation } from '../../../engine/run/simulation.ts';
import { duration, listOf } from '../../../engine/units.ts';
import { daysToTicks, TICKS_PER_DAY } from '../../../machines/time.ts';
import { copyState } from '../checkState.ts';
import { defineExpectation } from '../definition.ts';
import { names, scope } from '../fields.ts';
import { EVIDENCE_LIMIT, evidenceDay, type Monitor, Scope, verdictOf } from '../monitor.ts';
import { daysText, inGroups, states } from '../resolve.ts';
import { countOf, eventKey, FirstRows, rowsOf, shareOf } from '../share.ts';
import { StatusTable, statusName } from '../stateSets.ts';

/** What a leadsTo monitor keeps, saved and restored whole by `licsim verify` (copied, never shared). */
interface LeadsToState {
  /** Whether the statuses the instances started in have been read (at the first step or day). */
  started: boolean;
  /** Per instance: the tick its open wait began (it entered `state`, and has not been in `to` since); NaN when none. */
  since: Float64Array;
  /** Entries into `state` so far (a start in it counts as one, on day 0). */
  entries: number;
  /** Waits that ended (in `to`) after more than `within`. */
  late: number;
  /** The first few of them. */
  evidence: FirstRows;
  /** The first waits that ended in time (a passing verdict's evidence). */
  held: FirstRows;
}

/**
 * leadsTo: per instance in scope, every entry into `state` is followed by being in `to`
 * within `within` days. An entry is a step from a status outside `state` to one inside
 * (a start in `state` is an entry on day 0); the wait it opens ends at the first moment
 * the instance is in `to` (a step into `to`, even one it leaves in the same tick). A wait
 * that lasts more than `within` (ends at a tick more than `within` after it began, or is
 * still open when more than `within` has passed) fails it: ending at exactly `within` passes.
 * A wait still open at the end of the run with `within` or less elapsed is not a failure
 * (the run ended first). While a wait is open, another entry into `state` (after leaving
 * it for a status outside `to`) does not start a new one: the first is the one that counts.
 */
export const leadsTo = defineExpectation({
  kind: 'leadsTo',
  doc:
    'every entry of an instance into the state(s) is followed by being in the to state(s) within N days ' +
    '(a wait still open at the end of the run within its N days is not a failure)',
  schema: z.strictObject({ state: names, to: names, within: duration, ...scope }),
  resolve(body, x) {
    const from = states(x, listOf(body.state) as string[], [...x.path, 'state']);
    const to = states(x, listOf(body.to) as string[], [...x.path, 'to']);
    const followed = `is followed by ${to.names.join(' or ')} within ${daysText(body.within)}`;
    return {
      title: `every entry${inGroups(x.groups)} into ${from.names.join(' or ')} ${followed}`,
      state: from,
      to,
      within: body.within,
    };
  },
  verifiable: true,
  monitor(e): Monitor {
    const scope = new Scope(e);
    const entering = new StatusTable(e.state);
    const target = new StatusTable(e.to);
    const within = daysToTicks(e.within);
    const what = e.state.names.join(' or ');
    const toWhat = e.to.names.join(' or ');
    let sim: Simulation;
    const empty = (size: number): LeadsToState => ({
      started: false,
      since: new Float64Array(size).fill(Number.NaN),
      entries: 0,
      late: 0,
      evidence: new FirstRows(),
      held: new FirstRows(),
    });
    let st = empty(0);

    /** Opens the waits of the instances that start in `state` (every instance is in its first status until its first step). */
    const begin = (stepping = -1, from = 0) => {
      if (st.started) return;
      st.started = true;
      for (let g = 0; g < sim.fleet.size; g++) {
        if (!scope.has(g)) continue;
        const status = g === stepping ? from : sim.statusIndex(g);
        if (!entering.has(g, status)) continue;
        st.entries++;
        if (!target.has(g, status)) st.since[g] = 0;
      }
    };
    const waitedTooLong = (g: number, now: number) => {
      const since = st.since[g] as number;
      return !Number.isNaN(since) && now - since > within;
    };
    const evidenceOf = (g: number, since: number, end: number, status: number, open: boolean): Evidence => {
      const day = evidenceDay(since);
      const waited = evidenceDay(end - since);
      const name = statusName(sim, g, status);
      return {
        instance: sim.id(g),
        day,
        value: waited,
        limit: e.within,
        detail: open
          ? `entered ${what} on day ${day}, still not in ${toWhat} at the end of the run (day ${evidenceDay(end)}) ` +
            `after ${daysText(waited)}, in ${name}`
          : `entered ${what} on day ${day}, reached ${name}${waited > e.within ? ' only' : ''} on day ${evidenceDay(end)}, ` +
            `after ${daysText(waited)}`,
      };
    };

    return {
      start(s) {
        sim = s;
        scope.bind(s);
        entering.bind(s);
        target.bind(s);
        st = empty(s.fleet.size);
      },
      step(g, tick, report) {
        begin(g, report.from);
        if (report.from === report.to || !scope.has(g)) return;
        const entered = !entering.has(g, report.from) && entering.has(g, report.to);
        if (entered) st.entries++;
        const since = st.since[g] as number;
        if (target.has(g, report.to)) {
          if (Number.isNaN(since)) return;
          st.since[g] = Number.NaN;
          const key = eventKey(sim, g, tick);
          if (tick - since <= within) {
            // A passing verdict's evidence: the first entries followed in time, and how long each waited.
            if (st.held.wants(key)) st.held.add(key, evidenceOf(g, since, tick, report.to, false));
            return;
          }
          st.late++;
          if (st.evidence.wants(key)) st.evidence.add(key, evidenceOf(g, since, tick, report.to, false));
        } else if (entered && Number.isNaN(since)) st.since[g] = tick;
      },
      day() {
        begin();
      },
      share() {
        begin();
        const end = Math.ceil(sim.scenario.days) * TICKS_PER_DAY;
        /** The waits still open at the end after more than `within`, by place. */
        const open = new FirstRows();
        let overdue = 0;
        let waiting = 0;
        for (let g = 0; g < sim.fleet.size; g++) {
          if (!scope.has(g) || Number.isNaN(st.since[g] as number)) continue;
          if (!waitedTooLong(g, end)) {
            waiting++;
            continue;
          }
          overdue++;
          const key = [sim.fleet.origin(g)];
          if (open.wants(key)) open.add(key, evidenceOf(g, st.since[g] as number, end, sim.statusIndex(g), true));
        }
        return shareOf({
          counts: { entries: st.entries, late: st.late, overdue, waiting },
          lists: { late: st.evidence, open, held: st.held },
        });
      },
      judge(share) {
        const [entries, overdue, waiting] = [countOf(share, 'entries'), countOf(share, 'overdue'), countOf(share, 'waiting')];
        const failed = countOf(share, 'late') + overdue;
        // The waits that ended late first, then those still open.
        const evidence = [...rowsOf(share, 'late'), ...rowsOf(share, 'open')].slice(0, EVIDENCE_LIMIT);
        const open = waiting ? `; ${waiting} still waiting at the end, within their ${daysText(e.within)}` : '';
        const message = failed
          ? `${failed} of ${entries} entries into ${what} not followed by ${toWhat} within ${daysText(e.within)}` +
            `${overdue ? ` (${overdue} still waiting at the end)` : ''}, first shown${open}`
          : `${entries} entries into ${what}, each followed by ${toWhat} within ${daysText(e.within)}${open}`;
        return verdictOf(e, failed === 0, message, [...e.state.rules, ...e.to.rules], failed ? evidence : rowsOf(share, 'held'));
      },
      check: {
        failed() {
          begin();
          if (st.late) return true;
          const now = sim.backend.now();
          for (let g = 0; g < sim.fleet.size; g++) if (scope.has(g) && waitedTooLong(g, now)) return true;
          return false;
        },
        save: () => copyState(st),
        load(state) {
          st = copyState(state as LeadsToState);
        },
        // `F` once failed, then each open wait as `instance:ticks waited` (its start relative to now).
        key(now) {
          begin();
          const waits: string[] = [];
          let failed = st.late > 0;
          for (let g = 0; g < sim.fleet.size; g++) {
            const since = st.since[g] as number;
            if (!scope.has(g) || Number.isNaN(since)) continue;
            waits.push(`${g}:${now - since}`);
            failed ||= now - since > within;
          }
          return `${failed ? 'F' : ''}|${waits.join(',')}`;
        },
      },
    };
  },
});
