import type { AnyStateNode, AnyTransitionDefinition } from 'xstate';

/**
 * The SCXML microstep sets exactly as XState 5.33 computes them (its
 * `computeExitSet`, `computeEntrySet`, `removeConflictingTransitions`, without
 * history states, which the compiler refuses). Run once per configuration and
 * transition set at compile time; the stepper replays the result.
 */

type Node = AnyStateNode;
type Transition = Pick<AnyTransitionDefinition, 'source' | 'target' | 'reenter'>;

const children = (node: Node): Node[] => Object.values(node.states) as Node[];

export function isDescendant(child: Node, parent: Node): boolean {
  let marker = child;
  while (marker.parent && marker.parent !== parent) marker = marker.parent;
  return marker.parent === parent;
}

export function properAncestors(node: Node, upTo: Node | undefined): Node[] {
  const ancestors: Node[] = [];
  if (upTo === node) return ancestors;
  let m = node.parent;
  while (m && m !== upTo) {
    ancestors.push(m);
    m = m.parent;
  }
  return ancestors;
}

function leastCommonAncestor(nodes: Node[]): Node | undefined {
  const [head, ...tail] = nodes;
  if (!head) return undefined;
  for (const ancestor of properAncestors(head, undefined)) {
    if (tail.every((n) => isDescendant(n, ancestor))) return ancestor;
  }
  return undefined;
}

function targets(t: Transition): Node[] {
  return (t.target ?? []) as Node[];
}

function transitionDomain(t: Transition): Node | undefined {
  const targetStates = targets(t);
  const source = t.source as Node;
  if (!t.reenter && targetStates.every((target) => target === source || isDescendant(target, source))) return source;
  const lca = leastCommonAncestor([...targetStates, source]);
  if (lca) return lca;
  if (t.reenter) return undefined;
  return source.machine.root as Node;
}

export function exitSet(transitions: readonly Transition[], active: ReadonlySet<Node>): Node[] {
  const statesToExit = new Set<Node>();
  for (const t of transitions) {
    if (!targets(t).length) continue;
    const domain = transitionDomain(t);
    if (t.reenter && t.source === domain && domain) statesToExit.add(domain);
    for (const node of active) if (domain && isDescendant(node, domain)) statesToExit.add(node);
  }
  return [...statesToExit];
}

export function removeConflicting<T extends Transition>(enabled: readonly T[], active: ReadonlySet<Node>): T[] {
  const filtered = new Set<T>();
  for (const t1 of enabled) {
    let preempted = false;
    const toRemove = new Set<T>();
    for (const t2 of filtered) {
      const e1 = exitSet([t1], active);
      const e2 = new Set(exitSet([t2], active));
      if (e1.some((n) => e2.has(n))) {
        if (isDescendant(t1.source as Node, t2.source as Node)) toRemove.add(t2);
        else {
          preempted = true;
          break;
        }
      }
    }
    if (!preempted) {
      for (const t of toRemove) filtered.delete(t);
      filtered.add(t1);
    }
  }
  return [...filtered];
}

function addDescendants(node: Node, defaultEntry: Set<Node>, toEnter: Set<Node>): void {
  if (node.type === 'compound') {
    const initial = node.initial.target[0] as Node;
    toEnter.add(initial);
    defaultEntry.add(initial);
    addDescendants(initial, defaultEntry, toEnter);
    addAncestors(toEnter, defaultEntry, properAncestors(initial, node), undefined);
  } else if (node.type === 'parallel') {
    for (const child of children(node)) {
      if (![...toEnter].some((s) => isDescendant(s, child))) {
        toEnter.add(child);
        defaultEntry.add(child);
        addDescendants(child, defaultEntry, toEnter);
      }
    }
  }
}

function addAncestors(toEnter: Set<Node>, defaultEntry: Set<Node>, ancestors: Node[], reentrancyDomain: Node | undefined): void {
  for (const anc of ancestors) {
    if (!reentrancyDomain || isDescendant(anc, reentrancyDomain)) toEnter.add(anc);
    if (anc.type === 'parallel') {
      for (const child of children(anc)) {
        if (![...toEnter].some((s) => isDescendant(s, child))) {
          toEnter.add(child);
          addDescendants(child, defaultEntry, toEnter);
        }
      }
    }
  }
}

/** States to enter, and those entered by default (whose `initial` actions run). */
export function entrySet(transitions: readonly Transition[]): { toEnter: Set<Node>; defaultEntry: Set<Node> } {
  const toEnter = new Set<Node>();
  const defaultEntry = new Set<Node>();
  for (const t of transitions) {
    const domain = transitionDomain(t);
    for (const s of targets(t)) {
      if (t.source !== s || t.source !== domain || t.reenter) {
        toEnter.add(s);
        defaultEntry.add(s);
      }
      addDescendants(s, defaultEntry, toEnter);
    }
    for (const s of targets(t)) {
      const ancestors = properAncestors(s, domain);
      if (domain?.type === 'parallel') ancestors.push(domain);
      addAncestors(toEnter, defaultEntry, ancestors, !(t.source as Node).parent && t.reenter ? undefined : domain);
    }
  }
  return { toEnter, defaultEntry };
}

/** The configuration XState starts in, with the states entered by default. */
export function initialEntry(root: Node): { toEnter: Set<Node>; defaultEntry: Set<Node> } {
  const initialNodes = new Set<Node>();
  const visit = (node: Node) => {
    if (initialNodes.has(node)) return;
    initialNodes.add(node);
    if (node.type === 'compound') visit(node.initial.target[0] as Node);
    else if (node.type === 'parallel') for (const child of children(node)) visit(child);
  };
  visit(root);
  const sets = entrySet([{ source: root, target: [...initialNodes], reenter: true }]);
  sets.defaultEntry.add(root);
  return sets;
}
