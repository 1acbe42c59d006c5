import { escapeMarkdown as md } from '../escape.ts';
import { formatDay } from '../evidenceText.ts';
import { plural } from '../plural.ts';
import { SUMMARY_LIMIT } from '../summary/summaryMarkdown.ts';
import { truncateMarkdown } from '../summary/truncate.ts';
import { unreached } from './coverageText.ts';
import { compared, type FileResult, type VerifyResults, verdictRows } from './results.ts';
import { brokenWord, outcomeText, replayCommand } from './stepsText.ts';

const mark = (passed: boolean) => (passed ? '✅' : '❌');

/** The bounds a file's verdicts hold within, in a sentence. */
export function boundsSentence(file: FileResult): string {
  const b = file.bounds;
  const fairness = file.fairness.map((f) => `after ${f.after}, ${f.next} within ${f.within} days`);
  return (
    `Within the bounds: horizon ${b.horizonDays} days, at most ${plural(b.events, 'event')} of the alphabet on a path ` +
    `(${file.alphabet.join('; ') || 'empty'}), ${plural(b.instances, 'instance')}` +
    `${b.maxStates === null ? '' : `, at most ${b.maxStates} states`}${fairness.length ? `; assuming ${fairness.join('; ')}` : ''}.`
  );
}

function fileSection(file: FileResult): string[] {
  const lines = ['', `### ${mark(file.passed)} ${md(file.name)} (\`${md(file.file)}\`)`, '', md(boundsSentence(file)), ''];
  const withVariant = compared(file);
  lines.push(
    `| | Property | ${withVariant ? 'Variant | ' : ''}Outcome | States | Distinct | Depth |`,
    `|---|---|${withVariant ? '---|' : ''}---|---:|---:|---:|`,
  );
  for (const variant of file.variants)
    for (const p of variant.properties)
      lines.push(
        `| ${mark(p.passed)} | ${md(p.name)} | ${withVariant ? `${md(variant.variant)} | ` : ''}${md(outcomeText(p))} | ` +
          `${variant.states} | ${variant.distinct} | ${variant.depth} |`,
      );
  for (const variant of file.variants)
    for (const p of variant.properties) {
      const cx = p.counterexample;
      if (!cx) continue;
      const where = withVariant ? ` [variant ${md(variant.variant)}]` : '';
      lines.push('', `**Counterexample of ${md(p.name)}**${where} (${md(outcomeText(p))}; replay: \`${md(replayCommand(cx.file))}\`):`, '');
      for (const [i, s] of cx.steps.entries()) lines.push(`${i + 1}. day ${formatDay(s.day)}: ${md(s.event)}`);
      if (!cx.steps.length) lines.push('- no event: the fixed timeline alone breaks it');
      lines.push('', `${md(brokenWord(p.kind))} ${formatDay(cx.day)}`);
      for (const r of cx.reachable ?? []) lines.push(`- reachable: ${md(r.join(', '))}`);
    }
  for (const variant of file.variants) {
    const dead = unreached(variant).filter((u) => u.rules.length || u.statuses.length);
    if (!dead.length) continue;
    lines.push('', `Coverage${withVariant ? ` (${md(variant.variant)})` : ''}: what no explored path reached:`, '');
    for (const u of dead) {
      const parts = [
        u.rules.length ? `rules never fired ${md(u.rules.join(', '))} (of ${u.ruleCount})` : '',
        u.statuses.length ? `statuses never reached ${md(u.statuses.join(', '))} (of ${u.statusCount})` : '',
      ];
      lines.push(`- ${md(u.kind)}: ${parts.filter(Boolean).join('; ')}`);
    }
  }
  return lines;
}

/**
 * summary.md of `licsim verify`: per verification file the bounds its verdicts hold
 * within, a table of its properties (outcome, states, depth), each counterexample's
 * steps, and the rules and statuses no explored path reached; cut to GitHub's 1 MiB.
 */
export function verifySummaryMarkdown(results: VerifyResults, maxBytes = SUMMARY_LIMIT): string {
  const rows = verdictRows(results);
  const failed = rows.filter((r) => !r.property.passed).length;
  const head = results.passed
    ? `## ✅ licsim verify: all ${plural(rows.length, 'property', 'properties')} passed`
    : `## ❌ licsim verify: ${failed} of ${plural(rows.length, 'property', 'properties')} failed`;
  const lines = [
    `<!-- licsim verify ${results.runId.replace(/-->/g, '')} -->`,
    head,
    '',
    `${plural(results.files.length, 'verification file')}. A property holds only within its file's bounds: ` +
      'no path of at most that many events within the horizon breaks it.',
    ...results.files.flatMap((f) => fileSection(f)),
    '',
    'Full report: [index.html](index.html) (each counterexample replayed, with its timeline and evidence).',
    '',
  ];
  return truncateMarkdown(lines, maxBytes, 'index.html');
}
