import type { Refusal } from '../../ledger/result.ts';
import { PROVISIONING } from '../../machines/meta.ts';
import type { Population } from '../fleet/populations.ts';
import type { Simulation } from './simulation.ts';

/** What the instance is told, the same object every time (a growth step tells a million instances). */
const USAGE_CHANGED = Object.freeze({ type: 'USAGE_CHANGED' });

/** A change of one instance's population: by a share, or by absolute numbers. */
export type PopulationChange =
  | { kind: 'scale'; factor: number; u: number }
  | { kind: 'add'; users: number; devices: Readonly<Record<string, number>> };

/**
 * The customer adds or removes users, devices or load. Growth needs every
 * PROVISIONING operation the instance's state permits (SL-2, SL-12, SL-13, NL-4,
 * NL-6: the machines' `deny` meta); the instance is then told (`USAGE_CHANGED`) and
 * its machine decides what follows (a usage report, a check-out, a claim). A
 * growth its machine refuses (directly, or through the ledger or a party it asks)
 * is undone: the new phones do not register. A shrink always stands.
 */
export function changePopulation(sim: Simulation, global: number, change: PopulationChange, op: string, grows: boolean): void {
  applyChange(sim, global, op, grows, (population, member) =>
    change.kind === 'scale' ? population.scale(member, change.factor, change.u) : population.add(member, change.users, change.devices),
  );
}

/**
 * One change of an instance's users or devices, as {@link changePopulation} describes:
 * provisioning checked for a growth, the instance told, a refused growth undone.
 * `change` says whether anything changed, or why the configuration refuses it (DLU-4).
 */
export function applyChange(
  sim: Simulation,
  global: number,
  op: string,
  grows: boolean,
  change: (population: Population, member: number) => boolean | Refusal,
): void {
  if (grows) {
    for (const o of PROVISIONING) {
      const p = sim.permits(global, o);
      if (!p.allowed) {
        sim.refused(global, op, p.rule, p.reason);
        return;
      }
    }
  }
  const member = sim.member(global);
  const population = sim.population(global);
  const changed = change(population, member);
  if (changed === false) return;
  if (changed !== true) {
    sim.refused(global, op, changed.rule, changed.reason);
    return;
  }
  const delivery = sim.deliver(global, USAGE_CHANGED, { op });
  if (grows && delivery.refusal) population.undo(member);
}
