import type { ScenarioOutcome } from '../../engine/result.ts';
import { escapeHtml as esc } from '../escape.ts';
import { formatNumber, formatSeconds } from './format.ts';
import { code, jsonText, table } from './markup.ts';

/** Key facts: file, seed, start, days, instances, variants, and how long it ran when the report was given durations. */
export function facts(o: ScenarioOutcome, seconds?: number): string {
  const s = o.runs[0]?.result.scenario;
  const items: Array<[string, string]> = [
    ['file', o.file],
    // A seed is an identifier, written as given (no separators).
    ['seed', String(s?.seed ?? '–')],
    ['start (day 0)', s?.start ?? '–'],
    ['days', formatNumber(s?.days)],
    ['instances', formatNumber(s?.instances)],
  ];
  if (o.runs.length > 1) items.push(['variants', o.runs.map((r) => r.variant).join(' vs ')]);
  if (seconds !== undefined) items.push(['duration', formatSeconds(seconds)]);
  return `<dl class="facts">${items.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>`;
}

/** Policy parameters that differ from DOMAIN.md defaults, per variant, with rule ids. */
export function policyChanges(o: ScenarioOutcome): string {
  const many = o.runs.length > 1;
  const rows = o.runs.flatMap((r) =>
    r.result.scenario.policyChanges.map((c) => [
      ...(many ? [esc(r.variant)] : []),
      esc(c.model),
      code(c.key),
      `<strong>${jsonText(c.value)}</strong>`,
      jsonText(c.default),
      esc(c.rule || '—'),
    ]),
  );
  const body = rows.length
    ? table([...(many ? ['Variant'] : []), 'Model', 'Parameter', 'Value', 'Default', 'Rule'], rows)
    : '<p class="muted">Every policy parameter is at its documented default (DOMAIN.md).</p>';
  const same = many && o.runs.some((r) => r.result.scenario.policyChanges.length === 0);
  return `<h3>Policy parameters that differ from the defaults</h3>${body}${
    same ? `<p class="muted">Variants not listed use the defaults.</p>` : ''
  }`;
}

/** The fleet groups and accounts with their purchases. */
export function fleetAndAccounts(o: ScenarioOutcome): string {
  const s = o.runs[0]?.result.scenario;
  if (!s) return '';
  const fleet = table(
    ['Group', 'Model', 'Instances', 'Account', 'First instance'],
    s.groups.map((g) => [esc(g.name), esc(g.model), formatNumber(g.count), esc(g.account), code(g.firstInstance)]),
    { numeric: [2] },
  );
  const accounts = table(
    ['Account', 'Kind', 'Purchases'],
    s.accounts.map((a) => [
      esc(a.id),
      esc(a.kind),
      a.purchases
        .map((p) => {
          const term = p.term
            ? ` <span class="muted">(term days ${esc(formatNumber(p.term.startDay))}–${esc(formatNumber(p.term.endDay))})</span>`
            : '';
          return `${esc(formatNumber(p.count))} × ${esc(p.type)}${term}`;
        })
        .join('<br>') || '<span class="muted">none</span>',
    ]),
  );
  return `<h3>Fleet</h3>${fleet}<h3>Accounts</h3>${accounts}`;
}
