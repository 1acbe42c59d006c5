import { join } from 'node:path';
import { escapeHtml as esc } from '../reports/escape.ts';
import { evidenceLine, formatDay, verdictName } from '../reports/evidenceText.ts';
import { badge, code, table } from '../reports/html/markup.ts';
import { htmlPage, INDEX_CSP } from '../reports/html/page.ts';
import { plural } from '../reports/plural.ts';
import { replayCommand } from '../reports/verify/stepsText.ts';
import { transitionRule } from './evaluate.ts';
import type { Counterexample, ScenarioFuzz } from './fuzzScenario.ts';
import type { Replayed } from './report.ts';
import { stepLine } from './steps.ts';
import { type TimelineRow, timelineRows } from './timelineRows.ts';
import { timelinesSvg } from './timelinesSvg.ts';

/** Evidence lines shown per counterexample; the rest are counted. */
const EVIDENCE_SHOWN = 10;

type Options = { seed: number; budget: string; out: string; replayed?: readonly Replayed[] };

const signed = (n: number) => `${n > 0 ? '+' : '−'}${formatDay(Math.abs(n))}&nbsp;d`;
const MUTED_DASH = '<span class="muted">—</span>';

function banner(fuzzed: readonly ScenarioFuzz[], found: number, o: Options): string {
  const failing = (o.replayed ?? []).filter((r) => !r.passed).length;
  const status = found || failing ? 'failed' : 'passed';
  const stillFail = failing ? `${plural(failing, 'saved counterexample')} still failing` : '';
  const title = [found ? `${plural(found, 'counterexample')} found` : failing ? '' : 'no expectation broken', stillFail]
    .filter(Boolean)
    .join('; ');
  return `<header class="banner ${status}" data-status="${status}">
<h1><span class="mark" aria-hidden="true">${status === 'failed' ? '✗' : '✓'}</span> licsim fuzz — ${esc(title)}</h1>
<p>Seed ${esc(o.seed)}, ${esc(o.budget)}: ${plural(fuzzed.length, 'scenario')} fuzzed.
Each counterexample is shrunk to the fewest changes from its scenario that still break the expectation.</p></header>`;
}

/** The saved counterexamples replayed first (never fuzzed): each still failing or fixed, and whether --prune deleted it. */
function replayedSection(replayed: readonly Replayed[]): string {
  if (!replayed.length) return '';
  const rows = replayed.map((r) => [
    `${badge(r.passed)} ${r.passed ? 'fixed — now passes' : 'still fails'}`,
    `${code(r.file)} › ${esc(r.name)}`,
    r.pruned ? 'deleted by --prune' : code(`licsim run ${r.file}`),
  ]);
  return `<section><h2>Saved counterexamples, replayed first</h2>${table(['', 'counterexample', ''], rows)}</section>`;
}

/** One side of a row: the day (with its move when shifted) and the action; a dropped entry struck through. */
function cells(r: TimelineRow): string[] {
  switch (r.change) {
    case 'kept':
      return [formatDay(r.original.day), esc(r.original.action), formatDay(r.minimal.day), esc(r.minimal.action), MUTED_DASH];
    case 'shifted': {
      const by = `(${signed(r.by)})`;
      const move = `${formatDay(r.original.day)} → <strong>${formatDay(r.minimal.day)}</strong> ${by}`;
      return [formatDay(r.original.day), esc(r.original.action), move, esc(r.minimal.action), `shifted ${by}`];
    }
    case 'dropped':
      return [
        formatDay(r.original.day),
        esc(r.original.action),
        `<del>${formatDay(r.original.day)}</del>`,
        `<del>${esc(r.original.action)}</del>`,
        'dropped',
      ];
    case 'inserted':
      return [MUTED_DASH, MUTED_DASH, `<ins>${formatDay(r.minimal.day)}</ins>`, `<ins>${esc(r.minimal.action)}</ins>`, 'inserted'];
  }
}

/** The original and the minimal timeline side by side, row-aligned per written entry, then the policy values changed. */
function timelines(f: ScenarioFuzz, c: Counterexample, failureDay: number | undefined): string {
  const rows = timelineRows(f.space, f.timeline, c.found.minimal);
  const head = ['Entry', 'Original: day', 'Original: action', 'Minimal: day', 'Minimal: action', 'Change'];
  const body = rows.map((r) => [r.change === 'inserted' ? '<ins>new</ins>' : code(`timeline[${r.entry}]`), ...cells(r)]);
  const policy = c.steps.flatMap((s) =>
    s.kind === 'policy'
      ? [`<li>${code(s.model)} ${code(s.key)}: ${formatDay(s.from)} → <strong>${formatDay(s.to)}</strong> days</li>`]
      : [],
  );
  return `${timelinesSvg(rows, f.space.days, failureDay)}
${table(head, body, { numeric: [1, 3], className: 'timelines', rowClass: (i) => `change-${rows[i]?.change ?? 'kept'}` })}
${policy.length ? `<p>Policy values changed:</p><ul class="evidence policy">${policy.join('')}</ul>` : ''}`;
}

