import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UsageError } from './errors.ts';

/**
 * What `--reporter` may name, each once (vitest's convention: several at once, each file
 * reporter with its own `--output-file name=path`). Console reporters say how the run is
 * told on the terminal; the others are files of the report folder, copied where
 * `--output-file` says (printed on stdout without one), and `github` publishes to a
 * GitHub Actions job even where `GITHUB_ACTIONS` is not set.
 */
export const REPORTERS = {
  default: { kind: 'console', doc: 'a line per scenario, with seconds; failed expectations with their evidence and causes' },
  verbose: { kind: 'console', doc: 'also every passing expectation, with the evidence it counted' },
  dot: { kind: 'console', doc: 'a character per scenario (. passed, F failed), then the failures and the totals' },
  silent: { kind: 'console', doc: 'nothing on the console (the report is still written)' },
  json: { kind: 'file', doc: 'results.json', file: 'results.json' },
  junit: { kind: 'file', doc: 'junit.xml (with times)', file: 'junit.xml' },
  markdown: { kind: 'file', doc: 'summary.md', file: 'summary.md' },
  html: { kind: 'file', doc: 'the HTML report: index.html and its pages and charts (--output-file html=DIR copies the folder)', file: '' },
  github: { kind: 'github', doc: 'workflow annotations (failures and input problems) and the job summary, also outside GitHub Actions' },
} as const satisfies Record<string, { kind: 'console' | 'file' | 'github'; doc: string; file?: string }>;

export type ReporterName = keyof typeof REPORTERS;
const NAMES = Object.keys(REPORTERS) as ReporterName[];
type FileReporter = { [K in ReporterName]: (typeof REPORTERS)[K] extends { kind: 'file' } ? K : never }[ReporterName];

/** The reporters of a run, checked: how the console tells it, the file reporters and where each goes, whether to publish to GitHub. */
export interface ReporterPlan {
  console: 'default' | 'verbose' | 'dot' | 'silent';
  files: Array<{ name: FileReporter; to: string | null }>;
  github: boolean;
}

/**
 * Reads `--reporter` and `--output-file` (`name=path`, or a bare path when one file reporter is named).
 *
 * @example
 * reporterPlan(['dot', 'junit'], ['junit=out/junit.xml']);
 * // { console: 'dot', files: [{ name: 'junit', to: 'out/junit.xml' }], github: false }
 */
export function reporterPlan(names: readonly string[], outputFiles: readonly string[] = []): ReporterPlan {
  const unknown = names.filter((n) => !(NAMES as string[]).includes(n));
  if (unknown.length) throw new UsageError(`--reporter ${unknown.join(', ')}: expected one of ${NAMES.join(', ')}`);
  const chosen = [...new Set(names)] as ReporterName[];
  const consoles = chosen.filter((n): n is ReporterPlan['console'] => REPORTERS[n].kind === 'console');
  if (consoles.length > 1)
    throw new UsageError(`--reporter ${consoles.join(' and ')}: the console takes one of default, verbose, dot, silent`);
  const files = chosen.filter((n): n is FileReporter => REPORTERS[n].kind === 'file');
  const to = new Map<FileReporter, string>();
  for (const spec of outputFiles) {
    const eq = spec.indexOf('=');
    const name = (eq > 0 ? spec.slice(0, eq) : files.length === 1 ? files[0] : '') as FileReporter | '';
    const path = eq > 0 ? spec.slice(eq + 1) : spec;
    if (!name) throw new UsageError(`--output-file ${spec}: say which reporter it is for, e.g. junit=${spec}`);
    if (!files.includes(name))
      throw new UsageError(`--output-file ${spec}: ${name} is not a file reporter of this run (--reporter ${name})`);
    if (!path) throw new UsageError(`--output-file ${spec}: expected a path after ${name}=`);
    to.set(name, path);
  }
  const html = files.includes('html') && !to.has('html');
  if (html) files.splice(files.indexOf('html'), 1);
  const planned = files.map((name) => ({ name, to: to.get(name) ?? null }));
  // With no console reporter named: the default one, unless a file is printed on stdout (it alone is then).
  const printed = planned.some((f) => f.to === null);
  return {
    console: consoles[0] ?? (printed ? 'silent' : 'default'),
    files: planned,
    github: chosen.includes('github'),
  };
}

/** Copies each file reporter's file from the written report folder where `--output-file` says, or prints it on stdout. */
export async function deliverReports(plan: ReporterPlan, folder: string, stdout: (text: string) => void): Promise<void> {
  for (const { name, to } of plan.files) {
    if (name === 'html') {
      if (to) await cp(folder, to, { recursive: true });
      continue;
    }
    const text = await readFile(join(folder, REPORTERS[name].file), 'utf8');
    if (to === null) stdout(text);
    else {
      await mkdir(dirname(to), { recursive: true });
      await writeFile(to, text);
    }
  }
}

/** One character per scenario for the dot reporter. */
export const dot = (passed: boolean, c: { green(s: string): string; red(s: string): string }) => (passed ? c.green('.') : c.red('F'));
