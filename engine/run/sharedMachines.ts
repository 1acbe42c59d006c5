import type { AnyStateMachine } from 'xstate';
import type { LicensingFacts, MachineEnv } from '../../machines/env.ts';
import { MODEL_DEFINITIONS } from '../../machines/models.ts';
import type { ModelName } from '../../machines/policyOverride.ts';

/** What the shared machines read: the clock and back end of the simulation stepping now. */
export interface MachineWorld {
  now(): number;
  facts: LicensingFacts;
}

let world: MachineWorld | null = null;
const current = (): MachineWorld => {
  if (!world) throw new Error('no simulation is stepping: bind one first');
  return world;
};

/** An env that forwards to whichever simulation is bound: machines are created once per thread, not per run. */
const env: MachineEnv = {
  now: () => current().now(),
  facts: {
    freeSessions: (id) => current().facts.freeSessions(id),
    exportAuthorizationAvailable: (id) => current().facts.exportAuthorizationAvailable(id),
    reservationAuthorizationCode: (id) => current().facts.reservationAuthorizationCode(id),
  },
};

const machines = new Map<ModelName, AnyStateMachine>();

/**
 * The machine of a model, created (and so compiled) once per thread. Its env
 * reads the simulation last bound with {@link bindWorld}; a simulation binds
 * itself whenever it steps, so simulations built side by side stay apart.
 */
export function sharedMachine(model: ModelName): AnyStateMachine {
  let machine = machines.get(model);
  if (!machine) {
    machine = MODEL_DEFINITIONS[model].create(env);
    machines.set(model, machine);
  }
  return machine;
}

/** Makes the shared machines read this simulation's clock and back end. */
export function bindWorld(next: MachineWorld): void {
  world = next;
}
