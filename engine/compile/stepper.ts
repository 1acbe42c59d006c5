import { assign, cancel, type EventObject, emit, type MachineContext, raise } from 'xstate';
import { QUEUE_LIMITS } from '../clock/eventQueue.ts';
import { ASSIGN, CANCEL, type CompiledAction, type CompiledGuard, CUSTOM, EMIT, ENQUEUE, SCHEDULE, type StepArgs } from './actions.ts';
import type { MachineTable } from './compileMachine.ts';
import { type CompiledTransition, type Configuration, type Microstep, selectTransitions } from './configuration.ts';

/** What the stepper needs from whoever drives time. */
export interface StepperHost {
  now(): number;
  /** A timer of `instance` in `slot` is due at tick `at`; fire it with {@link Stepper.fire} and `gen`. */
  scheduleTimer(at: number, instance: number, slot: number, gen: number): void;
  /** An event the machine emitted, delivered after the step like XState's deferred `emit`. */
  emitted(instance: number, event: EventObject): void;
  /** A step that took transitions (possibly to the same configuration). */
  stepped(instance: number, from: Configuration, step: Microstep, event: EventObject): void;
  /**
   * A step with effectful actions has run but not committed; `emitted` is what it
   * would emit, in order. False refuses it: the instance keeps its configuration and
   * context, and nothing is emitted, scheduled or cancelled. `timer` is true for a
   * step a timer took.
   */
  admit(instance: number, emitted: readonly EventObject[], timer: boolean): boolean;
}

/** A stepper's saved state ({@link Stepper.save}). */
export interface SavedStepper {
  configIds: Int32Array;
  gens: Int32Array;
  contexts: Array<MachineContext | undefined>;
}

/** What {@link Stepper.send} did with an event. */
export type StepOutcome = 'none' | 'stepped' | 'refused';

/** Generations wrap here so a (instance, slot, generation) triple packs into one queue number. */
const GEN_MASK = QUEUE_LIMITS.generations - 1;
/** Timer slots a machine may have (the queue packs six bits of slot). */
const MAX_SLOTS = QUEUE_LIMITS.slots;

/**
 * The methods of `enqueue` an enqueueActions body may use, besides `enqueue(action)`;
 * XState's enqueue has them (the contract test checks).
 */
export const SUPPORTED_ENQUEUE = ['assign', 'emit'] as const;

const DEFER_EMIT = 0;
const DEFER_SCHEDULE = 1;
const DEFER_CANCEL = 2;

/**
 * A copy of a context with the shape it was created with. A spread (`{ ...c }`)
 * builds the copy key by key, and a context of more than a few keys then keeps its
 * properties out of line for good: more memory per instance and slower reads.
 * The copier is a literal of the context's own keys, generated once per machine.
 */
function copierOf(keys: readonly string[]): (c: MachineContext) => MachineContext {
  const body = keys.map((k) => `${JSON.stringify(k)}: c[${JSON.stringify(k)}]`).join(', ');
  return new Function('c', `return { ${body} };`) as (c: MachineContext) => MachineContext;
}

type Resolvable = unknown;
function resolve(source: Resolvable, args: StepArgs, params: unknown): unknown {
  return typeof source === 'function' ? (source as (a: StepArgs, p: unknown) => unknown)(args, params) : source;
}

/**
 * Steps many instances of one compiled machine over compact per-instance
 * state: a configuration id, the XState context object, and a generation per
 * timer slot. Runs the machine's own guard, action and delay implementations in
 * XState's order; emitted events, timer schedules and cancels are deferred to
 * the end of the step in action order, as XState defers them.
 */
export class Stepper {
  readonly slots: number;
  private readonly configIds: Int32Array;
  private readonly contexts: MachineContext[];
  private readonly gens: Int32Array;
  private readonly args: StepArgs = { context: {}, event: { type: '' }, self: undefined, system: undefined };
  private readonly selected: CompiledTransition[] = [];
  /** An assign's computed values before any is written (reused). */
  private readonly values: unknown[] = [];
  /** Deferred operations of the step under way (kind, a, b triples) and how many slots are used. */
  private deferred: unknown[] = [];
  private deferredLength = 0;
  private readonly spare: unknown[][] = [];
  /**
   * What enqueueActions bodies queued, compiled: by name, and by object or guard function
   * (weakly: a key made afresh at each step must not be kept alive by the cache).
   */
  private readonly dynamicActions = new DynamicCache<CompiledAction>();
  private readonly dynamicGuards = new DynamicCache<CompiledGuard | null>();
  /** What the enqueueActions body under way queued, and where its action was compiled. */
  private readonly queued: unknown[] = [];
  private enqueueWhere = '';
  private readonly enqueue = this.enqueuer();
  private busy = false;
  private copier: ((c: MachineContext) => MachineContext) | null = null;
  private copierSize = 0;
  /** A timer is delivering its event. */
  private firing = false;
  private admitted = false;

