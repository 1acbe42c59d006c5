import type { Scenario } from '../engine/scenario.ts';
import type { WorldMachines } from '../engine/world/machines.ts';
import { policyParameters } from '../machines/policyOverride.ts';
import { daysToTicks, TICKS_PER_DAY } from '../machines/time.ts';
import { monitorFor } from '../scenarios/expect/registry.ts';
import { ChangeWatch, CoverageWatch } from './coverage.ts';
import type { Counterexample, Exploration, PathStep, PropertyVerdict } from './result.ts';
import type { GraphProperty, Property, Verification } from './spec.ts';
import { TargetWatch } from './targetWatch.ts';
import { midnightOf, WorldDriver, type WorldState } from './worldDriver.ts';

/** Events a `recoverable` continuation may use beyond the file's bound. */
export const RECOVERY_EVENTS = 2;

export interface CheckOptions {
  /** Stop after this many states (the verdicts then say `unknown` where nothing was found). */
  maxStates?: number;
  /** Events a `recoverable` continuation may use beyond the file's bound (default RECOVERY_EVENTS). */
  recoveryEvents?: number;
  /** The world's machines (tests pass their own). */
  machines?: WorldMachines;
  onProgress?: (p: { states: number; distinct: number; depth: number; seconds: number }) => void;
}

/** A world state where the environment may act: what led to it, and (until expanded) the state itself. */
interface Node {
  parent: number;
  step: PathStep | null;
  events: number;
  tick: number;
  /** Open fairness obligations: per assumption, the tick its `after` event happened, or -1. */
  obligations: number[];
  state: WorldState | null;
  /** recoverable: per graph property, whether the target was seen on the node's event-free continuation. */
  recovers: boolean[];
  /** Successor nodes (their representatives when dominated). */
  next: number[];
  statuses: string[];
  /** Its continuation has been explored. */
  expanded: boolean;
}

/** Instants older than this are alike: the longest duration any guard compares with (the policy's), and a day. */
export function instantCap(scenario: Scenario): number {
  let days = 0;
  for (const g of scenario.fleet) {
    const table = policyParameters(g.model);
    const policy = scenario.policy[g.model] as unknown as Record<string, unknown>;
    for (const [name, p] of Object.entries(table)) {
      const v = policy[name];
      if (p.unit.startsWith('days') && typeof v === 'number' && v > days) days = v;
    }
  }
  return daysToTicks(days + 1);
}

/** The properties that apply to a variant. */
const appliesTo = (p: Property, label: string) => p.variants === null || p.variants.includes(label);

/**
 * Explores every path of one variant of a world within the bounds, breadth first by
 * the number of events, then by day, so the first counterexample of a property is
 * the shortest (fewest events, then earliest). A state is expanded once per
 * fingerprint, unless it is reached again earlier (more time left) with no more events.
 *
 * From a state at midnight T the environment may inject any event of the alphabet at
 * T, at T + 1 day, and at the midnights just before and just after each armed
 * timer's deadline (and a fairness deadline); between two such instants only timers
 * and the days' starts happen, and every property is checked along the way. The
 * brute-force cross-check (test/verify/bruteForce.test.ts) compares this with every
 * event at every day.
 */
