import { instanceId } from '../../engine/fleet/identity.ts';
import { INDEX_RANGE_SPELLING, type IndexRange, indexRanges, indexRangesText } from '../../engine/indexRanges.ts';
import { listOf } from '../../engine/units.ts';
import type { ExpectationContext, InstanceSelection } from '../expect/definition.ts';
import { EXPECTATION_BY_KIND, type Expectation, type ExpectationKind } from '../expect/registry.ts';
import type { RawExpectation } from '../expect/schema.ts';
import type { ResolveContext } from './resolveScenario.ts';
import { unknownName } from './suggest.ts';

/** What every expectation's body shares, resolved: its fleet groups, instances and variants, and the context its kind reads it in. */
export interface ExpectationScope {
  groups: string[] | null;
  instances: InstanceSelection | null;
  variants: string[] | null;
  x: ExpectationContext;
}

/**
 * The part of a body at `path` every kind shares: groups checked against the fleet,
 * instances against the groups, variants against the comparison; and the context
 * (days against the run) its kind's own fields are resolved in.
 */
export function expectationScope(ctx: ResolveContext, body: Record<string, unknown>, path: Array<string | number>): ExpectationScope {
  const day = (key: string, fallback: number) =>
    body[key] === undefined ? fallback : ctx.day(body[key] as number | string, [...path, key]);
  const groups = body.groups !== undefined ? ctx.groupsOf(listOf(body.groups as string | string[]), [...path, 'groups']) : null;
  const instances =
    body.instances !== undefined ? instancesIn(ctx, body.instances as Array<number | string>, groups, [...path, 'instances']) : null;
  const variants = body.variant !== undefined ? (listOf(body.variant as string | string[]) as string[]) : null;
  const compared = Object.keys(ctx.raw.compare ?? {});
  for (const [k, v] of (variants ?? []).entries()) {
    if (!compared.includes(v) && !ctx.refused.compare && !ctx.refused.variants.has(v))
      ctx.problem(
        [...path, 'variant', ...(Array.isArray(body.variant) ? [k] : [])],
        compared.length ? unknownName('variant', v, compared, 'compared') : `"${v}": this scenario compares no variants (add compare:)`,
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
  return { groups, instances, variants, x };
}

/**
 * One expectation: the part every kind shares (its source line and its scope, see
 * {@link expectationScope}), then its kind's own `resolve` for the title and the rest.
 */
export function resolveExpectation(ctx: ResolveContext, raw: RawExpectation, i: number): Expectation {
  const { tags, skip, todo, fails, ...only } = raw as RawExpectation & {
    tags?: string[];
    skip?: true | string;
    todo?: true | string;
    fails?: true | string;
  };
  const [kind, value] = Object.entries(only)[0] as [ExpectationKind, unknown];
  const marked =
    skip !== undefined
      ? { kind: 'skip' as const, given: skip }
      : todo !== undefined
        ? { kind: 'todo' as const, given: todo }
        : fails !== undefined
          ? { kind: 'fails' as const, given: fails }
          : null;
  const mark = marked ? { mark: { kind: marked.kind, reason: marked.given === true ? '' : marked.given } } : {};
  const body = (value === true ? {} : value) as Record<string, unknown>;
  const source = { file: ctx.file, line: ctx.lineOf([...ctx.base, 'expect', i]) };
  const { groups, instances, variants, x } = expectationScope(ctx, body, ['expect', i, kind]);
  const { title, ...own } = EXPECTATION_BY_KIND[kind].resolve(body, x);
  const titled = instances ? `${title} (instances ${selectionText(instances)})` : title;
  // The kind's resolve gave the fields of its own resolved type; the lookup by kind cannot say so.
  return { kind, title: titled, source, variants, groups, instances, ...(tags ? { tags } : {}), ...mark, ...own } as Expectation;
}

const selectionText = (s: InstanceSelection) => [indexRangesText(s.indices), ...s.ids].filter(Boolean).join(', ');

/**
 * An expectation's `instances`: indices and ranges `first..last` (kept as ranges), each
 * within some group in scope, and ids, each an instance of one (ids are `<group>-<index>`,
 * as results and reports name them).
 */
function instancesIn(
  ctx: ResolveContext,
  list: Array<number | string>,
  groups: string[] | null,
  path: Array<string | number>,
): InstanceSelection {
  const inScope = ctx.raw.fleet.filter((g) => !groups || groups.includes(g.name));
  const ids: string[] = [];
  const ranges: IndexRange[] = [];
  list.forEach((item, k) => {
    if (typeof item === 'number' || INDEX_RANGE_SPELLING.test(item)) {
      for (const range of ctx.indexRanges(item, groups, [...path, k])) ranges.push(range);
      return;
    }
    ids.push(item);
    const known = inScope.some((g) => {
      const dash = item.lastIndexOf('-');
      const index = Number(item.slice(dash + 1));
      return item.slice(0, dash) === g.name && Number.isInteger(index) && index < g.count && instanceId(g.name, index, g.count) === item;
    });
    if (!known) {
      const example = inScope[0] ? instanceId(inScope[0].name, 0, inScope[0].count) : 'a-000';
      ctx.problem([...path, k], `"${item}" is no instance of ${groups ? 'the groups in scope' : 'the fleet'} (ids are like ${example})`);
    }
  });
  return { indices: indexRanges(ranges), ids };
}
