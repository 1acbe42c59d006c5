import { readFile, stat } from 'node:fs/promises';
import type { z } from 'zod';
import { formatChanges } from './formatVersion.ts';
import { nothingRefused, partialScenario } from './partialParse.ts';
import { Positions } from './positions.ts';
import { formatProblem, found, type Problem, pathText, valueAt } from './problems.ts';
import { readYaml, type YamlRead } from './readYaml.ts';
import { type LoadedScenario, type PathProblem, ResolveContext, resolveScenario } from './resolveScenario.ts';
import { type RawScenario, scenarioSchema, suiteSchema } from './schema.ts';
import { closestName, didYouMean, unknownName } from './suggest.ts';
import { allowedKeys } from './zodShape.ts';

export type LoadResult = { ok: true; scenarios: LoadedScenario[] } | { ok: false; problems: Problem[] };

/** A zod issue said for a person: what was expected, what was found, and the name meant when one is close. */
function describeIssue(issue: z.core.$ZodIssue, data: unknown, schema: z.ZodType): { message: string; key?: string }[] {
  const value = valueAt(data, issue.path);
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeys(schema, issue.path, data);
    return issue.keys.map((key) => ({
      key,
      message: allowed ? unknownName('key', key, allowed) : `unknown key "${key}"`,
    }));
  }
  const message = issue.message.replace(/^Invalid input: /, '').replace(/, received \w+$/, '');
  if (value === undefined) return [{ message: `missing (required): ${message}` }];
  return [{ message: `${message}, found ${found(value)}${typeof value === 'string' ? didYouMean(value, choicesOf(issue)) : ''}` }];
}

/** The names an issue allows: an enum's or literal's values, or a discriminated union's (zod lists them as the issue's options). */
function choicesOf(issue: z.core.$ZodIssue): string[] {
  const choices =
    issue.code === 'invalid_value' ? issue.values : issue.code === 'invalid_union' ? (issue as { options?: unknown[] }).options : [];
  return (choices ?? []).filter((v): v is string => typeof v === 'string');
}

const ZOD_WORDING = /^(Too small|Too big|Invalid)\b/;

/**
 * Every issue of a failed parse, said for a person; an unknown key already says what is
 * wrong with its mapping (the "exactly one key" check of the mapping, and the required
 * key it was a slip for, would say it again).
 */
export function schemaProblems(error: z.ZodError, data: unknown, schema: z.ZodType): PathProblem[] {
  const unknownAt = new Set(error.issues.filter((i) => i.code === 'unrecognized_keys').map((i) => i.path.join('.')));
  const meant = new Set(
    error.issues.flatMap((i) => {
      if (i.code !== 'unrecognized_keys') return [];
      const allowed = allowedKeys(schema, i.path, data) ?? [];
      return i.keys.map((k) => closestName(k, allowed)).flatMap((m) => (m === undefined ? [] : [[...i.path, m].join('.')]));
    }),
  );
  const issues = error.issues.filter(
    (i) =>
      !(i.code === 'custom' && unknownAt.has(i.path.join('.'))) && !(meant.has(i.path.join('.')) && valueAt(data, i.path) === undefined),
  );
  const described = issues.flatMap((issue) => {
    const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
    return describeIssue(issue, data, schema).map((d) => ({ path, ...d }));
  });
  // zod's own wording ("Too small: …") says again what licsim's own message at the same place says.
  const worded = new Set(described.filter((d) => !ZOD_WORDING.test(d.message)).map((d) => JSON.stringify([d.path, d.key])));
  return described.filter((d) => !(ZOD_WORDING.test(d.message) && worded.has(JSON.stringify([d.path, d.key]))));
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
export function parseScenarios(text: string, file: string, options: LoadOptions = {}): LoadResult {
  return scenariosOf(readYaml(text), file, options);
}

/** How scenarios are loaded: `--seed` for every scenario, and `--policy`'s policy in place of each scenario's own. */
export interface LoadOptions {
  seed?: number;
  /** A policy file's `policy:` (scenarios/loader/policyFile.ts), checked already: it replaces every scenario's `policy:`. */
  policy?: RawScenario['policy'];
}

/** The scenarios of a document already read as YAML (see {@link parseScenarios}). */
export function scenariosOf(read: YamlRead, file: string, options: LoadOptions = {}): LoadResult {
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
  if (!parsed.success) for (const p of schemaProblems(parsed.error, data, schema)) at(p.path, p.message, p.key);
  // Each scenario is resolved on its own; where the schema refused part of one, the rest of it still is (one pass finds everything).
  const units: Array<[unknown, Array<string | number>]> = isSuite
    ? (Array.isArray((data as { scenarios?: unknown }).scenarios) ? (data as { scenarios: unknown[] }).scenarios : []).map((s, i) => [
        s,
        ['scenarios', i],
      ])
    : [[data, []]];
  const names = new Set<string>();
  const scenarios: LoadedScenario[] = [];
  for (const [unit, base] of units) {
    const part = parsed.success
      ? { raw: unit as RawScenario, refused: nothingRefused(), original: (p: Array<string | number>) => p }
      : partialScenario(unit);
    if (!part) continue;
    const written = parsed.success ? (valueAt(parsed.data, base) as RawScenario) : part.raw;
    const raw = options.policy ? { ...written, policy: options.policy } : written;
    const inDocument = (path: Array<string | number>) => [...base, ...part.original(path.slice(base.length))];
    const ctx = new ResolveContext(raw, base, file, (path) => positions.locate(inDocument(path)).line, part.refused);
    if (names.has(raw.name)) ctx.problem(['name'], `duplicate scenario name "${raw.name}" in this file`);
    names.add(raw.name);
    const scenario = resolveScenario(ctx, options.seed);
    if (options.policy && unit !== null && typeof unit === 'object' && 'policy' in unit) scenario.policyReplaced = true;
    scenarios.push(scenario);
    for (const p of ctx.problems) at(inDocument(p.path), p.message, p.key);
  }
  const unique = [...new Map(problems.map((p) => [formatProblem(p), p])).values()];
  unique.sort((a, b) => a.line - b.line || a.column - b.column);
  return unique.length || !parsed.success ? { ok: false, problems: unique } : { ok: true, scenarios };
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
export async function loadScenarios(file: string, options: LoadOptions = {}): Promise<LoadResult> {
  const read = await readScenarioFile(file);
  return read.ok ? parseScenarios(read.text, file, options) : read;
}
