import { readFile } from 'node:fs/promises';
import pc from 'picocolors';
import type { ScenarioOutcome } from '../../engine/result.ts';
import { differenceLine } from '../../reports/baseline/diffText.ts';
import { parseResults } from '../../reports/baseline/resultsInput.ts';
import { diffSuites } from '../../reports/baseline/suiteDiff.ts';
import { plural } from '../../reports/plural.ts';
import { formatProblem } from '../../scenarios/loader/problems.ts';
import { printable } from '../console/printable.ts';
import { EXIT, UsageError } from '../errors.ts';
import { cliIo } from '../io.ts';

export interface DiffOptions {
  /** Machine output: the differences as JSON (stdout). */
  json?: boolean;
  color: boolean;
}

/**
 * `licsim diff a/results.json b/results.json`: the key outcomes of two runs (reports/baseline/outcomes.ts), compared
 * as `licsim run --baseline` compares a run with its baselines, one line per difference. Exit 0 when they are the
 * same, 1 when they differ; a file that cannot be read or is not a completed run's results.json is bad input (exit 2).
 */
export async function diffCommand(files: [string, string], options: DiffOptions): Promise<number> {
  // Both are read; when both are bad, the first given is the one reported (whichever read ends first).
  const read = await Promise.allSettled(files.map(readRun));
  for (const r of read) if (r.status === 'rejected') throw r.reason;
  const [a, b] = read.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof readRun>>>).value);
  const diff = diffSuites(a as ScenarioOutcome[], b as ScenarioOutcome[]);
  const count = diff.scenarios.reduce((n, s) => n + s.differences.length, 0);
  if (options.json) {
    const scenarios = diff.scenarios.map((s) => ({ ...s, differences: s.differences.map((d) => ({ ...d, text: differenceLine(d) })) }));
    cliIo().stdout.write(
      `${JSON.stringify({ schema: 'licsim/diff@1', equal: count === 0, compared: diff.compared, scenarios }, null, 2)}\n`,
    );
    return count ? EXIT.failed : EXIT.passed;
  }
  const c = pc.createColors(options.color);
  const lines: string[] = [];
  for (const s of diff.scenarios) {
    lines.push(` ${c.red('✗')} ${printable(s.file)} › ${printable(s.name)}`);
    for (const d of s.differences) lines.push(`     ${printable(differenceLine(d))}`);
  }
  const between = c.dim(`(${printable(files[0])} → ${printable(files[1])})`);
  const scenarios = plural(diff.compared, 'scenario');
  lines.push(
    count
      ? `${lines.length ? '\n' : ''} ${plural(count, 'difference')} in ${diff.scenarios.length} of ${scenarios} ${between}`
      : ` ${c.green('no differences')} in ${scenarios} ${between}`,
  );
  cliIo().stdout.write(`${lines.join('\n')}\n`);
  return count ? EXIT.failed : EXIT.passed;
}

async function readRun(file: string): Promise<ScenarioOutcome[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const parsed = parseResults(text, file);
  if (!parsed.ok) throw new UsageError(`${file} is not a results.json licsim diff can compare`, parsed.problems.map(formatProblem));
  return parsed.scenarios;
}
