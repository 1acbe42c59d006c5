import { reportedOverdraft } from '../../ledger/status.ts';
import { MODELS, policyParameters } from '../../machines/policyOverride.ts';
import { TICKS_PER_DAY } from '../../machines/time.ts';
import { instanceId } from '../fleet/identity.ts';
import type { FinalSummary, ScenarioSummary } from '../result.ts';
import type { Scenario } from '../scenario.ts';
import type { Simulation } from './simulation.ts';

/** ISO date `day` days after `start`. */
export function dateOf(start: string, day: number): string {
  const t = Date.parse(`${start}T00:00:00Z`) + Math.floor(day) * TICKS_PER_DAY * 60_000;
  return new Date(t).toISOString().slice(0, 10);
}

// The dates of the last start asked for: a fuzz search runs the same days thousands of times (≈ 2 µs a date).
let datesKept: { start: string; dates: string[] } = { start: '', dates: [] };

/**
 * The ISO dates of a run's `days` days from `start` (a fresh array; the strings are shared).
 *
 * @example
 * datesOf('2026-01-30', 3); // ['2026-01-30', '2026-01-31', '2026-02-01']
 */
export function datesOf(start: string, days: number): string[] {
  if (datesKept.start !== start) datesKept = { start, dates: [] };
  const kept = datesKept.dates;
  for (let d = kept.length; d < days; d++) kept.push(dateOf(start, d));
  return kept.slice(0, days);
}

/** What a run was asked to do: the scenario, its fleet, accounts and the policy values that differ from DOMAIN.md's. */
export function summarizeScenario(scenario: Scenario): ScenarioSummary {
  const policyChanges: ScenarioSummary['policyChanges'] = [];
  for (const model of MODELS) {
    const parameters = policyParameters(model);
    for (const [key, value] of Object.entries(scenario.policy[model])) {
      const byDefault: unknown = parameters[key]?.default;
      if (JSON.stringify(value) === JSON.stringify(byDefault)) continue;
      policyChanges.push({ model, key, value, default: structuredClone(byDefault), rule: parameters[key]?.rule ?? '' });
    }
  }
  return {
    name: scenario.name,
    description: scenario.description,
    seed: scenario.seed,
    start: scenario.start,
    days: scenario.days,
    instances: scenario.fleet.reduce((n, g) => n + g.count, 0),
    groups: scenario.fleet.map((g) => ({
      name: g.name,
      model: g.model,
      count: g.count,
      account: g.account,
      firstInstance: g.count ? instanceId(g.name, 0, g.count) : '',
    })),
    accounts: scenario.accounts.map((a) => ({ id: a.id, kind: a.kind, purchases: a.purchases })),
    policy: Object.fromEntries(MODELS.map((m) => [m, { ...scenario.policy[m] }])),
    policyChanges,
  };
}

/** Where the run ended: instances per status, and every account's position. */
export function summarizeEnd(sim: Simulation): FinalSummary {
  const status: FinalSummary['status'] = {};
  for (const c of sim.counters) {
    status[c.model] = Object.fromEntries(c.statuses.map((s, i) => [s, c.counts[i] as number]).filter(([, n]) => n !== 0));
  }
  return {
    status,
    accounts: sim.scenario.accounts.map((a) => {
      const s = sim.ledger.status(a.id);
      return {
        account: a.id,
        kind: a.kind,
        outOfCompliance: s.outOfCompliance,
        types: s.types
          .filter((t) => t.owned || t.consumption || t.reserved || t.inTransit || t.reservationShortfall)
          .map((t) => ({
            type: t.type,
            owned: t.owned,
            available: t.available,
            inUse: t.inUse,
            reserved: t.reserved,
            inTransit: t.inTransit,
            overdraft: reportedOverdraft(t),
            shortfall: t.reservationShortfall,
          })),
      };
    }),
  };
}
