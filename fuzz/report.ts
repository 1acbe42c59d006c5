import { verdictName } from '../reports/evidenceText.ts';
import { transitionRule } from './evaluate.ts';
import type { Counterexample, ScenarioFuzz } from './fuzzScenario.ts';
import { stepLine } from './steps.ts';

/** Bumped when a field of results.json changes meaning. */
export const FUZZ_RESULT_SCHEMA = 'licsim/fuzz-result@1';

function foundJson(c: Counterexample): Record<string, unknown> {
  const v = c.found.failure.verdict;
  return {
    expectation: { kind: v.kind, title: verdictName(v), message: v.message, evidence: v.evidence },
    rule: transitionRule(v),
    steps: c.steps,
    counterexample: c.name,
    fastCheckPath: c.found.path,
    shrinkRuns: c.found.shrinkRuns,
  };
}

/** results.json of `licsim fuzz`: what was searched and found, without timings (the same seed gives the same file). */
export function fuzzResults(fuzzed: readonly ScenarioFuzz[], options: { seed: number; budget: string }): Record<string, unknown> {
  return {
    schema: FUZZ_RESULT_SCHEMA,
    seed: options.seed,
    budget: options.budget,
    passed: fuzzed.every((f) => !f.result.found),
    scenarios: fuzzed.map((f) => ({
      file: f.file,
      name: f.name,
      checked: f.checked,
      runs: f.result.runs,
      invalid: f.result.invalid,
      found: f.counterexample ? foundJson(f.counterexample) : null,
      /** Every counterexample (one per distinct failure with --all; the first is `found`). */
      counterexamples: f.counterexamples.map(foundJson),
    })),
  };
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

/** summary.md of `licsim fuzz`: a line per scenario, and each counterexample's expectation, steps and replay command. */
export function fuzzSummary(fuzzed: readonly ScenarioFuzz[], options: { seed: number; budget: string; out: string }): string {
  const found = fuzzed.flatMap((f) => f.counterexamples.map((c) => ({ f, c })));
  const lines = [
    `# licsim fuzz: ${found.length ? `${found.length} counterexample${found.length === 1 ? '' : 's'} found` : 'no expectation broken'}`,
    '',
    `Seed ${options.seed}, ${options.budget}.`,
    '',
    '| Scenario | Runs | Result |',
    '| --- | ---: | --- |',
    ...fuzzed.map(
      (f) =>
        `| ${cell(`${f.file} › ${f.name}`)} | ${f.result.runs} | ${
          !f.checked
            ? 'no expectations'
            : f.counterexamples.length
              ? cell(f.counterexamples.map((c) => `✗ ${verdictName(c.found.failure.verdict)}`).join('; '))
              : '✓ none broken'
        } |`,
    ),
  ];
  for (const { f, c } of found) {
    const v = c.found.failure.verdict;
    const title = f.counterexamples.length > 1 ? `${f.name}: ${verdictName(v)}` : f.name;
    lines.push('', `## ${cell(title)}`, '', `${cell(v.message)}`, '');
    for (const s of c.steps) lines.push(`- ${stepLine(s)}`);
    lines.push('', '```sh', `licsim run ${options.out}/${c.name}`, '```');
  }
  return `${lines.join('\n')}\n`;
}
