import { z } from 'zod';
import type { Simulation } from '../../../engine/run/simulation.ts';
import { duration, listOf, when } from '../../../engine/units.ts';
import type { ModelName } from '../../../machines/policyOverride.ts';
import { TICKS_PER_DAY } from '../../../machines/time.ts';
import { noun } from '../../../reports/plural.ts';
import { copyState } from '../checkState.ts';
import { windowTicks } from '../days.ts';
import { defineExpectation, type ExpectationContext, type Resolved } from '../definition.ts';
import { names, quantifierField, scope } from '../fields.ts';
import { EVIDENCE_LIMIT, evidenceDay, type Monitor, quantified, Scope, verdictOf } from '../monitor.ts';
import { describeQuantifier, inGroups, type Quantifier, quantifier, type StateSet, states } from '../resolve.ts';
import { countOf, FirstRows, rowsOf, shareOf } from '../share.ts';

type StateKind = 'never' | 'eventually' | 'always';

/** The fields never, eventually and always resolve to. */
interface StateFields {
  title: string;
  states: StateSet;
  for: Quantifier;
  from: number;
  to: number;
}

/** A body of any of the three (each schema gives a subset of the window keys). */
interface StateBody {
  state: string | string[];
  for: 'all' | 'any' | number;
  within?: number | undefined;
  from?: number | string | undefined;
  to?: number | string | undefined;
}

/** Resolves a never / eventually / always body: its states, quantifier and window, and a title. */
const resolveStates =
  (kind: StateKind) =>
  (body: StateBody, x: ExpectationContext): StateFields => {
    const set = states(x, listOf(body.state) as string[], [...x.path, 'state']);
    const q = quantifier(body.for);
    const from = x.day('from', 0);
    const to = body.within !== undefined ? Math.min(x.end, from + body.within) : x.day('to', x.end);
    const window =
      body.within !== undefined
        ? ` within ${body.within} ${noun(body.within, 'day')}${from ? ` of day ${from}` : ''}`
        : from || to !== x.end
          ? ` from day ${from} to day ${to}`
          : '';
    const verb = kind === 'never' ? 'never enter' : kind === 'eventually' ? 'reach' : 'stay in';
    const who =
      kind === 'never' && q.kind === 'all'
        ? `no instance${inGroups(x.groups)} enters`
        : `${describeQuantifier(q)}${inGroups(x.groups)} ${verb}`;
    return { title: `${who} ${set.names.join(' or ')}${window}`, states: set, for: q, from, to };
  };

/**
 * A never / eventually / always verdict's message, said by what happened (no double
 * negatives): for never and always, the instances that entered or left the states and how
 * many may; for eventually, those that reached them and how many must.
 *
 * @example
 * statesMessage('never', 'overage', 17, 20, 20, false); // '3 of 20 instances entered overage (none may); first shown'
 * statesMessage('eventually', 'registered', 17, 20, 20, false);
 * // '17 of 20 instances reached registered (20 must); 3 did not, first shown'
 */
export function statesMessage(kind: StateKind, states: string, met: number, total: number, needed: number, passed: boolean): string {
  const instances = (n: number) => `${n} of ${total} instance${total === 1 ? '' : 's'}`;
  if (kind === 'eventually') {
    const missing = total - met;
    const shown = missing && !passed ? `; ${missing} did not, first shown` : '';
    return `${instances(met)} reached ${states} (${needed} must)${shown}`;
  }
  const broke = total - met;
  const allowed = total - needed;
  const may = allowed === 0 ? 'none may' : `at most ${allowed} may`;
  const what = kind === 'never' ? `entered ${states}` : `were outside ${states} at some time`;
  return `${instances(broke)} ${what} (${may})${broke && !passed ? '; first shown' : ''}`;
}

/** What a never / eventually / always monitor keeps (a never's is saved and restored by `licsim verify`). */
interface StatesState {
  /** never: entered the states; eventually: reached them; always: left them (or was not in them). Per instance, and when. */
  hit: Uint8Array;
  hitTick: Float64Array;
  /** Instances in scope hit so far. */
  hits: number;
  /** Whether the window has opened (the states every instance is in then have been looked at). */
  opened: boolean;
}

/**
 * never / eventually / always on a set of states, per instance, over a window:
 * an instance "meets" never when it is not in the states at any moment of the
 * window, eventually when it is at some moment, always when it is at every moment.
 */
