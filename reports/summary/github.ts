import { appendFile, stat } from 'node:fs/promises';
import type { SuiteResult } from '../../engine/result.ts';
import { failures, verdictName, verdictText } from '../evidenceText.ts';

/** GitHub shows at most 10 annotations of a kind per step. */
export const ANNOTATION_LIMIT = 10;

/** Escapes a workflow-command message: `%`, CR and LF (GitHub's rules). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow-command property value: as data, plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * `::error` lines for failed verdicts, at most `limit`, then one `::notice`
 * counting the rest (GitHub would drop them silently).
 */
export function annotations(suite: SuiteResult, limit = ANNOTATION_LIMIT): string[] {
  const list = failures(suite.scenarios);
  const lines = list.slice(0, limit).map(({ outcome, verdict }) => {
    const props: string[] = [];
    if (verdict.source) props.push(`file=${escapeProperty(verdict.source.file)}`, `line=${verdict.source.line}`);
    props.push(`title=${escapeProperty(`licsim: ${outcome.name} — ${verdictName(verdict)}`)}`);
    return `::error ${props.join(',')}::${escapeData(verdictText(verdict))}`;
  });
  const rest = list.length - lines.length;
  if (rest > 0) {
    lines.push(
      `::notice title=licsim::${rest} more failed expectation(s) not annotated (GitHub shows at most ${limit}); ` +
        'see the job summary or index.html',
    );
  }
  return lines;
}

/**
 * Appends the summary to `$GITHUB_STEP_SUMMARY` (cut further when the step
 * already wrote part of its 1 MiB there) and prints annotations under `$GITHUB_ACTIONS`.
 */
export async function publishToGitHub(
  suite: SuiteResult,
  summaryFor: (maxBytes: number) => string,
  env: Record<string, string | undefined>,
  output: (line: string) => void,
  limits: { summaryBytes: number; annotations: number },
): Promise<void> {
  const stepSummary = env.GITHUB_STEP_SUMMARY;
  if (stepSummary) {
    const used = await stat(stepSummary).then(
      (s) => s.size,
      () => 0,
    );
    // Whatever remains, but at least room for the table head and the pointer.
    const summary = summaryFor(Math.max(1024, limits.summaryBytes - used - 1));
    await appendFile(stepSummary, summary.endsWith('\n') ? summary : `${summary}\n`);
  }
  const limit = limits.annotations;
  if (env.GITHUB_ACTIONS) for (const line of annotations(suite, limit)) output(line);
}
