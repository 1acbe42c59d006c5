import type { AnyStateMachine, EventObject, MachineContext, StateValue } from 'xstate';
import type { EmittedEvent } from '../../machines/emitted.ts';
import type { Operation, Permission } from '../../machines/meta.ts';

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
}

/** What a driver tells the engine while it steps instances (local indices). A report is only valid during the call. */
export interface DriverHooks {
  stepped(local: number, report: StepReport): void;
  emitted(local: number, event: EmittedEvent): void;
}

/** Steps every instance of one licensing model. */
export interface ModelDriver {
  /** Status names of the model (index 0 is "none": a configuration without a status). */
  readonly statuses: readonly string[];
  start(local: number, input: unknown): void;
  send(local: number, event: EventObject): void;
  statusIndex(local: number): number;
  permits(local: number, op: Operation): Permission;
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
  /** A driver for the instances of one model; `globals[local]` is each one's fleet-wide index. */
  driver(machine: AnyStateMachine, globals: Int32Array, hooks: DriverHooks): ModelDriver;
}
