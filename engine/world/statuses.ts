import type { StatusEntry } from '../../machines/catalog.ts';
import type { ModelName } from '../../machines/policyOverride.ts';
import { compileMachine } from '../compile/compileMachine.ts';
import { worldMachines } from './machines.ts';

/** The statuses of a licensing model: the catalogue of the compiled machine the engine runs (for the loader, reports, `licsim list`). */
export function modelStatuses(model: ModelName): readonly StatusEntry[] {
  return compileMachine(worldMachines().machines().models[model]).catalog;
}
