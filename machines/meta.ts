import type { RuleId } from './rules.ts';

/** Continuous permissions the engine asks about before changing a population. */
export const OPERATIONS = ['addDevice', 'provisionUser', 'useSoftphone', 'serve'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** Why an operation is refused in a state. */
export interface Denial {
  rule: RuleId;
  reason: string;
}

/**
 * Report groups: the coarse categories a state-distribution chart stacks, in
 * stacking order. Every status of every machine belongs to one.
 */
export const STATUS_GROUPS = [
  'evaluation',
  'authorized',
  'reserved',
  'production',
  'active',
  'overage',
  'grace',
  'enforcement',
  'expired',
  'retired',
] as const;
export type StatusGroup = (typeof STATUS_GROUPS)[number];

/** The groups whose entry is a loss of provisioning or service: what warning alarms announce (SL-17). */
export const LOSS_GROUPS: readonly StatusGroup[] = ['enforcement', 'expired'];

/** The groups worse the more instance-days they hold: the losses, and the overage and grace that lead to them. */
export const BAD_GROUPS: readonly StatusGroup[] = [...LOSS_GROUPS, 'overage', 'grace'];

/** A status a state shows in reports, with its group and its precedence among parallel regions. */
export interface StatusInfo {
  name: string;
  group: StatusGroup;
  /** Higher wins when several active states carry a status (parallel regions). */
  rank: number;
}

/**
 * What an instance holds in the licensing back end while in a state (DOMAIN.md §6):
 * a registration (and the usage CSSM was last told), an installed reservation,
 * licence units checked out, sessions claimed, or nothing. The `consistent`
 * monitor compares it with the ledger.
 */
export const HOLDINGS = ['nothing', 'registration', 'reservation', 'units', 'sessions'] as const;
export type Holding = (typeof HOLDINGS)[number];

/** What licsim reads from a state's `meta`. */
export interface StateMeta {
  /** The DOMAIN.md rules this state implements. */
  rules: readonly RuleId[];
  status?: StatusInfo;
  deny?: Partial<Record<Operation, Denial>>;
  /** What the instance holds while in this state and its descendants (default: nothing). */
  holds?: Holding;
  /** A state an instance never leaves (listed by the graph test). */
  terminal?: boolean;
  /** On the machine's root: the context keys that hold instants (machines/instants.ts). */
  instants?: readonly string[];
}

/** The operations that provision: what a no-provisioning state denies (SL-2, SL-12, SL-13) and what growth needs. */
export const PROVISIONING = ['addDevice', 'provisionUser'] as const satisfies readonly Operation[];

/** A state's `deny`: each of `ops` refused for one rule and reason. */
export function deny(ops: readonly Operation[], rule: RuleId, reason: string): Partial<Record<Operation, Denial>> {
  return Object.fromEntries(ops.map((op) => [op, { rule, reason }]));
}

/** What licsim reads from a transition's `meta`. */
export interface TransitionMeta {
  rules: readonly RuleId[];
}

/** The verdict of {@link permits}. */
export type Permission = { allowed: true } | { allowed: false; rule: RuleId; reason: string };

const ALLOWED: Permission = { allowed: true };

/**
 * Whether `op` is allowed given the metas of the active states (as XState's
 * `snapshot.getMeta()` returns them): refused when any active state denies it.
 */
export function permits(metas: Iterable<unknown>, op: Operation): Permission {
  for (const meta of metas) {
    const denial = (meta as StateMeta | undefined)?.deny?.[op];
    if (denial) return { allowed: false, rule: denial.rule, reason: denial.reason };
  }
  return ALLOWED;
}

/** The status the active states show: the highest-ranked one. */
export function statusOf(metas: Iterable<unknown>): StatusInfo | undefined {
  let best: StatusInfo | undefined;
  for (const meta of metas) {
    const status = (meta as StateMeta | undefined)?.status;
    if (status && (!best || status.rank > best.rank)) best = status;
  }
  return best;
}

/** What the active states say the instance holds: the first declaration in document order, else nothing. */
export function holdingOf(metas: Iterable<unknown>): Holding {
  for (const meta of metas) {
    const holds = (meta as StateMeta | undefined)?.holds;
    if (holds) return holds;
  }
  return 'nothing';
}

/** The rule ids cited by the active states, in the order given, without repeats. */
export function rulesOf(metas: Iterable<unknown>): RuleId[] {
  const seen = new Set<RuleId>();
  for (const meta of metas) for (const rule of (meta as StateMeta | undefined)?.rules ?? []) seen.add(rule);
  return [...seen];
}
