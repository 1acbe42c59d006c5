import { type AnyStateMachine, createMachine } from 'xstate';

type Node = Record<string, unknown>;

/** A target with every state name on its path prefixed: `#machine.a.b`, `.a.b` and `a.b` alike (the machine id stays). */
function renameTarget(target: string, prefix: string): string {
  if (target.startsWith('#')) {
    const [id, ...path] = target.slice(1).split('.');
    return `#${[id, ...path.map((s) => prefix + s)].join('.')}`;
  }
  const relative = target.startsWith('.');
  const path = (relative ? target.slice(1) : target).split('.').map((s) => prefix + s);
  return `${relative ? '.' : ''}${path.join('.')}`;
}

function renameTransition(t: unknown, prefix: string): unknown {
  if (typeof t === 'string') return renameTarget(t, prefix);
  if (Array.isArray(t)) return t.map((x) => renameTransition(x, prefix));
  if (t && typeof t === 'object') {
    const target = (t as Node).target;
    if (target === undefined) return t;
    return {
      ...(t as Node),
      target: Array.isArray(target) ? target.map((x: string) => renameTarget(x, prefix)) : renameTarget(target as string, prefix),
    };
  }
  return t;
}

const mapValues = (o: Node, f: (v: unknown) => unknown) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));

function renameNode(node: Node, prefix: string): Node {
  const out: Node = { ...node };
  if (node.states)
    out.states = Object.fromEntries(Object.entries(node.states as Node).map(([k, v]) => [prefix + k, renameNode(v as Node, prefix)]));
  if (typeof node.initial === 'string') out.initial = prefix + node.initial;
  if (node.on) out.on = mapValues(node.on as Node, (t) => renameTransition(t, prefix));
  if (node.after) out.after = mapValues(node.after as Node, (t) => renameTransition(t, prefix));
  if (node.always) out.always = renameTransition(node.always, prefix);
  const meta = node.meta as { status?: { name: string } } | undefined;
  if (meta?.status) out.meta = { ...meta, status: { ...meta.status, name: prefix + meta.status.name } };
  return out;
}

/**
 * The same machine with every state renamed (a prefix on each state key, on the
 * targets that name them and on the status names their meta shows), and the same
 * implementations: a machine the engine must run exactly as the original, if no
 * licensing logic outside the machines names a state.
 */
export function renameStates(machine: AnyStateMachine, prefix: string): AnyStateMachine {
  return createMachine(renameNode(machine.config as Node, prefix) as never, machine.implementations as never);
}
