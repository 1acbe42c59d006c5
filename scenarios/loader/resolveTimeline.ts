import type { TimelineAction, TimelineEntry } from '../../engine/scenario.ts';
import { DEVICE_ACTIONS } from '../../engine/timeline/actions/devices.ts';
import { ACTION_BY_KIND } from '../../engine/timeline/registry.ts';
import { listOf } from '../../engine/units.ts';
import { modelStatuses } from '../../engine/world/statuses.ts';
import { CAPABILITIES, DEFAULT_DEVICE_UNITS } from '../../ledger/deviceUnitTable.ts';
import type { ResolveContext } from './resolveScenario.ts';
import type { RawTimeline } from './schema.ts';
import { didYouMean, unknownName } from './suggest.ts';

const COMMON = new Set(['at', 'every', 'until', 'target', 'do']);

/** Devices a node-locked group counts besides its phone types (DLU-2, DLU-3). */
const OTHER_DEVICES = [...CAPABILITIES, 'softphone'];

/**
 * Devices added or removed by type exist only in node-locked groups, and only the
 * types a group has: anything else would be ignored (or could not be counted).
 */
function checkDevices(ctx: ResolveContext, devices: Record<string, number>, groups: string[] | null, path: Array<string | number>) {
  const targeted = ctx.raw.fleet.filter((g) => !groups || groups.includes(g.name));
  for (const g of targeted) {
    if (g.model !== 'node-locked') {
      ctx.problem(path, `group ${g.name} is ${g.model}: devices by type are counted in node-locked groups only (use users or percent)`);
      return;
    }
    const known = [...Object.keys(g.phones), ...OTHER_DEVICES];
    for (const type of Object.keys(devices)) {
      if (!known.includes(type))
        ctx.problem([...path, type], `group ${g.name} has no ${type} devices${didYouMean(type, known)} (it has: ${known.join(', ')})`);
    }
  }
}

/**
 * DLU-4: named devices exist only in node-locked groups with `deviceModel: individual`,
 * and a device added by name must be of a type the device unit table knows.
 */
function checkNamedDevices(ctx: ResolveContext, action: TimelineAction, groups: string[] | null, path: Array<string | number>) {
  const nodeLocked = ctx.raw.fleet.filter((g) => g.model === 'node-locked' && (!groups || groups.includes(g.name)));
  const aggregate = nodeLocked.filter((g) => g.model === 'node-locked' && g.deviceModel !== 'individual').map((g) => g.name);
  if (groups ? aggregate.length > 0 : nodeLocked.length === aggregate.length) {
    const which = aggregate.length ? `group ${aggregate.join(', ')} counts` : 'no node-locked group names';
    ctx.problem(
      [...path, 'do'],
      `${action.kind} needs named devices: ${which} its devices in aggregate (deviceModel: individual names them)`,
    );
  }
  if (action.kind === 'add-device' && !DEFAULT_DEVICE_UNITS[action.type]) {
    ctx.problem([...path, 'type'], unknownName('device type', action.type, Object.keys(DEFAULT_DEVICE_UNITS), 'types'));
  }
}

/** One timeline entry: days checked against the run, targets against the fleet, the action read by its definition. */
export function resolveTimeline(
  ctx: ResolveContext,
  raw: RawTimeline,
  i: number,
  /** Where the list is: the scenario's `timeline`, or a compared variant's (`compare`, its name, `timeline`). */
  list: Array<string | number> = ['timeline'],
): TimelineEntry {
  const path = [...list, i];
  const def = ACTION_BY_KIND[raw.do];
  const at = ctx.day(raw.at, [...path, 'at'], { allowEnd: false });
  const until = raw.until !== undefined ? ctx.day(raw.until, [...path, 'until']) : undefined;
  if (until !== undefined && until < at)
    ctx.problem([...path, 'until'], `expected until to be at or after at (day ${at}), found day ${until}`);
  const t = raw.target === 'all' ? {} : raw.target;
  const groups = ctx.groupsOf(listOf(t.groups), [...path, 'target', 'groups']);
  const indices = t.indices ? ctx.indexRanges(t.indices, groups, [...path, 'target', 'indices']) : undefined;
  const models = ctx.modelsOf(groups);
  const applies = def.models.filter((m) => models.includes(m));
  // With an unknown (or refused) group the reference is the problem; the action and statuses are judged once the groups are right.
  const scopeKnown = ctx.scopeKnown(groups);
  if (def.models.length && scopeKnown && !applies.length) {
    ctx.problem(
      [...path, 'do'],
      `${raw.do} does not apply to ${models.join(', ') || 'the targeted groups'}; it applies to ${def.models.join(', ')} instances`,
    );
  }
  const statuses = listOf(t.status);
  if (statuses && scopeKnown) {
    const known = new Set(models.flatMap((m) => modelStatuses(m).map((s) => s.name)));
    statuses.forEach((s, k) => {
      if (!known.has(s))
        ctx.problem(
          [...path, 'target', 'status', ...(Array.isArray(t.status) ? [k] : [])],
          `unknown status "${s}" for ${models.join(', ')}${didYouMean(s, known)} (statuses: ${[...known].join(', ')})`,
        );
    });
  }
  const own = Object.fromEntries(Object.entries(raw).filter(([key]) => !COMMON.has(key)));
  const action = { kind: raw.do, ...def.resolve(own, ctx, path) } as TimelineAction;
  if ('devices' in action && action.devices) checkDevices(ctx, action.devices, groups, [...path, 'devices']);
  if (DEVICE_ACTIONS.has(action.kind)) checkNamedDevices(ctx, action, groups, path);
  return {
    at,
    ...(raw.every !== undefined ? { every: raw.every } : {}),
    ...(until !== undefined ? { until } : {}),
    target: {
      ...(groups ? { groups } : {}),
      ...(t.fraction !== undefined ? { fraction: t.fraction } : {}),
      ...(statuses ? { status: statuses } : {}),
      ...(indices ? { indices } : {}),
    },
    action,
  };
}
