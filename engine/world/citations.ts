import type { AnyStateMachine, AnyStateNode } from 'xstate';
import type { WorldMachineSet } from './machines.ts';

/** A state or a transition of one of the world's machines that cites a rule in its meta. */
export interface Citation {
  machine: string;
  kind: 'state' | 'transition';
  /** `registered.compliance.outOfCompliance`, or `registered.compliance.compliant —OUT_OF_COMPLIANCE→ outOfCompliance`. */
  where: string;
}

const AFTER = /^xstate\.after\.([^.]+)\./;

/** An event as a reader knows it: `after overage` for a delayed transition. */
function eventName(type: string): string {
  const after = AFTER.exec(type);
  return after ? `after ${after[1]}` : type;
}

const pathOf = (node: AnyStateNode) => node.path.join('.') || '(root)';

/** Every state and transition of a machine that cites rules, by rule id. */
function citationsOf(machine: AnyStateMachine, into: Map<string, Citation[]>): void {
  const add = (rules: unknown, citation: Citation) => {
    if (!Array.isArray(rules)) return;
    for (const rule of rules as string[]) {
      const list = into.get(rule) ?? [];
      list.push(citation);
      into.set(rule, list);
    }
  };
  const visit = (node: AnyStateNode) => {
    add((node.meta as { rules?: unknown } | undefined)?.rules, { machine: machine.id, kind: 'state', where: pathOf(node) });
    for (const [type, defs] of node.transitions) {
      for (const def of defs) {
        const targets = (def.target ?? []).map((t) => t.path.join('.')).join(', ') || '(stays)';
        const where = `${pathOf(node)} —${eventName(type)}→ ${targets}`;
        add((def.meta as { rules?: unknown } | undefined)?.rules, { machine: machine.id, kind: 'transition', where });
      }
    }
    for (const child of Object.values(node.states) as AnyStateNode[]) visit(child);
  };
  visit(machine.root);
}

/** Where the world's machines cite each rule: states (their meta) and transitions (theirs), in document order. */
export function machineCitations(set: WorldMachineSet): Map<string, Citation[]> {
  const out = new Map<string, Citation[]>();
  for (const machine of [...Object.values(set.models), ...Object.values(set.parties)]) citationsOf(machine, out);
  return out;
}
