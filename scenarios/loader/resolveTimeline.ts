import type { TimelineAction, TimelineEntry } from '../../engine/scenario.ts';
import { ACTION_BY_KIND } from '../../engine/timeline/registry.ts';
import { listOf } from '../../engine/units.ts';
import { modelStatuses } from '../../engine/world/statuses.ts';
import type { ResolveContext } from './resolveScenario.ts';
import type { RawTimeline } from './schema.ts';

const COMMON = new Set(['at', 'every', 'until', 'target', 'do']);

/** One timeline entry: days checked against the run, targets against the fleet, the action read by its definition. */
export function resolveTimeline(ctx: ResolveContext, raw: RawTimeline, i: number): TimelineEntry {
  const path = ['timeline', i];
  const def = ACTION_BY_KIND[raw.do];
  const at = ctx.day(raw.at, [...path, 'at'], { allowEnd: false });
  const until = raw.until !== undefined ? ctx.day(raw.until, [...path, 'until']) : undefined;
  if (until !== undefined && until < at)
    ctx.problem([...path, 'until'], `expected until to be at or after at (day ${at}), found day ${until}`);
  const t = raw.target === 'all' ? {} : raw.target;
  const groups = ctx.groupsOf(listOf(t.groups), [...path, 'target', 'groups']);
  const models = ctx.modelsOf(groups);
  const applies = def.models.filter((m) => models.includes(m));
  const groupsKnown = (groups ?? []).every((g) => ctx.raw.fleet.some((f) => f.name === g));
  // With an unknown group the reference is the problem; the action is judged once the groups are right.
  if (def.models.length && groupsKnown && !applies.length) {
    ctx.problem(
      [...path, 'do'],
      `${raw.do} does not apply to ${models.join(', ') || 'the targeted groups'}; it applies to ${def.models.join(', ')} instances`,
    );
  }
  const statuses = listOf(t.status);
  if (statuses) {
    const known = new Set(models.flatMap((m) => modelStatuses(m).map((s) => s.name)));
    statuses.forEach((s, k) => {
      if (!known.has(s))
        ctx.problem(
          [...path, 'target', 'status', ...(Array.isArray(t.status) ? [k] : [])],
          `unknown status "${s}" for ${models.join(', ')} (statuses: ${[...known].join(', ')})`,
        );
    });
  }
  const own = Object.fromEntries(Object.entries(raw).filter(([key]) => !COMMON.has(key)));
  const action = { kind: raw.do, ...def.resolve(own, ctx, path) } as TimelineAction;
  return {
    at,
    ...(raw.every !== undefined ? { every: raw.every } : {}),
    ...(until !== undefined ? { until } : {}),
    target: {
      ...(groups ? { groups } : {}),
      ...(t.fraction !== undefined ? { fraction: t.fraction } : {}),
      ...(statuses ? { status: statuses } : {}),
      ...(t.indices ? { indices: t.indices } : {}),
    },
    action,
  };
}
