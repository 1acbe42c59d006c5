import { escapeHtml as esc } from '../reports/escape.ts';
import { formatDay } from '../reports/evidenceText.ts';
import { tickStep } from '../reports/verify/timelineSvg.ts';
import type { TimelineRow } from './timelineRows.ts';

const WIDTH = 900;
const LEFT = 96;
const RIGHT = 24;
/** The original's axis, the minimal's, and the day labels below. */
const ORIGINAL_Y = 30;
const MINIMAL_Y = 86;
const HEIGHT = 150;

const BLUE = '#0969da';
const SHIFTED = '#9a6700';
const INSERTED = '#1a7f37';
const GREY = '#8c959f';
const RED = '#cf222e';
const MUTED = '#59636e';

const rowLabel = (r: TimelineRow) => (r.change === 'inserted' ? 'inserted' : `timeline[${r.entry}]`);

/**
 * The original and the minimal timeline on two lines of days with one scale (inline
 * SVG, no script): a tick per entry (blue kept, amber shifted with a dashed line from its
 * written day, green inserted, a grey cross where a dropped entry was), the day the
 * failure shows in red on the minimal line. Each tick says its entry as a tooltip.
 *
 * @example
 * timelinesSvg(rows, 60, 31); // '<figure class="chart"><svg …'
 */
export function timelinesSvg(rows: readonly TimelineRow[], runDays: number, failureDay: number | undefined): string {
  const days = Math.max(1, runDays);
  const x = (day: number) => (LEFT + (Math.min(Math.max(day, 0), days) / days) * (WIDTH - LEFT - RIGHT)).toFixed(1);
  const tick = (day: number, y: number, colour: string, title: string) =>
    `<line x1="${x(day)}" x2="${x(day)}" y1="${y - 10}" y2="${y + 10}" stroke="${colour}" stroke-width="3">` +
    `<title>${esc(title)}</title></line>`;
  const marks: string[] = [];
  for (const r of rows) {
    const what = (side: string, day: number, action: string) => `${side}, ${rowLabel(r)} day ${formatDay(day)}: ${action}`;
    if (r.change !== 'inserted') marks.push(tick(r.original.day, ORIGINAL_Y, BLUE, what('original', r.original.day, r.original.action)));
    if (r.change === 'kept') marks.push(tick(r.minimal.day, MINIMAL_Y, BLUE, what('minimal', r.minimal.day, r.minimal.action)));
    if (r.change === 'inserted')
      marks.push(
        tick(r.minimal.day, MINIMAL_Y, INSERTED, what('minimal (inserted)', r.minimal.day, r.minimal.action)),
        `<text x="${x(r.minimal.day)}" y="${MINIMAL_Y - 13}" font-size="13" font-weight="700" text-anchor="middle" ` +
          `fill="${INSERTED}">+</text>`,
      );
    if (r.change === 'shifted')
      marks.push(
        `<line x1="${x(r.original.day)}" x2="${x(r.minimal.day)}" y1="${ORIGINAL_Y + 10}" y2="${MINIMAL_Y - 10}" ` +
          `stroke="${SHIFTED}" stroke-dasharray="4 3"/>`,
        tick(r.minimal.day, MINIMAL_Y, SHIFTED, what('minimal (shifted)', r.minimal.day, r.minimal.action)),
      );
    if (r.change === 'dropped')
      marks.push(
        `<path d="M${x(r.original.day)} ${MINIMAL_Y} m-6 -6 l12 12 m0 -12 l-12 12" stroke="${GREY}" stroke-width="2">` +
          `<title>${esc(`minimal, ${rowLabel(r)} dropped (was day ${formatDay(r.original.day)}: ${r.original.action})`)}</title></path>`,
      );
  }
  const labels = MINIMAL_Y + 34;
  const ticks: string[] = [];
  const step = tickStep(days);
  for (let d = 0; d <= days; d += step)
    ticks.push(
      `<line x1="${x(d)}" x2="${x(d)}" y1="${MINIMAL_Y + 14}" y2="${MINIMAL_Y + 19}" stroke="${MUTED}"/>` +
        `<text x="${x(d)}" y="${labels}" font-size="11" text-anchor="middle" fill="${MUTED}">${d}</text>`,
    );
  const failure =
    failureDay === undefined
      ? ''
      : `<g><title>the failure shows on day ${esc(formatDay(failureDay))}</title>` +
        `<path d="M${x(failureDay)} ${MINIMAL_Y + 11} l-6 10 h12 z" fill="${RED}"/>` +
        `<text x="${x(failureDay)}" y="${labels + 16}" font-size="11" font-weight="700" text-anchor="middle" fill="${RED}">` +
        `broken on day ${esc(formatDay(failureDay))}</text></g>`;
  const axis = (y: number, name: string) =>
    `<text x="0" y="${y + 4}" font-size="12" font-weight="600" fill="#1f2328">${name}</text>` +
    `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y}" y2="${y}" stroke="#1f2328"/>`;
  const said = rows.map((r) => {
    if (r.change === 'inserted') return `inserted day ${formatDay(r.minimal.day)} ${r.minimal.action}`;
    if (r.change === 'dropped') return `${rowLabel(r)} dropped`;
    return `${rowLabel(r)} day ${formatDay(r.original.day)}${r.change === 'shifted' ? ` to ${formatDay(r.minimal.day)}` : ''}`;
  });
  const aria = `The original and the minimal timeline over ${days} days: ${said.join('; ')}${
    failureDay === undefined ? '' : `; broken on day ${formatDay(failureDay)}`
  }`;
  return `<figure class="chart"><svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-label="${esc(aria)}">
${axis(ORIGINAL_Y, 'Original')}
${axis(MINIMAL_Y, 'Minimal')}
${ticks.join('')}
${marks.join('\n')}
${failure}
</svg><figcaption>Days 0 to ${days}, one line per timeline: blue, an entry as written; amber, shifted (dashed from its written day);
green +, inserted; grey cross, dropped; red, the day the failure shows.</figcaption></figure>`;
}
