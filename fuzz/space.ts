import { MODELS, type ModelName, policyParameters } from '../machines/policyOverride.ts';
import type { LoadedScenario, PathProblem } from '../scenarios/loader/resolveScenario.ts';
import type { RawScenario } from '../scenarios/loader/schema.ts';
import type { DayRange, FuzzBlock } from './schema.ts';

/** How far an entry may move when a scenario has no `fuzz:` block, in days either way. */
export const DEFAULT_SHIFT_DAYS = 30;

/** The keys of a timeline entry that say when it happens (an insertable action has none). */
const DAY_KEYS = ['at', 'every', 'until'];

/** One written timeline entry and the whole days it may move: `minShift ≤ 0 ≤ maxShift`, keeping it within the run. */
export interface EntrySpace {
  index: number;
  kind: string;
  /** Its day as resolved (days from the start). */
  day: number;
  minShift: number;
  maxShift: number;
}

/** An action that may be inserted, as written (without days). */
export interface InsertChoice {
  kind: string;
  written: Record<string, unknown>;
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
    const action = Object.fromEntries(Object.entries(entry).filter(([k]) => !DAY_KEYS.includes(k)));
    seen.set(JSON.stringify(action), action);
  }
  return [...seen.values()];
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
  const entries = (scenario?.timeline ?? []).map(
    (e, index): EntrySpace => ({ index, kind: e.action.kind, day: e.at, ...shiftBounds(e.at, shift, days) }),
  );
  const insertsWritten = block ? ((written.fuzz as { insert?: Record<string, unknown>[] }).insert ?? []) : usedActions(timeline);
  const inserts = insertsWritten.map((w) => ({ kind: String(w.do), written: w }));
  const problems: PathProblem[] = [];
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
  return { space: { derived: !block, days, entries, drop: block ? (block.drop ?? false) : true, inserts, policy }, problems };
}
