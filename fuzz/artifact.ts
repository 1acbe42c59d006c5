import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import { evidenceLine, verdictName } from '../reports/evidenceText.ts';
import { LICSIM_VERSION } from '../reports/io/runId.ts';
import { FORMAT_VERSION } from '../scenarios/loader/formatVersion.ts';
import type { Failure } from './evaluate.ts';
import { type Step, stepLine } from './steps.ts';

/** How a counterexample file written by licsim fuzz begins (its header's first words): `--prune` deletes only such files. */
export const COUNTEREXAMPLE_MARK = '# licsim fuzz counterexample of ';

/** The folder counterexamples are written to, under --out (and beside a scenario with --save). */
export const COUNTEREXAMPLES = 'counterexamples';

/**
 * A scenario's name in lower-case words, for a file name.
 *
 * @example
 * slug('A purchase one day late!'); // 'a-purchase-one-day-late'
 */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 60)
      .replace(/^-+|-+$/g, '') || 'scenario'
  );
}

/**
 * The counterexample's file name: the scenario's slug and 8 hex digits of a hash of the
 * scenario file's text and licsim's version.
 *
 * @example
 * counterexampleFile('Late purchase', text); // 'late-purchase-3f9a0c1e.yaml'
 */
export function counterexampleFile(name: string, text: string): string {
  const hash = createHash('sha256').update(`${text}\0licsim ${LICSIM_VERSION}`).digest('hex').slice(0, 8);
  return `${slug(name)}-${hash}.yaml`;
}

/** What the header of a counterexample says: the failure, where it came from and how to reproduce the search. */
export interface ArtifactInfo {
  file: string;
  name: string;
  failure: Failure;
  steps: readonly Step[];
  seed: number;
  path: string;
  /** The fuzz command's options that decide the search (`--runs 200`). */
  budget: string;
}

/**
 * The minimal counterexample as an ordinary scenario file: a header comment (what
 * failed and its first evidence, the steps from the original, the original file, the
 * seed and fast-check's path), then the variant's scenario with its name marked.
 * The same inputs give the same bytes.
 *
 * @example
 * counterexampleText(doc, { file: 'late.yaml', name: 'Late', failure, steps, seed: 1, path: '3:0', budget: '--runs 200' });
 */
export function counterexampleText(doc: Record<string, unknown>, info: ArtifactInfo): string {
  const v = info.failure.verdict;
  const first = v.evidence[0];
  const header = [
    `${COUNTEREXAMPLE_MARK}"${info.name}" (${info.file}).`,
    `# Broken: ${verdictName(v)}${v.rules.length ? ` [${v.rules.join(', ')}]` : ''}: ${v.message}`,
    ...(first ? [`# Evidence: ${evidenceLine(first)}`] : []),
    '# Steps from the original scenario:',
    ...(info.steps.length ? info.steps.map((s) => `#   ${stepLine(s)}`) : ['#   none (the scenario as written fails)']),
    `# Search: licsim fuzz ${info.file} --seed ${info.seed} ${info.budget} (fast-check seed ${info.seed}, path "${info.path}")`,
    '# Replay: licsim run <this file> (fails with the expectation above)',
  ].map((l) => l.replace(/[\r\n]+/g, ' '));
  const { licsim: _version, name, description, ...rest } = doc;
  const out = {
    licsim: FORMAT_VERSION,
    name: `${String(name)} (fuzz counterexample)`,
    description: `licsim fuzz found that "${verdictName(v)}" breaks when the scenario of ${info.file} is changed by: ${
      info.steps.map(stepLine).join('; ') || 'nothing'
    }.${typeof description === 'string' && description.trim() ? ` The original: ${description.replace(/\s+/g, ' ').trim()}` : ''}`,
    ...rest,
  };
  return `${header.join('\n')}\n${stringify(out, { lineWidth: 120, flowCollectionPadding: true })}`;
}