export function exploreVariant(v: Verification, variant: { label: string; scenario: Scenario }, options: CheckOptions = {}): Exploration {
  const started = performance.now();
  const indices = v.properties.map((_, i) => i).filter((i) => appliesTo(v.properties[i] as Property, variant.label));
  const runIdx = indices.filter((i) => v.properties[i]?.check.kind === 'run');
  const graphIdx = indices.filter((i) => v.properties[i]?.check.kind !== 'run');
  const recoverIdx = graphIdx.filter((i) => v.properties[i]?.check.kind === 'recoverable');
  const deadlockIdx = graphIdx.filter((i) => v.properties[i]?.check.kind === 'deadlockFree');
  const monitors = runIdx.map((i) => {
    const p = v.properties[i] as Property;
    if (p.check.kind !== 'run') throw new Error('unreachable');
    return monitorFor(p.check.expectation);
  });
  const coverage = new CoverageWatch();
  const changes = new ChangeWatch((address: number): string => driver.fingerprints.machine(address));
  const watches = recoverIdx.map((i) => {
    const check = (v.properties[i] as Property).check as Extract<GraphProperty, { kind: 'recoverable' }>;
    return new TargetWatch(check.target, check.groups);
  });
  const cap = instantCap(variant.scenario);
  const driver: WorldDriver = new WorldDriver(variant.scenario, monitors, {
    machines: options.machines,
    cap,
    observers: [coverage, changes, ...watches],
  });
  coverage.noteCurrent();
  const horizon = driver.horizon;
  const recovery = options.recoveryEvents ?? RECOVERY_EVENTS;
  const budget = v.events + (recoverIdx.length ? recovery : 0);
  const exactTime = recoverIdx.length > 0;
  const maxStates = options.maxStates ?? v.maxStates ?? Number.POSITIVE_INFINITY;
  const fairness = v.fairness.map((f) => ({ ...f, ticks: daysToTicks(f.within) }));

  const nodes: Node[] = [];
  /** Per fingerprint: the node that stands for it, and the (events, tick) it was reached with. */
  const seen = new Map<string, { node: number; marks: Array<[number, number]> }>();
  /** The best counterexample of each run property so far (fewest events, then earliest day). */
  const found = new Map<number, { events: number; cx: Counterexample }>();
  const deadlocks = new Map<number, { events: number; cx: Counterexample }>();
  let transitions = 0;
  let depth = 0;
  let complete = true;

  const statusesNow = () => {
    const sim = driver.sim;
    return Array.from({ length: sim.fleet.size }, (_, a) => sim.status(a));
  };
  const pathOf = (id: number, last?: PathStep): PathStep[] => {
    const steps: PathStep[] = last ? [last] : [];
    for (let n = nodes[id]; n?.step; n = nodes[n.parent]) steps.push(n.step);
    return steps.reverse();
  };
  const envKey = (obligations: number[], now: number) => obligations.map((o) => (o < 0 ? '-' : String(now - o))).join(',');
  /** Records run properties newly broken, on the path to `id` (and `last`), seen at `tick`. */
  const noteFailures = (before: ReadonlySet<number>, id: number, events: number, tick: number, last?: PathStep) => {
    if (events > v.events) return;
    for (const k of driver.failed()) {
      if (before.has(k)) continue;
      const property = runIdx[k] as number;
      const best = found.get(property);
      const day = tick / TICKS_PER_DAY;
      if (best && (best.events < events || (best.events === events && best.cx.day <= day))) continue;
      found.set(property, { events, cx: { steps: pathOf(id, last), day } });
    }
  };
  /** Adds the state now as a node unless one at least as good stands for its fingerprint; returns the representative. */
  const admit = (parent: number, step: PathStep | null, events: number, obligations: number[]): number => {
    const tick = driver.now();
    const key = driver.fingerprint([envKey(obligations, tick)]);
    const entry = seen.get(key);
    if (entry) {
      // Reached before with no more events and as much time left: nothing new can follow. A recoverable
      // property needs the time too (the same state nearer the horizon may have no time left to recover).
      if (entry.marks.some(([e, t]) => e <= events && (exactTime ? t === tick : t <= tick))) return entry.node;
      entry.marks.push([events, tick]);
    }
    const id = nodes.length;
    nodes.push({
      parent,
      step,
      events,
      tick,
      obligations,
      state: driver.save(),
      recovers: [],
      next: [],
      statuses: statusesNow(),
      expanded: false,
    });
    if (!entry) seen.set(key, { node: id, marks: [[events, tick]] });
    if (events > depth) depth = events;
    return id;
  };
  /** Whether no timer is armed and no event of the alphabet changes anything: the world is stuck. */
  const stuck = (obligations: number[]): boolean => {
    if (driver.busy()) return false;
    const now = driver.now();
    const here = driver.fingerprint([envKey(obligations, now)]);
    const saved = driver.save();
    try {
      for (const e of v.alphabet) {
        driver.inject(e);
        const changed = driver.fingerprint([envKey(obligations, now)]) !== here;
        driver.load(saved);
        if (changed) return false;
      }
      return true;
    } finally {
      driver.load(saved);
    }
  };
  const obligationsAfter = (obligations: number[], kind: string, tick: number) =>
    fairness.map((f, k) => {
      const open = obligations[k] as number;
      if (kind === f.then) return -1;
      if (kind === f.after && open < 0) return tick;
      return open;
    });

  /**
   * Expands a state in two passes. The first runs its event-free continuation to the
   * horizon (or to the fairness deadline), checking the properties at every midnight
   * and noting the instants at which some machine's configuration changes. The second
   * goes back to the state and injects every event of the alphabet at the instants
   * that can matter: now, a day later, and the midnights just before and just after
   * each change the first pass saw (a timer that changes nothing, like a retry that
   * fails again, is not one).
   */
  const expand = (id: number): void => {
    const n = nodes[id] as Node;
    const state = n.state as WorldState;
    n.state = null;
    driver.load(state);
    for (const w of watches) w.reset();
    const before = new Set(driver.failed());
    const limit = Math.min(
      horizon,
      ...fairness.map((f, k) => ((n.obligations[k] as number) < 0 ? horizon : (n.obligations[k] as number) + f.ticks)),
    );
    const deadlocked = () => {
      if (!deadlockIdx.length || n.events > v.events || !stuck(n.obligations)) return;
      const day = driver.now() / TICKS_PER_DAY;
      for (const property of deadlockIdx)
        if (!deadlocks.has(property))
          deadlocks.set(property, { events: n.events, cx: { steps: pathOf(id), day, reachable: [statusesNow()] } });
    };
    deadlocked();
    // Pass 1: the continuation without events.
    changes.begin();
    const end = limit >= horizon ? horizon : midnightOf(limit);
    // Checked at each midnight: what broke it happened during the day before.
    driver.advanceTo(end, (tick) => noteFailures(before, id, n.events, tick - TICKS_PER_DAY));
    if (limit >= horizon) driver.finish();
    changes.end();
    noteFailures(before, id, n.events, end);
    transitions++;
    n.recovers = watches.map((w) => w.seen);
    n.expanded = true;
    deadlocked();
    if (n.events >= budget) return;
    // Pass 2: every event at every instant that can matter.
    const instants = new Set<number>([n.tick, n.tick + TICKS_PER_DAY]);
    for (const c of changes.ticks) instants.add(midnightOf(c)).add(midnightOf(c) + TICKS_PER_DAY);
    if (limit < horizon) instants.add(midnightOf(limit));
    const order = [...instants].filter((t) => t >= n.tick && t <= limit && t < horizon).sort((a, b) => a - b);
    driver.load(state);
    for (const tick of order) {
      driver.advanceTo(tick);
      const here = driver.save();
      v.alphabet.forEach((e, index) => {
        if (index > 0) driver.load(here);
        driver.inject(e);
        transitions++;
        const step = { day: tick / TICKS_PER_DAY, event: index };
        noteFailures(before, id, n.events + 1, tick, step);
        const next = admit(id, step, n.events + 1, obligationsAfter(n.obligations, e.entry.action.kind, tick));
        if (next !== id) n.next.push(next);
      });
      driver.load(here);
    }
  };

  admit(
    -1,
    null,
    0,
    fairness.map(() => -1),
  );
  let level = [0];
  let expanded = 0;
  while (level.length) {
    const next: number[] = [];
    const sorted = [...level].sort((a, b) => (nodes[a] as Node).tick - (nodes[b] as Node).tick);
    for (const id of sorted) {
      if (expanded >= maxStates) {
        complete = false;
        break;
      }
      const before = nodes.length;
      expand(id);
      expanded++;
      if (expanded % 25 === 0)
        options.onProgress?.({ states: expanded, distinct: seen.size, depth, seconds: (performance.now() - started) / 1000 });
      for (let k = before; k < nodes.length; k++) next.push(k);
    }
    // Exploration goes on when every run property is decided: the coverage table needs every state.
    if (!complete) break;
    level = next;
  }

  const verdicts: PropertyVerdict[] = indices.map((i) => {
    const p = v.properties[i] as Property;
    let cx: Counterexample | null = found.get(i)?.cx ?? deadlocks.get(i)?.cx ?? null;
    if (p.check.kind === 'recoverable') cx = trapped(nodes, recoverIdx.indexOf(i), v.events, recovery, pathOf);
    const outcome: PropertyVerdict['outcome'] = cx ? 'violated' : complete ? 'holds' : 'unknown';
    const passed = p.expectViolated ? outcome === 'violated' : outcome === 'holds';
    return { property: i, outcome, passed, counterexample: cx };
  });
  return {
    variant: variant.label,
    states: expanded,
    distinct: seen.size,
    transitions,
    depth,
    complete,
    seconds: (performance.now() - started) / 1000,
    capDays: cap / TICKS_PER_DAY,
    verdicts,
    coverage: coverage.report(),
  };
}

