import elkBundled from 'elkjs/lib/elk.bundled.js';
import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';

/** elkjs's bundled layout engine (a CommonJS module: its default export is the constructor). */
const Elk = elkBundled as unknown as new () => ELK;

import type { DiagramState, DiagramTransition, MachineGraph } from './machineGraph.ts';

const ROOT = '(root)';

/** The font the diagram writes in, and the width a character is taken to have (labels are sized before any browser). */
export const FONT_SIZE = 12;
const CHAR_WIDTH = 7;
const LINE_HEIGHT = 16;
const PAD = 8;

/** The width and height of lines of text as the diagram sizes them. */
export function textBox(lines: readonly string[]): { width: number; height: number } {
  return { width: Math.max(0, ...lines.map((l) => l.length * CHAR_WIDTH)), height: lines.length * LINE_HEIGHT };
}

/** The lines a state's box is labelled with: its name, its status (when it shows one), its rules. */
export function stateLines(s: DiagramState): string[] {
  return [
    s.key,
    ...(s.status && s.status.name !== s.key ? [`status ${s.status.name}`] : []),
    ...(s.rules.length ? [s.rules.join(' ')] : []),
  ];
}

/**
 * An arrow of the diagram: drawn between two states of one parent (`container`), standing for the transitions
 * between the states inside them, each a line of its label (with `→ target` when the target lies deeper).
 */
export interface DiagramArrow {
  id: string;
  /** The states it is drawn from and to: siblings, or one state (a loop). */
  source: string;
  target: string;
  /** Their parent (the machine's root: `(root)`). */
  container: string;
  transitions: DiagramTransition[];
  lines: string[];
}

/** A laid-out box: absolute position and size. */
export interface PlacedBox {
  state: DiagramState;
  x: number;
  y: number;
  width: number;
  height: number;
  lines: string[];
}

/** A laid-out arrow: its route (absolute points) and its label's box. */
export interface PlacedArrow {
  arrow: DiagramArrow;
  points: Array<{ x: number; y: number }>;
  label: { x: number; y: number; width: number; height: number } | null;
}

/** A machine laid out: every box and arrow in absolute coordinates, and the whole drawing's size. */
export interface LaidOut {
  graph: MachineGraph;
  width: number;
  height: number;
  boxes: PlacedBox[];
  arrows: PlacedArrow[];
  /** The transitions the machine takes from any state (on its root): listed beside the drawing. */
  fromAny: DiagramTransition[];
}

/**
 * The arrows of a machine: its transitions that move between states (one that stays in its state is not drawn; one
 * the machine takes from any state, on its root, is listed apart), one arrow per source and first target, its
 * transitions' labels one per line, in the machine's order.
 */
export function arrowsOf(graph: MachineGraph): DiagramArrow[] {
  const byKey = new Map<string, DiagramArrow>();
  for (const t of graph.transitions) {
    const [target] = t.targets;
    if (target === undefined || t.source === ROOT || target === ROOT) continue;
    const { container, from, to } = siblingsOf(t.source, target);
    const key = `${from}\u0000${to}`;
    const arrow = byKey.get(key) ?? { id: `a${byKey.size}`, source: from, target: to, container, transitions: [], lines: [] };
    const line = to === target ? t.label : `${t.label} → ${target}`;
    arrow.transitions.push(t);
    if (!arrow.lines.includes(line)) arrow.lines.push(line);
    byKey.set(key, arrow);
  }
  return [...byKey.values()];
}

/**
 * Where a transition from `source` to `target` is drawn: between their ancestors that are children of the deepest
 * state holding both (so every arrow joins two boxes of one parent, laid out together), or as a loop on `source`
 * when one holds the other.
 */
function siblingsOf(source: string, target: string): { container: string; from: string; to: string } {
  const a = source.split('.');
  const b = target.split('.');
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  const container = common ? a.slice(0, common).join('.') : ROOT;
  if (common === a.length || common === b.length) return { container: parentOf(source), from: source, to: source };
  return { container, from: a.slice(0, common + 1).join('.'), to: b.slice(0, common + 1).join('.') };
}

const parentOf = (id: string) => (id.includes('.') ? id.slice(0, id.lastIndexOf('.')) : ROOT);

/** ELK's options for every box with boxes inside: layered, top to bottom; each box's inside is laid out on its own. */
const LAYERED: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.edgeRouting': 'POLYLINE',
  'elk.layered.spacing.nodeNodeBetweenLayers': '40',
  'elk.spacing.nodeNode': '30',
  'elk.spacing.edgeLabel': '4',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.randomSeed': '1',
};

