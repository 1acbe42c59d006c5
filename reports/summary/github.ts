import { appendFile, stat } from 'node:fs/promises';
import type { SuiteResult } from '../../engine/result.ts';
import type { Problem } from '../../scenarios/loader/problems.ts';
import { escapeMarkdown } from '../escape.ts';
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
 * counting the rest (GitHub would drop them silently). A run on invalid input
 * annotates its problems instead ({@link problemAnnotations}).
 */
export function annotations(suite: SuiteResult, limit = ANNOTATION_LIMIT): string[] {
  if (suite.invalid) return problemAnnotations(suite.problems ?? [], limit);
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
 * `::error file=…,line=…,col=…,title=…::message` for each problem of an invalid input, at
 * most `limit`, then one `::notice` counting the rest: GitHub shows each at its line.
 */
export function problemAnnotations(problems: readonly Problem[], limit = ANNOTATION_LIMIT): string[] {
  const lines = problems.slice(0, limit).map((p) => {
    const props = [`file=${escapeProperty(p.file)}`, `line=${p.line}`, `col=${p.column}`];
    props.push(`title=${escapeProperty(`licsim: invalid input${p.path ? ` — ${p.path}` : ''}`)}`);
    return `::error ${props.join(',')}::${escapeData(`${p.path ? `${p.path}: ` : ''}${p.message}`)}`;
  });
  const rest = problems.length - lines.length;
  if (rest > 0)
    lines.push(
      `::notice title=licsim::${rest} more input problem(s) not annotated (GitHub shows at most ${limit}); ` +
        'see the job summary, index.html or licsim validate',
    );
  return lines;
}

/** What a GitHub job summary is written for: the report folder as given (`--out`) and the run's page, when known. */
export interface JobSummary {
  folder: string;
  runUrl?: string;
}

/** This workflow run's page (which lists its artifacts), from the variables every GitHub Actions runner sets; else undefined. */
export function workflowRunUrl(env: Record<string, string | undefined>): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: id } = env;
  return server && repository && id ? `${server.replace(/\/+$/, '')}/${repository}/actions/runs/${id}` : undefined;
}

/**
 * What a job summary says about the full report when it is not published at a URL
 * (`--report-url`): a job summary cannot open the files of the report folder, so it
 * names the folder and links the run's page, where an uploaded artifact is listed.
 */
export function whereReportText(job: JobSummary): string {
  const page = job.runUrl ? `[this run's page](${job.runUrl})` : "this run's page";
  return (
    `Full report (index.html, charts, a page per scenario): the folder ${escapeMarkdown(job.folder)} on the runner; ` +
    `upload it with actions/upload-artifact to download it from ${page} ` +
    '(or pass `--report-url` with where it is published, to link it here).'
  );
}

/**
 * Appends the summary to `$GITHUB_STEP_SUMMARY` (cut further when the step
 * already wrote part of its 1 MiB there; written for a job summary: `job`) and
 * prints annotations under `$GITHUB_ACTIONS`.
 */
export async function publishToGitHub(
  suite: SuiteResult,
  summaryFor: (maxBytes: number, job?: JobSummary) => string,
  env: Record<string, string | undefined>,
  output: (line: string) => void,
  limits: { summaryBytes: number; annotations: number },
  folder = 'the report folder',
): Promise<void> {
  const stepSummary = env.GITHUB_STEP_SUMMARY;
  if (stepSummary) {
    const used = await stat(stepSummary).then(
      (s) => s.size,
      () => 0,
    );
    const url = workflowRunUrl(env);
    // Whatever remains, but at least room for the table head and the pointer.
    const summary = summaryFor(Math.max(1024, limits.summaryBytes - used - 1), { folder, ...(url ? { runUrl: url } : {}) });
    await appendFile(stepSummary, summary.endsWith('\n') ? summary : `${summary}\n`);
  }
  const limit = limits.annotations;
  if (env.GITHUB_ACTIONS) for (const line of annotations(suite, limit)) output(line);
}
