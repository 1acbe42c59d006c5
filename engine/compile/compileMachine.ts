import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition, EventObject } from 'xstate';
import { type StatusEntry, statusCatalog } from '../../machines/catalog.ts';
import { ActionCompiler, ASSIGN, type CompiledAction, CUSTOM, ENQUEUE } from './actions.ts';
import { type CompiledTransition, Configuration, type Microstep, type Plan } from './configuration.ts';
import { entrySet, exitSet, initialEntry, removeConflicting } from './sets.ts';
import { checkXStateVersion, installedXStateVersion } from './xstateInternals.ts';

export { VERIFIED_XSTATE } from './xstateInternals.ts';

interface NodeTable {
  entry: CompiledAction[];
  exit: CompiledAction[];
  initial: CompiledAction[];
  /** Transitions by event descriptor, in XState's order. */
  on: Map<string, CompiledTransition[]>;
  /** Candidates by event type: the exact match, then matching wildcards, longest first. */
  candidates: Map<string, CompiledTransition[]>;
}

function nodesOf(node: AnyStateNode): AnyStateNode[] {
  return [node, ...(Object.values(node.states) as AnyStateNode[]).flatMap(nodesOf)];
}

function matchesDescriptor(eventType: string, descriptor: string): boolean {
  if (descriptor === eventType || descriptor === '*') return true;
  if (!descriptor.endsWith('.*')) return false;
  const partial = descriptor.split('.');
  const tokens = eventType.split('.');
  for (let i = 0; i < partial.length; i++) {
    if (partial[i] === '*') return i === partial.length - 1;
    if (partial[i] !== tokens[i]) return false;
  }
  return true;
}

/**
 * A machine definition compiled once into tables the stepper replays: the same
 * state nodes, transitions, guards, actions and `after` delays XState would
 * use, resolved ahead of time. Refuses features it does not replay (parallel
 * states are supported; history, final, invoke and internal raise are not, and
 * eventless `always` transitions only as an initial choice: see {@link initialChoice}).
 * Refuses an XState other than the one it was verified against (see xstateInternals.ts).
 */
export class MachineTable {
  readonly machine: AnyStateMachine;
  readonly nodes: AnyStateNode[];
  readonly timerIds: string[];
  /** The event each timer slot delivers. */
  readonly timerEvents: EventObject[];
  readonly initialActions: CompiledAction[];
  readonly initial: Configuration;
  /**
   * The eventless transitions of the one atomic state of the initial configuration that
   * has them, in XState's order: an initial choice (UML's choice pseudostate), taken once
   * when an instance starts and never entered again. Empty when the machine has none.
   */
  readonly initialChoice: CompiledTransition[];
  readonly configurations: Configuration[] = [];
  readonly compiler: ActionCompiler;
  /** Every status the machine's states can show, in document order: the one status catalogue of a model. */
  readonly catalog: StatusEntry[];
  private readonly byKey = new Map<string, Configuration>();
  private readonly tables = new Map<AnyStateNode, NodeTable>();
  private readonly index = new Map<AnyStateNode, number>();
  private transitionCount = 0;

