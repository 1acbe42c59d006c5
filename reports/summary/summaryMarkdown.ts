import type { SuiteResult } from '../../engine/result.ts';
import { escapeMarkdown as md } from '../escape.ts';
import { evidenceLine, failures, verdictName } from '../evidenceText.ts';
import { outcomeLines } from '../outcomes/summaryOutcomes.ts';
import type { ChartSpec } from '../types.ts';
import { invalidSummaryMarkdown } from './invalidSummary.ts';
import { truncateMarkdown } from './truncate.ts';

/** GitHub's cap on a job summary. */
export const SUMMARY_LIMIT = 1024 * 1024;

/** Evidence lines shown per failure in the summary; the rest are counted. */
const EVIDENCE_SHOWN = 5;

/** A chart as the summary links it: its short name and its PNG's path. */
export type ChartLink = Pick<ChartSpec, 'label' | 'file'>;

/** What the summary needs besides the suite: the charts per scenario and where the full report is. */
export interface SummaryContext {
  charts: ReadonlyArray<readonly ChartLink[]>;
  /** Link to the full report: a URL, or the relative `index.html`. */
  reportLink: string;
  /**
   * How a file of the report folder (a chart) is linked: default its relative path; with `--report-url` an
   * absolute URL; null leaves chart links out (a GitHub job summary, where a relative link is dead).
   */
  fileLink?: ((file: string) => string) | null;
  /** Said instead of linking the full report (a job summary without `--report-url`: where the report is). */
  whereReport?: string;
  maxBytes?: number;
  /** The run id, written first as an HTML comment (invisible on GitHub). */
  runId?: string;
}

/** A relative path of the report folder as a Markdown link target. */
export const relativeLink = (file: string): string => encodeURI(file);

/** The lines saying how many scenarios the filters left out and how many --bail or --max-failures did not start, when they did. */
export function filteredLine(suite: SuiteResult): string[] {
  const lines: string[] = [];
  const ran = suite.scenarios.length;
  const notRun = suite.notRun ?? 0;
  if (suite.filtered !== undefined)
    lines.push(
      `The filters ran ${ran} of ${ran + notRun + suite.filtered} scenarios: ${suite.filtered} filtered out (not run, not counted).`,
    );
  if (notRun) lines.push(`${notRun} not run: the run stopped starting scenarios after enough failed (\`--bail\`, \`--max-failures\`).`);
  return lines.length ? [...lines, ''] : [];
}

function scenarioTable(suite: SuiteResult): string[] {
  const rows = suite.scenarios.map((o) => {
    const passed = o.verdicts.filter((v) => v.passed).length;
    const r = o.runs[0]?.result.scenario;
    const variants = o.runs.length > 1 ? ` (variants ${o.runs.map((x) => md(x.variant)).join(', ')})` : '';
    const mark = o.passed ? '✅' : '❌';
    // A saved counterexample replayed first (cli/replay.ts).
    const saved = o.counterexample ? ` (saved counterexample: ${o.passed ? 'fixed — now passes' : 'still fails'})` : '';
    return `| ${mark} | ${md(o.name)}${variants}${saved} | ${passed}/${o.verdicts.length} | ${r?.instances ?? '–'} | ${r?.days ?? '–'} |`;
  });
  return ['| | Scenario | Expectations passed | Instances | Days |', '|---|---|---|---:|---:|', ...rows];
}

function failureSection(suite: SuiteResult): string[] {
  const list = failures(suite.scenarios);
  if (list.length === 0) return [];
  const lines = ['', `### Failures (${list.length})`];
  for (const { outcome, verdict } of list) {
    lines.push('', `#### ❌ ${md(outcome.name)} — ${md(verdictName(verdict))}`);
    const where = verdict.source ? ` (\`${md(verdict.source.file)}:${verdict.source.line}\`)` : '';
    lines.push(`${md(verdict.message)}${verdict.rules.length ? ` — rules ${md(verdict.rules.join(', '))}` : ''}${where}`);
    for (const e of verdict.evidence.slice(0, EVIDENCE_SHOWN)) lines.push(`- ${md(evidenceLine(e))}`);
    const more = verdict.evidence.length - EVIDENCE_SHOWN;
    if (more > 0) lines.push(`- … and ${more} more (see the full report)`);
  }
  return lines;
}

function chartLinks(suite: SuiteResult, charts: SummaryContext['charts'], fileLink: SummaryContext['fileLink']): string[] {
  if (fileLink === null) return [];
  const link = fileLink ?? relativeLink;
  const lines = ['', '### Charts'];
  suite.scenarios.forEach((o, i) => {
    const links = (charts[i] ?? []).map((c) => `[${md(c.label)}](${link(c.file)})`);
    if (links.length) lines.push(`- ${md(o.name)}: ${links.join(' · ')}`);
  });
  return lines;
}

/**
 * The run as GitHub-flavoured Markdown for a job summary or PR comment:
 * scenario table, failures with evidence, chart links; cut to fit the
 * 1 MiB cap with a pointer to the full report. A run on invalid input gets
 * its problems instead ({@link invalidSummaryMarkdown}).
 */
export function summaryMarkdown(suite: SuiteResult, ctx: SummaryContext): string {
  if (suite.invalid) return invalidSummaryMarkdown(suite.problems ?? [], ctx);
  const failed = suite.scenarios.filter((o) => !o.passed).length;
  const total = suite.scenarios.length;
  const head = suite.passed
    ? `## ✅ licsim: all ${total} scenario${total === 1 ? '' : 's'} passed`
    : `## ❌ licsim: ${failed} of ${total} scenario${total === 1 ? '' : 's'} failed`;
  const lines = [
    ...(ctx.runId === undefined ? [] : [`<!-- licsim run ${ctx.runId.replace(/-->/g, '')} -->`]),
    head,
    '',
    ...filteredLine(suite),
    ...scenarioTable(suite),
    ...failureSection(suite),
    ...outcomeLines(suite),
    ...chartLinks(suite, ctx.charts, ctx.fileLink),
    '',
    ctx.whereReport ?? `Full report: [index.html](${ctx.reportLink}) (interactive charts, event-log excerpts around each failure).`,
    '',
  ];
  return truncateMarkdown(lines, ctx.maxBytes ?? SUMMARY_LIMIT, ctx.reportLink, ctx.whereReport);
}
