import { join } from 'node:path';
import { escapeXmlAttr, escapeXmlText } from '../reports/escape.ts';
import { evidenceLine, verdictName } from '../reports/evidenceText.ts';
import { junitClassname } from '../reports/junit.ts';
import type { ScenarioFuzz } from './fuzzScenario.ts';
import { stepLine } from './steps.ts';

function testcase(f: ScenarioFuzz, out: string): string {
  const attrs = [`name="${escapeXmlAttr(f.name)}"`, `classname="${escapeXmlAttr(junitClassname(f.file))}"`, 'time="0"'];
  attrs.push(`file="${escapeXmlAttr(f.file)}"`);
  const open = `    <testcase ${attrs.join(' ')}`;
  if (!f.checked) return [`${open}>`, '      <skipped message="no expectations to break, nothing run"/>', '    </testcase>'].join('\n');
  const found = f.result.found;
  if (!found) return `${open}/>`;
  const v = found.failure.verdict;
  const rules = v.rules.length ? ` (${v.rules.join(', ')})` : '';
  const message = `${verdictName(v)}${rules}: ${v.message}`;
  const steps = f.counterexample?.steps ?? [];
  const body = [
    `${v.kind} expectation "${verdictName(v)}"${rules}: ${v.message}`,
    ...(v.source ? [`at ${v.source.file}:${v.source.line}`] : []),
    'evidence:',
    ...(v.evidence.length ? v.evidence.map((e) => `- ${evidenceLine(e)}`) : ['- none']),
    'steps from the original:',
    ...(steps.length ? steps.map((s) => `- ${stepLine(s)}`) : ['- none (the scenario as written fails)']),
    ...(f.counterexample
      ? [`counterexample: ${join(out, f.counterexample.name)}`, `replay: licsim run ${join(out, f.counterexample.name)}`]
      : []),
  ];
  return [
    `${open}>`,
    `      <failure message="${escapeXmlAttr(message)}" type="${escapeXmlAttr(v.kind)}">${escapeXmlText(body.join('\n'))}</failure>`,
    '    </testcase>',
  ].join('\n');
}

/**
 * junit.xml of `licsim fuzz`: one testsuite, one testcase per scenario fuzzed (classname
 * from the file's path, name the scenario's), a failure for a scenario with a
 * counterexample (message: the broken expectation; body: its evidence, the steps from the
 * original and the counterexample's file), skipped for one without expectations.
 */
export function fuzzJunitXml(fuzzed: readonly ScenarioFuzz[], options: { seed: number; budget: string; out: string }): string {
  const failures = fuzzed.filter((f) => f.result.found).length;
  const skipped = fuzzed.filter((f) => !f.checked).length;
  const counts = `tests="${fuzzed.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0"`;
  const props = [
    '    <properties>',
    `      <property name="licsim.seed" value="${options.seed}"/>`,
    `      <property name="licsim.budget" value="${escapeXmlAttr(options.budget)}"/>`,
    '    </properties>',
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="licsim fuzz" ${counts}>`,
    `  <testsuite name="licsim fuzz" ${counts}>`,
    ...props,
    ...fuzzed.map((f) => testcase(f, options.out)),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
