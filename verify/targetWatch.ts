import type { EngineObserver, Simulation } from '../engine/run/simulation.ts';
import type { ModelName } from '../machines/policyOverride.ts';
import type { StateSet } from '../scenarios/expect/resolve.ts';

/**
 * Watches for a world state where every instance in scope is in a target state at
 * once (`recoverable`'s target): `seen` turns true at the first such moment since
 * the last `reset`.
 */
export class TargetWatch implements EngineObserver {
  seen = false;
  private sim: Simulation | null = null;
  private scope: number[] = [];
  private target: Partial<Record<ModelName, Uint8Array>> = {};

  constructor(
    private readonly states: StateSet,
    private readonly groups: string[] | null,
  ) {}

  start(sim: Simulation): void {
    this.sim = sim;
    this.scope = [];
    for (const g of sim.fleet.groups) {
      if (this.groups && !this.groups.includes(g.spec.name)) continue;
      for (let i = 0; i < g.count; i++) this.scope.push(g.first + i);
    }
    for (const [model, names] of Object.entries(this.states.byModel) as Array<[ModelName, string[]]>) {
      const driver = sim.drivers[model];
      if (driver) this.target[model] = Uint8Array.from(driver.statuses, (s) => (names.includes(s) ? 1 : 0));
    }
  }

  /** Forgets what was seen; the state now counts. */
  reset(): void {
    this.seen = this.allIn();
  }

  step(address: number): void {
    if (!this.seen && this.sim?.isInstance(address)) this.seen = this.allIn();
  }

  private allIn(): boolean {
    const sim = this.sim;
    if (!sim || !this.scope.length) return false;
    for (const a of this.scope) if (this.target[sim.fleet.group(a).model]?.[sim.statusIndex(a)] !== 1) return false;
    return true;
  }
}
