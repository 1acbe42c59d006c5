import { escapeXmlAttr, escapeXmlText } from '../escape.ts';
import { junitClassname } from '../junit.ts';
import { compared, type FileResult, type PropertyResult, type VariantResult, type VerifyResults } from './results.ts';
import { outcomeText, replayCommand, stepLines } from './stepsText.ts';

/** A property's testcase name: the property, with its variant when the file compares policies. */
export function caseName(file: FileResult, variant: VariantResult, p: PropertyResult): string {
  return compared(file) ? `${p.name} [variant ${variant.variant}]` : p.name;
}

function testcase(file: FileResult, variant: VariantResult, p: PropertyResult): string {
  const attrs = [
    `name="${escapeXmlAttr(caseName(file, variant, p))}"`,
    `classname="${escapeXmlAttr(junitClassname(file.file))}"`,
    'time="0"',
    `file="${escapeXmlAttr(p.source.file)}"`,
    `line="${p.source.line}"`,
  ];
  const open = `    <testcase ${attrs.join(' ')}`;
  if (p.passed) return `${open}/>`;
  const rules = p.rules.length ? ` (${p.rules.join(', ')})` : '';
  const body = [
    `${p.kind} property "${p.name}": ${outcomeText(p)}${rules}`,
    ...(p.counterexample
      ? ['counterexample:', ...stepLines(p.counterexample, p.kind), `replay: ${replayCommand(p.counterexample.file)}`]
      : []),
    `at ${p.source.file}:${p.source.line}`,
  ];
  const message = `${outcomeText(p)}${rules}`;
  return [
    `${open}>`,
    `      <failure message="${escapeXmlAttr(message)}" type="${escapeXmlAttr(p.outcome)}">${escapeXmlText(body.join('\n'))}</failure>`,
    '    </testcase>',
  ].join('\n');
}

/**
 * junit.xml of `licsim verify`: one testsuite per verification file, one testcase per
 * property and variant (classname from the file's path), a failure for every property
 * whose outcome is not what the file expects, with the counterexample's steps.
 */
export function verifyJunitXml(results: VerifyResults): string {
  const props = `    <properties><property name="licsim.runId" value="${escapeXmlAttr(results.runId)}"/></properties>`;
  let tests = 0;
  let failed = 0;
  const suites = results.files.map((file) => {
    const cases = file.variants.flatMap((variant) => variant.properties.map((p) => ({ variant, p })));
    const f = cases.filter((c) => !c.p.passed).length;
    tests += cases.length;
    failed += f;
    const counts = `tests="${cases.length}" failures="${f}" errors="0" skipped="0" time="0"`;
    const head = `  <testsuite name="${escapeXmlAttr(file.name)}" ${counts} file="${escapeXmlAttr(file.file)}">`;
    return [head, props, ...cases.map((c) => testcase(file, c.variant, c.p)), '  </testsuite>'].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- licsim verify ${escapeXmlAttr(results.runId)} -->`,
    `<testsuites name="licsim verify" tests="${tests}" failures="${failed}" errors="0" skipped="0" time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
