import type { ScenarioOutcome, SuiteResult, Verdict } from '../engine/result.ts';
import { formatProblem, type Problem } from '../scenarios/loader/problems.ts';
import { escapeXmlAttr, escapeXmlText } from './escape.ts';
import { verdictName, verdictText } from './evidenceText.ts';
import { plural } from './plural.ts';
import type { Timings } from './types.ts';

/** JUnit classname from a scenario file path: `scenarios/overage.yaml` → `scenarios.overage`. */
export function junitClassname(file: string): string {
  const name = file
    .replace(/\\/g, '/')
    .replace(/^\.?\//, '')
    .replace(/\.(ya?ml|json)$/i, '');
  return name.replace(/[/]+/g, '.') || 'licsim';
}

/** An expectation marked skip or todo (not checked). */
const isUnchecked = (v: Verdict) => v.mark?.kind === 'skip' || v.mark?.kind === 'todo';

/** A testcase for a scenario that failed without a failing verdict, so its suite cannot read as green. */
function scenarioFailure(): Verdict {
  return {
    kind: 'scenario',
    title: 'scenario passed',
    passed: false,
    message: 'the scenario failed without a failing expectation',
    rules: [],
    evidence: [],
  };
}

/** The verdicts reported for a scenario: its own, plus one failure when it failed with none failing. */
export function junitCases(o: ScenarioOutcome): Verdict[] {
  return !o.passed && o.verdicts.every((v) => v.passed) ? [...o.verdicts, scenarioFailure()] : o.verdicts;
}

/** A testcase to name: its classname, the name it would have, and the line that tells it from another of that name. */
export interface NamedCase {
  classname: string;
  name: string;
  line?: number;
}

/**
 * Testcase names unique within each classname (CI reporters key testcases by classname and
 * name, and merge or drop duplicates): a name shared by several cases of a classname gets the
 * line its expectation is written on, `… (line 12)`; cases still alike (no line, or the same
 * one) get `#1`, `#2`, … in suite order. Deterministic: the same suite gives the same names.
 */
export function uniqueCaseNames(cases: readonly NamedCase[]): string[] {
  const key = (classname: string, name: string) => `${classname}\u0000${name}`;
  const tally = (names: readonly string[]) => {
    const counts = new Map<string, number>();
    names.forEach((n, i) => {
      const k = key(cases[i]?.classname ?? '', n);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    });
    return counts;
  };
  const base = cases.map((c) => c.name);
  const first = tally(base);
  const byLine = cases.map((c, i) =>
    (first.get(key(c.classname, base[i] ?? '')) ?? 0) > 1 && c.line !== undefined ? `${c.name} (line ${c.line})` : c.name,
  );
  const second = tally(byLine);
  const used = new Set(byLine.map((n, i) => key(cases[i]?.classname ?? '', n)));
  const next = new Map<string, number>();
  return byLine.map((n, i) => {
    const classname = cases[i]?.classname ?? '';
    const k = key(classname, n);
    if ((second.get(k) ?? 0) === 1) return n;
    let count = next.get(k) ?? 0;
    let name: string;
    do name = `${n} #${++count}`;
    while (used.has(key(classname, name)));
    next.set(k, count);
    used.add(key(classname, name));
    return name;
  });
}

/** Seconds as a JUnit `time` value (three decimals), or no attribute at all when unknown. */
function timeAttr(seconds: number | undefined): string[] {
  return seconds === undefined || !Number.isFinite(seconds) ? [] : [`time="${Math.max(0, seconds).toFixed(3)}"`];
}

function testcase(v: Verdict, o: ScenarioOutcome, name: string, classname: string, seconds: number | undefined): string {
  const attrs = [`name="${escapeXmlAttr(name)}"`, `classname="${escapeXmlAttr(classname)}"`, ...timeAttr(seconds)];
  attrs.push(`file="${escapeXmlAttr(v.source?.file ?? o.file)}"`);
  if (v.source) attrs.push(`line="${v.source.line}"`);
  const open = `    <testcase ${attrs.join(' ')}`;
  // An expectation marked skip or todo was not checked: a skipped testcase, its reason the message.
  if (isUnchecked(v)) return [`${open}>`, `      <skipped message="${escapeXmlAttr(v.message)}"/>`, '    </testcase>'].join('\n');
  if (v.passed) return `${open}/>`;
  const message = `${v.message}${v.rules.length ? ` (${v.rules.join(', ')})` : ''}`;
  return [
    `${open}>`,
    `      <failure message="${escapeXmlAttr(message)}" type="${escapeXmlAttr(v.kind)}">${escapeXmlText(verdictText(v))}</failure>`,
    '    </testcase>',
  ].join('\n');
}

/** The properties every suite carries: the run id, and with `--only` how many scenarios it left out. */
function propertiesLine(runId: string | undefined, filtered: number | undefined): string[] {
  const props = [
    ...(runId === undefined ? [] : [`<property name="licsim.runId" value="${escapeXmlAttr(runId)}"/>`]),
    ...(filtered === undefined ? [] : [`<property name="licsim.filtered" value="${filtered}"/>`]),
  ];
  return props.length ? [`    <properties>${props.join('')}</properties>`] : [];
}

/** The comment heading the file: the run id, and the scenarios `--only` left out. */
function headComments(runId: string | undefined, filtered: number | undefined): string[] {
  return [
    ...(runId === undefined ? [] : [`<!-- licsim run ${escapeXmlAttr(runId)} -->`]),
    ...(filtered === undefined ? [] : [`<!-- ${plural(filtered, 'scenario')} filtered out (not run, not counted below) -->`]),
  ];
}

/** A scenario's seconds from the timings, when they are this suite's (same place, file and name). */
function secondsOf(timings: Timings | undefined, o: ScenarioOutcome, index: number): number | undefined {
  const t = timings?.scenarios[index];
  return t && t.file === o.file && t.name === o.name ? t.seconds : undefined;
}

/**
 * JUnit XML for CI test reporters: one testsuite per scenario, one testcase
 * per verdict (a comparison's carry their variant in the name; names unique within
 * a classname: {@link uniqueCaseNames}), failures with their evidence, `file` and
 * `line` where the expectation is written, counts on every suite and on the root.
 * With a run id, every suite carries it as the property `licsim.runId`; with
 * `--only`, the count it left out as `licsim.filtered`. With timings (timings.json),
 * each suite's `time` is its scenario's seconds, shared equally by its testcases (its
 * expectations are checked on one simulation), and the root's the run's; without, no
 * `time` attributes. A run on invalid input gets {@link invalidJunitXml}.
 */
export function junitXml(suite: SuiteResult, runId?: string, timings?: Timings): string {
  if (suite.invalid) return invalidJunitXml(suite.problems ?? [], runId);
  const props = propertiesLine(runId, suite.filtered);
  const perScenario = suite.scenarios.map((o) => ({ o, cases: junitCases(o), classname: junitClassname(o.file) }));
  const names = uniqueCaseNames(
    perScenario.flatMap(({ cases, classname }) =>
      cases.map((v) => ({ classname, name: verdictName(v), ...(v.source ? { line: v.source.line } : {}) })),
    ),
  );
  let tests = 0;
  let failed = 0;
  let skipped = 0;
  let at = 0;
  const suites = perScenario.map(({ o, cases, classname }, index) => {
    const f = cases.filter((v) => !v.passed).length;
    const s = cases.filter(isUnchecked).length;
    tests += cases.length;
    failed += f;
    skipped += s;
    const seconds = secondsOf(timings, o, index);
    const share = seconds === undefined || cases.length === 0 ? undefined : seconds / cases.length;
    const counts = [`tests="${cases.length}" failures="${f}" errors="0" skipped="${s}"`, ...timeAttr(seconds)].join(' ');
    const head = `  <testsuite name="${escapeXmlAttr(o.name)}" ${counts} file="${escapeXmlAttr(o.file)}"`;
    const lines = cases.map((v) => testcase(v, o, names[at++] ?? verdictName(v), classname, share));
    if (cases.length === 0 && !props.length) return `${head}/>`;
    return [`${head}>`, ...props, ...lines, '  </testsuite>'].join('\n');
  });
  const rootCounts = [`tests="${tests}" failures="${failed}" errors="0" skipped="${skipped}"`, ...timeAttr(timings?.seconds)].join(' ');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    ...headComments(runId, suite.filtered),
    `<testsuites name="licsim" ${rootCounts}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

/**
 * junit.xml of a run that stopped on invalid input (exit 2, nothing ran): a testsuite per file
 * with problems, an `<error>` testcase per problem (named by its field and line:column, with
 * `file` and `line`), so no CI reporter reads the run as green.
 */
export function invalidJunitXml(problems: readonly Problem[], runId?: string): string {
  const props = propertiesLine(runId, undefined);
  const files = [...new Set(problems.map((p) => p.file))];
  const byFile = files.map((file) => ({ file, list: problems.filter((p) => p.file === file) }));
  const names = uniqueCaseNames(
    byFile.flatMap(({ file, list }) =>
      list.map((p) => ({ classname: junitClassname(file), name: `${p.path || 'document'} at ${p.line}:${p.column}` })),
    ),
  );
  let at = 0;
  const suites = byFile.map(({ file, list }) => {
    const classname = junitClassname(file);
    const counts = `tests="${list.length}" failures="0" errors="${list.length}" skipped="0"`;
    const cases = list.map((p) => {
      const attrs = [
        `name="${escapeXmlAttr(names[at++] ?? p.path)}"`,
        `classname="${escapeXmlAttr(classname)}"`,
        `file="${escapeXmlAttr(p.file)}"`,
        `line="${p.line}"`,
      ];
      const message = `${p.path ? `${p.path}: ` : ''}${p.message}`;
      return [
        `    <testcase ${attrs.join(' ')}>`,
        `      <error message="${escapeXmlAttr(message)}" type="invalid-input">${escapeXmlText(formatProblem(p))}</error>`,
        '    </testcase>',
      ].join('\n');
    });
    return [
      `  <testsuite name="${escapeXmlAttr(`input invalid: ${file}`)}" ${counts} file="${escapeXmlAttr(file)}">`,
      ...props,
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });
  // Invalid with no problem listed (a results.json edited by hand): still one error, never an empty green file.
  const none = problems.length
    ? []
    : [
        '  <testsuite name="input invalid" tests="1" failures="0" errors="1" skipped="0">',
        ...props,
        '    <testcase name="the input is valid" classname="licsim">',
        '      <error message="the input was invalid; nothing was run" type="invalid-input"/>',
        '    </testcase>',
        '  </testsuite>',
      ];
  const errors = Math.max(1, problems.length);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    ...headComments(runId, undefined),
    `<!-- licsim: the input was invalid (${plural(problems.length, 'problem')}); nothing was run -->`,
    `<testsuites name="licsim" tests="${errors}" failures="0" errors="${errors}" skipped="0">`,
    ...suites,
    ...none,
    '</testsuites>',
    '',
  ].join('\n');
}
