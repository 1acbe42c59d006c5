import { z } from 'zod';
import type { Evidence } from '../../../engine/result.ts';
import type { Simulation } from '../../../engine/run/simulation.ts';
import { duration, listOf, positiveDuration } from '../../../engine/units.ts';
import { daysToTicks, TICKS_PER_DAY } from '../../../machines/time.ts';
import { copyState } from '../checkState.ts';
import { defineExpectation } from '../definition.ts';
import { names, scope } from '../fields.ts';
import { evidenceDay, type Monitor, Scope, verdictOf } from '../monitor.ts';
import { daysText, inGroups, states } from '../resolve.ts';
import { countOf, FirstRows, rowsOf, shareOf } from '../share.ts';
import { StatusTable, statusName } from '../stateSets.ts';

/** What a residence monitor keeps, saved and restored whole by `licsim verify` (copied, never shared). */
interface ResidenceState {
  /** Whether the statuses the instances started in have been read (at the first step or day). */
  started: boolean;
  /** Per instance: the status it shows, and the tick it entered it. */
  status: Int32Array;
  since: Float64Array;
  /** Per instance: the start of its current stay in `in`; NaN when it is not in `in`. */
  stay: Float64Array;
  /** Per instance with any: its past stays in `in` that end within the window, `[start, end, start, end, …]`, oldest first. */
  stays: Map<number, number[]>;
  /** Per instance: the first moment it broke it (NaN when it has not), the time in `in` over the window then, and its status. */
  failedAt: Float64Array;
  failedTime: Float64Array;
  failedStatus: Int32Array;
  failures: number;
}

/** A moment an instance broke it: when, its time in `in` over the window then (ticks), and the status it was in. */
interface Breach {
  tick: number;
  time: number;
}

/**
 * residence: per instance in scope, at every moment, when the time it spent in `in` during
 * the last `window` days exceeds `moreThan`, it must be in `leadsTo`. Time is continuous:
 * a status holds from the tick of the step that entered it until the next step (statuses
 * an instance passes through within one tick hold for no time and are neither counted
 * nor checked). The time in `in` over the window grows as a stay in `in` goes on, so a
 * machine that reaches `leadsTo` at the very tick its time in `in` reaches `moreThan`
 * passes (`moreThan: 90d` and an enforcement after exactly 90 days), and one that reaches
 * it a tick later fails at the tick after the 90 days. The failure is the first such
 * moment, with the time in `in` over the window then.
 */
