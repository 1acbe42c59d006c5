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

/** A saved counterexample replayed before the search (not fuzzed): still failing, or fixed (and deleted by `--prune`). */
export interface Replayed {
  file: string;
  name: string;
  passed: boolean;
  pruned: boolean;
}

/**
 * results.json of `licsim fuzz`: the saved counterexamples replayed first, then what was
 * searched and found, without timings (the same seed gives the same file).
 *
 * @example
 * fuzzResults(fuzzed, { seed: 1, budget: '--runs 200' }); // { schema: 'licsim/fuzz-result@1', seed: 1, …, replayed: [], scenarios: […] }
 */
export function fuzzResults(
  fuzzed: readonly ScenarioFuzz[],
  options: { seed: number; budget: string; replayed?: readonly Replayed[] },
): Record<string, unknown> {
  const replayed = options.replayed ?? [];
  return {
    schema: FUZZ_RESULT_SCHEMA,
    seed: options.seed,
    budget: options.budget,
    passed: fuzzed.every((f) => !f.result.found) && replayed.every((r) => r.passed),
    /** Saved counterexamples under the paths, replayed as written before anything was fuzzed. */
    replayed: replayed.map((r) => ({ file: r.file, name: r.name, passed: r.passed, pruned: r.pruned })),
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

/**
 * summary.md of `licsim fuzz`: the saved counterexamples replayed, a line per scenario, and
 * each counterexample's expectation, steps and replay command.
 */
export function fuzzSummary(
  fuzzed: readonly ScenarioFuzz[],
  options: { seed: number; budget: string; out: string; replayed?: readonly Replayed[] },
): string {
  const found = fuzzed.flatMap((f) => f.counterexamples.map((c) => ({ f, c })));
  const replayed = options.replayed ?? [];
  const failing = replayed.filter((r) => !r.passed).length;
  const verdict = found.length ? `${found.length} counterexample${found.length === 1 ? '' : 's'} found` : 'no expectation broken';
  const lines = [
    `# licsim fuzz: ${verdict}${failing ? `; ${stillFailing(failing)}` : ''}`,
    '',
    `Seed ${options.seed}, ${options.budget}.`,
    '',
    ...(replayed.length
      ? [
          '## Counterexamples (replayed first)',
          '',
          ...replayed.map(
            (r) =>
              `- ${r.passed ? '✓' : '✗'} ${cell(`${r.file} › ${r.name}`)}: ${
                r.passed ? `fixed — now passes${r.pruned ? ' (pruned)' : ''}` : 'still fails'
              }`,
          ),
          '',
        ]
      : []),
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

/** `1 saved counterexample still fails`, `2 saved counterexamples still fail`. */
function stillFailing(n: number): string {
  return n === 1 ? '1 saved counterexample still fails' : `${n} saved counterexamples still fail`;
}