/**
 * Lays a machine's diagram out with ELK (elkjs, a compound-graph layout): nested states as nested boxes (a parallel
 * state's regions side by side inside it), arrows routed between them, each label sized from its text. The same
 * graph gives the same layout.
 */
export async function layoutMachine(graph: MachineGraph): Promise<LaidOut> {
  const children = new Map<string, DiagramState[]>();
  for (const s of graph.states) if (s.parent !== null) children.set(s.parent, [...(children.get(s.parent) ?? []), s]);
  const lines = new Map(graph.states.map((s) => [s.id, stateLines(s)]));
  const arrows = arrowsOf(graph);
  const edgesIn = new Map<string, ElkExtendedEdge[]>();
  for (const a of arrows) {
    const box = textBox(a.lines);
    const edge = {
      id: a.id,
      sources: [a.source],
      targets: [a.target],
      labels: [{ id: `${a.id}-label`, text: a.lines.join('\n'), ...box }],
    };
    edgesIn.set(a.container, [...(edgesIn.get(a.container) ?? []), edge]);
  }
  const node = (s: DiagramState): ElkNode => {
    const kids = children.get(s.id) ?? [];
    const text = textBox(lines.get(s.id) ?? []);
    const header = text.height + PAD;
    return {
      id: s.id,
      ...(kids.length
        ? {
            children: kids.map(node),
            edges: edgesIn.get(s.id) ?? [],
            layoutOptions: {
              ...LAYERED,
              'elk.padding': `[top=${header + PAD},left=${PAD * 2},bottom=${PAD * 2},right=${PAD * 2}]`,
              'elk.nodeSize.constraints': 'MINIMUM_SIZE',
              'elk.nodeSize.minimum': `(${text.width + PAD * 2},${header + PAD * 2})`,
              // A parallel state's regions have no arrows between them: side by side.
              ...(s.kind === 'parallel' ? { 'elk.direction': 'RIGHT' } : {}),
            },
          }
        : { width: text.width + PAD * 2, height: text.height + PAD * 2 }),
    };
  };
  const root = graph.states.find((s) => s.id === ROOT);
  const fromAny = graph.transitions.filter((t) => t.source === ROOT && t.targets.length);
  const elk = new Elk();
  const laid: ElkNode = await elk.layout({
    id: ROOT,
    layoutOptions: LAYERED,
    children: (children.get(root?.id ?? ROOT) ?? []).map(node),
    edges: edgesIn.get(ROOT) ?? [],
  });
  // ELK gives a child's position relative to its parent, an edge's relative to its container.
  const origin = new Map<string, { x: number; y: number }>([[ROOT, { x: 0, y: 0 }]]);
  const boxes: PlacedBox[] = [];
  const byId = new Map(graph.states.map((s) => [s.id, s]));
  const place = (n: ElkNode, parent: { x: number; y: number }) => {
    const at = { x: parent.x + (n.x ?? 0), y: parent.y + (n.y ?? 0) };
    origin.set(n.id, at);
    const state = byId.get(n.id);
    if (state) boxes.push({ state, x: at.x, y: at.y, width: n.width ?? 0, height: n.height ?? 0, lines: lines.get(n.id) ?? [] });
    for (const c of n.children ?? []) place(c, at);
  };
  for (const c of laid.children ?? []) place(c, { x: 0, y: 0 });
  const arrowById = new Map(arrows.map((a) => [a.id, a]));
  const all: Array<{ e: ElkExtendedEdge; container: string }> = [];
  const collect = (n: ElkNode) => {
    for (const e of n.edges ?? []) all.push({ e, container: n.id });
    for (const c of n.children ?? []) collect(c);
  };
  collect(laid);
  const placed: PlacedArrow[] = all.map(({ e, container }) => {
    // An edge's coordinates are relative to the box it is laid out in.
    const base = origin.get(container) ?? { x: 0, y: 0 };
    const points = (e.sections ?? [])
      .flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint])
      .map((p) => ({
        x: base.x + p.x,
        y: base.y + p.y,
      }));
    const l = e.labels?.[0];
    return {
      arrow: arrowById.get(e.id) as DiagramArrow,
      points,
      label: l ? { x: base.x + (l.x ?? 0), y: base.y + (l.y ?? 0), width: l.width ?? 0, height: l.height ?? 0 } : null,
    };
  });
  return { graph, width: laid.width ?? 0, height: laid.height ?? 0, boxes, arrows: placed, fromAny };
}