export const residence = defineExpectation({
  kind: 'residence',
  doc:
    'whenever an instance has spent more than moreThan of the last window days in the state(s) in, ' +
    'it is in the leadsTo state(s) (e.g. more than 90 of any 120 days out of compliance leads to enforcement)',
  schema: z.strictObject({ in: names, moreThan: duration, window: positiveDuration, leadsTo: names, ...scope }),
  resolve(body, x) {
    const inside = states(x, listOf(body.in) as string[], [...x.path, 'in']);
    const leads = states(x, listOf(body.leadsTo) as string[], [...x.path, 'leadsTo']);
    if (body.moreThan >= body.window)
      x.problem(
        [...x.path, 'moreThan'],
        `expected moreThan shorter than window (${daysText(body.window)}): no ${body.window} days hold more than that`,
      );
    return {
      title:
        `instances${inGroups(x.groups)} in ${inside.names.join(' or ')} for more than ${body.moreThan} of any ` +
        `${daysText(body.window)} are in ${leads.names.join(' or ')}`,
      in: inside,
      moreThan: body.moreThan,
      window: body.window,
      leadsTo: leads,
    };
  },
  verifiable: true,
  monitor(e): Monitor {
    const scope = new Scope(e);
    const inside = new StatusTable(e.in);
    const leads = new StatusTable(e.leadsTo);
    const limit = daysToTicks(e.moreThan);
    const window = daysToTicks(e.window);
    const what = e.in.names.join(' or ');
    const leadsWhat = e.leadsTo.names.join(' or ');
    let sim: Simulation;
    let st = empty(0);

    function empty(size: number): ResidenceState {
      return {
        started: false,
        status: new Int32Array(size),
        since: new Float64Array(size),
        stay: new Float64Array(size).fill(Number.NaN),
        stays: new Map(),
        failedAt: new Float64Array(size).fill(Number.NaN),
        failedTime: new Float64Array(size),
        failedStatus: new Int32Array(size),
        failures: 0,
      };
    }

    /** Reads the statuses the instances started in (every instance shows its first status until its first step). */
    const begin = (stepping = -1, from = 0) => {
      if (st.started) return;
      st.started = true;
      for (let g = 0; g < sim.fleet.size; g++) {
        if (!scope.has(g)) continue;
        const status = g === stepping ? from : sim.statusIndex(g);
        st.status[g] = status;
        if (inside.has(g, status)) st.stay[g] = 0;
      }
    };

    /** The instance's time in `in` over the window that ends at `t` (`[t - window, t)`), in ticks. */
    const timeIn = (g: number, t: number) => {
      const from = t - window;
      let sum = 0;
      const past = st.stays.get(g);
      if (past)
        for (let k = 0; k < past.length; k += 2) sum += Math.max(0, Math.min(past[k + 1] as number, t) - Math.max(past[k] as number, from));
      const stay = st.stay[g] as number;
      if (!Number.isNaN(stay)) sum += Math.max(0, t - Math.max(stay, from));
      return sum;
    };

    /**
     * The first moment the instance broke it while in the status it shows, from the tick it
     * entered it up to `t` (the status held for some time: `t` after its entry), or null. In
     * a status of `in` the time in `in` over the window never falls (a tick in `in` comes in
     * for each that leaves), so the first breach is the first tick it exceeds the limit;
     * outside `in` it never rises, so the only moment to look at is the entry.
     */
    const breach = (g: number, t: number): Breach | null => {
      const since = st.since[g] as number;
      const status = st.status[g] as number;
      if (!Number.isNaN(st.failedAt[g] as number) || t <= since || leads.has(g, status)) return null;
      if (!inside.has(g, status)) {
        const time = timeIn(g, since);
        return time > limit ? { tick: since, time } : null;
      }
      if (timeIn(g, t) <= limit) return null;
      let lo = since;
      let hi = t;
      while (lo < hi) {
        const mid = Math.floor((lo + hi) / 2);
        if (timeIn(g, mid) > limit) hi = mid;
        else lo = mid + 1;
      }
      return { tick: lo, time: timeIn(g, lo) };
    };

    const record = (g: number, b: Breach) => {
      st.failedAt[g] = b.tick;
      st.failedTime[g] = b.time;
      st.failedStatus[g] = st.status[g] as number;
      st.failures++;
    };

    /** The instance enters a status at `t`: its stays in `in` are updated, and those that ended before the window are let go. */
    const enter = (g: number, t: number, status: number) => {
      const was = inside.has(g, st.status[g] as number);
      const is = inside.has(g, status);
      const past = st.stays.get(g);
      if (was && !is) {
        const start = st.stay[g] as number;
        st.stay[g] = Number.NaN;
        if (start < t) {
          if (past) past.push(start, t);
          else st.stays.set(g, [start, t]);
        }
      } else if (!was && is) {
        // Back in `in` at the tick it left: one stay, not two.
        if (past && past[past.length - 1] === t) {
          st.stay[g] = past[past.length - 2] as number;
          past.length -= 2;
        } else st.stay[g] = t;
      }
      const kept = st.stays.get(g);
      if (kept) {
        let k = 0;
        while (k < kept.length && (kept[k + 1] as number) <= t - window) k += 2;
        if (k) kept.splice(0, k);
        if (!kept.length) st.stays.delete(g);
      }
      st.status[g] = status;
      st.since[g] = t;
    };

    const evidenceOf = (g: number, tick: number, time: number, status: number): Evidence => {
      const day = evidenceDay(tick);
      const days = evidenceDay(time);
      return {
        instance: sim.id(g),
        day,
        value: days,
        limit: e.moreThan,
        detail:
          `${daysText(days)} in ${what} over the ${daysText(e.window)} to day ${day}, ` +
          `and in ${statusName(sim, g, status)}, not ${leadsWhat}`,
      };
    };

    return {
      start(s) {
        sim = s;
        scope.bind(s);
        inside.bind(s);
        leads.bind(s);
        st = empty(s.fleet.size);
      },
      step(g, tick, report) {
        begin(g, report.from);
        if (report.from === report.to || !scope.has(g)) return;
        const b = breach(g, tick);
        if (b) record(g, b);
        enter(g, tick, report.to);
      },
      day() {
        begin();
      },
      share() {
        begin();
        const end = Math.ceil(sim.scenario.days) * TICKS_PER_DAY;
        /** The instances that broke it, by the moment they first did, then place. */
        const found = new FirstRows();
        let failed = 0;
        const note = (g: number, tick: number, time: number, status: number) => {
          failed++;
          const key = [tick, sim.fleet.origin(g)];
          if (found.wants(key)) found.add(key, evidenceOf(g, tick, time, status));
        };
        for (let g = 0; g < sim.fleet.size; g++) {
          if (!scope.has(g)) continue;
          const at = st.failedAt[g] as number;
          if (!Number.isNaN(at)) {
            note(g, at, st.failedTime[g] as number, st.failedStatus[g] as number);
            continue;
          }
          const b = breach(g, end);
          if (b) note(g, b.tick, b.time, st.status[g] as number);
        }
        return shareOf({ counts: { failed, size: scope.size }, lists: { found } });
      },
      judge(share) {
        const [failed, size] = [countOf(share, 'failed'), countOf(share, 'size')];
        const evidence = rowsOf(share, 'found');
        const first = evidence[0];
        const message = first
          ? `${failed} of ${size} instances spent more than ${e.moreThan} of ${daysText(e.window)} in ${what} ` +
            `without being in ${leadsWhat}, first on day ${first.day}`
          : `none of ${size} instances spent more than ${e.moreThan} of any ${daysText(e.window)} in ${what} ` +
            `without being in ${leadsWhat}`;
        return verdictOf(e, !first, message, [...e.in.rules, ...e.leadsTo.rules], evidence);
      },
      check: {
        failed() {
          begin();
          if (st.failures) return true;
          const now = sim.backend.now();
          for (let g = 0; g < sim.fleet.size; g++) if (scope.has(g) && breach(g, now)) return true;
          return false;
        },
        save: () => copyState(st),
        load(state) {
          st = copyState(state as ResidenceState);
        },
        // `F` once failed; then per instance with time in `in` within the window: `instance:` and its flags (`i` in `in`,
        // `l` in leadsTo, `=` its status entered now, `x` failed), `/`, then its stays clipped to the window as
        // `ticks ago it began-ticks ago it ended`, the current one as `ticks ago it began` alone.
        key(now) {
          begin();
          const from = now - window;
          const parts: string[] = [];
          let failed = st.failures > 0;
          for (let g = 0; g < sim.fleet.size; g++) {
            if (!scope.has(g)) continue;
            const broken = !Number.isNaN(st.failedAt[g] as number);
            failed ||= broken || breach(g, now) !== null;
            const spans: string[] = [];
            const past = st.stays.get(g) ?? [];
            for (let k = 0; k < past.length; k += 2) {
              const end = past[k + 1] as number;
              if (end > from) spans.push(`${now - Math.max(past[k] as number, from)}-${now - end}`);
            }
            const stay = st.stay[g] as number;
            if (!Number.isNaN(stay)) spans.push(`${now - Math.max(stay, from)}`);
            // No time in `in` within the window: it cannot break it before its next step (which says its status).
            if (!spans.length) continue;
            const status = st.status[g] as number;
            const flags = `${inside.has(g, status) ? 'i' : ''}${leads.has(g, status) ? 'l' : ''}${st.since[g] === now ? '=' : ''}`;
            parts.push(`${g}:${flags}${broken ? 'x' : ''}/${spans.join(',')}`);
          }
          return `${failed ? 'F' : ''}|${parts.join(';')}`;
        },
      },
    };
  },
});
