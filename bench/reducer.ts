/**
 * The measuring stick: the Smart Licensing world the benchmark exercises,
 * hand-written as switch reducers over plain objects: the instances (evaluation,
 * registration, authorization renewal and expiry with its overage, registration
 * renewal, out of compliance with its overage, usage reports), CSSM (records
 * reports, compares the VA at the start of each day, tells the instances it
 * reaches) and a connected satellite (holds reports, syncs daily, passes the
 * verdict on). It delivers the same messages the engine's world does, over the
 * same links, so the difference measured is the stepping of compiled machines
 * against hand-written code. It lives here only; the product never uses it.
 */
import { EventQueue, QUEUE_LIMITS } from '../engine/clock/eventQueue.ts';
import { GroupDraw } from '../engine/fleet/draw.ts';
import { SmartPopulation } from '../engine/fleet/populations.ts';
import { hashUnit } from '../engine/random.ts';
import { openAccounts } from '../engine/run/accounts.ts';
import { GROWTH_INTERVAL_DAYS } from '../engine/runScenario.ts';
import type { Scenario, SmartGroup } from '../engine/scenario.ts';
import { daysToTicks, TICKS_PER_DAY } from '../machines/time.ts';
import { playTimeline } from './scenario.ts';

const EVAL = 0,
  EVAL_EXPIRED = 1,
  REGISTERED = 2;
const VALID = 0,
  RETRY = 1,
  EXPIRED_OVERAGE = 2,
  EXPIRED_ENFORCED = 3;
const COMPLIANT = 0,
  OOC_OVERAGE = 1,
  OOC_ENFORCED = 2;
// Timer slots.
const T_EVAL = 0,
  T_AUTH_RENEW = 1,
  T_AUTH_VALIDITY = 2,
  T_AUTH_SOON = 3,
  T_AUTH_OVERAGE = 4;
const T_REG_RENEW = 5,
  T_REG_VALIDITY = 6,
  T_REG_SOON = 7,
  T_OOC_OVERAGE = 8;
const SLOTS = 9;
const GEN_MASK = QUEUE_LIMITS.generations - 1;

interface Instance {
  s: number;
  auth: number;
  reg: number;
  ooc: number;
  linkUp: boolean;
  viaSatellite: boolean;
  evalUsed: number;
  evalSince: number;
  reportsSent: number;
  lastReportAt: number;
  gens: Int32Array;
}

export interface ReducerRun {
  events: number;
  alarms: number;
}

