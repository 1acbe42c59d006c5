import type { z } from 'zod';
import type { IndexRanges } from '../../engine/indexRanges.ts';
import type { ModelName } from '../../machines/policyOverride.ts';
import type { Monitor } from './monitor.ts';

/** A path in the scenario document, for a problem's location. */
export type DocPath = Array<string | number>;

/** Instances named by index within each group in scope (kept as ranges) and by id. */
export interface InstanceSelection {
  indices: IndexRanges;
  ids: readonly string[];
}

/** What every resolved expectation has, whatever its kind. */
export interface ExpectationBase {
  title: string;
  source: { file: string; line: number };
  /** Fleet groups in scope; null for all. */
  groups: string[] | null;
  /** The instances in scope among those groups, by index within each group (ranges) or by id; null for all. */
  instances: InstanceSelection | null;
  /** Compared variants it checks; null for all. */
  variants: string[] | null;
  /** Its `tags:` (what `--tag` picks by), when it has any. */
  tags?: string[];
  /** `skip` or `todo`: not checked, reported as such; `fails`: expected to fail (a failure passes, a pass fails). */
  mark?: ExpectationMark;
}

/** How an expectation is marked, with the reason written (empty when only `true` was). */
export interface ExpectationMark {
  kind: 'skip' | 'todo' | 'fails';
  reason: string;
}

/** What a kind's `resolve` may ask of the document its body is read from (the loader provides it). */
export interface ExpectationContext {
  /** Where the body is: `['expect', i, kind]`. */
  path: DocPath;
  /** The run's length in days. */
  end: number;
  /** The fleet groups in scope (already checked), or null for all. */
  groups: string[] | null;
  /** The body's `key` (a `when`) as a day of the run, checked; `fallback` when absent. */
  day(key: string, fallback: number): number;
  /** The models of the fleet groups given (all groups when null). */
  modelsOf(groups: string[] | null): ModelName[];
  /** Checks that an account exists. */
  account(id: string, path: DocPath): void;
  problem(path: DocPath, message: string): void;
}

type Flat<T> = { [P in keyof T]: T[P] };

/** A resolved expectation of kind `K` whose own fields (and title) are `R`. */
export type Resolved<K extends string, R> = Flat<{ kind: K } & ExpectationBase & R>;

/** An expectation's body as read (`true`, as in `ledgerBalanced: true`, reads as `{}`). */
export type BodyOf<S extends z.ZodType> = Exclude<z.output<S>, true>;

/**
 * One expectation kind (a key of an `expect:` item): its body's schema, how it is
 * resolved against the scenario, and the monitor that checks it. Everything else
 * that knows of kinds (the scenario schema, the loader, the types, the runner)
 * reads them from the registry of these.
 */
export interface ExpectationDefinition<
  K extends string = string,
  S extends z.ZodType = z.ZodType,
  R extends { title: string } = { title: string },
> {
  kind: K;
  /** One line for the JSON Schema. */
  doc: string;
  /** The body under the key. */
  schema: S;
  /** The title and the kind's own fields; the loader adds kind, source, groups and variants. */
  resolve(body: BodyOf<S>, x: ExpectationContext): R;
  // NoInfer: the kind and fields come from `kind` and `resolve`; a monitor shared by several kinds takes a wider type.
  /** The observer that checks it during a run and gives its verdict. */
  monitor(e: NoInfer<Resolved<K, R>>): Monitor;
  /**
   * Its monitor has `check` (monitor.ts Checkable): a verification file may state it as a
   * property, checked by `licsim verify` on every path of the world it explores.
   */
  verifiable?: true;
}

/** Defines an expectation kind (types inferred from the schema and `resolve`). */
export function defineExpectation<K extends string, S extends z.ZodType, R extends { title: string }>(
  def: ExpectationDefinition<K, S, R>,
): ExpectationDefinition<K, S, R> {
  return def;
}
