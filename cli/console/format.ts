import type pc from 'picocolors';
import type { ScenarioOutcome, Verdict } from '../../engine/result.ts';
import { evidenceLine, verdictName } from '../../reports/evidenceText.ts';

export type Colors = ReturnType<typeof pc.createColors>;

/** A scenario's size: `1,000 instances × 365 d`, and the variants it compares. */
export function scenarioSize(instances: number, days: number, variants: readonly string[]): string {
  return `${instances.toLocaleString('en-US')} instances × ${days} d${variants.length > 1 ? `, ${variants.join(' vs ')}` : ''}`;
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
  return ` ${mark} ${c.dim(`${o.file} ›`)} ${o.name} ${c.dim(`(${passed}/${o.verdicts.length} expectations, ${size})`)}${time}`;
}

/** A verdict with its evidence, indented under its scenario. */
export function verdictLines(v: Verdict, c: Colors): string[] {
  const where = v.source ? c.dim(`  ${v.source.file}:${v.source.line}`) : '';
  const lines = [`     ${v.passed ? c.green('✓') : c.red('✗')} ${verdictName(v)} ${c.dim(`[${v.rules.join(', ')}]`)}${where}`];
  if (!v.passed) {
    lines.push(`       ${c.yellow(v.message)}`);
    for (const e of v.evidence) lines.push(c.dim(`       · ${evidenceLine(e)}`));
  }
  return lines;
}

/** The closing lines: scenario and expectation totals. */
export function totals(outcomes: readonly ScenarioOutcome[], c: Colors, seconds: number): string[] {
  const failed = outcomes.filter((o) => !o.passed).length;
  const verdicts = outcomes.flatMap((o) => o.verdicts);
  const vFailed = verdicts.filter((v) => !v.passed).length;
  const count = (n: number, word: string, color: (s: string) => string) => (n ? color(`${n} ${word}`) : '');
  const join = (...parts: string[]) => parts.filter(Boolean).join(', ');
  const scenarioCounts = join(count(outcomes.length - failed, 'passed', c.green), count(failed, 'failed', c.red));
  const verdictCounts = join(count(verdicts.length - vFailed, 'passed', c.green), count(vFailed, 'failed', c.red));
  return [
    '',
    ` ${c.bold('Scenarios')}     ${scenarioCounts} ${c.dim(`(${outcomes.length})`)}`,
    ` ${c.bold('Expectations')}  ${verdictCounts} ${c.dim(`(${verdicts.length})`)}`,
    ` ${c.bold('Duration')}      ${seconds.toFixed(1)} s`,
  ];
}
