import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SuiteResult } from '../engine/result.ts';
import { plural } from '../reports/plural.ts';
import type { LoadedScenario } from '../scenarios/loader/resolveScenario.ts';
import type { Colors } from './console/format.ts';
import { printable } from './console/printable.ts';
import { UsageError } from './errors.ts';

/** What picks the scenarios (and expectations) of a run, besides the paths. */
export interface FilterOptions {
  /** `--only`: scenario names containing one of these (case-insensitive). */
  only?: readonly string[];
  /** `--grep` / `-t`: a regular expression on scenario names and expectation titles. */
  grep?: string;
  /** `--grep-invert`: leave out what `--grep` matches instead. */
  grepInvert?: boolean;
  /** `--tag`: scenarios with one of these tags, whole, or of the others the expectations with one. */
  tags?: readonly string[];
  /** `--last-failed`: the scenarios that failed in the report folder's previous results.json (file and name). */
  lastFailed?: ReadonlySet<string> | null;
}

/** What the filters kept, and what they left out. */
export interface Selection {
  scenarios: LoadedScenario[];
  /** Scenarios left out. */
  filtered: number;
  /** Expectations left out of the scenarios kept (a `--grep` that matches some of a scenario's expectations). */
  expectationsFiltered: number;
  /** The filters given, said for the console: `--grep overage, --last-failed`. */
  said: string[];
}

/** The key a scenario is remembered by between runs (`--last-failed`). */
export const scenarioKey = (s: { file: string; name: string }) => `${s.file}\u0000${s.name}`;

/** A `--grep` pattern, checked (exit 2 with the pattern when it does not compile). */
export function grepPattern(source: string): RegExp {
  try {
    return new RegExp(source, 'i');
  } catch (error) {
    throw new UsageError(`--grep ${source}: not a regular expression (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * The scenarios that `--only`, `--grep` (on scenario names and expectation titles; a scenario
 * whose name does not match keeps only the expectations that do), `--grep-invert` and
 * `--last-failed` keep, in their order, with counts of what was left out.
 *
 * @example
 * selectScenarios(all, { grep: 'overage' }); // { scenarios: [...], filtered: 12, expectationsFiltered: 3, said: ['--grep overage'] }
 */
export function selectScenarios(all: readonly LoadedScenario[], options: FilterOptions): Selection {
  const only = options.only?.map((o) => o.toLowerCase());
  const grep = options.grep === undefined ? null : grepPattern(options.grep);
  const invert = options.grepInvert === true;
  if (invert && !grep) throw new UsageError('--grep-invert: give the --grep pattern to leave out');
  const said = [
    ...(only ? [`--only ${options.only?.join(', ')}`] : []),
    ...(grep ? [`--grep${invert ? ' --grep-invert' : ''} ${options.grep}`] : []),
    ...(options.tags?.length ? [`--tag ${options.tags.join(', ')}`] : []),
    ...(options.lastFailed?.size ? ['--last-failed'] : []),
  ];
  const tags = options.tags?.length ? new Set(options.tags) : null;
  const tagged = (t: readonly string[] | undefined) => t?.some((x) => tags?.has(x)) === true;
  let expectationsFiltered = 0;
  const scenarios: LoadedScenario[] = [];
  for (const s of all) {
    if (only && !only.some((o) => s.name.toLowerCase().includes(o))) continue;
    if (options.lastFailed?.size && !options.lastFailed.has(scenarioKey(s))) continue;
    let scenario = s;
    if (tags && !tagged(s.tags)) {
      // The scenario's tags do not decide: its expectations' do.
      const kept = s.expectations.filter((e) => tagged(e.tags));
      if (!kept.length) continue;
      expectationsFiltered += s.expectations.length - kept.length;
      scenario = { ...s, expectations: kept };
    }
    if (!grep) {
      scenarios.push(scenario);
      continue;
    }
    // A name that matches decides for the whole scenario: kept, or (inverted) left out.
    if (grep.test(scenario.name)) {
      if (!invert) scenarios.push(scenario);
      continue;
    }
    // The name does not decide: the expectations do, one by one.
    const kept = scenario.expectations.filter((e) => grep.test(e.title) !== invert);
    if (!kept.length && scenario.expectations.length) continue;
    expectationsFiltered += scenario.expectations.length - kept.length;
    scenarios.push(kept.length === scenario.expectations.length ? scenario : { ...scenario, expectations: kept });
  }
  if (!scenarios.length) {
    const names = all.map((s) => s.name).join('; ');
    throw new UsageError(`no scenario matches ${said.join(' and ')} (scenarios: ${names})`);
  }
  return { scenarios, filtered: all.length - scenarios.length, expectationsFiltered, said };
}

/**
 * The scenarios that failed in the previous run whose report is in `out` (its results.json),
 * or null when there is none to read. With none, or none that failed, `--last-failed` runs everything
 * (Playwright's `--last-failed` convention: nothing known to have failed, nothing to narrow to).
 */
export async function lastFailed(out: string): Promise<Set<string> | null> {
  try {
    const suite = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as SuiteResult;
    if (!Array.isArray(suite.scenarios)) return null;
    return new Set(suite.scenarios.filter((s) => !s.passed).map(scenarioKey));
  } catch {
    return null;
  }
}

/**
 * What the filters did, in one line for the console.
 *
 * @example
 * filterLine(selection, 19); // '--grep overage: 3 of 19 scenarios match; 16 filtered out, and 2 expectations of those kept'
 */
export function filterLine(s: Selection, total: number): string {
  const expectations = s.expectationsFiltered ? `, and ${plural(s.expectationsFiltered, 'expectation')} of those kept` : '';
  const matched = `${s.scenarios.length} of ${plural(total, 'scenario')} match`;
  return `${printable(s.said.join(', '))}: ${matched}; ${s.filtered} filtered out${expectations}`;
}

/** `--list`: each scenario the filters keep, with its file, and its expectations with their lines; nothing runs. */
export function listLines(s: Selection, c: Colors): string[] {
  const lines: string[] = [];
  for (const scenario of s.scenarios) {
    lines.push(` ${c.dim(`${printable(scenario.file)} ›`)} ${printable(scenario.name)}`);
    for (const e of scenario.expectations)
      lines.push(`     ${printable(e.title)} ${c.dim(`${printable(e.source.file)}:${e.source.line}`)}`);
  }
  const expectations = s.scenarios.reduce((n, x) => n + x.expectations.length, 0);
  lines.push(
    '',
    ` ${plural(s.scenarios.length, 'scenario')}, ${plural(expectations, 'expectation')}` +
      `${s.said.length ? ` (${s.filtered} filtered out)` : ''}`,
  );
  return lines;
}
