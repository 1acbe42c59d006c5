import { statusGroupColour } from '../charts/palette.ts';
import { escapeXmlAttr as xml } from '../escape.ts';
import { FONT_SIZE, type LaidOut, textBox } from './layout.ts';
import { triggerText } from './machineGraph.ts';

const MARGIN = 16;
const LINE = 16;

/** Coordinates to a tenth of a pixel: the same layout writes the same bytes. */
const n = (x: number) => String(Math.round(x * 10) / 10);
/** An id usable in a fragment link: `state-registered.compliance.outOfCompliance`. */
export const stateAnchor = (machine: string, state: string) => `${machine}-state-${state.replace(/[^A-Za-z0-9_.-]/g, '_')}`;

/** Lines of text from a top-left corner, one per line. */
function lines(x: number, y: number, text: readonly string[], cls: string): string {
  return text.map((t, i) => `<text class="${cls}" x="${n(x)}" y="${n(y + (i + 1) * LINE - 4)}">${xml(t)}</text>`).join('');
}

/**
 * A laid-out machine as SVG: each state a rounded box (parallel states' regions dashed), tinted with its status
 * group's colour (the charts' palette) and labelled with its name, status and rules; each arrow with its
 * transitions' labels (timers with their policy values); the transitions taken from any state listed below. Every
 * state box carries an id (`stateAnchor`) that a report links to. Deterministic: the same layout gives the same bytes.
 */
export function renderSvg(laid: LaidOut): string {
  const machine = laid.graph.machine;
  const listed = laid.fromAny.map((t) => `${triggerText(t.trigger)}${t.guard ? ` [${t.guard}]` : ''} → ${t.targets.join(', ')}`);
  const legend = listed.length ? ['from any state:', ...listed] : [];
  const legendBox = textBox(legend);
  const width = Math.ceil(Math.max(laid.width, legendBox.width) + MARGIN * 2);
  const height = Math.ceil(laid.height + (legend.length ? legendBox.height + MARGIN : 0) + MARGIN * 2);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
      `font-family="sans-serif" font-size="${FONT_SIZE}" role="img" aria-label="${xml(`${machine} state diagram`)}">`,
    `<defs><marker id="${xml(`${machine}-arrow`)}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" ` +
      'orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#555"/></marker></defs>',
    '<style>.state{fill:#fff;stroke:#444;stroke-width:1.2}.region{fill:none;stroke:#999;stroke-dasharray:4 3}' +
      '.name{font-weight:bold}.meta{fill:#555}.edge{fill:none;stroke:#555;stroke-width:1.1}.label{fill:#222}' +
      '.labelbg{fill:#fff;fill-opacity:.85}</style>',
    `<g transform="translate(${MARGIN},${MARGIN})">`,
  ];
  for (const b of laid.boxes) {
    const s = b.state;
    const region = laid.boxes.find((p) => p.state.id === s.parent)?.state.kind === 'parallel';
    const tint = s.status ? statusGroupColour(s.status.group) : null;
    const style = tint ? ` style="fill:${tint};fill-opacity:.18;stroke:${tint}"` : '';
    out.push(
      `<g id="${xml(stateAnchor(machine, s.id))}" data-state="${xml(s.id)}">` +
        `<rect class="${region ? 'region' : 'state'}" x="${n(b.x)}" y="${n(b.y)}" width="${n(b.width)}" height="${n(b.height)}" ` +
        `rx="${s.kind === 'final' ? 2 : 8}"${region ? '' : style}/>` +
        lines(b.x + 8, b.y + 4, b.lines.slice(0, 1), 'name') +
        lines(b.x + 8, b.y + 4 + LINE, b.lines.slice(1), 'meta') +
        '</g>',
    );
  }
  for (const a of laid.arrows) {
    if (a.points.length < 2) continue;
    const d = a.points.map((p, i) => `${i ? 'L' : 'M'}${n(p.x)},${n(p.y)}`).join('');
    const rules = [...new Set(a.arrow.transitions.flatMap((t) => t.rules))].join(' ');
    out.push(
      `<g class="transition" data-source="${xml(a.arrow.source)}" data-target="${xml(a.arrow.target)}"` +
        `${rules ? ` data-rules="${xml(rules)}"` : ''}>` +
        `<path class="edge" d="${d}" marker-end="url(#${xml(`${machine}-arrow`)})"/>` +
        (a.label
          ? `<rect class="labelbg" x="${n(a.label.x)}" y="${n(a.label.y)}" width="${n(a.label.width)}" height="${n(a.label.height)}"/>` +
            lines(a.label.x, a.label.y, a.arrow.lines, 'label')
          : '') +
        '</g>',
    );
  }
  if (legend.length) out.push(lines(0, laid.height + MARGIN, legend, 'meta'));
  out.push('</g></svg>');
  return `${out.join('\n')}\n`;
}
