import { join } from 'node:path';
import { escapeXmlAttr, escapeXmlText } from '../reports/escape.ts';
import { evidenceLine, verdictName } from '../reports/evidenceText.ts';
import { junitClassname } from '../reports/junit.ts';
import type { ScenarioFuzz } from './fuzzScenario.ts';
import type { Replayed } from './report.ts';
import { stepLine } from './steps.ts';

/** A saved counterexample replayed first: a failure while it still fails (the defect is still there), else a pass. */
function replayedTestcase(r: Replayed): string {
  const name = `${r.name} (saved counterexample, replayed)`;
  const attrs = [`name="${escapeXmlAttr(name)}"`, `classname="${escapeXmlAttr(junitClassname(r.file))}"`, 'time="0"'];
  const open = `    <testcase ${attrs.join(' ')} file="${escapeXmlAttr(r.file)}"`;
  if (r.passed) return `${open}/>`;
  const message = 'the saved counterexample still fails: the defect it found is still there';
  return [
    `${open}>`,
    `      <failure message="${escapeXmlAttr(message)}" type="counterexample">${escapeXmlText(`replay: licsim run ${r.file}`)}</failure>`,
    '    </testcase>',
  ].join('\n');
}

function testcase(f: ScenarioFuzz, out: string): string {
  const attrs = [`name="${escapeXmlAttr(f.name)}"`, `classname="${escapeXmlAttr(junitClassname(f.file))}"`, 'time="0"'];
  attrs.push(`file="${escapeXmlAttr(f.file)}"`);
  const open = `    <testcase ${attrs.join(' ')}`;
  if (!f.checked) return [`${open}>`, '      <skipped message="no expectations to break, nothing run"/>', '    </testcase>'].join('\n');
  if (!f.counterexamples.length) return `${open}/>`;
  const said = f.counterexamples.map((c) => {
    const v = c.found.failure.verdict;
    const rules = v.rules.length ? ` (${v.rules.join(', ')})` : '';
    return { v, c, head: `${verdictName(v)}${rules}: ${v.message}` };
  });
  const message = said.length === 1 ? (said[0]?.head ?? '') : `${said.length} counterexamples: ${said.map((x) => x.head).join('; ')}`;
  const type = [...new Set(said.map((x) => x.v.kind))].join(' ');
  const body = said.flatMap(({ v, c }, i) => [
    ...(i > 0 ? [''] : []),
    `${v.kind} expectation "${verdictName(v)}"${v.rules.length ? ` (${v.rules.join(', ')})` : ''}: ${v.message}`,
    ...(v.source ? [`at ${v.source.file}:${v.source.line}`] : []),
    'evidence:',
    ...(v.evidence.length ? v.evidence.map((e) => `- ${evidenceLine(e)}`) : ['- none']),
    'steps from the original:',
    ...(c.steps.length ? c.steps.map((s) => `- ${stepLine(s)}`) : ['- none (the scenario as written fails)']),
    `counterexample: ${join(out, c.name)}`,
    `replay: licsim run ${join(out, c.name)}`,
  ]);
  return [
    `${open}>`,
    `      <failure message="${escapeXmlAttr(message)}" type="${escapeXmlAttr(type)}">${escapeXmlText(body.join('\n'))}</failure>`,
    '    </testcase>',
  ].join('\n');
}

/**
 * junit.xml of `licsim fuzz`: one testsuite, one testcase per scenario fuzzed (classname
 * from the file's path, name the scenario's), a failure for a scenario with a
 * counterexample (message: the broken expectation; body: its evidence, the steps from the
 * original and the counterexample's file; with `--all`, every counterexample of the
 * scenario in the one failure), skipped for one without expectations; before them a
 * testcase per saved counterexample replayed first, failed while it still fails.
 */
export function fuzzJunitXml(
  fuzzed: readonly ScenarioFuzz[],
  options: { seed: number; budget: string; out: string; replayed?: readonly Replayed[] },
): string {
  const replayed = options.replayed ?? [];
  const failures = fuzzed.filter((f) => f.result.found).length + replayed.filter((r) => !r.passed).length;
  const skipped = fuzzed.filter((f) => !f.checked).length;
  const counts = `tests="${fuzzed.length + replayed.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0"`;
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
    ...replayed.map(replayedTestcase),
    ...fuzzed.map((f) => testcase(f, options.out)),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
