import { ACTION_MODELS, type TimelineAction, type TimelineEntry } from '../../engine/scenario.ts';
import { modelStatuses } from '../../machines/statusOfModels.ts';
import type { ResolveContext } from './resolveScenario.ts';
import type { RawTimeline } from './schema.ts';
import { listOf } from './units.ts';

/** One timeline entry: days checked against the run, targets against the fleet, the event against the models it reaches. */
export function resolveTimeline(ctx: ResolveContext, raw: RawTimeline, i: number): TimelineEntry {
  const path = ['timeline', i];
  const at = ctx.day(raw.at, [...path, 'at'], { allowEnd: false });
  const until = raw.until !== undefined ? ctx.day(raw.until, [...path, 'until']) : undefined;
  if (until !== undefined && until < at) ctx.problem([...path, 'until'], `expected until to be at or after at (day ${at}), found day ${until}`);
  const t = raw.target === 'all' ? {} : raw.target;
  const groups = ctx.groupsOf(listOf(t.groups), [...path, 'target', 'groups']);
  const models = ctx.modelsOf(groups);
  const applies = ACTION_MODELS[raw.do].filter((m) => models.includes(m));
  const groupsKnown = (groups ?? []).every((g) => ctx.raw.fleet.some((f) => f.name === g));
  // With an unknown group the reference is the problem; the event is judged once the groups are right.
  if (raw.do !== 'purchase' && groupsKnown && !applies.length) {
    ctx.problem([...path, 'do'], `${raw.do} does not apply to ${models.join(', ') || 'the targeted groups'}; it applies to ${ACTION_MODELS[raw.do].join(', ')} instances`);
  }
  const statuses = listOf(t.status);
  if (statuses) {
    const known = new Set(models.flatMap((m) => modelStatuses(m).map((s) => s.name)));
    statuses.forEach((s, k) => {
      if (!known.has(s)) ctx.problem([...path, 'target', 'status', ...(Array.isArray(t.status) ? [k] : [])], `unknown status "${s}" for ${models.join(', ')} (statuses: ${[...known].join(', ')})`);
    });
  }
  let action: TimelineAction;
  switch (raw.do) {
    case 'register':
      if (raw.account !== undefined) ctx.account(raw.account, [...path, 'account'], 'virtual-account');
      action = {
        kind: 'register',
        exportControl: raw.exportControl,
        ...(raw.account ? { account: raw.account } : {}),
        ...(raw.tokenExpires !== undefined ? { tokenExpiresDay: ctx.day(raw.tokenExpires, [...path, 'tokenExpires']) } : {}),
      };
      break;
    case 'reregister':
      ctx.account(raw.account, [...path, 'account'], 'virtual-account');
      action = { kind: 'reregister', account: raw.account, exportControl: raw.exportControl };
      break;
    case 'purchase': {
      ctx.account(raw.account, [...path, 'account']);
      action = { kind: 'purchase', account: raw.account, ...ctx.purchase(raw, path) };
      break;
    }
    case 'grow':
    case 'remove':
      if (raw.percent === undefined && raw.users === undefined && raw.devices === undefined) {
        ctx.problem(path, `${raw.do} needs percent, users or devices`);
      }
      action = { kind: raw.do, ...(raw.percent !== undefined ? { percent: raw.percent } : {}), ...(raw.users !== undefined ? { users: raw.users } : {}), ...(raw.devices ? { devices: raw.devices } : {}) };
      break;
    default: {
      const { at: _a, every: _e, until: _u, target: _t, do: kind, ...params } = raw as RawTimeline & Record<string, unknown>;
      action = { kind, ...params } as TimelineAction;
    }
  }
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
