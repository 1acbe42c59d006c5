/**
 * The measuring stick: the Smart Licensing lifecycle the benchmark exercises
 * (evaluation, registration, authorization renewal and expiry with its overage,
 * registration renewal, out of compliance with its overage), hand-written as a
 * switch reducer over plain objects. It lives here only, as the JavaScript
 * limit the compiled machines are compared with; the product never uses it.
 * It shares the queue, the fleet, the ledger and the daily report with the
 * engine, so the difference measured is the machine stepping.
 */
import { EventQueue, QUEUE_LIMITS } from '../engine/clock/eventQueue.ts';
import { GroupDraw } from '../engine/fleet/draw.ts';
import { SmartPopulation } from '../engine/fleet/populations.ts';
import { hashUnit } from '../engine/random.ts';
import { openAccounts } from '../engine/run/accounts.ts';
import type { Scenario, SmartGroup } from '../engine/scenario.ts';
import { daysToTicks, TICKS_PER_DAY } from '../machines/time.ts';
import { GROWTH_INTERVAL_DAYS } from '../engine/runScenario.ts';
import { playTimeline } from './scenario.ts';

const EVAL = 0, EVAL_EXPIRED = 1, REGISTERED = 2;
const VALID = 0, RETRY = 1, EXPIRED_OVERAGE = 2, EXPIRED_ENFORCED = 3;
const COMPLIANT = 0, OOC_OVERAGE = 1, OOC_ENFORCED = 2;
// Timer slots.
const T_EVAL = 0, T_AUTH_RENEW = 1, T_AUTH_VALIDITY = 2, T_AUTH_SOON = 3, T_AUTH_OVERAGE = 4;
const T_REG_RENEW = 5, T_REG_VALIDITY = 6, T_REG_SOON = 7, T_OOC_OVERAGE = 8;
const SLOTS = 9;
const GEN_MASK = QUEUE_LIMITS.generations - 1;

interface Instance {
  s: number;
  auth: number;
  reg: number;
  ooc: number;
  reachable: boolean;
  evalUsed: number;
  evalSince: number;
  told: number;
  gens: Int32Array;
}

export interface ReducerRun {
  events: number;
  alarms: number;
}

