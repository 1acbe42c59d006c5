import type { LogEntry } from '../../engine/result.ts';
import { escapeHtml as esc } from '../escape.ts';
import { evidenceLine, formatDay } from '../evidenceText.ts';
import { badge, code, table } from '../html/markup.ts';
import { htmlPage, INDEX_CSP } from '../html/page.ts';
import { unreached } from './coverageText.ts';
import { logOn, type Replay, type Replays, replayRun, replayVerdicts } from './replay.ts';
import { compared, type FileResult, type PropertyResult, type VariantResult, type VerifyResults, verdictRows } from './results.ts';
import { brokenWord, outcomeText, replayCommand } from './stepsText.ts';
import { timelineSvg } from './timelineSvg.ts';
import { boundsSentence } from './verifySummary.ts';

/** Log entries shown per step of a counterexample; the rest are counted. */
const LOG_SHOWN = 12;

const outcomeBadge = (p: PropertyResult) => {
  const cls = p.passed ? 'pass' : 'fail';
  return `<span class="badge ${cls}">${esc(p.outcome.toUpperCase())}</span>`;
};

function banner(results: VerifyResults): string {
  const rows = verdictRows(results);
  const failed = rows.filter((r) => !r.property.passed).length;
  const title = results.passed ? 'every property passed' : `${failed} of ${rows.length} properties failed`;
  const status = results.passed ? 'passed' : 'failed';
  return `<header class="banner ${status}" data-status="${status}">
<h1><span class="mark" aria-hidden="true">${results.passed ? '✓' : '✗'}</span> licsim verify — ${esc(title)}</h1>
<p>${results.files.length} verification file(s), ${rows.length} verdict(s) (a property under a variant).
A property that holds does so within its file's bounds, said in each section.</p></header>`;
}

function propertyTable(file: FileResult): string {
  const rows = file.variants.flatMap((variant) => variant.properties.map((p) => ({ variant, p })));
  const withVariant = compared(file);
  return table(
    ['Status', 'Property', ...(withVariant ? ['Variant'] : []), 'Kind', 'Outcome', 'States', 'Distinct', 'Depth', 'Complete', 'Rules'],
    rows.map(({ variant, p }) => [
      badge(p.passed),
      `${esc(p.name)}<br><span class="muted">${esc(outcomeText(p))}</span>`,
      ...(withVariant ? [esc(variant.variant)] : []),
      code(p.kind),
      outcomeBadge(p),
      String(variant.states),
      String(variant.distinct),
      String(variant.depth),
      variant.complete ? 'yes' : '<strong>no</strong> (cut short)',
      esc(p.rules.join(', ') || '—'),
    ]),
    {
      numeric: withVariant ? [5, 6, 7] : [4, 5, 6],
      rowClass: (i) => (rows[i]?.p.passed ? 'passed' : 'failed'),
    },
  );
}

/** One log entry as a line: `shop-000 authorized → outOfComplianceOverage (SL-7, SL-12)`. */
function logText(e: LogEntry): string {
  const what =
    e.kind === 'transition'
      ? `${e.from ?? ''} → ${e.to ?? ''}`
      : e.kind === 'cleared'
        ? (e.detail ?? `${e.event} cleared`)
        : `${e.kind} ${e.detail ?? e.event}`;
  return `${e.instance} ${what}${e.rules.length ? ` (${e.rules.join(', ')})` : ''}`;
}

function logCell(entries: readonly LogEntry[]): string {
  if (!entries.length) return '<span class="muted">nothing logged that day</span>';
  const shown = entries.filter((e) => e.kind !== 'effect').slice(0, LOG_SHOWN);
  const more = entries.filter((e) => e.kind !== 'effect').length - shown.length;
  if (!shown.length) return '<span class="muted">no state change that day</span>';
  return `<ul class="evidence">${shown.map((e) => `<li>${esc(logText(e))}</li>`).join('')}${
    more > 0 ? `<li class="muted">… and ${more} more</li>` : ''
  }</ul>`;
}

/** What the replay says: the evidence of its failing expectation, or why it does not fail. */
function replayText(p: PropertyResult, replay: Replay | undefined): string {
  const command = replayCommand(p.counterexample?.file ?? '');
  if (!replay) return `<p class="muted">Not replayed.</p>`;
  if ('error' in replay) return `<p class="note">The replay ${code(command)} could not run: ${esc(replay.error)}</p>`;
  const failed = replayVerdicts(replay).filter((v) => !v.passed);
  if (!failed.length) {
    const why =
      p.kind === 'deadlockFree'
        ? 'it replays the path to the stuck state and expects nothing (a deadlock is no failure of a run)'
        : 'the checker and the engine disagree on this path: a bug, please report it with the file';
    return `<p class="note">${code(command)} passes: ${esc(why)}.</p>`;
  }
  const items = failed.map(
    (v) =>
      `<li><strong>${esc(v.title)}</strong>: ${esc(v.message)}` +
      `${v.rules.length ? ` <span class="muted">(${esc(v.rules.join(', '))})</span>` : ''}` +
      `<ul class="evidence">${v.evidence
        .slice(0, 5)
        .map((e) => `<li>${esc(evidenceLine(e))}</li>`)
        .join('')}</ul></li>`,
  );
  return `<p>${code(command)} fails, as the checker found:</p><ul class="evidence">${items.join('')}</ul>`;
}

