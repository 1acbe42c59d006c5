import { readFile, stat } from 'node:fs/promises';
import type { z } from 'zod';
import { formatChanges } from './formatVersion.ts';
import { Positions } from './positions.ts';
import { found, type Problem, pathText, valueAt } from './problems.ts';
import { readYaml, type YamlRead } from './readYaml.ts';
import { type LoadedScenario, type PathProblem, ResolveContext, resolveScenario } from './resolveScenario.ts';
import { type RawScenario, scenarioSchema, suiteSchema } from './schema.ts';
import { allowedKeys } from './zodShape.ts';

export type LoadResult = { ok: true; scenarios: LoadedScenario[] } | { ok: false; problems: Problem[] };

/** A zod issue said for a person: what was expected, what was found. */
function describeIssue(issue: z.core.$ZodIssue, data: unknown, schema: z.ZodType): { message: string; key?: string }[] {
  const value = valueAt(data, issue.path);
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeys(schema, issue.path, data);
    return issue.keys.map((key) => ({
      key,
      message: `unknown key "${key}"${allowed ? ` (expected one of: ${allowed.join(', ')})` : ''}`,
    }));
  }
  const message = issue.message.replace(/^Invalid input: /, '').replace(/, received \w+$/, '');
  if (value === undefined) return [{ message: `missing (required): ${message}` }];
  return [{ message: `${message}, found ${found(value)}` }];
}

/** Every issue of a failed parse, said for a person; an unknown key already says what is wrong with its mapping. */
export function schemaProblems(error: z.ZodError, data: unknown, schema: z.ZodType): PathProblem[] {
  // The "exactly one key" check of a mapping with an unknown key would say it again.
  const unknownAt = new Set(error.issues.filter((i) => i.code === 'unrecognized_keys').map((i) => i.path.join('.')));
  const issues = error.issues.filter((i) => !(i.code === 'custom' && unknownAt.has(i.path.join('.'))));
  return issues.flatMap((issue) => {
    const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
    return describeIssue(issue, data, schema).map((d) => ({ path, ...d }));
  });
}

/** The problems of a document that is not YAML licsim reads, against its file. */
export function yamlProblems(read: Extract<YamlRead, { ok: false }>, file: string): Problem[] {
  return read.problems.map((p) => ({ file, ...p, path: '' }));
}

/**
 * Reads a scenario file: one scenario, or `{ suite, scenarios: [...] }`.
 * Every problem (YAML syntax, schema, references, days out of range, policy
 * values) is reported with file, line, column and the path in the document;
 * nothing is run when there is any.
 */
export function parseScenarios(text: string, file: string, options: { seed?: number } = {}): LoadResult {
  return scenariosOf(readYaml(text), file, options);
}

/** The scenarios of a document already read as YAML (see {@link parseScenarios}). */
export function scenariosOf(read: YamlRead, file: string, options: { seed?: number } = {}): LoadResult {
  if (!read.ok) return { ok: false, problems: yamlProblems(read, file) };
  const { doc, lines, data } = read;
  const positions = new Positions(doc, lines);
  const problems: Problem[] = [];
  const at = (path: Array<string | number>, message: string, key?: string) => {
    const pos = positions.locate(path, key);
    problems.push({ file, line: pos.line, column: pos.column, path: pathText(key ? [...path, key] : path), message });
  };
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    at([], `expected a scenario (a mapping with name, duration, accounts, fleet…) or a suite (suite, scenarios), found ${found(data)}`);
    return { ok: false, problems };
  }
  const changes = formatChanges(data);
  if (changes.length) {
    for (const c of changes) at(c.path, c.message, c.key);
    problems.sort((a, b) => a.line - b.line || a.column - b.column);
    return { ok: false, problems };
  }
  const isSuite = 'suite' in data || 'scenarios' in data;
  const schema = (isSuite ? suiteSchema : scenarioSchema) as z.ZodType;
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    for (const p of schemaProblems(parsed.error, data, schema)) at(p.path, p.message, p.key);
    return { ok: false, problems };
  }
  const raws: Array<[RawScenario, Array<string | number>]> = isSuite
    ? (parsed.data as { scenarios: RawScenario[] }).scenarios.map((s, i) => [s, ['scenarios', i]])
    : [[parsed.data as RawScenario, []]];
  const names = new Set<string>();
  const scenarios = raws.map(([raw, base]) => {
    const ctx = new ResolveContext(raw, base, file, (path) => positions.locate(path).line);
    if (names.has(raw.name)) ctx.problem(['name'], `duplicate scenario name "${raw.name}" in this file`);
    names.add(raw.name);
    const scenario = resolveScenario(ctx, options.seed);
    for (const p of ctx.problems) at(p.path, p.message, p.key);
    return scenario;
  });
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return problems.length ? { ok: false, problems } : { ok: true, scenarios };
}

/** The text of a scenario (or verification) file, or the problem saying why it cannot be read. */
export async function readScenarioFile(file: string): Promise<{ ok: true; text: string } | { ok: false; problems: Problem[] }> {
  try {
    // A FIFO or a device would block the read (or never end): only regular files are read.
    if (!(await stat(file)).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
    return { ok: true, text: await readFile(file, 'utf8') };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return { ok: false, problems: [{ file, line: 1, column: 1, path: '', message: `cannot read the file: ${reason}` }] };
  }
}

/** Reads and parses a scenario file. */
export async function loadScenarios(file: string, options: { seed?: number } = {}): Promise<LoadResult> {
  const read = await readScenarioFile(file);
  return read.ok ? parseScenarios(read.text, file, options) : read;
}