function stateMonitor(e: Resolved<StateKind, StateFields>): Monitor {
  const scope = new Scope(e);
  let sim: Simulation;
  let target: Record<string, Uint8Array> = {};
  let st: StatesState = { hit: new Uint8Array(0), hitTick: new Float64Array(0), hits: 0, opened: false };
  /** eventually's near misses: when an instance first reached the states after the window closed (NaN: never). */
  let lateTick = new Float64Array(0);
  const { first: from, last: to } = windowTicks(e.from, e.to);
  const isTarget = (global: number, status: number) => target[sim.fleet.group(global).model]?.[status] === 1;
  const mark = (global: number, tick: number) => {
    if (st.hit[global]) return;
    st.hit[global] = 1;
    st.hitTick[global] = tick;
    st.hits++;
  };
  const noteState = (global: number, status: number, tick: number) => {
    const inState = isTarget(global, status);
    if (e.kind === 'always' ? !inState : inState) mark(global, tick);
  };
  const monitor: Monitor = {
    start(s) {
      sim = s;
      scope.bind(s);
      st = { hit: new Uint8Array(s.fleet.size), hitTick: new Float64Array(s.fleet.size), hits: 0, opened: false };
      if (e.kind === 'eventually') lateTick = new Float64Array(s.fleet.size).fill(Number.NaN);
      target = Object.fromEntries(
        (Object.entries(e.states.byModel) as Array<[ModelName, string[]]>)
          .filter(([model]) => s.drivers[model])
          .map(([model, names]) => [model, Uint8Array.from(s.modelDriver(model).statuses, (name) => (names.includes(name) ? 1 : 0))]),
      );
      // The states every instance is in when the window opens.
      s.backend.at(from, () => {
        st.opened = true;
        for (let g = 0; g < s.fleet.size; g++) if (scope.has(g)) noteState(g, s.statusIndex(g), from);
      });
    },
    step(global, tick, report) {
      if (tick < from || !scope.has(global)) return;
      if (tick <= to) noteState(global, report.to, tick);
      else if (e.kind === 'eventually' && !st.hit[global] && Number.isNaN(lateTick[global] as number) && isTarget(global, report.to))
        lateTick[global] = tick;
    },
    share() {
      const { hit, hitTick } = st;
      const what = e.states.names.join(' or ');
      const reached = new FirstRows();
      const failing = new FirstRows();
      const late = new FirstRows();
      let met = 0;
      for (let g = 0; g < sim.fleet.size; g++) {
        if (!scope.has(g)) continue;
        const origin = sim.fleet.origin(g);
        const meets = e.kind === 'eventually' ? hit[g] === 1 : hit[g] === 0;
        if (meets) {
          met++;
          // A passing eventually's evidence: the first instances to reach the states, and when.
          const key = [hitTick[g] as number, origin];
          if (e.kind === 'eventually' && reached.wants(key)) {
            const day = evidenceDay(hitTick[g] as number);
            reached.add(key, { instance: sim.id(g), day, detail: `reached ${what} on day ${day}` });
          }
        } else if (e.kind === 'eventually' && !Number.isNaN(lateTick[g] as number)) {
          // eventually's near misses: the instances that reached the states after the window, soonest first.
          const key = [lateTick[g] as number, origin];
          if (!late.wants(key)) continue;
          const day = evidenceDay(lateTick[g] as number);
          late.add(key, {
            instance: sim.id(g),
            day,
            value: `day ${day}`,
            limit: `day ${e.to}`,
            detail: `came closest: reached ${what} late, on day ${day}`,
          });
        } else if (failing.wants([origin])) {
          const status = sim.status(g);
          const day = evidenceDay(hitTick[g] as number);
          failing.add(
            [origin],
            e.kind === 'eventually'
              ? { instance: sim.id(g), day: e.to, value: status, detail: `never reached ${what}; ${status} at the end` }
              : {
                  instance: sim.id(g),
                  day,
                  value: e.kind === 'never' ? 'entered' : 'left',
                  detail: `${e.kind === 'never' ? 'entered' : 'was not in'} ${what} on day ${day}`,
                },
          );
        }
      }
      return shareOf({ counts: { met, size: scope.size }, lists: { reached, failing, late } });
    },
    judge(share) {
      const met = countOf(share, 'met');
      const size = countOf(share, 'size');
      const { passed, needed } = quantified(e.for, met, size);
      const message = statesMessage(e.kind, e.states.names.join(' or '), met, size, needed, passed);
      // The instances that came closest first, then those that never got there.
      const evidence = passed ? rowsOf(share, 'reached') : [...rowsOf(share, 'late'), ...rowsOf(share, 'failing')];
      return verdictOf(e, passed, message, e.states.rules, evidence.slice(0, EVIDENCE_LIMIT));
    },
  };
  if (e.kind !== 'never') return monitor;
  // never is a safety property: once too few instances can still have kept out of the states, nothing undoes it.
  const broken = () => scope.size - st.hits < quantified(e.for, 0, scope.size).needed;
  monitor.check = {
    failed: broken,
    save: () => copyState(st),
    load(state) {
      st = copyState(state as StatesState);
    },
    // `F` once failed; the window's phase: `b` and the ticks until it opens, `i` open (and the ticks until it closes, when
    // it closes before the run ends), `a` closed (nothing changes any more); then the instances that entered the states.
    key(now) {
      const end = Math.ceil(sim.scenario.days) * TICKS_PER_DAY;
      const phase = !st.opened && now < from ? `b${from - now}` : now <= to ? `i${to >= end ? '' : to - now}` : 'a';
      const hit: number[] = [];
      if (phase !== 'a') for (let g = 0; g < sim.fleet.size; g++) if (st.hit[g] && scope.has(g)) hit.push(g);
      return `${broken() ? 'F' : ''}|${phase}|${hit.join(',')}`;
    },
  };
  return monitor;
}

/** never: instances never enter the states (within the window). */
export const never = defineExpectation({
  kind: 'never',
  doc: 'instances never enter the state(s) (within the window)',
  schema: z.strictObject({
    state: names,
    for: quantifierField,
    within: duration.optional(),
    from: when.optional(),
    to: when.optional(),
    ...scope,
  }),
  resolve: resolveStates('never'),
  monitor: stateMonitor,
  verifiable: true,
});

/** eventually: instances reach the states, within N days of from. */
export const eventually = defineExpectation({
  kind: 'eventually',
  doc: 'instances reach the state(s), within N days of from',
  schema: z.strictObject({ state: names, for: quantifierField, within: duration.optional(), from: when.optional(), ...scope }),
  resolve: resolveStates('eventually'),
  monitor: stateMonitor,
});

/** always: instances stay in the states all through the window. */
export const always = defineExpectation({
  kind: 'always',
  doc: 'instances stay in the state(s) all through the window',
  schema: z.strictObject({ state: names, for: quantifierField, from: when.optional(), to: when.optional(), ...scope }),
  resolve: resolveStates('always'),
  monitor: stateMonitor,
});
