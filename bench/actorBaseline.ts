/**
 * The baseline a user would write first: one XState actor per instance on a
 * sinon fake clock (@sinonjs/fake-timers, one millisecond per virtual minute),
 * each sampling its status by its own daily timer, so that the baseline produces
 * what the engine's daily series hold: consumption and the fleet's state
 * distribution per day. The instances' usage reports (SL-7) are recorded as CSSM
 * would record them, and a daily comparison tells the instances CSSM's verdict.
 * Same machine, fleet, timeline and ledger as the engine.
 */
import FakeTimers from '@sinonjs/fake-timers';
import { type AnyActorRef, type AnyMachineSnapshot, createActor } from 'xstate';
import { GroupDraw } from '../engine/fleet/draw.ts';
import { SmartPopulation } from '../engine/fleet/populations.ts';
import { hashUnit } from '../engine/random.ts';
import { openAccounts } from '../engine/run/accounts.ts';
import { GROWTH_INTERVAL_DAYS } from '../engine/runScenario.ts';
import type { Scenario, SmartGroup } from '../engine/scenario.ts';
import type { EmittedEvent } from '../machines/emitted.ts';
import { PROVISIONING, permits, statusOf } from '../machines/meta.ts';
import { createSmartLicensingMachine } from '../machines/smartLicensing/machine.ts';
import { daysToTicks, TICKS_PER_DAY } from '../machines/time.ts';
import { playTimeline } from './scenario.ts';

export interface ActorRun {
  /** Events the baseline sent its actors (timers fired inside XState are not counted). */
  events: number;
  alarms: number;
}

export function runActors(scenario: Scenario): ActorRun {
  const group = scenario.fleet[0] as SmartGroup;
  const n = group.count;
  const clock = FakeTimers.createClock(0);
  const ledger = openAccounts(scenario);
  const population = new SmartPopulation(group, new GroupDraw(scenario.seed, 0), ledger);
  const machine = createSmartLicensingMachine({ now: () => clock.now, facts: ledger.facts, usageOf: (i) => population.usage(i) });
  const ids = Array.from({ length: n }, (_, i) => `cluster-${i}`);
  const registered = new Uint8Array(n);
  let events = 0;
  let alarms = 0;
  const actors: AnyActorRef[] = [];
  const send = (i: number, type: string) => {
    events++;
    (actors[i] as AnyActorRef).send({ type, accountId: 'va-bench', exportAllowed: true });
  };
  for (let i = 0; i < n; i++) {
    const actor = createActor(machine, {
      input: { policy: scenario.policy['smart-licensing'], instanceId: ids[i] as string, ref: i },
      clock,
    });
    actor.on('*', (e: EmittedEvent) => {
      if (e.type === 'alarm') alarms++;
      if (e.type === 'effect' && e.effect.kind === 'register') {
        ledger.applyEffect(e.effect, clock.now);
        registered[i] = 1;
      }
      if (e.type === 'message' && e.event.type === 'USAGE_REPORT') {
        const r = e.event as unknown as { usage: Record<string, number>; seq: number };
        ledger.applyEffect(
          { kind: 'recordUsage', instanceId: ids[i] as string, accountId: 'va-bench', usage: r.usage, seq: r.seq },
          clock.now,
        );
      }
    });
    actors.push(actor);
  }
  // Every instance samples its status by its own daily timer.
  const statusToday = new Map<string, number>();
  const statusSeries: Array<Map<string, number>> = [];
  for (let i = 0; i < n; i++) {
    clock.setInterval(() => {
      const snapshot = (actors[i] as AnyActorRef).getSnapshot() as AnyMachineSnapshot;
      const status = statusOf(Object.values(snapshot.getMeta()))?.name ?? 'none';
      statusToday.set(status, (statusToday.get(status) ?? 0) + 1);
    }, TICKS_PER_DAY);
  }
  clock.setInterval(() => {
    statusSeries.push(new Map(statusToday));
    statusToday.clear();
  }, TICKS_PER_DAY);
  let lastOut = false;
  clock.setInterval(() => {
    const out = ledger.outOfCompliance('va-bench');
    if (out !== lastOut) for (let i = 0; i < n; i++) if (registered[i]) send(i, out ? 'OUT_OF_COMPLIANCE' : 'IN_COMPLIANCE');
    lastOut = out;
  }, TICKS_PER_DAY);
  playTimeline(scenario, ledger, (tick, task) => clock.setTimeout(task, tick), send);
  // Growth where the machine allows provisioning, as the engine grows (SL-2, SL-12, SL-13).
  clock.setInterval(() => {
    const day = Math.round(clock.now / TICKS_PER_DAY);
    for (let i = 0; i < n; i++) {
      const metas = Object.values(((actors[i] as AnyActorRef).getSnapshot() as AnyMachineSnapshot).getMeta());
      if (!PROVISIONING.every((op) => permits(metas, op).allowed)) continue;
      if (population.scale(i, group.growth ?? 0, hashUnit(scenario.seed, day, i))) send(i, 'USAGE_CHANGED');
    }
  }, daysToTicks(GROWTH_INTERVAL_DAYS));
  for (const a of actors) a.start();
  clock.tick(scenario.days * TICKS_PER_DAY);
  if (statusSeries.length !== scenario.days) throw new Error(`baseline sampled ${statusSeries.length} days, not ${scenario.days}`);
  return { events, alarms };
}
