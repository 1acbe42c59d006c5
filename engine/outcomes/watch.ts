import { type AlarmName, type EmittedEvent, WARNINGS } from '../../machines/emitted.ts';
import { LOSS_GROUPS, STATUS_GROUPS, type StatusGroup } from '../../machines/meta.ts';
import { TICKS_PER_DAY } from '../../machines/time.ts';
import type { StepReport } from '../backend/types.ts';
import type { EngineObserver, Simulation } from '../run/simulation.ts';
import type { GroupEntries, Outcomes, WarningLead } from './types.ts';

/** The rules whose losses some alarm warns about (WARNINGS), and the alarms by number. */
const WARNED_RULES = [...new Set(Object.values(WARNINGS).flat())];
const WARNING_NAMES = Object.keys(WARNINGS) as AlarmName[];
const NONE = -1;

/** Per warned rule, each instance's first warning since its last loss of that kind: its tick and the alarm's number (lazily made). */
interface Warned {
  tick: Int32Array;
  alarm: Uint8Array;
}

/**
 * Watches a run for the outcomes its daily series cannot give (engine/outcomes/): entries
 * into each status group by a change of status, and each loss (an entry into a LOSS_GROUPS
 * group) with the first warning alarm that announced its kind (WARNINGS) since the last one.
 * Memory: one byte per status of each model, and per warned rule whose alarm was raised, five
 * bytes per instance.
 */
export class OutcomeWatch implements EngineObserver {
  private sim: Simulation | null = null;
  /** The run's end: what happens at its last tick, after the last day's sample, is outside every day of the run. */
  private end = Number.POSITIVE_INFINITY;
  /** Per fleet group, the status group index of each status index. */
  private groupsOf: Uint8Array[] = [];
  private readonly entered = STATUS_GROUPS.map((): GroupEntries => ({ entries: 0, first: NONE, last: NONE }));
  private readonly warned = new Map<string, Warned>();
  /** Per warning alarm's number, the days ahead of each loss it announced. */
  private readonly leads = new Map<number, number[]>();
  private losses = 0;
  private unwarned = 0;
  private readonly refusalCounts = new Map<string, { operation: string; rule: string | null; count: number }>();

  start(sim: Simulation): void {
    this.sim = sim;
    this.end = Math.ceil(sim.scenario.days) * TICKS_PER_DAY;
    this.groupsOf = sim.fleet.groups.map((_, i) => {
      const driver = sim.driverAt(sim.fleet.groups[i]?.first ?? 0);
      return Uint8Array.from(driver.catalog, (s) => STATUS_GROUPS.indexOf(s.group));
    });
  }

  step(address: number, tick: number, report: StepReport): void {
    const sim = this.sim as Simulation;
    if (!report.changed || tick >= this.end || !sim.isInstance(address)) return;
    const groups = this.groupsOf[sim.fleet.groupIndex(address)] as Uint8Array;
    const from = groups[report.from] as number;
    const to = groups[report.to] as number;
    if (from === to) return;
    const day = Math.floor(tick / TICKS_PER_DAY);
    const e = this.entered[to] as GroupEntries;
    e.entries++;
    if (e.first === NONE) e.first = day;
    e.last = day;
    if (LOSS_GROUPS.includes(STATUS_GROUPS[to] as StatusGroup)) this.loss(address, tick, report.rules);
  }

  emitted(address: number, tick: number, event: EmittedEvent): void {
    if (event.type !== 'alarm' || tick >= this.end || !(this.sim as Simulation).isInstance(address)) return;
    const number = WARNING_NAMES.indexOf(event.name);
    if (number < 0) return;
    if (event.cleared) {
      // SL-18: the condition it warned of ended; a later loss of that kind needs a warning of its own.
      for (const rule of WARNINGS[event.name] ?? []) {
        const w = this.warned.get(rule);
        if (w && w.tick[address] !== NONE && w.alarm[address] === number) w.tick[address] = NONE;
      }
      return;
    }
    for (const rule of WARNINGS[event.name] ?? []) {
      const w = this.warnedFor(rule);
      if (w.tick[address] !== NONE) continue;
      w.tick[address] = tick;
      w.alarm[address] = number;
    }
  }

  refused(_address: number, tick: number, op: string, rule: string | null): void {
    if (tick >= this.end) return;
    const key = `${op}\u0000${rule ?? ''}`;
    const entry = this.refusalCounts.get(key) ?? { operation: op, rule, count: 0 };
    entry.count++;
    this.refusalCounts.set(key, entry);
  }

  /** A loss of `rules`' kind: led by the first warning of that kind since the last, which it uses up. */
  private loss(address: number, tick: number, rules: readonly string[]): void {
    this.losses++;
    const rule = rules.find((r) => WARNED_RULES.includes(r as never));
    const w = rule === undefined ? undefined : this.warned.get(rule);
    const at = w ? (w.tick[address] as number) : NONE;
    if (!w || at === NONE) {
      this.unwarned++;
      return;
    }
    w.tick[address] = NONE;
    const alarm = w.alarm[address] as number;
    const leads = this.leads.get(alarm) ?? [];
    leads.push(Math.floor(tick / TICKS_PER_DAY) - Math.floor(at / TICKS_PER_DAY));
    this.leads.set(alarm, leads);
  }