  constructor(machine: AnyStateMachine) {
    checkXStateVersion(installedXStateVersion(), process.env.LICSIM_ALLOW_XSTATE, machine.id);
    this.machine = machine;
    this.catalog = statusCatalog(machine);
    this.nodes = nodesOf(machine.root).sort((a, b) => a.order - b.order);
    let where = 'the machine';
    this.compiler = new ActionCompiler(machine, () => where);
    for (const [i, node] of this.nodes.entries()) this.index.set(node, i);
    for (const node of this.nodes) {
      where = `state "${node.id}"`;
      if (node.type === 'history' || node.type === 'final') this.compiler.fail(`${node.type} states are not supported`);
      if (node.invoke.length) this.compiler.fail('invoked actors are not supported');
      const table: NodeTable = {
        entry: this.compiler.actions(node.entry),
        exit: this.compiler.actions(node.exit),
        initial: node.type === 'compound' ? this.compiler.actions(node.initial.actions) : [],
        on: new Map(),
        candidates: new Map(),
      };
      for (const [descriptor, defs] of node.transitions as Map<string, AnyTransitionDefinition[]>) {
        where = `state "${node.id}", event "${descriptor}"`;
        table.on.set(
          descriptor,
          defs.map((def) => this.compileTransition(def)),
        );
      }
      this.tables.set(node, table);
    }
    this.timerIds = this.compiler.timerIds;
    this.timerEvents = this.timerIds.map((type) => ({ type }));
    const { toEnter, defaultEntry } = initialEntry(machine.root);
    const entered = [...toEnter].sort((a, b) => a.order - b.order);
    this.initialActions = this.entryActions(entered, defaultEntry);
    this.initial = this.intern(entered);
    this.initialChoice = this.compileInitialChoice(toEnter, (w) => {
      where = w;
    });
  }

  /**
   * Eventless transitions are replayed only where XState takes them exactly once: on an
   * atomic state of the initial configuration that ends with an unguarded transition
   * (so an instance never rests there) and that no transition enters again.
   */
  private compileInitialChoice(initial: ReadonlySet<AnyStateNode>, at: (where: string) => void): CompiledTransition[] {
    const choices = this.nodes.filter((n) => n.always?.length);
    const supported = 'eventless (always) transitions are supported only as an initial choice';
    for (const node of choices) {
      at(`state "${node.id}"`);
      if (node.type !== 'atomic' || !initial.has(node)) this.compiler.fail(`${supported}: on an atomic state of the initial configuration`);
      if ((node.always as AnyTransitionDefinition[]).at(-1)?.guard)
        this.compiler.fail(`${supported} whose last transition is unguarded (an instance never rests in it)`);
    }
    if (choices.length > 1) this.compiler.fail(`${supported}: one state of the initial configuration at most`);
    const [choice] = choices;
    if (!choice) return [];
    for (const node of this.nodes) {
      const defs = [...(node.transitions as Map<string, AnyTransitionDefinition[]>).values()].flat();
      for (const def of [...defs, ...((node.always as AnyTransitionDefinition[] | undefined) ?? [])]) {
        at(`state "${node.id}", event "${def.eventType}"`);
        if (entrySet([def]).toEnter.has(choice)) this.compiler.fail(`${supported}: this transition enters "${choice.id}" again`);
      }
    }
    at(`state "${choice.id}"`);
    return (choice.always as AnyTransitionDefinition[]).map((def) => this.compileTransition(def));
  }

  private compileTransition(def: AnyTransitionDefinition): CompiledTransition {
    const rules = (def.meta as { rules?: readonly string[] } | undefined)?.rules ?? [];
    return {
      id: this.transitionCount++,
      def,
      guard: this.compiler.guard(def.guard),
      actions: this.compiler.actions(def.actions),
      rules,
    };
  }

  private entryActions(entered: AnyStateNode[], defaultEntry: ReadonlySet<AnyStateNode>): CompiledAction[] {
    return entered.flatMap((n) => {
      const t = this.table(n);
      return defaultEntry.has(n) ? [...t.entry, ...t.initial] : t.entry;
    });
  }

  private table(node: AnyStateNode): NodeTable {
    const t = this.tables.get(node);
    if (!t) throw new Error(`no table for state ${node.id}`);
    return t;
  }

  /** The configuration of exactly these nodes (interned), with its status's place in the catalogue (-1: none). */
  intern(nodes: Iterable<AnyStateNode>): Configuration {
    const sorted = [...nodes].sort((a, b) => a.order - b.order);
    const key = sorted.map((n) => this.index.get(n)).join(',');
    let config = this.byKey.get(key);
    if (!config) {
      config = new Configuration(this.configurations.length, sorted);
      const status = config.status?.name;
      config.statusIndex = status === undefined ? -1 : this.catalog.findIndex((s) => s.name === status);
      this.configurations.push(config);
      this.byKey.set(key, config);
    }
    return config;
  }

