import { listOf } from '../../engine/units.ts';
import type { ExpectationContext } from '../expect/definition.ts';
import { EXPECTATION_BY_KIND, type Expectation, type ExpectationKind } from '../expect/registry.ts';
import type { RawExpectation } from '../expect/schema.ts';
import type { ResolveContext } from './resolveScenario.ts';

/**
 * One expectation: the part every kind shares (its source line, groups checked
 * against the fleet, variants against the comparison, days against the run),
 * then its kind's own `resolve` for the title and the rest.
 */
export function resolveExpectation(ctx: ResolveContext, raw: RawExpectation, i: number): Expectation {
  const [kind, value] = Object.entries(raw)[0] as [ExpectationKind, unknown];
  const body = (value === true ? {} : value) as Record<string, unknown>;
  const path: Array<string | number> = ['expect', i, kind];
  const source = { file: ctx.file, line: ctx.lineOf([...ctx.base, 'expect', i]) };
  const day = (key: string, fallback: number) =>
    body[key] === undefined ? fallback : ctx.day(body[key] as number | string, [...path, key]);
  const groups = body.groups !== undefined ? ctx.groupsOf(listOf(body.groups as string | string[]), [...path, 'groups']) : null;
  const variants = body.variant !== undefined ? (listOf(body.variant as string | string[]) as string[]) : null;
  const compared = Object.keys(ctx.raw.compare ?? {});
  for (const [k, v] of (variants ?? []).entries()) {
    if (!compared.includes(v))
      ctx.problem(
        [...path, 'variant', ...(Array.isArray(body.variant) ? [k] : [])],
        compared.length
          ? `unknown variant "${v}" (compared: ${compared.join(', ')})`
          : `"${v}": this scenario compares no variants (add compare:)`,
      );
  }
  const x: ExpectationContext = {
    path,
    end: ctx.raw.duration,
    groups,
    day,
    modelsOf: (g) => ctx.modelsOf(g),
    account: (id, at) => void ctx.account(id, at),
    problem: (at, message) => ctx.problem(at, message),
  };
  const { title, ...own } = EXPECTATION_BY_KIND[kind].resolve(body, x);
  // The kind's resolve gave the fields of its own resolved type; the lookup by kind cannot say so.
  return { kind, title, source, variants, groups, ...own } as Expectation;
}
