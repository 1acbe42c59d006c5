import type { ExpectationDefinition, Resolved } from './definition.ts';
import { alarm } from './kinds/alarm.ts';
import { consistent } from './kinds/consistent.ts';
import { leadsTo } from './kinds/leadsTo.ts';
import { ledger } from './kinds/ledger.ts';
import { ledgerBalanced } from './kinds/ledgerBalanced.ts';
import { maxOverdraft } from './kinds/maxOverdraft.ts';
import { noServiceLoss } from './kinds/noServiceLoss.ts';
import { refused } from './kinds/refused.ts';
import { residence } from './kinds/residence.ts';
import { stateCount } from './kinds/stateCount.ts';
import { always, eventually, never } from './kinds/states.ts';
import { warnsBefore } from './kinds/warnsBefore.ts';
import type { Monitor } from './monitor.ts';

/**
 * Every expectation kind, in the order the README, the JSON Schema and error
 * messages give them. The one definition each: the scenario schema, the loader,
 * the `Expectation` type and the monitors are derived from this list.
 */
export const EXPECTATIONS = [
  maxOverdraft,
  ledger,
  never,
  eventually,
  always,
  leadsTo,
  residence,
  stateCount,
  alarm,
  refused,
  noServiceLoss,
  warnsBefore,
  ledgerBalanced,
  consistent,
] as const;

type Definition = (typeof EXPECTATIONS)[number];

/** An expectation kind: a key of an `expect:` item. */
export type ExpectationKind = Definition['kind'];

// Distributes over the definitions: each gives its kind and what its resolve returns.
type ResolvedOf<D> = D extends { kind: infer K extends string; resolve(...args: never[]): infer R } ? Resolved<K, R> : never;

/** One resolved expectation, of any kind: what the loader gives and a monitor checks. */
export type Expectation = ResolvedOf<Definition>;

/** A definition whatever its kind (looked up by kind, so its own types are not known). */
export type AnyExpectationDefinition = ExpectationDefinition;

/** The definition of each kind. */
export const EXPECTATION_BY_KIND = Object.fromEntries(EXPECTATIONS.map((d) => [d.kind, d])) as unknown as Record<
  ExpectationKind,
  AnyExpectationDefinition
>;

/** The type of each kind's body schema, by kind. */
export type ExpectationSchemas = { [D in Definition as D['kind']]: D['schema'] };

/** The schema of each kind's body, described by its doc, by kind in the registry's order. */
export const EXPECTATION_SCHEMAS = Object.fromEntries(
  EXPECTATIONS.map((d) => [d.kind, d.schema.describe(d.doc)]),
) as unknown as ExpectationSchemas;

/** The monitor that checks an expectation during (and after) a run. */
export function monitorFor(e: Expectation): Monitor {
  return EXPECTATION_BY_KIND[e.kind].monitor(e);
}