  /** Candidate transitions of a node for an event type (cached). */
  private candidates(node: AnyStateNode, eventType: string): CompiledTransition[] {
    const table = this.table(node);
    let list = table.candidates.get(eventType);
    if (!list) {
      const exact = table.on.get(eventType) ?? [];
      const wildcards = [...table.on.keys()]
        .filter((d) => d !== eventType && matchesDescriptor(eventType, d))
        .sort((a, b) => b.length - a.length)
        .flatMap((d) => table.on.get(d) ?? []);
      list = [...exact, ...wildcards];
      table.candidates.set(eventType, list);
    }
    return list;
  }

  /** The selection plan of an event type in a configuration (cached on it). */
  plan(config: Configuration, eventType: string): Plan | null {
    let plan = config.plans.get(eventType);
    if (plan === undefined) {
      plan = this.buildPlan(config, this.machine.root, eventType);
      config.plans.set(eventType, plan);
    }
    return plan;
  }

  private buildPlan(config: Configuration, node: AnyStateNode, eventType: string): Plan | null {
    const candidates = this.candidates(node, eventType);
    const kids = (Object.values(node.states) as AnyStateNode[]).filter((k) => config.has(k));
    if (node.type === 'parallel') {
      const regions = kids.map((k) => this.buildPlan(config, k, eventType));
      if (!candidates.length && regions.every((r) => r === null)) return null;
      return { candidates, child: null, regions };
    }
    const [active] = kids;
    const child = active ? this.buildPlan(config, active, eventType) : null;
    if (!candidates.length && !child) return null;
    return { candidates, child, regions: null };
  }

  /** The microstep of taking `selected` from `config` (cached on it). */
  microstep(config: Configuration, selected: readonly CompiledTransition[]): Microstep {
    const key = selected.length === 1 ? (selected[0] as CompiledTransition).id : selected.map((t) => t.id).join(',');
    let step = config.steps.get(key);
    if (!step) {
      step = this.buildMicrostep(config, selected);
      config.steps.set(key, step);
    }
    return step;
  }

  private buildMicrostep(config: Configuration, selected: readonly CompiledTransition[]): Microstep {
    const active = new Set(config.nodes);
    const byDef = new Map(selected.map((t) => [t.def, t]));
    const filtered = removeConflicting(
      selected.map((t) => t.def),
      active,
    ).map((def) => byDef.get(def) as CompiledTransition);
    const exits = exitSet(
      filtered.map((t) => t.def),
      active,
    ).sort((a, b) => b.order - a.order);
    const { toEnter, defaultEntry } = entrySet(filtered.map((t) => t.def));
    const entered = [...toEnter].sort((a, b) => a.order - b.order);
    const actions = [
      ...exits.flatMap((n) => this.table(n).exit),
      ...filtered.flatMap((t) => t.actions),
      ...this.entryActions(entered, defaultEntry),
    ];
    for (const n of exits) active.delete(n);
    for (const n of entered) active.add(n);
    const next = this.intern(active);
    const cited = filtered.flatMap((t) => t.rules);
    const admits = actions.some((a) => 'effectful' in a && a.effectful);
    // Only these can change the context: a step without them needs no copy to be refused.
    const writes = actions.some((a) => a.kind === ASSIGN || a.kind === ENQUEUE || a.kind === CUSTOM);
    return { actions, next, rules: cited.length ? [...new Set(cited)] : next.rules, admits, writes };
  }
}

const compiled = new WeakMap<AnyStateMachine, MachineTable>();

/** Compiles a machine once (cached per machine object). */
export function compileMachine(machine: AnyStateMachine): MachineTable {
  let table = compiled.get(machine);
  if (!table) {
    table = new MachineTable(machine);
    compiled.set(machine, table);
  }
  return table;
}