  constructor(
    readonly table: MachineTable,
    private readonly host: StepperHost,
    readonly capacity: number,
  ) {
    this.slots = table.timerIds.length;
    if (this.slots > MAX_SLOTS) table.compiler.fail(`${this.slots} timers; at most ${MAX_SLOTS} are supported`);
    this.configIds = new Int32Array(capacity);
    this.contexts = new Array<MachineContext>(capacity);
    this.gens = new Int32Array(capacity * Math.max(1, this.slots));
  }

  /** Creates the instance's context from `input`, enters the initial configuration and takes its initial choice. */
  start(instance: number, input: unknown): void {
    const contextFactory = this.table.machine.config.context;
    const context =
      typeof contextFactory === 'function'
        ? (contextFactory as (a: { input: unknown }) => MachineContext)({ input })
        : structuredClone(contextFactory ?? {});
    this.contexts[instance] = context;
    this.configIds[instance] = this.table.initial.id;
    const args = this.args;
    args.context = context;
    args.event = { type: 'xstate.init', input } as EventObject;
    this.busy = true;
    this.admitted = false;
    try {
      this.run(instance, this.table.initialActions, args);
      const choice = this.table.initialChoice.find((t) => !t.guard || t.guard(args));
      if (choice) {
        const step = this.table.microstep(this.table.initial, [choice]);
        this.run(instance, step.actions, args);
        this.configIds[instance] = step.next.id;
      }
    } finally {
      this.busy = false;
    }
    this.flush(instance);
  }

  /**
   * A copy of every instance's state: its configuration, its context (one level deep:
   * a step writes a context's keys, it never changes the values they held) and its
   * timers' generations. Only between steps.
   */
  save(): SavedStepper {
    if (this.busy) throw new Error('a stepper can be saved only between steps');
    return {
      configIds: this.configIds.slice(),
      gens: this.gens.slice(),
      contexts: this.contexts.map((c) => (c === undefined ? c : this.copy(c))),
    };
  }

  /** Puts back what {@link save} returned (as a fresh copy: it can be loaded again). */
  load(state: SavedStepper): void {
    if (this.busy) throw new Error('a stepper can be loaded only between steps');
    this.configIds.set(state.configIds);
    this.gens.set(state.gens);
    state.contexts.forEach((c, i) => {
      if (c !== undefined) this.contexts[i] = this.copy(c);
    });
  }

  /** Whether a timer of `instance` in `slot` with generation `gen` is still armed (not cancelled or replaced). */
  armed(instance: number, slot: number, gen: number): boolean {
    return this.gens[instance * this.slots + slot] === gen;
  }

  configuration(instance: number): Configuration {
    return this.table.configurations[this.configIds[instance] as number] as Configuration;
  }

  context(instance: number): MachineContext {
    return this.contexts[instance] as MachineContext;
  }

  /**
   * Delivers an event: `none` when no transition takes it, `refused` when the host
   * refused the step (nothing changed), else `stepped`.
   */
  send(instance: number, event: EventObject): StepOutcome {
    // One step at a time: a host that sends from a callback must queue the send instead.
    if (this.busy) throw new Error(`re-entrant send of ${event.type} to instance ${instance}`);
    const step = this.select(instance, event);
    if (!step) return 'none';
    const args = this.args;
    const config = this.configuration(instance);
    this.busy = true;
    this.admitted = step.admits;
    try {
      // A step that may be refused runs on a copy of the context, kept only if the step commits.
      const before = args.context;
      if (step.admits && step.writes) this.contexts[instance] = args.context = this.copy(before);
      this.run(instance, step.actions, args);
      if (step.admits && !this.host.admit(instance, this.pendingEmits(), this.firing)) {
        this.contexts[instance] = before;
        this.deferredLength = 0;
        return 'refused';
      }
      this.configIds[instance] = step.next.id;
      this.host.stepped(instance, config, step, event);
    } finally {
      this.busy = false;
    }
    this.flush(instance);
    return 'stepped';
  }