const pathText = (n: number) =>
  n ? `The shortest path found (${n} event${n === 1 ? '' : 's'})` : 'No event: the fixed timeline alone breaks it';

function counterexampleBlock(file: FileResult, variant: VariantResult, p: PropertyResult, ctx: { replays: Replays }, id: string): string {
  const cx = p.counterexample;
  if (!cx) return '';
  const replay = ctx.replays.get(cx.file);
  const run = replay && 'outcome' in replay ? replayRun(replay) : undefined;
  const where = compared(file) ? ` [variant ${variant.variant}]` : '';
  const rows = cx.steps.map((s, i) => [String(i + 1), formatDay(s.day), code(s.event), logCell(logOn(run, s.day))]);
  rows.push(['', formatDay(cx.day), `<strong>${esc(brokenWord(p.kind))} ${esc(formatDay(cx.day))}</strong>`, logCell(logOn(run, cx.day))]);
  const changes = (run?.events ?? []).filter((e) => e.kind === 'transition');
  const reachable = cx.reachable?.length
    ? '<p>Statuses reachable from there within the bounds (one list per instance; none is the target):</p>' +
      `<ul class="evidence">${cx.reachable.map((r) => `<li>${esc(r.join(', '))}</li>`).join('')}</ul>`
    : '';
  return `<h4 id="${esc(id)}">${badge(p.passed)} ${esc(p.name)}${esc(where)} — ${esc(outcomeText(p))}</h4>
<p>${pathText(cx.steps.length)}. Replay it with ${code(replayCommand(cx.file))}
(<a href="${esc(encodeURI(cx.file))}">${esc(cx.file)}</a>).</p>
${timelineSvg(cx, file.bounds.horizonDays, changes, brokenWord(p.kind))}
${table(['#', 'Day', 'Event', "The replay's log that day (rules)"], rows, { numeric: [0, 1] })}
${reachable}
${replayText(p, replay)}`;
}

const never = (names: readonly string[]) => (names.length ? `<br><span class="muted">never: ${esc(names.join(', '))}</span>` : '');

function coverageTable(file: FileResult): string {
  const rows = file.variants.flatMap((variant) =>
    unreached(variant).map((u) => [
      ...(compared(file) ? [esc(variant.variant)] : []),
      code(u.kind),
      `${u.statusCount - u.statuses.length} / ${u.statusCount}${never(u.statuses)}`,
      `${u.ruleCount - u.rules.length} / ${u.ruleCount}${never(u.rules)}`,
      u.alarms.length ? esc(u.alarms.join(', ')) : '<span class="muted">none</span>',
    ]),
  );
  if (!rows.length) return '';
  const intro = '<p class="muted">What the explored paths reached: a rule never fired within the bounds is dead policy here.</p>';
  const head = [...(compared(file) ? ['Variant'] : []), 'Machine', 'Statuses reached', 'Rules fired', 'Alarms raised'];
  return `<h3>Coverage</h3>${intro}${table(head, rows)}`;
}

function fileSection(file: FileResult, index: number, ctx: { replays: Replays }): string {
  const status = file.passed ? 'passed' : 'failed';
  const b = file.bounds;
  const facts = [
    ['Horizon', `${b.horizonDays} days`],
    ['Events on a path', `at most ${b.events}`],
    ['Instances', String(b.instances)],
    ['Variants', compared(file) ? file.variants.map((v) => v.variant).join(', ') : '— (no comparison)'],
    ['Max states', b.maxStates === null ? 'no limit' : String(b.maxStates)],
  ]
    .map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`)
    .join('');
  const blocks = file.variants.flatMap((variant, vi) =>
    variant.properties.map((p, pi) => counterexampleBlock(file, variant, p, ctx, `cx-${index + 1}-${vi + 1}-${pi + 1}`)),
  );
  const cxs = blocks.filter(Boolean);
  return `<section class="card scenario ${status}" id="verification-${index + 1}">
<h2>${badge(file.passed)} ${esc(file.name)}</h2>
<p class="muted">${code(file.file)} ${esc(file.description)}</p>
<dl class="facts">${facts}</dl>
<p>${esc(boundsSentence(file))}</p>
<h3>Properties</h3>
${propertyTable(file)}
${cxs.length ? `<h3>Counterexamples (${cxs.length})</h3>\n${cxs.join('\n')}` : ''}
${coverageTable(file)}
</section>`;
}

/**
 * index.html of `licsim verify`: the verdict, then a section per verification file with
 * its bounds, its properties, each counterexample (its steps on a timeline of days, the
 * replay's log on each step's day and the evidence of the replay's failing expectation)
 * and the coverage. No script, nothing loaded.
 */
export function verifyPage(results: VerifyResults, replays: Replays): string {
  const body = `<main>
${banner(results)}
${results.files.map((f, i) => fileSection(f, i, { replays })).join('\n')}
<p class="muted">Each counterexample is an ordinary scenario in <code>counterexamples/</code>:
<code>licsim run</code> on it replays the path and fails with the property's evidence. results.json holds the same results for machines.</p>
</main>`;
  return htmlPage({
    title: `licsim verify — ${results.passed ? 'PASSED' : 'FAILED'}`,
    csp: INDEX_CSP,
    runId: results.runId,
    body,
  });
}
