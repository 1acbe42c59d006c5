import { MODELS, type ModelName, policyParameters } from '../machines/policyOverride.ts';
import type { LoadedScenario, PathProblem } from '../scenarios/loader/resolveScenario.ts';
import type { RawScenario } from '../scenarios/loader/schema.ts';
import { type DayRange, type FuzzBlock, POPULATION_KEYS } from './schema.ts';

/** How far an entry may move when a scenario has no `fuzz:` block, in days either way. */
export const DEFAULT_SHIFT_DAYS = 30;

/** The keys of a timeline entry that say when it happens (an insertable action has none). */
const DAY_KEYS = ['at', 'every', 'until'];

/** A written timeline entry as an insertable action: without the keys that say when it happens. */
function withoutDays(entry: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entry).filter(([k]) => !DAY_KEYS.includes(k)));
}

/** One written timeline entry and the whole days it may move: `minShift ≤ 0 ≤ maxShift`, keeping it within the run. */
export interface EntrySpace {
  index: number;
  kind: string;
  /** Its day as resolved (days from the start). */
  day: number;
  minShift: number;
  maxShift: number;
  /** Its target is a fraction of the fleet (shrinking may narrow it to the one instance that matters). */
  fraction?: boolean;
}

/** An action that may be inserted, as written (without days); `repeatOf`: the written entry it repeats (`repeat: true`). */
export interface InsertChoice {
  kind: string;
  written: Record<string, unknown>;
  repeatOf?: number;
}

/**
 * A fleet group's count or population key that may take a whole number in `[min, max]`.
 * `original`: the number written, or null when the scenario draws it per instance from a
 * range (then a variant either keeps what is written or sets a number). A count shrinks
 * toward `min` (the smallest fleet); a population value toward the original.
 */
export interface FleetSpace {
  /** The group's place in the written fleet, and its name. */
  group: number;
  name: string;
  key: string;
  min: number;
  max: number;
  original: number | null;
}

/** A purchase that may be smaller: an account's (at the start) or a timeline entry's, its count down to `min`. */
export interface PurchaseSpace {
  /** Where its count is written: `['accounts', 0, 'purchases', 1, 'count']` or `['timeline', 3, 'count']`. */
  path: Array<string | number>;
  /** `accounts[va]` or `timeline[3]`. */
  where: string;
  type: string;
  original: number;
  min: number;
}

/** A policy parameter (in days) of one model that may take a whole number of days in `[min, max]`; `original`: the scenario's. */
export interface PolicySpace {
  model: ModelName;
  key: string;
  min: number;
  max: number;
  /** The scenario's own value, brought within the range (shrinking goes toward it). */
  original: number;
}

