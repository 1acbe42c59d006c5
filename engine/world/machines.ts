import type { AnyStateMachine } from 'xstate';
import type { LicensingFacts, MachineEnv } from '../../machines/env.ts';
import type { ClaimOf } from '../../machines/holdings.ts';
import { MODEL_DEFINITIONS } from '../../machines/models.ts';
import { PARTY_DEFINITIONS, PARTY_KINDS, type PartyKind } from '../../machines/parties.ts';
import { MODELS, type ModelName } from '../../machines/policyOverride.ts';

/** Every machine of the licensing world: one per licensing model, one per kind of back-end party. */
export interface WorldMachineSet {
  models: Record<ModelName, AnyStateMachine>;
  parties: Record<PartyKind, AnyStateMachine>;
}

/** How to create each machine of the world from an env (licsim's by default; tests may pass variants). */
export interface WorldFactories {
  models: Record<ModelName, (env: MachineEnv) => AnyStateMachine>;
  parties: Record<PartyKind, (env: MachineEnv) => AnyStateMachine>;
  /** What each model's states say its instances hold (for the consistent monitor). */
  claims: Record<ModelName, ClaimOf>;
}

/**
 * The world's machines, created once (so compiled once) and shared by every run of
 * a thread: their env reads the simulation last bound, and a simulation binds
 * itself whenever it steps, so simulations built side by side stay apart.
 */
export class WorldMachines {
  private bound: MachineEnv | null = null;
  private set: WorldMachineSet | null = null;
  private readonly env: MachineEnv;

  constructor(readonly factories: WorldFactories) {
    const current = (): MachineEnv => {
      if (!this.bound) throw new Error('no simulation is stepping: bind one first');
      return this.bound;
    };
    const facts: LicensingFacts = {
      freeSessions: (id) => current().facts.freeSessions(id),
      exportAuthorizationAvailable: (id) => current().facts.exportAuthorizationAvailable(id),
      reservationAuthorizationCode: (id) => current().facts.reservationAuthorizationCode(id),
      accountPosition: (id) => current().facts.accountPosition(id),
      holdsInstance: (account, id) => current().facts.holdsInstance(account, id),
      licenseTerms: (id) => current().facts.licenseTerms(id),
      licenceFileFree: (account, type) => current().facts.licenceFileFree(account, type),
    };
    this.env = { now: () => current().now(), facts, usageOf: (ref) => current().usageOf(ref) };
  }

  /** Makes the machines read this env from now on. */
  bind(env: MachineEnv): void {
    this.bound = env;
  }

  /** Lets go of the simulation last bound (a thread that runs another scenario next must not keep the last one alive). */
  unbind(): void {
    this.bound = null;
  }

  /** The machines (created on first use). */
  machines(): WorldMachineSet {
    if (!this.set) {
      const f = this.factories;
      this.set = {
        models: Object.fromEntries(MODELS.map((m) => [m, f.models[m](this.env)])) as Record<ModelName, AnyStateMachine>,
        parties: Object.fromEntries(PARTY_KINDS.map((k) => [k, f.parties[k](this.env)])) as Record<PartyKind, AnyStateMachine>,
      };
    }
    return this.set;
  }
}

/** licsim's machines, from the model and party definitions. */
export const LICSIM_FACTORIES: WorldFactories = {
  models: Object.fromEntries(MODELS.map((m) => [m, MODEL_DEFINITIONS[m].create])) as WorldFactories['models'],
  claims: Object.fromEntries(MODELS.map((m) => [m, MODEL_DEFINITIONS[m].claim])) as WorldFactories['claims'],
  parties: Object.fromEntries(PARTY_KINDS.map((k) => [k, PARTY_DEFINITIONS[k].create])) as WorldFactories['parties'],
};

let shared: WorldMachines | null = null;

/** licsim's world machines, one set per thread. */
export function worldMachines(): WorldMachines {
  shared ??= new WorldMachines(LICSIM_FACTORIES);
  return shared;
}
