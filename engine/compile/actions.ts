import { type AnyStateMachine, and, type EventObject, type MachineContext, not, or } from 'xstate';
import { isEffectful } from '../../machines/effects.ts';
import { CompileError } from './errors.ts';

/** Arguments XState gives guards and actions; one object is reused per step. */
export interface StepArgs {
  context: MachineContext;
  event: EventObject;
  self: undefined;
  system: undefined;
}

type Params = unknown;
type ParamsSource = Params | ((args: { context: MachineContext; event: EventObject }) => Params);
type Fn = (args: StepArgs, params: Params) => unknown;

export const ASSIGN = 0;
export const EMIT = 1;
export const SCHEDULE = 2;
export const CANCEL = 3;
export const CUSTOM = 4;
export const ENQUEUE = 5;

/**
 * An action as the stepper runs it. `effectful` marks an emit (or a queue of actions)
 * the machine declared as emitting ledger effects or requests: a step with one is
 * checked before it commits.
 */
export type CompiledAction =
  | { kind: typeof ASSIGN; fn: Fn | null; props: Array<[string, unknown]> | null; params: ParamsSource; dynamic: boolean }
  | { kind: typeof EMIT; event: unknown; params: ParamsSource; dynamic: boolean; effectful: boolean }
  | { kind: typeof SCHEDULE; slot: number; delay: unknown; params: ParamsSource; dynamic: boolean }
  | { kind: typeof CANCEL; slot: number }
  | { kind: typeof CUSTOM; fn: Fn; params: ParamsSource; dynamic: boolean; effectful: boolean }
  /** `where` it was compiled: its body runs (and may be refused) only when a step takes it. */
  | { kind: typeof ENQUEUE; fn: Fn; params: ParamsSource; dynamic: boolean; effectful: boolean; where: string };

export type CompiledGuard = (args: StepArgs) => boolean;

// XState's higher-order guards are recognised by their check functions.
const checkOf = (guard: unknown) => (guard as { check: unknown }).check;
const CHECKS = { not: checkOf(not('x')), and: checkOf(and(['x'])), or: checkOf(or(['x'])) };

/** An XState builtin action object as the compiler reads it (the contract test checks XState makes them so). */
export interface BuiltinAction {
  type: string;
  resolve?: unknown;
  assignment?: unknown;
  event?: unknown;
  delay?: unknown;
  id?: unknown;
  sendId?: unknown;
  collect?: unknown;
}

/** Resolves XState action and guard references of one machine to stepper form. */
export class ActionCompiler {
  private readonly slots = new Map<string, number>();
  /** Where the code compiling now stands when it is not `where()`: an enqueueActions body at run time. */
  private at: string | null = null;
  constructor(
    private readonly machine: AnyStateMachine,
    private readonly where: () => string,
  ) {}

  /** Timer ids (`xstate.after.<delay>.<state>`) in slot order. */
  get timerIds(): string[] {
    return [...this.slots.keys()];
  }