/** Everything a variant of one scenario may change, with the bounds that keep it valid. */
export interface FuzzSpace {
  /** True when the scenario has no `fuzz:` block and the defaults apply. */
  derived: boolean;
  /** The run's length in days (inserted entries land on a whole day before it). */
  days: number;
  entries: EntrySpace[];
  drop: boolean;
  inserts: InsertChoice[];
  policy: PolicySpace[];
  fleet: FleetSpace[];
  purchases: PurchaseSpace[];
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The last whole day an entry may start on: before the end of the run. */
const lastDay = (days: number) => Math.max(0, Math.ceil(days) - 1);

/**
 * The whole-day shift bounds of an entry on `day`: at most `shift` either way, never
 * before day 0 nor at or after the end of the run.
 *
 * @example
 * shiftBounds(2, 5, 60); // { minShift: -2, maxShift: 5 }
 */
export function shiftBounds(day: number, shift: number, days: number): { minShift: number; maxShift: number } {
  const n = Math.floor(shift);
  return { minShift: 0 - Math.min(n, Math.floor(day)) || 0, maxShift: Math.max(0, Math.min(n, Math.floor(lastDay(days) - day))) };
}

/**
 * The actions a scenario already uses, as insertable actions: each distinct written
 * timeline entry without its days (the default `insert:` of a scenario without `fuzz:`).
 *
 * @example
 * usedActions([{ at: '3d', do: 'register' }, { at: '9d', do: 'register' }]); // [{ do: 'register' }]
 */
export function usedActions(timeline: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  const seen = new Map<string, Record<string, unknown>>();
  for (const entry of timeline) {
    const action = withoutDays(entry);
    seen.set(JSON.stringify(action), action);
  }
  return [...seen.values()];
}

type Doc = Record<string, unknown>;

/** The counts and populations of `fuzz.fleet`, each a range; a group or key the fleet does not have is a problem at its key. */
function fleetSpace(block: FuzzBlock, written: Doc, problems: PathProblem[]): FleetSpace[] {
  const fleet = (written.fleet as Doc[] | undefined) ?? [];
  const out: FleetSpace[] = [];
  for (const [name, keys] of Object.entries(block.fleet ?? {})) {
    const group = fleet.findIndex((g) => g.name === name);
    const spec = fleet[group];
    if (!spec) {
      const known = fleet.map((g) => String(g.name)).join(', ');
      problems.push({ path: ['fuzz', 'fleet'], key: name, message: `no fleet group is named "${name}" (groups: ${known})` });
      continue;
    }
    const model = String(spec.model) as keyof typeof POPULATION_KEYS;
    const population: readonly string[] = POPULATION_KEYS[model] ?? [];
    for (const [key, value] of Object.entries(keys)) {
      if (value === undefined) continue;
      if (key !== 'count' && !population.includes(key)) {
        const allowed = ['count', ...population].join(', ');
        problems.push({ path: ['fuzz', 'fleet', name], key, message: `a ${model} group has no "${key}" to vary (it has: ${allowed})` });
        continue;
      }
      const { min, max } = typeof value === 'number' ? { min: value, max: value } : value;
      if (key === 'count' && min < 1) {
        problems.push({ path: ['fuzz', 'fleet', name, key], message: 'expected a range of counts of at least 1' });
        continue;
      }
      const w = spec[key];
      if (typeof w === 'number' && (w < min || w > max)) {
        const message = `expected a range holding the group's ${key} as written (${w})`;
        problems.push({ path: ['fuzz', 'fleet', name, key], message });
        continue;
      }
      const original = typeof w === 'number' ? w : null;
      out.push({ group, name, key, min, max, original: key === 'count' ? (original ?? min) : original });
    }
  }
  return out;
}

/** The purchases that may be smaller (`fuzz.purchases.smaller`): every account's and every timeline purchase's count. */
function purchaseSpace(smaller: number, written: Doc): PurchaseSpace[] {
  if (smaller <= 0) return [];
  const out: PurchaseSpace[] = [];
  const add = (path: Array<string | number>, where: string, p: Doc) => {
    if (typeof p.count !== 'number') return;
    out.push({ path, where, type: String(p.type), original: p.count, min: Math.max(1, Math.ceil(p.count * (1 - smaller))) });
  };
  ((written.accounts as Doc[] | undefined) ?? []).forEach((a, i) => {
    for (const [j, p] of ((a.purchases as Doc[] | undefined) ?? []).entries())
      add(['accounts', i, 'purchases', j, 'count'], `accounts[${a.id}]`, p);
  });
  ((written.timeline as Doc[] | undefined) ?? []).forEach((e, i) => {
    if (e.do === 'purchase') add(['timeline', i, 'count'], `timeline[${i}]`, e);
  });
  return out.filter((p) => p.min < p.original);
}

/** The models of the fleet whose policy has `key` as a parameter in days. */
function modelsWith(raw: RawScenario, key: string): ModelName[] {
  const inFleet = new Set(raw.fleet.map((g) => g.model));
  return MODELS.filter((m) => inFleet.has(m) && policyParameters(m)[key]?.unit.startsWith('days'));
}

/**
 * What may vary around one scenario: its `fuzz:` block, or the defaults (every entry
 * ±30 days, any dropped, the actions it uses inserted, no policy range). `written` is
 * the scenario as written (plain YAML data), `raw` as parsed, `loaded` as resolved.
 * A policy parameter no model of the fleet has is a problem at its key.
 */
export function fuzzSpace(
  written: Record<string, unknown>,
  raw: RawScenario,
  loaded: LoadedScenario,
): { space: FuzzSpace; problems: PathProblem[] } {
  const block: FuzzBlock | undefined = raw.fuzz;
  const scenario = loaded.variants[0]?.scenario;
  const days = loaded.days;
  const shift = block ? (block.shift ?? 0) : DEFAULT_SHIFT_DAYS;
  const timeline = (written.timeline as Record<string, unknown>[] | undefined) ?? [];
  const problems: PathProblem[] = [];
  const late = block?.purchases?.late ?? 0;
  if (!Number.isInteger(late))
    problems.push({ path: ['fuzz', 'purchases', 'late'], message: 'expected whole days (a purchase moves by days)' });
  const entries = (scenario?.timeline ?? []).map((e, index): EntrySpace => {
    const bounds = shiftBounds(e.at, shift, days);
    // A purchase that may come late moves up to `late` days later (and as early as `shift` allows).
    if (e.action.kind === 'purchase' && late > bounds.maxShift) bounds.maxShift = shiftBounds(e.at, late, days).maxShift;
    const target = timeline[index]?.target;
    const fraction = typeof target === 'object' && target !== null && 'fraction' in target;
    return { index, kind: e.action.kind, day: e.at, ...bounds, ...(fraction ? { fraction } : {}) };
  });
  const insertsWritten = block ? ((written.fuzz as { insert?: Record<string, unknown>[] }).insert ?? []) : usedActions(timeline);
  const inserts: InsertChoice[] = insertsWritten.map((w) => ({ kind: String(w.do), written: w }));
  if (block?.repeat)
    timeline.forEach((entry, i) => {
      inserts.push({ kind: String(entry.do), written: withoutDays(entry), repeatOf: i });
    });
  const policy: PolicySpace[] = [];
  for (const [key, range] of Object.entries(block?.policy ?? {}) as Array<[string, DayRange | undefined]>) {
    if (!range) continue;
    const models = modelsWith(raw, key);
    if (!models.length)
      problems.push({ path: ['fuzz', 'policy'], key, message: `no model of the fleet has the policy parameter "${key}"` });
    const min = Math.ceil(range.min);
    const max = Math.floor(range.max);
    if (min > max) problems.push({ path: ['fuzz', 'policy', key], message: `expected a range holding a whole number of days` });
    for (const model of models) {
      const value = (scenario?.policy as Record<string, Record<string, unknown>> | undefined)?.[model]?.[key];
      const original = clamp(Math.round(typeof value === 'number' ? value : min), min, max);
      policy.push({ model, key, min, max, original });
    }
  }
  const fleet = block ? fleetSpace(block, written, problems) : [];
  const purchases = purchaseSpace(block?.purchases?.smaller ?? 0, written);
  const drop = block ? (block.drop ?? false) : true;
  return { space: { derived: !block, days, entries, drop, inserts, policy, fleet, purchases }, problems };
}
