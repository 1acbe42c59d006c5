import { listOf } from '../engine/units.ts';
import { EXPECTATIONS } from '../scenarios/expect/registry.ts';
import { states } from '../scenarios/expect/resolve.ts';
import { expectationScope } from '../scenarios/loader/resolveExpectation.ts';
import type { ResolveContext } from '../scenarios/loader/resolveScenario.ts';
import { GRAPH_SCHEMAS, PROPERTY_KINDS, type RawProperty, VERIFIABLE_KINDS } from './schema.ts';
import type { GraphProperty } from './spec.ts';

/** A property kind judged on the explored graph. */
export type GraphKind = keyof typeof GRAPH_SCHEMAS;

const COMMON = new Set(['name', 'rules', 'expect']);

export const isGraphKind = (kind: string): kind is GraphKind => Object.hasOwn(GRAPH_SCHEMAS, kind);

const kindList = () => `${PROPERTY_KINDS.slice(0, -1).join(', ')} or ${PROPERTY_KINDS.at(-1)}`;

/** The key of a property that says what it checks, or null (with a problem) when it has none or more than one. */
export function propertyKind(p: RawProperty, problem: (message: string, key?: string) => void): string | null {
  const kinds = Object.keys(p).filter((k) => !COMMON.has(k) && (p as Record<string, unknown>)[k] !== undefined);
  if (kinds.length === 1) return kinds[0] as string;
  if (!kinds.length) problem(`missing (required): what the property checks, one of ${kindList()}`);
  else problem(`a property checks one thing: found ${kinds.join(' and ')}; keep one (one of ${kindList()})`, kinds[1]);
  return null;
}

/**
 * Why an expectation kind cannot be a property: its monitor cannot be checked on every
 * path (no `verifiable` in its definition); or undefined when `key` is no expectation kind.
 */
export function notVerifiable(key: string): string | undefined {
  if (!EXPECTATIONS.some((d) => d.kind === key) || VERIFIABLE_KINDS.includes(key)) return undefined;
  return `${key} cannot be a property: licsim verify checks ${kindList()} (${key} is checked by licsim run, under a scenario's expect:)`;
}

/** A graph property's body at `path`, resolved: its states against the fleet's models, its groups and variants checked. */
export function resolveGraphProperty(
  ctx: ResolveContext,
  kind: GraphKind,
  body: unknown,
  path: Array<string | number>,
): { check: GraphProperty; variants: string[] | null } {
  const fields = (body === true ? {} : body) as Record<string, unknown>;
  const { groups, variants, x } = expectationScope(ctx, fields, path);
  if (kind === 'deadlockFree') return { check: { kind }, variants };
  const target = states(x, listOf(fields.state as string | string[]) as string[], [...path, 'state']);
  return { check: { kind, target, groups }, variants };
}