  slotOf(id: string): number {
    let slot = this.slots.get(id);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(id, slot);
    }
    return slot;
  }

  private here(): string {
    return this.at ?? this.where();
  }

  fail(what: string, where = this.here()): never {
    throw new CompileError(this.machine.id, where, what);
  }

  /** An action an enqueueActions body compiled at `where` queued at run time, refused as there. */
  queued(ref: unknown, where: string): CompiledAction {
    const outer = this.at;
    this.at = where;
    try {
      const compiled = this.action(ref, undefined);
      if (compiled.kind === SCHEDULE || compiled.kind === CANCEL)
        this.fail('timers raised or cancelled inside enqueueActions are not supported');
      return compiled;
    } finally {
      this.at = outer;
    }
  }

  /** A guard an enqueueActions body compiled at `where` checked at run time, refused as there. */
  checked(ref: unknown, where: string): CompiledGuard | null {
    const outer = this.at;
    this.at = where;
    try {
      return this.guard(ref);
    } finally {
      this.at = outer;
    }
  }

  actions(list: readonly unknown[]): CompiledAction[] {
    return list.map((a) => this.action(a, undefined));
  }

  /** One action reference: a builtin, a name or `{ type, params }` from `setup`, or an inline function. */
  action(ref: unknown, inheritedParams: ParamsSource): CompiledAction {
    if (typeof ref === 'function') {
      const builtin = ref as unknown as BuiltinAction;
      if ('resolve' in builtin) return this.builtin(builtin, inheritedParams, isEffectful(ref));
      return {
        kind: CUSTOM,
        fn: ref as Fn,
        params: inheritedParams,
        dynamic: typeof inheritedParams === 'function',
        effectful: isEffectful(ref),
      };
    }
    const name = typeof ref === 'string' ? ref : (ref as { type?: unknown })?.type;
    if (typeof name !== 'string') this.fail(`an action of unknown form ${String(ref)}`);
    const impl = (this.machine.implementations.actions as Record<string, unknown>)[name];
    if (impl === undefined) this.fail(`action "${name}" is not implemented`);
    const params: ParamsSource =
      typeof ref === 'object' && ref !== null && 'params' in ref ? (ref as { params: ParamsSource }).params : undefined;
    if (typeof impl !== 'function') this.fail(`action "${name}" is not a function`);
    return this.action(impl, params);
  }

  private builtin(b: BuiltinAction, params: ParamsSource, effectful: boolean): CompiledAction {
    const dynamic = typeof params === 'function';
    switch (b.type) {
      case 'xstate.assign': {
        const assignment = b.assignment;
        if (typeof assignment === 'function') return { kind: ASSIGN, fn: assignment as Fn, props: null, params, dynamic };
        return { kind: ASSIGN, fn: null, props: Object.entries(assignment as object), params, dynamic };
      }
      case 'xstate.emit':
        return { kind: EMIT, event: b.event, params, dynamic, effectful };
      case 'xstate.raise':
        if (b.delay === undefined) this.fail('raise without a delay (an internal event queue) is not supported');
        if (typeof b.id !== 'string') this.fail('a delayed raise needs a string id');
        if (typeof b.event === 'function') this.fail('a delayed raise of an event expression is not supported');
        return { kind: SCHEDULE, slot: this.slotOf(b.id), delay: this.delay(b.delay), params, dynamic };
      case 'xstate.cancel':
        if (typeof b.sendId !== 'string') this.fail('cancel needs a string id');
        return { kind: CANCEL, slot: this.slotOf(b.sendId) };
      case 'xstate.enqueueActions':
        return { kind: ENQUEUE, fn: b.collect as Fn, params, dynamic, effectful, where: this.here() };
      default:
        return this.fail(`builtin action ${b.type} is not supported (only assign, emit, enqueueActions, after timers)`);
    }
  }

  /** A delay: a number, a function, or the name of one of the machine's delays (resolved now, once). */
  private delay(ref: unknown): unknown {
    if (typeof ref !== 'string') return ref;
    const impl = (this.machine.implementations.delays as Record<string, unknown>)[ref];
    if (impl === undefined) this.fail(`delay "${ref}" is not implemented`);
    return impl;
  }

  /** A guard reference: a name, `{ type, params }`, an inline function, or not/and/or of those. */
  guard(ref: unknown): CompiledGuard | null {
    if (ref === undefined) return null;
    if (typeof ref === 'function') {
      const builtin = ref as unknown as { check?: unknown; guards?: unknown[] };
      if (builtin.check) return this.builtinGuard(builtin as { check: unknown; guards?: unknown[] });
      const fn = ref as (args: StepArgs, params: undefined) => boolean;
      return (args) => fn(args, undefined);
    }
    const name = typeof ref === 'string' ? ref : (ref as { type?: unknown })?.type;
    if (typeof name !== 'string') this.fail(`a guard of unknown form ${String(ref)}`);
    const impl = (this.machine.implementations.guards as Record<string, unknown>)[name];
    if (impl === undefined) this.fail(`guard "${name}" is not implemented`);
    if (typeof impl !== 'function') return this.guard(impl);
    if ((impl as { check?: unknown }).check) return this.builtinGuard(impl as unknown as { check: unknown; guards?: unknown[] });
    const source: ParamsSource =
      typeof ref === 'object' && ref !== null && 'params' in ref ? (ref as { params: ParamsSource }).params : undefined;
    const fn = impl as (args: StepArgs, params: Params) => boolean;
    if (typeof source === 'function') return (args) => fn(args, (source as (a: StepArgs) => Params)(args));
    return (args) => fn(args, source);
  }

  private builtinGuard(b: { check: unknown; guards?: unknown[] }): CompiledGuard {
    const parts = (b.guards ?? []).map((g) => this.guard(g) ?? (() => true));
    if (b.check === CHECKS.not) {
      const [inner] = parts;
      if (!inner) this.fail('not() without a guard');
      return (args) => !inner(args);
    }
    if (b.check === CHECKS.and) return (args) => parts.every((p) => p(args));
    if (b.check === CHECKS.or) return (args) => parts.some((p) => p(args));
    return this.fail('builtin guard is not supported (only not, and, or)');
  }
}