  private warnedFor(rule: string): Warned {
    let w = this.warned.get(rule);
    if (!w) {
      const size = (this.sim as Simulation).fleet.size;
      w = { tick: new Int32Array(size).fill(NONE), alarm: new Uint8Array(size) };
      this.warned.set(rule, w);
    }
    return w;
  }

  /** What the watch saw: entries per group, refusals, losses with their leads (the rest of Outcomes comes from the series). */
  seen(): Pick<Outcomes, 'entered' | 'refusals' | 'losses'> {
    return seenOf(this.raw());
  }

  /** What the watch saw, as data: what a partition's run hands to the merge (engine/partition/merge.ts). */
  raw(): WatchRaw {
    const leads: WatchRaw['leads'] = [...this.leads.entries()].map(([number, days]) => {
      const counts = new Map<number, number>();
      for (const d of days) counts.set(d, (counts.get(d) ?? 0) + 1);
      return [WARNING_NAMES[number] as string, [...counts].sort((a, b) => a[0] - b[0])];
    });
    return {
      entered: this.entered.map((e) => ({ ...e })),
      refusals: [...this.refusalCounts.values()].map((r) => ({ ...r })),
      losses: this.losses,
      unwarned: this.unwarned,
      leads,
    };
  }
}

/**
 * What an {@link OutcomeWatch} saw, as plain data that adds up: entries per status group (in STATUS_GROUPS order),
 * refusals by operation and rule, losses, and each warning alarm's leads as (days, losses) pairs.
 */
export interface WatchRaw {
  entered: GroupEntries[];
  refusals: Array<{ operation: string; rule: string | null; count: number }>;
  losses: number;
  unwarned: number;
  leads: Array<[alarm: string, counts: Array<[days: number, losses: number]>]>;
}

/** What several watches saw together (the partitions of one run): counts added, first entries the earliest, last the latest. */
export function mergeWatches(raws: readonly WatchRaw[]): WatchRaw {
  const refusals = new Map<string, { operation: string; rule: string | null; count: number }>();
  const leads = new Map<string, Map<number, number>>();
  for (const r of raws) {
    for (const x of r.refusals) {
      const key = `${x.operation}\u0000${x.rule ?? ''}`;
      const had = refusals.get(key);
      refusals.set(key, { ...x, count: (had?.count ?? 0) + x.count });
    }
    for (const [alarm, counts] of r.leads) {
      const byDays = leads.get(alarm) ?? new Map<number, number>();
      for (const [days, n] of counts) byDays.set(days, (byDays.get(days) ?? 0) + n);
      leads.set(alarm, byDays);
    }
  }
  const earliest = (a: number, b: number) => (a === NONE ? b : b === NONE ? a : Math.min(a, b));
  return {
    entered: STATUS_GROUPS.map((_, i) =>
      raws.reduce(
        (m: GroupEntries, r) => {
          const e = r.entered[i] as GroupEntries;
          return { entries: m.entries + e.entries, first: earliest(m.first, e.first), last: Math.max(m.last, e.last) };
        },
        { entries: 0, first: NONE, last: NONE },
      ),
    ),
    refusals: [...refusals.values()],
    losses: raws.reduce((n, r) => n + r.losses, 0),
    unwarned: raws.reduce((n, r) => n + r.unwarned, 0),
    leads: [...leads].map(([alarm, byDays]) => [alarm, [...byDays].sort((a, b) => a[0] - b[0])]),
  };
}

/** The outcomes a watch's data gives: entries per group, refusals in order, each warning's shortest, median and longest lead. */
export function seenOf(raw: WatchRaw): Pick<Outcomes, 'entered' | 'refusals' | 'losses'> {
  const entered: Outcomes['entered'] = {};
  STATUS_GROUPS.forEach((g, i) => {
    const e = raw.entered[i] as GroupEntries;
    if (e.entries) entered[g] = { ...e };
  });
  const leads: WarningLead[] = raw.leads
    .map(([alarm, counts]) => {
      const losses = counts.reduce((n, [, k]) => n + k, 0);
      // The lower median: the lead at place ⌊(n − 1) / 2⌋ of the sorted leads.
      const place = Math.floor((losses - 1) / 2);
      let seen = 0;
      let median = 0;
      for (const [days, k] of counts) {
        if (seen + k > place) {
          median = days;
          break;
        }
        seen += k;
      }
      return { alarm, losses, min: counts[0]?.[0] as number, median, max: counts[counts.length - 1]?.[0] as number };
    })
    .sort((a, b) => a.alarm.localeCompare(b.alarm));
  const refusals = [...raw.refusals].sort((a, b) => a.operation.localeCompare(b.operation) || (a.rule ?? '').localeCompare(b.rule ?? ''));
  return { entered, refusals, losses: { count: raw.losses, unwarned: raw.unwarned, leads } };
}