/**
 * recoverable: the earliest state (fewest events, then earliest day) within the file's
 * bound from which no explored continuation with at most `recovery` more events reaches
 * the target, with the statuses of the states reachable from it; null when every state
 * can recover. A state's need is the fewest events after which the target is seen on
 * an event-free continuation: a breadth-first search backwards from the states whose
 * own continuation sees it.
 */
function trapped(
  nodes: readonly Node[],
  k: number,
  bound: number,
  recovery: number,
  pathOf: (id: number) => PathStep[],
): Counterexample | null {
  const need = new Int32Array(nodes.length).fill(-1);
  const into: number[][] = nodes.map(() => []);
  nodes.forEach((n, id) => {
    for (const m of n.next) into[m]?.push(id);
  });
  let frontier: number[] = [];
  nodes.forEach((n, id) => {
    // A state not explored (the exploration was cut short) is not known to be trapped.
    if (n.recovers[k] || !n.expanded) {
      need[id] = 0;
      frontier.push(id);
    }
  });
  for (let d = 1; d <= recovery && frontier.length; d++) {
    const next: number[] = [];
    for (const m of frontier)
      for (const p of into[m] ?? [])
        if (need[p] === -1) {
          need[p] = d;
          next.push(p);
        }
    frontier = next;
  }
  const good = (id: number) => need[id] !== -1;
  let worst = -1;
  nodes.forEach((n, id) => {
    if (good(id) || n.events > bound) return;
    const w = nodes[worst];
    if (worst < 0 || (w && (n.events < w.events || (n.events === w.events && n.tick < w.tick)))) worst = id;
  });
  if (worst < 0) return null;
  // What `recovery` events can reach from it (none of it recovers).
  const reach = new Set<number>([worst]);
  let layer = [worst];
  for (let d = 0; d < recovery; d++) {
    const next: number[] = [];
    for (const id of layer)
      for (const m of nodes[id]?.next ?? [])
        if (!reach.has(m)) {
          reach.add(m);
          next.push(m);
        }
    layer = next;
  }
  const reachable = [...new Set([...reach].map((id) => JSON.stringify(nodes[id]?.statuses)))]
    .slice(0, 20)
    .map((s) => JSON.parse(s) as string[]);
  return { steps: pathOf(worst), day: (nodes[worst] as Node).tick / TICKS_PER_DAY, reachable };
}

/** Explores every variant of a verification. */
export function verify(v: Verification, options: CheckOptions = {}): Exploration[] {
  return v.world.variants.map((variant) => exploreVariant(v, variant, options));
}
