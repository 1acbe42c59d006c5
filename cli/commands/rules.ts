import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import pc from 'picocolors';
import { type Citation, machineCitations } from '../../engine/world/citations.ts';
import { worldMachines } from '../../engine/world/machines.ts';
import { isRuleId, RULES } from '../../machines/rules.ts';
import { printableLine } from '../console/printable.ts';
import { EXIT, UsageError } from '../errors.ts';
import { cliIo } from '../io.ts';

/** The project's copy of the domain reference's rules (docs/rules.json, written by scripts/syncRules.mjs). */
interface RuleText {
  id: string;
  text: string;
  /** The source document(s), or `outside` (Cisco's public guides for the same products). */
  source: string;
  section: string;
}

/** The project's root: the nearest folder above this module holding docs/rules.json (the source tree, or a build of it). */
const ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 5 && !existsSync(join(dir, 'docs', 'rules.json')); up++) dir = dirname(dir);
  return dir;
})();

/** A test (or describe block) whose title cites a rule. */
interface TestCitation {
  file: string;
  line: number;
  title: string;
}

const TITLE = /\b(?:it|describe|test)(?:\.each\([^)]*\))?\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g;

async function testFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await testFiles(path)));
    else if (/\.test\.ts$/.test(e.name)) out.push(path);
  }
  return out.sort();
}

/** Test titles citing each of `ids`, from the project's test files. */
async function testCitations(ids: readonly string[]): Promise<Map<string, TestCitation[]>> {
  const out = new Map<string, TestCitation[]>(ids.map((id) => [id, []]));
  const patterns = ids.map((id) => [id, new RegExp(`(?<![A-Z-])${id}(?!\\d)`)] as const);
  for (const file of await testFiles(join(ROOT, 'test'))) {
    const text = await readFile(file, 'utf8');
    for (const m of text.matchAll(TITLE)) {
      const title = m[2] as string;
      const line = text.slice(0, m.index).split('\n').length;
      for (const [id, re] of patterns) if (re.test(title)) out.get(id)?.push({ file: relative(ROOT, file), line, title });
    }
  }
  return out;
}

/** A rule's source in words: `outside` is Cisco's other public guides for the same products. */
function sourceText(source: string): string {
  return source.startsWith('outside') ? `outside the documents (Cisco's public guides)${source.slice('outside'.length)}` : source;
}

/** `licsim rules [ID…]`: each rule's text and source, the states and transitions citing it, and the tests checking it. */
export async function rulesCommand(ids: string[], options: { color: boolean }): Promise<number> {
  const c = pc.createColors(options.color);
  const unknown = ids.filter((id) => !isRuleId(id));
  if (unknown.length)
    throw new UsageError(`unknown rule id${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (ids such as SL-5, NL-6, CS-4)`);
  const copy = JSON.parse(await readFile(join(ROOT, 'docs', 'rules.json'), 'utf8')) as { revision: number; rules: RuleText[] };
  const texts = new Map(copy.rules.map((r) => [r.id, r]));
  const chosen = ids.length ? ids : Object.keys(RULES);
  const machines = machineCitations(worldMachines().machines());
  const tests = await testCitations(chosen);
  const out: string[] = [];
  for (const id of chosen) {
    const text = texts.get(id);
    const cited = machines.get(id) ?? [];
    const checked = tests.get(id) ?? [];
    out.push(`${c.bold(id)}  ${RULES[id as keyof typeof RULES]}`);
    out.push(`  ${c.dim('source')}       ${text ? sourceText(text.source) : '?'}`);
    out.push(`  ${c.dim('text')}         ${text?.text ?? '(not in docs/rules.json: run node scripts/syncRules.mjs)'}`);
    const list = (kind: Citation['kind']) => cited.filter((x) => x.kind === kind).map((x) => `${x.machine}: ${x.where}`);
    for (const [label, items] of [
      ['states', list('state')],
      ['transitions', list('transition')],
      ['tests', checked.map((t) => `${t.file}:${t.line} ${t.title}`)],
    ] as const) {
      out.push(`  ${c.dim(label.padEnd(12))} ${items.length ? items[0] : c.dim('none')}`);
      for (const item of items.slice(1)) out.push(`               ${item}`);
    }
    out.push('');
  }
  out.push(c.dim(`Rule texts: docs/DOMAIN.md (revision ${copy.revision}).`));
  cliIo().stdout.write(`${out.map(printableLine).join('\n')}\n`);
  return EXIT.passed;
}
