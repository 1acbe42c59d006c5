import { STATUS_GROUPS } from '../machines/meta.ts';
import { TICKS_PER_DAY } from '../machines/time.ts';
import { OutcomeWatch, outcomesOf } from './outcomes/index.ts';
import { hashUnit } from './random.ts';
import { RESULT_SCHEMA, type RunResult, type TimelineOutcome } from './result.ts';
import { changePopulation } from './run/population.ts';
import { Simulation, type SimulationOptions } from './run/simulation.ts';
import { datesOf, summarizeEnd, summarizeScenario } from './run/summary.ts';
import { scheduleTimeline } from './run/timeline.ts';
import type { Scenario } from './scenario.ts';
import type { EngineOp } from './timeline/refusalOps.ts';

const NEW_DAY = { type: 'NEW_DAY' } as const;
const GROWTH_OP: EngineOp = 'growth';

/** Days between automatic growth steps of a fleet group. */
export const GROWTH_INTERVAL_DAYS = 30;

function scheduleGrowth(sim: Simulation): void {
  for (const g of sim.fleet.groups) {
    const rate = g.spec.growth;
    if (!rate) continue;
    for (let day = GROWTH_INTERVAL_DAYS; day < sim.scenario.days; day += GROWTH_INTERVAL_DAYS) {
      sim.backend.at(day * TICKS_PER_DAY, () => {
        const change = { kind: 'scale' as const, factor: rate, u: 0 };
        for (let i = 0; i < g.count; i++) {
          change.u = hashUnit(sim.scenario.seed, day, g.origin.first + i);
          changePopulation(sim, g.first + i, change, GROWTH_OP, true);
        }
      });
    }
  }
}

/** Satellites declared disconnected are switched so at the start (a satellite machine starts connected). */
function configureSatellites(sim: Simulation): void {
  for (const s of sim.scenario.satellites ?? []) {
    const party = sim.parties.find('satellite', s.id);
    if (party && s.mode !== 'connected') sim.deliver(party.address, { type: 'SET_MODE', mode: s.mode });
  }
}

/**
 * What happens at the midnight that starts day `d` (d ≥ 1), before anything else at
 * that tick: the sample of day d - 1 (a run's series; `licsim verify` keeps none), the
 * daily consistency check, the observers' end of day, and CSSM's new day.
 */
export function startOfDay(sim: Simulation, d: number, sample = true): void {
  if (sample) sim.metrics.sample(sim.ledger);
  sim.consistency.checkTouched();
  for (const o of sim.observers) o.day?.(d - 1, sim);
  // The world's clock: a new day starts, before anything else happens in it (CSSM compares, SL-7).
  for (const cssm of sim.parties.byKind.cssm) sim.deliver(cssm.address, NEW_DAY);
}

/**
 * Sets a run going at tick 0, after its days are queued: the timeline's entries and
 * the fleet's growth are queued, the observers start, then the machines, then the
 * satellites are set to their modes. Returns the timeline's outcomes (filled in as the run goes).
 */
export function startRun(sim: Simulation): TimelineOutcome[] {
  const timeline = scheduleTimeline(sim);
  scheduleGrowth(sim);
  for (const o of sim.observers) o.start?.(sim);
  sim.startMachines();
  configureSatellites(sim);
  return timeline;
}

/**
 * Runs a scenario on virtual time and returns its result: pure data, the same
 * for the same scenario and seed. Daily samples are taken at each midnight,
 * before anything else happens at that tick.
 */
export function runScenario(scenario: Scenario, options: SimulationOptions = {}): RunResult {
  return resultOf(simulate(scenario, options));
}

/** A run ended: its world, its outcome watch and its timeline's outcomes (what {@link resultOf} and a partition's share read). */
export interface EndedRun {
  sim: Simulation;
  watch: OutcomeWatch;
  timeline: TimelineOutcome[];
}

/** Runs a scenario on virtual time to its end; the world is left as it ended. */
export function simulate(scenario: Scenario, options: SimulationOptions = {}): EndedRun {
  const watch = new OutcomeWatch();
  const sim = new Simulation(scenario, { ...options, observers: [watch, ...(options.observers ?? [])] });
  const days = Math.ceil(scenario.days);
  for (let d = 1; d <= days; d++) {
    sim.backend.at(d * TICKS_PER_DAY, () => {
      startOfDay(sim, d);
      options.onProgress?.({ day: d, days, steps: sim.work.steps });
    });
  }
  const timeline = startRun(sim);
  sim.runUntil(days * TICKS_PER_DAY);
  sim.consistency.checkAll();
  return { sim, watch, timeline };
}

/** The result of an ended run: pure data, the same for the same scenario and seed. */
export function resultOf({ sim, watch, timeline }: EndedRun): RunResult {
  const scenario = sim.scenario;
  const days = Math.ceil(scenario.days);
  const models = sim.models.map((model) => ({
    model,
    instances: sim.fleet.globals[model].length,
    statuses: sim.modelDriver(model).catalog.map(({ name, group }) => ({ name, group })),
  }));
  const series = sim.metrics.toSeries();
  return {
    schema: RESULT_SCHEMA,
    scenario: summarizeScenario(scenario),
    dates: datesOf(scenario.start, days),
    statusGroups: [...STATUS_GROUPS],
    models,
    series,
    outcomes: outcomesOf(series, models, watch),
    events: sim.log.entries,
    eventsDropped: sim.log.dropped,
    identities: identitiesOf(sim, sim.log.named),
    timeline,
    final: summarizeEnd(sim),
    consistency: sim.consistency.report,
    work: { ...sim.work, messages: sim.exchange.messages },
  };
}

/** The identities of the traced instances among `named`, in fleet order (the MAC an instance has now, where it has one). */
export function identitiesOf(sim: Simulation, named: Iterable<number>): RunResult['identities'] {
  return Object.fromEntries(
    [...named]
      .filter((global) => sim.isInstance(global) && sim.traced(global))
      .sort((a, b) => a - b)
      .map((global) => {
        const { id, ...identity } = sim.fleet.identity(
          global,
          (sim.driver(global).context(sim.fleet.local(global)) as { mac?: string }).mac,
        );
        return [id, identity];
      }),
  );
}
