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

/** An arrow of the diagram: the transitions from one state to one target set, each a line of its label. */
export interface DiagramArrow {
  id: string;
  source: string;
  target: string;
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
    const key = `${t.source}\u0000${target}`;
    const arrow = byKey.get(key) ?? { id: `a${byKey.size}`, source: t.source, target, transitions: [], lines: [] };
    arrow.transitions.push(t);
    if (!arrow.lines.includes(t.label)) arrow.lines.push(t.label);
    byKey.set(key, arrow);
  }
  return [...byKey.values()];
}

/** ELK's options: layered, top to bottom, the whole hierarchy laid out at once so arrows may cross boxes' borders. */
const ROOT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
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
  const node = (s: DiagramState): ElkNode => {
    const kids = children.get(s.id) ?? [];
    const text = textBox(lines.get(s.id) ?? []);
    const header = text.height + PAD;
    return {
      id: s.id,
      ...(kids.length
        ? {
            children: kids.map(node),
            layoutOptions: {
              'elk.padding': `[top=${header + PAD},left=${PAD * 2},bottom=${PAD * 2},right=${PAD * 2}]`,
              'elk.nodeSize.constraints': 'MINIMUM_SIZE',
              'elk.nodeSize.minimum': `(${text.width + PAD * 2},${header + PAD * 2})`,
              ...(s.kind === 'parallel' ? { 'elk.direction': 'RIGHT' } : {}),
            },
          }
        : { width: text.width + PAD * 2, height: text.height + PAD * 2 }),
    };
  };
  const arrows = arrowsOf(graph);
  const edges: ElkExtendedEdge[] = arrows.map((a) => {
    const box = textBox(a.lines);
    return { id: a.id, sources: [a.source], targets: [a.target], labels: [{ id: `${a.id}-label`, text: a.lines.join('\n'), ...box }] };
  });
  const root = graph.states.find((s) => s.id === ROOT);
  const fromAny = graph.transitions.filter((t) => t.source === ROOT && t.targets.length);
  const elk = new Elk();
  const laid: ElkNode = await elk.layout({
    id: ROOT,
    layoutOptions: ROOT_OPTIONS,
    children: (children.get(root?.id ?? ROOT) ?? []).map(node),
    edges,
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
  const placed: PlacedArrow[] = (laid.edges ?? []).map((e) => {
    const base = origin.get((e as { container?: string }).container ?? ROOT) ?? { x: 0, y: 0 };
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
