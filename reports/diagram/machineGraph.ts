import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { DELAY_PARAMETERS } from '../../machines/delayParameters.ts';
import type { StateMeta, StatusGroup } from '../../machines/meta.ts';

/** A state of a machine as a diagram draws it: a box, nested in its parent's (a region, for a parallel parent). */
export interface DiagramState {
  /** The state's path, `registered.compliance.outOfCompliance` (`(root)` for the machine). */
  id: string;
  /** The last step of the path: what the box is labelled with. */
  key: string;
  kind: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  /** The parent's id; null for the root. */
  parent: string | null;
  /** Whether the parent enters it first (a compound parent's `initial`). */
  initial: boolean;
  /** The status it shows, with its report group (the charts' colour), when it shows one. */
  status: { name: string; group: StatusGroup } | null;
  rules: string[];
  /** The alarms it raises on entry and clears on exit. */
  raises: string[];
  clears: string[];
}

/** What makes a transition fire. */
export type Trigger =
  | { kind: 'event'; event: string }
  /** A named delay, with the policy values it is computed from (machines/delayParameters.ts). */
  | { kind: 'timer'; delay: string; parameters: Array<{ name: string; value: string }> }
  | { kind: 'always' };

/** A transition as a diagram draws it: an arrow from its state to its targets (none: it stays), with its label. */
export interface DiagramTransition {
  /** `source —trigger→ targets #k`, unique within the machine. */
  id: string;
  source: string;
  targets: string[];
  trigger: Trigger;
  /** The guard's name, when it has one. */
  guard: string | null;
  /** What it does, in words: `raise SmartLicenseInEval`, `refuse (SL-12)`, `recordPath`. */
  actions: string[];
  rules: string[];
  /** The label the diagram writes: the trigger, `[guard]`, `/ actions`. */
  label: string;
}

/** A machine as diagram data: its states in document order and its transitions in the order XState tries them. */
export interface MachineGraph {
  machine: string;
  states: DiagramState[];
  transitions: DiagramTransition[];
}

/** The policy values a label shows: numbers of days with `d`, the rest as written. */
function shown(name: string, value: unknown): string {
  if (value === undefined) return '?';
  if (typeof value === 'number') return name.endsWith('Days') ? `${value} d` : String(value);
  return typeof value === 'string' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

const AFTER = /^xstate\.after\.([^.]+)\./;

/** A guard's name: as configured, or the combinator and its parts (`and(canRenew, online)`). */
function guardName(guard: unknown): string | null {
  if (guard === undefined || guard === null) return null;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'object' && 'type' in guard) return String((guard as { type: unknown }).type);
  if (typeof guard === 'function') {
    const parts = (guard as { guards?: unknown[] }).guards;
    const name = guard.name.replace(/^bound /, '') || 'guard';
    return parts ? `${name}(${parts.map(guardName).join(', ')})` : name;
  }
  return 'guard';
}

/** An action in words. */
function actionText(action: unknown): string | null {
  if (typeof action === 'string') return action;
  if (typeof action !== 'object' || action === null) return typeof action === 'function' ? action.name || null : null;
  const { type, params } = action as { type?: unknown; params?: Record<string, unknown> };
  if (type === 'alarm') return `${params?.cleared ? 'clear' : 'raise'} ${String(params?.name)}`;
  if (type === 'refuse') return `refuse${params?.rule ? ` (${String(params.rule)})` : ''}`;
  if (type === 'effect') return `effect ${String((params?.effect as { kind?: unknown } | undefined)?.kind ?? params?.kind ?? '')}`.trim();
  return typeof type === 'string' ? type : null;
}

const actionsOf = (list: readonly unknown[] | undefined) => (list ?? []).flatMap((a) => actionText(a) ?? []);

/** The alarms of a state's entry or exit actions. */
const alarmsOf = (list: readonly unknown[] | undefined, cleared: boolean) =>
  (list ?? []).flatMap((a) => {
    const { type, params } = (typeof a === 'object' && a !== null ? a : {}) as {
      type?: unknown;
      params?: { name?: unknown; cleared?: unknown };
    };
    return type === 'alarm' && Boolean(params?.cleared) === cleared ? [String(params?.name)] : [];
  });

const pathOf = (node: AnyStateNode) => node.path.join('.') || '(root)';

/** The label of a trigger: the event, `after overageDays = 90 d, …` for a timer, `always` for an eventless one. */
export function triggerText(t: Trigger): string {
  if (t.kind === 'event') return t.event;
  if (t.kind === 'always') return 'always';
  return t.parameters.length ? `after ${t.parameters.map((p) => `${p.name} = ${p.value}`).join(', ')}` : `after ${t.delay}`;
}

/**
 * The diagram data of a machine: every state (nesting, kind, status and group, rules, alarms) and every transition
 * (its trigger, timers labelled with the values of `policy` they are computed from, guard, actions and rules). What
 * the layout draws; a policy value changes exactly the labels of the timers that read it.
 *
 * @example
 * const g = machineGraph(machines.models['smart-licensing'], policy['smart-licensing']);
 * g.transitions.find((t) => t.trigger.kind === 'timer' && t.trigger.delay === 'overage')?.label;
 * // 'after overageDays = 90 d, overageCapDays = none, overageClock = restart'
 */
export function machineGraph(machine: AnyStateMachine, policy: Readonly<Record<string, unknown>> = {}): MachineGraph {
  const states: DiagramState[] = [];
  const transitions: DiagramTransition[] = [];
  const delays = DELAY_PARAMETERS[machine.id] ?? {};
  const visit = (node: AnyStateNode) => {
    const meta = node.meta as StateMeta | undefined;
    const parent = node.parent ?? null;
    states.push({
      id: pathOf(node),
      key: node.key,
      kind: node.type,
      parent: parent ? pathOf(parent) : null,
      initial: parent?.type === 'compound' && parent.config.initial === node.key,
      status: meta?.status ? { name: meta.status.name, group: meta.status.group } : null,
      rules: [...(meta?.rules ?? [])],
      raises: alarmsOf(node.entry as unknown[], false),
      clears: alarmsOf(node.exit as unknown[], true),
    });
    const defs = [
      ...[...node.transitions].flatMap(([type, list]) => list.map((def) => ({ type, def }))),
      ...(node.always ?? []).map((def) => ({ type: '', def })),
    ];
    for (const [k, { type, def }] of defs.entries()) {
      const after = AFTER.exec(type);
      const trigger: Trigger = after
        ? {
            kind: 'timer',
            delay: after[1] as string,
            parameters: (delays[after[1] as string] ?? []).map((name) => ({ name, value: shown(name, policy[name]) })),
          }
        : type
          ? { kind: 'event', event: type }
          : { kind: 'always' };
      const guard = guardName(def.guard);
      const actions = actionsOf(def.actions as unknown[]);
      const targets = (def.target ?? []).map((t: AnyStateNode) => pathOf(t));
      const label = [triggerText(trigger), guard ? `[${guard}]` : '', actions.length ? `/ ${actions.join(', ')}` : '']
        .filter(Boolean)
        .join(' ');
      transitions.push({
        id: `${pathOf(node)} —${triggerText(trigger)}→ ${targets.join(', ') || '(stays)'} #${k}`,
        source: pathOf(node),
        targets,
        trigger,
        guard,
        actions,
        rules: [...(((def.meta as { rules?: string[] } | undefined)?.rules as string[] | undefined) ?? [])],
        label,
      });
    }
    for (const child of Object.values(node.states) as AnyStateNode[]) visit(child);
  };
  visit(machine.root);
  return { machine: machine.id, states, transitions };
}
