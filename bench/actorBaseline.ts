/**
 * The baseline a user would write first: one XState actor per instance on a
 * sinon fake clock (@sinonjs/fake-timers, one millisecond per virtual minute),
 * each instance reporting by its own daily timer its usage (SL-7) and its
 * status, so that the baseline produces what the engine's daily series hold:
 * consumption and the fleet's state distribution per day. Same machine,
 * fleet, timeline and ledger as the engine.
 */
import FakeTimers from '@sinonjs/fake-timers';
import { createActor, type AnyActorRef, type AnyMachineSnapshot } from 'xstate';
import { statusOf } from '../machines/meta.ts';
import { GroupDraw } from '../engine/fleet/draw.ts';
import { SmartPopulation } from '../engine/fleet/populations.ts';
import { hashUnit } from '../engine/random.ts';
import { openAccounts } from '../engine/run/accounts.ts';
import type { Scenario, SmartGroup } from '../engine/scenario.ts';
import type { EmittedEvent } from '../machines/emitted.ts';
import { createSmartLicensingMachine } from '../machines/smartLicensing/machine.ts';
import { daysToTicks, TICKS_PER_DAY } from '../machines/time.ts';

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
  const machine = createSmartLicensingMachine({ now: () => clock.now, facts: ledger.facts });
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
    const actor = createActor(machine, { input: { policy: scenario.policy['smart-licensing'], instanceId: ids[i] as string }, clock });
    actor.on('*', (e: EmittedEvent) => {
      if (e.type === 'alarm') alarms++;
      if (e.type === 'effect' && e.effect.kind === 'register') {
        ledger.register(ids[i] as string, e.effect.accountId);
        registered[i] = 1;
      }
    });
    actors.push(actor);
  }
  // Every instance reports its usage (SL-7) and its status by its own daily timer.
  const statusToday = new Map<string, number>();
  const statusSeries: Array<Map<string, number>> = [];
  for (let i = 0; i < n; i++) {
    clock.setInterval(() => {
      if (registered[i]) ledger.reportUsage(ids[i] as string, population.usage(i));
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
  const everyone = (type: string, fraction = 1) => () => {
    for (let i = 0; i < n; i++) if (fraction === 1 || hashUnit(scenario.seed, i) < fraction) send(i, type);
  };
  clock.setTimeout(everyone('REGISTER'), daysToTicks(10));
  clock.setTimeout(everyone('CONNECTIVITY_LOST', 0.05), daysToTicks(100));
  clock.setTimeout(everyone('CONNECTIVITY_RESTORED', 0.05), daysToTicks(160));
  clock.setTimeout(() => void ledger.purchase('va-bench', 'UCL-Enhanced', 40 * n), daysToTicks(200));
  clock.setInterval(() => {
    for (let i = 0; i < n; i++) {
      const snapshot = (actors[i] as AnyActorRef).getSnapshot() as { getMeta(): Record<string, { deny?: object }> };
      if (Object.values(snapshot.getMeta()).some((m) => m?.deny)) continue;
      population.scale(i, group.growth ?? 0, hashUnit(scenario.seed, clock.now, i));
    }
  }, daysToTicks(30));
  for (const a of actors) a.start();
  clock.tick(scenario.days * TICKS_PER_DAY);
  if (statusSeries.length !== scenario.days) throw new Error(`baseline sampled ${statusSeries.length} days, not ${scenario.days}`);
  return { events, alarms };
}