/** Runs the benchmark scenario through the hand-written reducers. */
export function runReducer(scenario: Scenario): ReducerRun {
  const p = scenario.policy['smart-licensing'];
  const group = scenario.fleet[0] as SmartGroup;
  const n = group.count;
  const q = new EventQueue();
  const ids = Array.from({ length: n }, (_, i) => `cluster-${i}`);
  // Records kept by position, as the engine's ledger keeps them (a fair contender).
  const PREFIX = 'cluster-'.length;
  const ledger = openAccounts(scenario, {
    capacity: n,
    slotOf: (id) => {
      const i = Number(id.slice(PREFIX));
      return ids[i] === id ? i : -1;
    },
  });
  const population = new SmartPopulation(group, new GroupDraw(scenario.seed, 0), ledger);
  const linkDraw = new GroupDraw(scenario.seed, 0x10000);
  const evalTicks = daysToTicks(p.evaluationDays);
  const reportInterval = daysToTicks(p.usageReportDays);
  const fleet: Instance[] = [];
  const staged = new Set<number>();
  let cssmOut = false;
  let satelliteOut = false;
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
  const verdict = (i: number, out: boolean) => step(i, out ? 'OUT_OF_COMPLIANCE' : 'IN_COMPLIANCE');

  /**
   * SL-7, SL-10: a report to CSSM (recorded, answered when the instance believes
   * otherwise) or to the satellite (held); a registration (SL-4) carries the first.
   */
  const report = (i: number, registering = false) => {
    const inst = fleet[i] as Instance;
    inst.reportsSent++;
    inst.lastReportAt = q.now;
    events++;
    const usage = population.usage(i);
    const seq = inst.reportsSent;
    const instanceId = ids[i] as string;
    const believesOut = inst.ooc !== COMPLIANT;
    if (registering) {
      const heldBy = inst.viaSatellite ? 'sat' : null;
      ledger.applyEffect({ kind: 'register', instanceId, accountId: 'va-bench', report: { usage, seq, heldBy } }, q.now);
    } else if (inst.viaSatellite) {
      ledger.applyEffect({ kind: 'stageUsage', satelliteId: 'sat', instanceId, accountId: 'va-bench', usage, seq }, q.now);
    } else {
      ledger.applyEffect({ kind: 'recordUsage', instanceId, accountId: 'va-bench', usage, seq }, q.now);
    }
    if (inst.viaSatellite) {
      staged.add(i);
      if (believesOut !== satelliteOut) verdict(i, satelliteOut);
    } else if (believesOut !== cssmOut) {
      verdict(i, cssmOut);
    }
  };
  const news = (i: number) => {
    const inst = fleet[i] as Instance;
    if (inst.s === REGISTERED && inst.linkUp && q.now >= inst.lastReportAt + reportInterval) report(i);
  };

  /** The instance reducer: one event (or timer slot) for one instance. */
  function step(i: number, event: string | number): void {
    const inst = fleet[i] as Instance;
    events++;
    if (event === 'LINK_DOWN') {
      inst.linkUp = false;
      return;
    }
    if (event === 'LINK_UP') {
      inst.linkUp = true;
      news(i);
      return;
    }
    switch (inst.s) {
      case EVAL:
      case EVAL_EXPIRED:
        if (event === T_EVAL) {
          inst.evalUsed += q.now - inst.evalSince;
          inst.s = EVAL_EXPIRED;
          alarms++;
        } else if (event === 'REGISTER' && inst.linkUp) {
          if (inst.s === EVAL) inst.evalUsed += q.now - inst.evalSince;
          disarm(i, T_EVAL);
          inst.s = REGISTERED;
          inst.ooc = COMPLIANT;
          validAuth(i);
          validReg(i);
          report(i, true);
        }
        return;
      case REGISTERED:
        switch (event) {
          case T_AUTH_RENEW:
            if (inst.linkUp) validAuth(i);
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
            if (inst.linkUp) validReg(i);
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
          case 'USAGE_CHANGED':
            news(i);
            return;
        }
    }
  }

  /** CSSM's comparison at the start of each day (SL-7): on a change, the instances it reaches directly are told. */
  for (let d = 1; d <= scenario.days; d++) {
    q.pushTask(d * TICKS_PER_DAY, () => {
      ledger.status('va-bench');
      events++;
      const out = ledger.outOfCompliance('va-bench');
      if (out !== cssmOut)
        for (let i = 0; i < n; i++) if (fleet[i]?.s === REGISTERED && fleet[i]?.linkUp && !fleet[i]?.viaSatellite) verdict(i, out);
      cssmOut = out;
    });
  }
  /** The connected satellite's daily sync (SL-10): its reports to CSSM, CSSM's verdict back to the instances behind it. */
  const sync = () => {
    events += 2;
    ledger.applyEffect({ kind: 'forwardStaged', satelliteId: 'sat' }, q.now);
    staged.clear();
    const out = ledger.outOfCompliance('va-bench');
    if (out !== satelliteOut)
      for (let i = 0; i < n; i++) if (fleet[i]?.s === REGISTERED && fleet[i]?.linkUp && fleet[i]?.viaSatellite) verdict(i, out);
    satelliteOut = out;
    q.pushTask(q.now + daysToTicks(p.satelliteSyncDays), sync);
  };
  q.pushTask(daysToTicks(p.satelliteSyncDays), sync);
  playTimeline(scenario, ledger, (tick, task) => q.pushTask(tick, task), step);
  for (let day = GROWTH_INTERVAL_DAYS; day < scenario.days; day += GROWTH_INTERVAL_DAYS) {
    q.pushTask(daysToTicks(day), () => {
      for (let i = 0; i < n; i++) {
        const inst = fleet[i] as Instance;
        if (inst.s === EVAL_EXPIRED || inst.ooc === OOC_ENFORCED || inst.auth === EXPIRED_ENFORCED) continue;
        if (population.scale(i, group.growth ?? 0, hashUnit(scenario.seed, day, i))) step(i, 'USAGE_CHANGED');
      }
    });
  }
  for (let i = 0; i < n; i++) {
    const viaSatellite = linkDraw.pick(group.link) === 'satellite';
    fleet.push({
      s: EVAL,
      auth: VALID,
      reg: VALID,
      ooc: COMPLIANT,
      linkUp: true,
      viaSatellite,
      evalUsed: 0,
      evalSince: 0,
      reportsSent: 0,
      lastReportAt: -1e9,
      gens: new Int32Array(SLOTS),
    });
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
