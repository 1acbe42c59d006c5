import type { AnyStateNode, AnyTransitionDefinition, StateValue } from 'xstate';
import {
  type Holding,
  holdingOf,
  type Operation,
  type Permission,
  permits,
  rulesOf,
  type StatusInfo,
  statusOf,
} from '../../machines/meta.ts';
import type { CompiledAction, CompiledGuard, StepArgs } from './actions.ts';

/** A transition as the stepper runs it. */
export interface CompiledTransition {
  id: number;
  def: AnyTransitionDefinition;
  guard: CompiledGuard | null;
  actions: CompiledAction[];
  /** Rule ids from the transition's `meta.rules`. */
  rules: readonly string[];
}

/** Which transitions an event may take in one configuration: XState's `transitionNode`, unrolled. */
export interface Plan {
  candidates: CompiledTransition[];
  child: Plan | null;
  regions: Array<Plan | null> | null;
}

/** The replayable result of taking a set of transitions from a configuration. */
export interface Microstep {
  actions: CompiledAction[];
  next: Configuration;
  /** Rule ids of the transitions taken, or of the states entered when they cite none. */
  rules: string[];
  /** Some action was declared effectful: the step is checked (and may be refused) before it commits. */
  admits: boolean;
  /** Some action may write the context (assign, a queue of actions, a custom action). */
  writes: boolean;
}

/**
 * One set of active state nodes. Everything derived from it (value, status,
 * permissions, transition plans, microsteps) is computed once and kept.
 */
export class Configuration {
  readonly value: StateValue;
  readonly metas: unknown[];
  readonly status: StatusInfo | undefined;
  /** Its status's place in the machine's catalogue, -1 when no active state shows one (set when the table interns it). */
  statusIndex = -1;
  /** What the active states say the instance holds (DOMAIN.md §6). */
  readonly holds: Holding;
  readonly rules: string[];
  /** Dotted paths of the atomic states, e.g. `registered.authorization.valid.scheduled`. */
  readonly leaves: string[];
  readonly plans = new Map<string, Plan | null>();
  readonly steps = new Map<number | string, Microstep>();
  private readonly permissions = new Map<Operation, Permission>();

  constructor(
    readonly id: number,
    readonly nodes: readonly AnyStateNode[],
  ) {
    this.value = stateValueOf(nodes);
    this.metas = nodes.map((n) => n.meta).filter((m) => m !== undefined);
    this.status = statusOf(this.metas);
    this.holds = holdingOf(this.metas);
    this.rules = rulesOf(this.metas);
    this.leaves = nodes.filter((n) => n.type === 'atomic').map((n) => n.path.join('.'));
  }

  has(node: AnyStateNode): boolean {
    return this.nodes.includes(node);
  }

  permits(op: Operation): Permission {
    let p = this.permissions.get(op);
    if (!p) {
      p = permits(this.metas, op);
      this.permissions.set(op, p);
    }
    return p;
  }
}

/** The state value XState would show for these nodes (regions in document order). */
function stateValueOf(nodes: readonly AnyStateNode[]): StateValue {
  const active = new Set(nodes);
  const build = (node: AnyStateNode): StateValue => {
    const kids = (Object.values(node.states) as AnyStateNode[]).filter((k) => active.has(k));
    if (node.type === 'compound') {
      const [only] = kids;
      if (!only) return {};
      if (only.type === 'atomic') return only.key;
      return { [only.key]: build(only) };
    }
    return Object.fromEntries(kids.map((k) => [k.key, build(k)]));
  };
  const root = nodes[0];
  return root ? build(root) : {};
}

/** Evaluates a plan, pushing the enabled transitions; true when any was found. */
export function selectTransitions(plan: Plan, args: StepArgs, out: CompiledTransition[]): boolean {
  if (plan.regions) {
    let any = false;
    for (const region of plan.regions) if (region && selectTransitions(region, args, out)) any = true;
    if (any) return true;
  } else if (plan.child && selectTransitions(plan.child, args, out)) {
    return true;
  }
  for (const t of plan.candidates) {
    if (!t.guard || t.guard(args)) {
      out.push(t);
      return true;
    }
  }
  return false;
}
