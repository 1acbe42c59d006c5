import type pc from 'picocolors';
import type { ScenarioOutcome, Verdict } from '../../engine/result.ts';
import { causeLines, evidenceLine, shownRules, verdictName } from '../../reports/evidenceText.ts';
import { printable } from './printable.ts';

export type Colors = ReturnType<typeof pc.createColors>;

/** A scenario's size: `1,000 instances × 365 d`, and the variants it compares. */
export function scenarioSize(instances: number, days: number, variants: readonly string[]): string {
  const compared = variants.length > 1 ? `, ${printable(variants.join(' vs '))}` : '';
  return `${instances.toLocaleString('en-US')} instance${instances === 1 ? '' : 's'} × ${days} d${compared}`;
}

/** One line per scenario, like a test runner: mark, file › name, counts, size. */
export function scenarioLine(o: ScenarioOutcome, c: Colors, seconds?: number): string {
  const passed = o.verdicts.filter((v) => v.passed).length;
  const mark = o.passed ? c.green('✓') : c.red('✗');
  const first = o.runs[0]?.result.scenario;
  const size = scenarioSize(
    first?.instances ?? 0,
    first?.days ?? 0,
    o.runs.map((r) => r.variant),
  );
  const time = seconds === undefined ? '' : c.dim(` ${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`);
  const counts = c.dim(`(${passed}/${o.verdicts.length} expectations, ${size})`);
  return ` ${mark} ${c.dim(`${printable(o.file)} ›`)} ${printable(o.name)} ${counts}${time}`;
}

/** A verdict with its evidence, indented under its scenario. */
export function verdictLines(v: Verdict, c: Colors): string[] {
  const where = v.source ? c.dim(`  ${printable(v.source.file)}:${v.source.line}`) : '';
  const shown = shownRules(v);
  const rules = shown.rules.length ? ` ${c.dim(`[${printable(shown.rules.join(', '))}${shown.fired ? ' fired' : ''}]`)}` : '';
  const mark = v.mark?.kind === 'skip' ? c.yellow('↓') : v.mark?.kind === 'todo' ? c.cyan('✎') : v.passed ? c.green('✓') : c.red('✗');
  const marked = v.mark ? c.dim(` (${v.mark.kind})`) : '';
  const lines = [`     ${mark} ${printable(verdictName(v))}${marked}${rules}${where}`];
  // A failure says what was found and why; a pass (shown by the verbose reporter) what it counted.
  lines.push(`       ${v.passed ? c.dim(printable(v.message)) : c.yellow(printable(v.message))}`);
  let previous: { instance: string; cause: string } | null = null;
  for (const e of v.evidence) {
    lines.push(c.dim(`       · ${printable(evidenceLine(e))}`));
    const cause = causeLines(e);
    // Instances that got there the same way are not told twice.
    const same = previous !== null && cause.length > 0 && cause.join('\n') === previous.cause;
    if (same) lines.push(c.dim(`           the same way as ${printable(previous?.instance ?? '')}`));
    else for (const line of cause) lines.push(c.dim(`           ${printable(line)}`));
    if (cause.length && !same) previous = { instance: e.instance ?? '', cause: cause.join('\n') };
  }
  return lines;
}

/** The closing lines: scenario and expectation totals, and the files skipped (`skipped` says them, when there are any). */
export function totals(outcomes: readonly ScenarioOutcome[], c: Colors, seconds: number, skipped = ''): string[] {
  const failed = outcomes.filter((o) => !o.passed).length;
  const verdicts = outcomes.flatMap((o) => o.verdicts);
  const vFailed = verdicts.filter((v) => !v.passed).length;
  const vSkipped = verdicts.filter((v) => v.mark?.kind === 'skip').length;
  const vTodo = verdicts.filter((v) => v.mark?.kind === 'todo').length;
  const count = (n: number, word: string, color: (s: string) => string) => (n ? color(`${n} ${word}`) : '');
  const join = (...parts: string[]) => parts.filter(Boolean).join(', ');
  const scenarioCounts = join(count(outcomes.length - failed, 'passed', c.green), count(failed, 'failed', c.red));
  const verdictCounts = join(
    count(verdicts.length - vFailed - vSkipped - vTodo, 'passed', c.green),
    count(vFailed, 'failed', c.red),
    count(vSkipped, 'skipped', c.yellow),
    count(vTodo, 'todo', c.cyan),
  );
  return [
    '',
    ` ${c.bold('Scenarios')}     ${scenarioCounts} ${c.dim(`(${outcomes.length})`)}`,
    ` ${c.bold('Expectations')}  ${verdictCounts} ${c.dim(`(${verdicts.length})`)}`,
    ...(skipped ? [` ${c.bold('Skipped')}       ${skipped}`] : []),
    ` ${c.bold('Duration')}      ${seconds.toFixed(1)} s`,
  ];
}
