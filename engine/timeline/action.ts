import type { z } from 'zod';
import type { Result } from '../../ledger/result.ts';
import type { ModelName } from '../../machines/policyOverride.ts';
import type { RuleId } from '../../machines/rules.ts';
import type { TimelineOutcome } from '../result.ts';
import type { Simulation } from '../run/simulation.ts';
import type { AccountPlan, Purchase, TimelineEntry } from '../scenario.ts';

/** A path in the scenario document, for a problem's location. */
export type DocPath = Array<string | number>;

/** A purchase as written (a `when` not yet a day). */
export interface RawPurchase {
  type: string;
  count: number;
  term?: { start: number | string; end: number | string } | undefined;
}

/** What an action's `resolve` may ask of the document it is read from (the loader provides it). */
export interface ActionContext {
  /** A `when` as a day of the run (a problem if it lies outside; with `afterRun`, only if before the start). */
  day(value: number | string, path: DocPath, options?: { afterRun?: boolean }): number;
  /** Checks that an account exists (and is of `kind`). */
  account(id: string, path: DocPath, kind?: AccountPlan['kind']): void;
  /** Checks that a satellite exists. */
  satellite(id: string, path: DocPath): void;
  /** A purchase checked for its licence type and term. */
  purchase(p: RawPurchase, path: DocPath): Purchase;
  problem(path: DocPath, message: string): void;
}

/**
 * One timeline action (`do:` in a scenario file): its keys, the models whose instances
 * it reaches, how it is read, and what it does. Every part of licsim that knows of
 * timeline actions (the scenario schema, the loader, the engine, `licsim list`)
 * reads them from the one registry of these.
 */
export interface ActionDefinition<K extends string = string, S extends z.ZodRawShape = z.ZodRawShape, P extends object = object> {
  kind: K;
  /** One line for `licsim list` and the JSON Schema. */
  doc: string;
  rules: readonly RuleId[];
  /** Models whose instances it reaches; empty for an action on the back end itself. */
  models: readonly ModelName[];
  /** Its own keys in a scenario file (besides at, every, until, target and do). */
  shape: S;
  /** Its parameters as the engine runs them, days and references checked. */
  resolve(raw: z.output<z.ZodObject<S>>, ctx: ActionContext, path: DocPath): P;
  /** Applies it to one targeted instance of one of `models`. */
  apply?(sim: Simulation, global: number, params: P): void;
  /** Applies an action on the back end once per occurrence, reporting what it reached in `outcome`. */
  applyOnce?(sim: Simulation, params: P, entry: TimelineEntry, outcome: TimelineOutcome): void;
}

/** Defines an action (types inferred from the shape and `resolve`). */
export function defineAction<K extends string, S extends z.ZodRawShape, P extends object>(
  def: ActionDefinition<K, S, P>,
): ActionDefinition<K, S, P> {
  return def;
}

/** A back-end action's one change (a purchase, a licence's new terms): reached once; a refusal reported with its rule. */
export function reportOnce(outcome: TimelineOutcome, result: Result): void {
  outcome.reached = 1;
  if (!result.ok) {
    outcome.refused = 1;
    outcome.reasons = [{ reason: result.reason, rule: result.rule, count: 1 }];
  }
}
