import type { AnyStateMachine, AnyStateNode } from 'xstate';
import type { StateMeta, StatusGroup } from './meta.ts';
import type { RuleId } from './rules.ts';

/** A status a machine's states can show, with its report group and the rules its states cite. */
export interface StatusEntry {
  name: string;
  group: StatusGroup;
  rules: RuleId[];
}

/** Every status of a machine, in document order (states sharing a status merge their rules). */
export function statusCatalog(machine: AnyStateMachine): StatusEntry[] {
  const entries = new Map<string, StatusEntry>();
  const visit = (node: AnyStateNode) => {
    const meta = node.meta as StateMeta | undefined;
    if (meta?.status) {
      const entry = entries.get(meta.status.name) ?? { name: meta.status.name, group: meta.status.group, rules: [] };
      for (const rule of meta.rules) if (!entry.rules.includes(rule)) entry.rules.push(rule);
      entries.set(meta.status.name, entry);
    }
    for (const child of Object.values(node.states) as AnyStateNode[]) visit(child);
  };
  visit(machine.root);
  return [...entries.values()];
}
