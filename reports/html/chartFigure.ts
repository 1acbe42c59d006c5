import { escapeHtml as esc } from '../escape.ts';
import type { ChartSpec } from '../types.ts';

/** Where a page finds the charts: the path from the page to the report folder, and which charts' PNGs were written. */
export interface ChartImages {
  /** Prefix of a chart's path (`../` from a scenario page). */
  base: string;
  /** Ids of the charts whose PNG was written (a chart that failed to render has none). */
  rendered: ReadonlySet<string>;
}

/** A chart's figure: the PNG (fallback), a canvas the page script draws into, and the caption. */
export function chartFigure(spec: ChartSpec, images: ChartImages): string {
  const src = images.rendered.has(spec.id) ? `${images.base}${spec.file}` : null;
  const img = src
    ? `<img class="chart-png" src="${esc(src)}" alt="${esc(spec.title)}" width="${spec.width}" height="${spec.height}">`
    : `<p class="note">The PNG of this chart could not be rendered.</p>`;
  return `<figure class="chart" id="chart-${esc(spec.id)}" data-chart="${esc(spec.id)}">
<div class="chart-canvas" hidden><canvas role="img" aria-label="${esc(spec.title)}"></canvas></div>
${img}
<figcaption>${esc(spec.caption)} ${src ? `<a href="${esc(src)}">PNG</a>` : ''}</figcaption>
</figure>`;
}

/** The charts section of a scenario, with a note for charts left out because there was nothing to draw. */
export function chartsSection(specs: readonly ChartSpec[], images: ChartImages): string {
  const kinds = new Set(specs.map((s) => s.kind));
  const notes: string[] = [];
  if (!kinds.has('usage')) notes.push('No licence usage or entitlement was recorded, so there is no consumption chart.');
  if (!kinds.has('alarms')) notes.push('No alarm was raised during the run.');
  return `<h3>Charts</h3>${notes.map((n) => `<p class="muted">${esc(n)}</p>`).join('')}<div class="charts">${specs
    .map((s) => chartFigure(s, images))
    .join('\n')}</div>`;
}
