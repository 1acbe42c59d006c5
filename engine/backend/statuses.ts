import type { AnyStateMachine } from 'xstate';
import { statusCatalog } from '../../machines/catalog.ts';

/** Status index 0: a configuration whose states carry no status. */
export const NO_STATUS = 'none';

/** Every status a machine's states can show, in document order, after "none". */
export function statusNames(machine: AnyStateMachine): string[] {
  return [NO_STATUS, ...statusCatalog(machine).map((s) => s.name)];
}
