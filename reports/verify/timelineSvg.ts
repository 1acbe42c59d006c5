import type { LogEntry } from '../../engine/result.ts';
import { escapeHtml as esc } from '../escape.ts';
import { formatDay } from '../evidenceText.ts';
import type { CounterexampleResult } from './results.ts';

const WIDTH = 900;
const LEFT = 24;
const RIGHT = 24;
/** Height of the axis below the marks, and of each stacked mark of events on the same day. */
const BASE = 58;
const STACK = 22;
/** State changes of the replay drawn at most (the rest are in the table). */
const CHANGES_SHOWN = 200;

/**
 * A round step between axis labels for a horizon of `days` (at most 12 labels).
 *
 * @example
 * tickStep(60); // 5
 */
export function tickStep(days: number): number {
  for (const step of [1, 5, 10, 30, 50, 100, 200, 365, 500, 1000]) if (days / step <= 12) return step;
  return Math.ceil(days / 12);
}

/**
 * A counterexample on a line of days, as inline SVG (no script, nothing loaded): the
 * horizon as an axis, each injected event a numbered blue mark with its label as a
 * tooltip, the replay's state changes as small grey ticks, the day the property broke in red.
 */
export function timelineSvg(cx: CounterexampleResult, horizonDays: number, changes: readonly LogEntry[], brokenLabel: string): string {
  const days = Math.max(1, horizonDays);
  // Events on the same day are stacked upwards.
  const levels = cx.steps.map((s, i) => cx.steps.slice(0, i).filter((t) => t.day === s.day).length);
  const AXIS = BASE + STACK * Math.max(0, ...levels);
  const HEIGHT = AXIS + 40;
  const x = (day: number) => (LEFT + (Math.min(Math.max(day, 0), days) / days) * (WIDTH - LEFT - RIGHT)).toFixed(1);
  // A label near an end of the axis runs inwards, so it is not cut off.
  const anchor = (day: number) => (day < days * 0.15 ? 'start' : day > days * 0.85 ? 'end' : 'middle');
  const step = tickStep(days);
  const ticks: string[] = [];
  for (let d = 0; d <= days; d += step)
    ticks.push(
      `<line x1="${x(d)}" x2="${x(d)}" y1="${AXIS}" y2="${AXIS + 5}" stroke="#59636e"/>` +
        `<text x="${x(d)}" y="${AXIS + 18}" font-size="11" text-anchor="middle" fill="#59636e">${d}</text>`,
    );
  const marks = changes
    .slice(0, CHANGES_SHOWN)
    .map(
      (e) =>
        `<line x1="${x(e.day)}" x2="${x(e.day)}" y1="${AXIS - 10}" y2="${AXIS}" stroke="#8c959f">` +
        `<title>day ${esc(formatDay(e.day))}: ${esc(e.instance)} ${esc(e.from ?? '')} → ${esc(e.to ?? '')}` +
        `${e.rules.length ? ` (${esc(e.rules.join(', '))})` : ''}</title></line>`,
    );
  const steps = cx.steps.map((s, i) => {
    const cy = AXIS - 26 - STACK * (levels[i] ?? 0);
    return (
      `<g><title>${i + 1}. day ${esc(formatDay(s.day))}: ${esc(s.event)}</title>` +
      `<line x1="${x(s.day)}" x2="${x(s.day)}" y1="${cy + 9}" y2="${AXIS}" stroke="#0969da"/>` +
      `<circle cx="${x(s.day)}" cy="${cy}" r="9" fill="#0969da"/>` +
      `<text x="${x(s.day)}" y="${cy + 4}" font-size="11" font-weight="700" text-anchor="middle" fill="#fff">${i + 1}</text></g>`
    );
  });
  const broken =
    `<g><title>${esc(brokenLabel)} ${esc(formatDay(cx.day))}</title>` +
    `<path d="M${x(cx.day)} ${AXIS + 1} l-6 10 h12 z" fill="#cf222e"/>` +
    `<text x="${x(cx.day)}" y="${AXIS + 33}" font-size="11" font-weight="700" text-anchor="${anchor(cx.day)}" fill="#cf222e">` +
    `${esc(brokenLabel)} ${esc(formatDay(cx.day))}</text></g>`;
  const label =
    `Timeline of the counterexample over ${days} days: ${cx.steps.length} injected event(s)` +
    `${cx.steps.map((s) => `, day ${formatDay(s.day)} ${s.event}`).join('')}; ${brokenLabel} ${formatDay(cx.day)}`;
  return `<figure class="chart"><svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-label="${esc(label)}">
<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${AXIS}" y2="${AXIS}" stroke="#1f2328"/>
${ticks.join('')}
${marks.join('')}
${steps.join('')}
${broken}
</svg><figcaption>Days 0 to ${days}: blue, the injected events (numbered as in the table); grey ticks, state changes of the replay;
red, ${esc(brokenLabel)} ${esc(formatDay(cx.day))}.</figcaption></figure>`;
}
