import type { Simulation } from '../../engine/run/simulation.ts';
import type { ModelName } from '../../machines/policyOverride.ts';
import type { StateSet } from './resolve.ts';

/**
 * A resolved state set (statuses or status groups) as a byte per status index of
 * each fleet group's model, for a simulation: `has(global, status)` answers whether
 * a status an instance shows (a step report's `from` or `to`) is one of the set.
 */
export class StatusTable {
  private byGroup: Array<Uint8Array | undefined> = [];
  private sim: Simulation | null = null;

  constructor(readonly set: StateSet) {}

  bind(sim: Simulation): void {
    this.sim = sim;
    const byModel: Partial<Record<ModelName, Uint8Array>> = {};
    for (const [model, names] of Object.entries(this.set.byModel) as Array<[ModelName, string[]]>) {
      if (sim.drivers[model]) byModel[model] = Uint8Array.from(sim.modelDriver(model).statuses, (name) => (names.includes(name) ? 1 : 0));
    }
    this.byGroup = sim.fleet.groups.map((g) => byModel[g.model]);
  }

  /** Whether status index `status` of the instance at `global` is in the set. */
  has(global: number, status: number): boolean {
    return this.byGroup[(this.sim as Simulation).fleet.groupIndex(global)]?.[status] === 1;
  }
}

/** The name of status index `status` of the instance at `global`. */
export function statusName(sim: Simulation, global: number, status: number): string {
  return sim.driverAt(global).statuses[status] ?? String(status);
}