function counterexampleBlock(f: ScenarioFuzz, c: Counterexample, id: string, o: Options): string {
  const v = c.found.failure.verdict;
  const shown = v.evidence.slice(0, EVIDENCE_SHOWN);
  const more = v.evidence.length - shown.length;
  const evidence = shown.length
    ? `<ul class="evidence">${shown.map((e) => `<li>${esc(evidenceLine(e))}</li>`).join('')}${
        more > 0 ? `<li class="muted">… and ${more} more</li>` : ''
      }</ul>`
    : '<p class="muted">No evidence recorded.</p>';
  const steps = c.steps.length
    ? `<ul class="evidence">${c.steps.map((s) => `<li>${esc(stepLine(s))}</li>`).join('')}</ul>`
    : '<p class="muted">None: the scenario as written fails.</p>';
  const rule = transitionRule(v);
  const ruleText = rule ? ` <span class="muted">(rule of the transition: ${code(rule)})</span>` : '';
  const failureDay = v.evidence.find((e) => e.day !== undefined)?.day;
  const file = join(o.out, c.name);
  return `<h3 id="${esc(id)}">${badge(false)} ${esc(verdictName(v))}</h3>
<p><strong>${esc(v.kind)}</strong>: ${esc(v.message)}${ruleText}</p>
<h4>Evidence</h4>
${evidence}
<h4>Steps from the original</h4>
${steps}
<h4>The original and the minimal timeline</h4>
${timelines(f, c, failureDay)}
<p>Counterexample file: <a href="${esc(encodeURI(c.name))}">${esc(c.name)}</a>. Replay it with ${code(replayCommand(file))}.</p>
<p class="muted">fast-check seed ${esc(o.seed)}, path ${code(c.found.path)}; shrunk in ${plural(c.found.shrinkRuns, 'run')}.
Search again with ${code(`licsim fuzz ${f.file} --seed ${o.seed} ${o.budget}`)}.</p>`;
}

function statusText(f: ScenarioFuzz): string {
  if (!f.checked) return 'not checked: no expectations';
  if (f.counterexamples.length) return f.counterexamples.length === 1 ? 'counterexample' : `${f.counterexamples.length} counterexamples`;
  return `held for ${plural(f.result.runs, 'run')}`;
}

function scenarioSection(f: ScenarioFuzz, index: number, o: Options): string {
  const status = !f.checked ? 'unchecked' : f.counterexamples.length ? 'failed' : 'passed';
  const mark = f.checked ? badge(!f.counterexamples.length) : '<span class="badge">NOT CHECKED</span>';
  const facts = [
    ['Status', statusText(f)],
    ['Runs', String(f.result.runs)],
    ['Refused by the loader', String(f.result.invalid)],
    ['Seed', String(f.result.seed)],
  ]
    .map(([k, val]) => `<div><dt>${esc(k)}</dt><dd>${esc(val)}</dd></div>`)
    .join('');
  const blocks = f.counterexamples.map((c, i) => counterexampleBlock(f, c, `cx-${index + 1}-${i + 1}`, o));
  return `<section class="card scenario ${status}" id="scenario-${index + 1}" data-status="${status}">
<h2>${mark} <span class="muted">${esc(f.file)} ›</span> ${esc(f.name)}</h2>
<dl class="facts">${facts}</dl>
${blocks.join('\n')}
</section>`;
}

/**
 * index.html of `licsim fuzz`: the verdict with the seed and budget, then a section per
 * scenario fuzzed (file › name, status, runs, variants the loader refused) with each
 * counterexample: the broken expectation and its evidence, the steps from the original,
 * the original and the minimal timeline side by side (a drawing of both on one scale,
 * and a table row per written entry: shifted, dropped, inserted), the policy values
 * changed, the counterexample's file (linked relative to `out`, where the page is
 * written), its replay command and fast-check's seed and path. One page, nothing loaded, no script.
 *
 * @example
 * await writeFile(join(out, 'index.html'), fuzzHtml(fuzzed, { seed: 1, budget: '--runs 100', out }));
 */
export function fuzzHtml(fuzzed: readonly ScenarioFuzz[], options: Options): string {
  const found = fuzzed.reduce((n, f) => n + f.counterexamples.length, 0);
  const body = `<main>
${banner(fuzzed, found, options)}
${replayedSection(options.replayed ?? [])}
${fuzzed.map((f, i) => scenarioSection(f, i, options)).join('\n')}
<p class="muted">Each counterexample is an ordinary scenario in <code>counterexamples/</code>: <code>licsim run</code> on it fails
with the expectation above. results.json holds the same results for machines, summary.md and junit.xml for CI.</p>
</main>`;
  return htmlPage({
    title: `licsim fuzz — ${found ? `${plural(found, 'counterexample')}` : 'no expectation broken'}`,
    csp: INDEX_CSP,
    body,
  });
}
