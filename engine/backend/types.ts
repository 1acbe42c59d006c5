import type { AnyStateMachine, EventObject, MachineContext, StateValue } from 'xstate';
import type { StatusEntry } from '../../machines/catalog.ts';
import type { EmittedEvent } from '../../machines/emitted.ts';
import type { Holding, Operation, Permission } from '../../machines/meta.ts';
import type { StepOutcome } from '../compile/stepper.ts';

export type { StepOutcome };

/** A change of configuration, as both backends report it. */
export interface StepReport {
  /** Status index (into the driver's `statuses`) before and after. */
  from: number;
  to: number;
  event: EventObject;
  /** Rule ids of the transitions taken (or of the states entered). */
  rules: readonly string[];
  /** True when the set of active states changed (a self-transition that re-enters does not count). */
  changed: boolean;
  /** True when what the active states say the machine holds changed (DOMAIN.md §6). */
  holdingChanged: boolean;
}

/** What a driver tells the engine while it steps machines (local indices). A report is only valid during the call. */
export interface DriverHooks {
  stepped(local: number, report: StepReport): void;
  /** An event the machine emitted; `checked` when its step was admitted first. */
  emitted(local: number, event: EmittedEvent, checked: boolean): void;
  /**
   * A step that emits ledger effects or requests, before it commits: false refuses
   * it (nothing changes). `timer` is true when a timer took the step.
   */
  admit(local: number, emitted: readonly EmittedEvent[], timer: boolean): boolean;
}

/** Steps every machine of one kind: the instances of a licensing model, or the back-end parties of one kind. */
export interface ModelDriver {
  /** The machine it steps. */
  readonly machine: AnyStateMachine;
  /** Status names of the machine, in the order of its catalogue. */
  readonly statuses: readonly string[];
  /** The machine's statuses with their report groups and rules (the compiled machine's catalogue). */
  readonly catalog: readonly StatusEntry[];
  start(local: number, input: unknown): void;
  /** Delivers an event; a step with effects or requests is admitted first (`refused` when it was not). */
  send(local: number, event: EventObject): StepOutcome;
  /** What the machine would emit for `event` now, without taking it; null when nothing takes it. */
  preview(local: number, event: EventObject): EmittedEvent[] | null;
  statusIndex(local: number): number;
  permits(local: number, op: Operation): Permission;
  /** What the active states say the machine holds (DOMAIN.md §6). */
  holding(local: number): Holding;
  context(local: number): MachineContext;
  value(local: number): StateValue;
  /** Dotted paths of the active atomic states. */
  leaves(local: number): readonly string[];
}

/** Drives virtual time: engine tasks and machine timers in one (tick, creation order) sequence. */
export interface Backend {
  readonly name: 'compiled' | 'actors';
  now(): number;
  at(tick: number, task: () => void): void;
  runUntil(tick: number): void;
  /** A driver for the machines of one kind; `globals[local]` is each one's world-wide address. */
  driver(machine: AnyStateMachine, globals: Int32Array, hooks: DriverHooks): ModelDriver;
}