/** Runs the benchmark scenario through the hand-written reducer. */
export function runReducer(scenario: Scenario): ReducerRun {
  const p = scenario.policy['smart-licensing'];
  const group = scenario.fleet[0] as SmartGroup;
  const n = group.count;
  const q = new EventQueue();
  const ledger = openAccounts(scenario);
  const population = new SmartPopulation(group, new GroupDraw(scenario.seed, 0), ledger);
  const ids = Array.from({ length: n }, (_, i) => `cluster-${i}`);
  const evalTicks = daysToTicks(p.evaluationDays);
  const fleet: Instance[] = [];
  let events = 0;
  let alarms = 0;

  const arm = (i: number, slot: number, delay: number) => {
    const inst = fleet[i] as Instance;
    const gen = ((inst.gens[slot] as number) + 1) & GEN_MASK;
    inst.gens[slot] = gen;
    q.pushTimer(q.now + Math.max(1, delay), i, slot, gen);
  };
  const disarm = (i: number, slot: number) => {
    const inst = fleet[i] as Instance;
    inst.gens[slot] = ((inst.gens[slot] as number) + 1) & GEN_MASK;
  };
  const validAuth = (i: number) => {
    const inst = fleet[i] as Instance;
    inst.auth = VALID;
    arm(i, T_AUTH_RENEW, daysToTicks(p.authorizationRenewalDays));
    arm(i, T_AUTH_VALIDITY, daysToTicks(p.authorizationValidityDays));
    arm(i, T_AUTH_SOON, daysToTicks(p.authorizationValidityDays - p.authorizationExpiringSoonDays));
    disarm(i, T_AUTH_OVERAGE);
  };
  const validReg = (i: number) => {
    (fleet[i] as Instance).reg = VALID;
    arm(i, T_REG_RENEW, daysToTicks(p.registrationRenewalDays));
    arm(i, T_REG_VALIDITY, daysToTicks(p.registrationValidityDays));
    arm(i, T_REG_SOON, daysToTicks(p.registrationValidityDays - p.registrationExpiringSoonDays));
  };

  /** The reducer: one event (or timer slot) for one instance. */
  function step(i: number, event: string | number): void {
    const inst = fleet[i] as Instance;
    events++;
    switch (inst.s) {
      case EVAL:
      case EVAL_EXPIRED:
        if (event === T_EVAL) {
          inst.evalUsed += q.now - inst.evalSince;
          inst.s = EVAL_EXPIRED;
          alarms++;
        } else if (event === 'REGISTER' && inst.reachable) {
          if (inst.s === EVAL) inst.evalUsed += q.now - inst.evalSince;
          disarm(i, T_EVAL);
          inst.s = REGISTERED;
          inst.ooc = COMPLIANT;
          inst.told = 0;
          validAuth(i);
          validReg(i);
          ledger.register(ids[i] as string, 'va-bench');
          ledger.reportUsage(ids[i] as string, population.usage(i));
        } else if (event === 'CONNECTIVITY_LOST') inst.reachable = false;
        else if (event === 'CONNECTIVITY_RESTORED') inst.reachable = true;
        return;
      case REGISTERED:
        switch (event) {
          case T_AUTH_RENEW:
            if (inst.reachable) validAuth(i);
            else {
              if (inst.auth === VALID) alarms++;
              if (inst.auth === VALID) inst.auth = RETRY;
              arm(i, T_AUTH_RENEW, daysToTicks(p.authorizationRetryDays));
            }
            return;
          case T_AUTH_VALIDITY:
            inst.auth = EXPIRED_OVERAGE;
            alarms++;
            disarm(i, T_AUTH_SOON);
            arm(i, T_AUTH_OVERAGE, daysToTicks(p.authorizationExpiredOverageDays));
            return;
          case T_AUTH_SOON:
          case T_REG_SOON:
            alarms++;
            return;
          case T_AUTH_OVERAGE:
            inst.auth = EXPIRED_ENFORCED;
            alarms++;
            return;
          case T_REG_RENEW:
            if (inst.reachable) validReg(i);
            else {
              if (inst.reg === VALID) alarms++;
              inst.reg = RETRY;
              arm(i, T_REG_RENEW, daysToTicks(p.registrationRetryDays));
            }
            return;
          case T_REG_VALIDITY:
            return;
          case T_OOC_OVERAGE:
            inst.ooc = OOC_ENFORCED;
            alarms++;
            return;
          case 'OUT_OF_COMPLIANCE':
            if (inst.ooc === COMPLIANT) {
              inst.ooc = OOC_OVERAGE;
              alarms++;
              arm(i, T_OOC_OVERAGE, daysToTicks(p.overageDays));
            }
            return;
          case 'IN_COMPLIANCE':
            inst.ooc = COMPLIANT;
            disarm(i, T_OOC_OVERAGE);
            return;
          case 'CONNECTIVITY_LOST':
            inst.reachable = false;
            return;
          case 'CONNECTIVITY_RESTORED':
            inst.reachable = true;
            return;
        }
    }
  }

  const tell = (i: number, out: boolean) => {
    const inst = fleet[i] as Instance;
    const flag = out ? 1 : 0;
    if (inst.s !== REGISTERED || inst.told === flag) return;
    inst.told = flag;
    step(i, out ? 'OUT_OF_COMPLIANCE' : 'IN_COMPLIANCE');
  };
  let lastOut = false;
  for (let d = 1; d <= scenario.days; d++) {
    q.pushTask(d * TICKS_PER_DAY, () => {
      ledger.status('va-bench');
      const out = ledger.outOfCompliance('va-bench');
      if (out !== lastOut) for (let i = 0; i < n; i++) tell(i, out);
      lastOut = out;
    });
  }
  playTimeline(scenario, ledger, (tick, task) => q.pushTask(tick, task), step);
  for (let day = GROWTH_INTERVAL_DAYS; day < scenario.days; day += GROWTH_INTERVAL_DAYS) {
    q.pushTask(daysToTicks(day), () => {
      for (let i = 0; i < n; i++) {
        const inst = fleet[i] as Instance;
        if (inst.s === EVAL_EXPIRED || inst.ooc === OOC_ENFORCED || inst.auth === EXPIRED_ENFORCED) continue;
        if (population.scale(i, group.growth ?? 0, hashUnit(scenario.seed, day, i)) && inst.s === REGISTERED) {
          ledger.reportUsage(ids[i] as string, population.usage(i));
        }
      }
    });
  }
  for (let i = 0; i < n; i++) {
    fleet.push({ s: EVAL, auth: VALID, reg: VALID, ooc: COMPLIANT, reachable: true, evalUsed: 0, evalSince: 0, told: 0, gens: new Int32Array(SLOTS) });
    alarms++;
    arm(i, T_EVAL, evalTicks);
  }
  q.runUntil(scenario.days * TICKS_PER_DAY, (i, slot, gen) => {
    const inst = fleet[i] as Instance;
    if (inst.gens[slot] !== gen) return;
    inst.gens[slot] = (gen + 1) & GEN_MASK;
    step(i, slot);
  });
  return { events, alarms };
}