  /**
   * What the instance would emit if it took `event` now, without taking it: null when
   * no transition takes it. Runs the step's actions on a copy of the context.
   */
  preview(instance: number, event: EventObject): EventObject[] | null {
    if (this.busy) throw new Error(`re-entrant preview of ${event.type} for instance ${instance}`);
    const step = this.select(instance, event);
    if (!step) return null;
    const deferred = this.deferred;
    const length = this.deferredLength;
    this.deferred = [];
    this.deferredLength = 0;
    this.busy = true;
    try {
      if (step.writes) this.args.context = this.copy(this.args.context);
      this.run(instance, step.actions, this.args);
      return this.pendingEmits();
    } finally {
      this.busy = false;
      this.deferred = deferred;
      this.deferredLength = length;
    }
  }

  /** A same-shaped copy of a context (its keys as the machine's contexts have them, else a plain spread). */
  private copy(context: MachineContext): MachineContext {
    const keys = Object.keys(context);
    if (this.copier === null) {
      this.copier = copierOf(keys);
      this.copierSize = keys.length;
    }
    // A context that gained keys (an assign may add one) is copied whole.
    return keys.length === this.copierSize ? this.copier(context) : { ...context };
  }

  /** Whether the last step was declared effectful (and so was admitted by the host). */
  get lastStepAdmitted(): boolean {
    return this.admitted;
  }

  /** The transitions `event` takes in the instance's configuration, as a microstep (args set for it), or null. */
  private select(instance: number, event: EventObject): Microstep | null {
    const config = this.configuration(instance);
    const plan = this.table.plan(config, event.type);
    if (!plan) return null;
    const args = this.args;
    args.context = this.contexts[instance] as MachineContext;
    args.event = event;
    const selected = this.selected;
    while (selected.length) selected.pop();
    selectTransitions(plan, args, selected);
    if (!selected.length) return null;
    return this.table.microstep(config, selected);
  }

  /** The events the step under way has emitted so far. */
  private pendingEmits(): EventObject[] {
    const out: EventObject[] = [];
    const d = this.deferred;
    for (let i = 0; i < this.deferredLength; i += 3) if (d[i] === DEFER_EMIT) out.push(d[i + 1] as EventObject);
    return out;
  }

  /** A timer came due: delivers its event unless it was cancelled or replaced since. */
  fire(instance: number, slot: number, gen: number): void {
    if (this.gens[instance * this.slots + slot] !== gen) return;
    this.gens[instance * this.slots + slot] = (gen + 1) & GEN_MASK;
    this.firing = true;
    try {
      this.send(instance, this.table.timerEvents[slot] as EventObject);
    } finally {
      this.firing = false;
    }
  }

  private run(instance: number, actions: readonly CompiledAction[], args: StepArgs): void {
    for (const action of actions) this.exec(instance, action, args);
  }

  private exec(instance: number, action: CompiledAction, args: StepArgs): void {
    switch (action.kind) {
      case ASSIGN: {
        const params = action.dynamic ? resolve(action.params, args, undefined) : action.params;
        const context = args.context as Record<string, unknown>;
        if (action.fn) {
          Object.assign(context, action.fn(args, params));
        } else {
          // All properties are computed from the context before any is written, as XState does.
          const props = action.props as Array<[string, unknown]>;
          if (props.length === 1) {
            const [key, value] = props[0] as [string, unknown];
            context[key] = resolve(value, args, params);
          } else {
            const values = this.values;
            for (let i = 0; i < props.length; i++) values[i] = resolve((props[i] as [string, unknown])[1], args, params);
            for (let i = 0; i < props.length; i++) {
              context[(props[i] as [string, unknown])[0]] = values[i];
              values[i] = undefined;
            }
          }
        }
        return;
      }
      case EMIT: {
        const params = action.dynamic ? resolve(action.params, args, undefined) : action.params;
        this.defer(DEFER_EMIT, resolve(action.event, args, params), 0);
        return;
      }
      case SCHEDULE: {
        const params = action.dynamic ? resolve(action.params, args, undefined) : action.params;
        this.defer(DEFER_SCHEDULE, action.slot, resolve(action.delay, args, params));
        return;
      }
      case CANCEL:
        this.defer(DEFER_CANCEL, action.slot, 0);
        return;
      case CUSTOM: {
        const params = action.dynamic ? resolve(action.params, args, undefined) : action.params;
        action.fn(args, params);
        return;
      }
      case ENQUEUE: {
        const params = action.dynamic ? resolve(action.params, args, undefined) : action.params;
        for (const queued of this.collect(action, args, params)) this.exec(instance, queued, args);
        return;
      }
    }
  }

