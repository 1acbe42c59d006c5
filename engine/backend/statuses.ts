import type { AnyStateMachine, AnyStateNode } from 'xstate';
import type { StateMeta } from '../../machines/meta.ts';

/** Status index 0: a configuration whose states carry no status. */
export const NO_STATUS = 'none';

/** Every status a machine's states can show, in document order, after "none". */
export function statusNames(machine: AnyStateMachine): string[] {
  const names = [NO_STATUS];
  const visit = (node: AnyStateNode) => {
    const status = (node.meta as StateMeta | undefined)?.status;
    if (status && !names.includes(status.name)) names.push(status.name);
    for (const child of Object.values(node.states) as AnyStateNode[]) visit(child);
  };
  visit(machine.root);
  return names;
}

/** The report group of each status of a machine (DOMAIN.md states grouped for charts). */
export function statusGroups(machine: AnyStateMachine): Record<string, string> {
  const groups: Record<string, string> = { [NO_STATUS]: 'retired' };
  const visit = (node: AnyStateNode) => {
    const status = (node.meta as StateMeta | undefined)?.status;
    if (status) groups[status.name] = status.group;
    for (const child of Object.values(node.states) as AnyStateNode[]) visit(child);
  };
  visit(machine.root);
  return groups;
}
