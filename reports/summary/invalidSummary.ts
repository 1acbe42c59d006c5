import type { Problem } from '../../scenarios/loader/problems.ts';
import { escapeMarkdown as md } from '../escape.ts';
import { plural } from '../plural.ts';
import { SUMMARY_LIMIT } from './summaryMarkdown.ts';
import { truncateMarkdown } from './truncate.ts';

/** What the invalid-input summary needs: the byte limit, the run id, and what to say about the report. */
export interface InvalidSummaryContext {
  reportLink: string;
  whereReport?: string;
  maxBytes?: number;
  runId?: string;
}

/** "3 problems in 2 scenario files": the same count the console's error line gives. */
export function problemCount(problems: readonly Problem[]): string {
  return `${plural(problems.length, 'problem')} in ${plural(new Set(problems.map((p) => p.file)).size, 'scenario file')}`;
}

/**
 * summary.md (and the GitHub job summary) of a run that stopped on invalid input (exit 2):
 * says so, then every problem in a table (file, line, column, field, message). Nothing ran,
 * so there are no scenarios, charts or failures; cut to the byte limit like any summary.
 */
export function invalidSummaryMarkdown(problems: readonly Problem[], ctx: InvalidSummaryContext): string {
  const rows = problems.map((p) => `| ${md(p.file)} | ${p.line} | ${p.column} | ${p.path ? md(p.path) : '–'} | ${md(p.message)} |`);
  const lines = [
    ...(ctx.runId === undefined ? [] : [`<!-- licsim run ${ctx.runId.replace(/-->/g, '')} -->`]),
    '## ❌ licsim: input invalid — nothing was run',
    '',
    `${problemCount(problems)} (exit 2). No scenario ran: this replaces any previous report, which no longer applies. ` +
      'Fix these and run again (`licsim validate` checks the files without running them).',
    '',
    '| File | Line | Column | Field | Problem |',
    '|---|---:|---:|---|---|',
    ...rows,
    '',
  ];
  return truncateMarkdown(lines, ctx.maxBytes ?? SUMMARY_LIMIT, ctx.reportLink, ctx.whereReport);
}
