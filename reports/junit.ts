import type { ScenarioOutcome, SuiteResult, Verdict } from '../engine/result.ts';
import { escapeXmlAttr, escapeXmlText } from './escape.ts';
import { verdictName, verdictText } from './evidenceText.ts';

/** JUnit classname from a scenario file path: `scenarios/overage.yaml` → `scenarios.overage`. */
export function junitClassname(file: string): string {
  const name = file
    .replace(/\\/g, '/')
    .replace(/^\.?\//, '')
    .replace(/\.(ya?ml|json)$/i, '');
  return name.replace(/[/]+/g, '.') || 'licsim';
}

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

function testcase(v: Verdict, classname: string): string {
  const attrs = [`name="${escapeXmlAttr(verdictName(v))}"`, `classname="${escapeXmlAttr(classname)}"`, 'time="0"'];
  if (v.source) attrs.push(`file="${escapeXmlAttr(v.source.file)}"`, `line="${v.source.line}"`);
  const open = `    <testcase ${attrs.join(' ')}`;
  if (v.passed) return `${open}/>`;
  const message = `${v.message}${v.rules.length ? ` (${v.rules.join(', ')})` : ''}`;
  return [
    `${open}>`,
    `      <failure message="${escapeXmlAttr(message)}" type="${escapeXmlAttr(v.kind)}">${escapeXmlText(verdictText(v))}</failure>`,
    '    </testcase>',
  ].join('\n');
}

/**
 * JUnit XML for CI test reporters: one testsuite per scenario, one testcase
 * per verdict (a comparison's carry their variant in the name), failures with
 * their evidence, counts on every suite and on the root. With a run id, every
 * suite carries it as the property `licsim.runId`.
 */
export function junitXml(suite: SuiteResult, runId?: string): string {
  const props = runId === undefined ? [] : [`    <properties><property name="licsim.runId" value="${escapeXmlAttr(runId)}"/></properties>`];
  let tests = 0;
  let failed = 0;
  const suites = suite.scenarios.map((o) => {
    const cases = junitCases(o);
    const f = cases.filter((v) => !v.passed).length;
    tests += cases.length;
    failed += f;
    const classname = junitClassname(o.file);
    const counts = `tests="${cases.length}" failures="${f}" errors="0" skipped="0" time="0"`;
    const head = `  <testsuite name="${escapeXmlAttr(o.name)}" ${counts} file="${escapeXmlAttr(o.file)}"`;
    if (cases.length === 0 && !props.length) return `${head}/>`;
    return [`${head}>`, ...props, ...cases.map((v) => testcase(v, classname)), '  </testsuite>'].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    ...(runId === undefined ? [] : [`<!-- licsim run ${escapeXmlAttr(runId)} -->`]),
    `<testsuites name="licsim" tests="${tests}" failures="${failed}" errors="0" skipped="0" time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
