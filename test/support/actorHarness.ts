import FakeTimers from '@sinonjs/fake-timers';
import { type AnyMachineSnapshot, type AnyStateMachine, createActor, type EventFromLogic, type InputFrom } from 'xstate';
import type { Counts, EffectEvent } from '../../machines/effects.ts';
import type { AlarmEvent, EmittedEvent, RefusedEvent } from '../../machines/emitted.ts';
import { type LicensingFacts, type MachineEnv, NO_FACTS } from '../../machines/env.ts';
import type { MessageEvent } from '../../machines/messages.ts';
import { type Operation, type Permission, permits, statusOf } from '../../machines/meta.ts';
import { TICKS_PER_DAY } from '../../machines/time.ts';

/** A state the actor was in from `day` on, as dotted leaf paths ("registered.authorization.valid.scheduled"). */
export interface Visit {
  day: number;
  paths: string[];
  status: string | undefined;
}

function leafPaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix ? `${prefix}.${value}` : value];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => leafPaths(child, prefix ? `${prefix}.${key}` : key));
}

/**
 * A real XState actor on a sinon fake clock (`@sinonjs/fake-timers`): one clock
 * millisecond is one virtual tick (minute), so 90-day timers stay far below the
 * 2^31-1 ms limit. Records every visit, alarm, refusal and effect with its day.
 */
export function startActor<M extends AnyStateMachine>(
  create: (env: MachineEnv) => M,
  input: InputFrom<M>,
  facts: LicensingFacts = NO_FACTS,
) {
  const clock = FakeTimers.createClock(0);
  // What the instance counts of itself (its users, devices, sessions): a test sets it as it goes.
  let usage: Counts = {};
  const env: MachineEnv = { now: () => clock.now, facts, usageOf: () => usage };
  const machine = create(env);
  const actor = createActor(machine, { input, clock });
  const day = () => clock.now / TICKS_PER_DAY;
  const visits: Visit[] = [];
  const emitted: Array<EmittedEvent & { day: number }> = [];
  actor.on('*', (event: EmittedEvent) => emitted.push({ ...event, day: day() }));
  let last = '';
  actor.subscribe((value) => {
    const snapshot = value as AnyMachineSnapshot;
    const paths = leafPaths(snapshot.value);
    const key = paths.join('|');
    if (key === last) return;
    last = key;
    visits.push({ day: day(), paths, status: statusOf(Object.values(snapshot.getMeta()))?.name });
  });
  actor.start();
  const snap = () => actor.getSnapshot() as AnyMachineSnapshot;

  const harness = {
    actor,
    clock,
    /** Sets what the instance now uses (read by its guards and reports through `env.usageOf`). */
    setUsage(next: Counts) {
      usage = next;
      return harness;
    },
    day,
    visits,
    emitted,
    /** Moves the clock to the start of `target` day, firing every timer due before then. */
    advanceTo(target: number) {
      const ticks = Math.round(target * TICKS_PER_DAY) - clock.now;
      if (ticks < 0) throw new Error(`cannot go back from day ${day()} to day ${target}`);
      clock.tick(ticks);
      return harness;
    },
    /** Sends an event now. */
    send(event: EventFromLogic<M>) {
      actor.send(event);
      return harness;
    },
    /** Sends an event at a later day, scheduled now (so it precedes timers created later for that tick). */
    at(target: number, event: EventFromLogic<M>) {
      clock.setTimeout(() => actor.send(event), Math.round(target * TICKS_PER_DAY) - clock.now);
      return harness;
    },
    snapshot: snap,
    /** The current dotted leaf paths. */
    paths: () => leafPaths(snap().value),
    /** True when a current leaf path starts with `path`. */
    isIn: (path: string) => leafPaths(snap().value).some((p) => p === path || p.startsWith(`${path}.`)),
    status: () => statusOf(Object.values(snap().getMeta()))?.name,
    permits: (op: Operation): Permission => permits(Object.values(snap().getMeta()), op),
    /** First day, at or after `from`, on which a leaf path starting with `path` became active. */
    dayEntered(path: string, from = 0): number | undefined {
      return visits.find((v) => v.day >= from && v.paths.some((p) => p === path || p.startsWith(`${path}.`)))?.day;
    },
    /** Alarms raised (not cleared), optionally of one name. */
    alarms: (name?: string) =>
      emitted.filter((e): e is AlarmEvent & { day: number } => e.type === 'alarm' && !e.cleared && (!name || e.name === name)),
    /** SL-18: alarms cleared, optionally of one name. */
    cleared: (name?: string) =>
      emitted.filter((e): e is AlarmEvent & { day: number } => e.type === 'alarm' && e.cleared && (!name || e.name === name)),
    refusals: (op?: string) => emitted.filter((e): e is RefusedEvent & { day: number } => e.type === 'refused' && (!op || e.op === op)),
    effects: () => emitted.filter((e): e is EffectEvent & { day: number } => e.type === 'effect'),
    /** Requests to other parties (part of the step that sends them, e.g. a registration to CSSM). */
    requests: () => emitted.filter((e): e is MessageEvent & { day: number } => e.type === 'message' && e.request),
    /** What the instance asked of the back end, in order: ledger effects by kind, requests by event type. */
    backEnd: () =>
      emitted.flatMap((e) =>
        e.type === 'effect' ? [[e.effect.kind, e.rule, e.day]] : e.type === 'message' && e.request ? [[e.event.type, e.rule, e.day]] : [],
      ),
  };
  return harness;
}