  /** Runs an `enqueueActions` body and compiles what it queued. */
  private collect(action: Extract<CompiledAction, { kind: typeof ENQUEUE }>, args: StepArgs, params: unknown): CompiledAction[] {
    const queued = this.queued;
    queued.length = 0;
    this.enqueueWhere = action.where;
    const compiler = this.table.compiler;
    const check = (guard: unknown) => {
      // (XState's and/or/not are functions made at each call: not kept.)
      const key =
        typeof guard === 'string' || (typeof guard === 'object' && guard !== null) || (typeof guard === 'function' && !('check' in guard))
          ? (guard as string | object)
          : null;
      let compiled = key === null ? undefined : this.dynamicGuards.get(key);
      if (compiled === undefined) {
        compiled = compiler.checked(guard, action.where);
        if (key !== null) this.dynamicGuards.set(key, compiled);
      }
      return compiled ? compiled(args) : true;
    };
    // A literal, not `{ ...args, enqueue, check }`: V8 builds the spread with extra keys several times slower.
    const collectArgs = { context: args.context, event: args.event, self: args.self, system: args.system, enqueue: this.enqueue, check };
    action.fn(collectArgs as unknown as StepArgs, params);
    return queued.map((ref) => {
      const cacheable = typeof ref === 'string' || (typeof ref === 'object' && ref !== null);
      let compiled = cacheable ? this.dynamicActions.get(ref as string | object) : undefined;
      if (!compiled) {
        compiled = compiler.queued(ref, action.where);
        if (cacheable) this.dynamicActions.set(ref as string | object, compiled);
      }
      return compiled;
    });
  }

  /**
   * The `enqueue` of enqueueActions bodies, built once per stepper: it queues into
   * `queued`. XState's has more methods (sendTo, spawnChild, ...) that the stepper
   * does not replay: a body using one is refused by name instead of failing with
   * `enqueue.x is not a function`. raise and cancel queue so that their timers are
   * refused with the reason.
   */
  private enqueuer(): unknown {
    const push = (a: unknown) => void this.queued.push(a);
    const target = Object.assign((a: unknown) => push(a), {
      assign: (...a: Parameters<typeof assign>) => push(assign(...a)),
      emit: (...a: Parameters<typeof emit>) => push(emit(...a)),
      raise: (event: EventObject, options?: { id?: string; delay?: number }) => push(raise(event, options)),
      cancel: (...a: Parameters<typeof cancel>) => push(cancel(...a)),
    });
    return new Proxy(target, {
      get: (t, key, receiver) => {
        if (typeof key === 'symbol' || key in t) return Reflect.get(t, key, receiver) as unknown;
        const supported = ['enqueue(action)', ...SUPPORTED_ENQUEUE.map((m) => `enqueue.${m}`)].join(', ');
        return this.table.compiler.fail(`enqueue.${key} is not supported in enqueueActions (supported: ${supported})`, this.enqueueWhere);
      },
    });
  }

  private defer(kind: number, a: unknown, b: unknown): void {
    const d = this.deferred;
    const n = this.deferredLength;
    d[n] = kind;
    d[n + 1] = a;
    d[n + 2] = b;
    this.deferredLength = n + 3;
  }

  private flush(instance: number): void {
    const d = this.deferred;
    const length = this.deferredLength;
    if (!length) return;
    // Callbacks below may step other instances: they get a fresh list, this one is recycled after.
    this.deferred = this.spare.pop() ?? [];
    this.deferredLength = 0;
    const base = instance * this.slots;
    for (let i = 0; i < length; i += 3) {
      const kind = d[i];
      if (kind === DEFER_EMIT) {
        this.host.emitted(instance, d[i + 1] as EventObject);
      } else {
        const slot = d[i + 1] as number;
        const gen = ((this.gens[base + slot] as number) + 1) & GEN_MASK;
        this.gens[base + slot] = gen;
        if (kind === DEFER_SCHEDULE) this.host.scheduleTimer(this.host.now() + (d[i + 2] as number), instance, slot, gen);
      }
    }
    this.spare.push(d);
  }
}

/** A cache keyed by name (held) or by object (held weakly: the entry goes when nothing else holds the key). */
class DynamicCache<V> {
  private readonly named = new Map<string, V>();
  private readonly objects = new WeakMap<object, V>();

  get(key: string | object): V | undefined {
    return typeof key === 'string' ? this.named.get(key) : this.objects.get(key);
  }

  set(key: string | object, value: V): void {
    if (typeof key === 'string') this.named.set(key, value);
    else this.objects.set(key, value);
  }
}
