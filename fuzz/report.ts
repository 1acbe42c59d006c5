import { verdictName } from '../reports/evidenceText.ts';
import type { ScenarioFuzz } from './fuzzScenario.ts';
import { stepLine } from './steps.ts';

/** Bumped when a field of results.json changes meaning. */
export const FUZZ_RESULT_SCHEMA = 'licsim/fuzz-result@1';

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
      found: f.result.found
        ? {
            expectation: {
              kind: f.result.found.failure.verdict.kind,
              title: verdictName(f.result.found.failure.verdict),
              message: f.result.found.failure.verdict.message,
              evidence: f.result.found.failure.verdict.evidence,
            },
            steps: f.counterexample?.steps ?? [],
            counterexample: f.counterexample?.name ?? null,
            fastCheckPath: f.result.found.path,
            shrinkRuns: f.result.found.shrinkRuns,
          }
        : null,
    })),
  };
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

/** summary.md of `licsim fuzz`: a line per scenario, and each counterexample's expectation, steps and replay command. */
export function fuzzSummary(fuzzed: readonly ScenarioFuzz[], options: { seed: number; budget: string; out: string }): string {
  const found = fuzzed.filter((f) => f.result.found);
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
          !f.checked ? 'no expectations' : f.result.found ? cell(`✗ ${verdictName(f.result.found.failure.verdict)}`) : '✓ none broken'
        } |`,
    ),
  ];
  for (const f of found) {
    lines.push('', `## ${cell(f.name)}`, '', `${cell(f.result.found?.failure.verdict.message ?? '')}`, '');
    for (const s of f.counterexample?.steps ?? []) lines.push(`- ${stepLine(s)}`);
    if (f.counterexample) lines.push('', '```sh', `licsim run ${options.out}/${f.counterexample.name}`, '```');
  }
  return `${lines.join('\n')}\n`;
}
