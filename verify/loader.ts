import type { TimelineEntry } from '../engine/scenario.ts';
import type { RawExpectation } from '../scenarios/expect/schema.ts';
import { formatChanges } from '../scenarios/loader/formatVersion.ts';
import { readScenarioFile, schemaProblems, yamlProblems } from '../scenarios/loader/loadScenarios.ts';
import { partialScenario } from '../scenarios/loader/partialParse.ts';
import { Positions } from '../scenarios/loader/positions.ts';
import { formatProblem, found, type Problem, pathText, valueAt } from '../scenarios/loader/problems.ts';
import { readYaml, type YamlRead } from '../scenarios/loader/readYaml.ts';
import { type LoadedScenario, type PathProblem, ResolveContext, resolveScenario } from '../scenarios/loader/resolveScenario.ts';
import type { RawScenario } from '../scenarios/loader/schema.ts';
import { fairnessProblems, propertyProblems, repeatedEventProblems } from './crossChecks.ts';
import { eventLabel } from './labels.ts';
import { isGraphKind, notVerifiable, propertyKind, resolveGraphProperty } from './properties.ts';
import { type RawVerification, VERIFIABLE_KINDS, verificationSchema } from './schema.ts';
import type { AlphabetEvent, Property, PropertyCheck, Verification } from './spec.ts';

export type VerificationResult = { ok: true; verification: Verification } | { ok: false; problems: Problem[] };

type Path = Array<string | number>;

const DAY_KEYS = new Set(['at', 'every', 'until']);

/** A document is a verification file when it is a mapping with a `verify` key at its top. */
export function isVerificationDocument(data: unknown): boolean {
  return data !== null && typeof data === 'object' && !Array.isArray(data) && 'verify' in data;
}

/** A schema problem said in a verification file's own words where the scenario's would mislead. */
function explained(path: Path, key: string | undefined, message: string): string {
  const under = (list: string) => path.length === 3 && path[0] === 'verify' && path[1] === list;
  if (key && DAY_KEYS.has(key) && under('alphabet'))
    return `unknown key "${key}": the checker chooses the days of an alphabet event (an event on a fixed day goes under timeline:)`;
  return (key && under('properties') && notVerifiable(key)) || message;
}

/**
 * Where a problem of the scenario the file is resolved as lies in what the user wrote:
 * its expectations are the run properties (`expect[i]` is `verify.properties[j]`), and
 * the timeline entries after the fixed ones are the alphabet's.
 */
function written(path: Path, fixed: number, propertyOf: readonly number[]): Path {
  const [head, i, ...rest] = path;
  if (head === 'expect' && typeof i === 'number') return ['verify', 'properties', propertyOf[i] ?? i, ...rest];
  if (head === 'timeline' && typeof i === 'number' && i >= fixed) return ['verify', 'alphabet', i - fixed, ...rest];
  return path;
}

/**
 * Reads a verification file: a scenario's world with `verify:` (the alphabet of events
 * the environment may inject, at most `events` of them on a path, fairness, and the
 * properties), and no `expect:`. Every problem is located as the scenario loader's are,
 * at what the user wrote.
 */
export function parseVerification(text: string, file: string, options: { seed?: number } = {}): VerificationResult {
  return verificationOf(readYaml(text), file, options);
}

/** The verification of a document already read as YAML (see {@link parseVerification}). */
export function verificationOf(read: YamlRead, file: string, options: { seed?: number } = {}): VerificationResult {
  if (!read.ok) return { ok: false, problems: yamlProblems(read, file) };
  const positions = new Positions(read.doc, read.lines);
  const problems: Problem[] = [];
  const at = (path: Path, message: string, key?: string) => {
    const pos = positions.locate(path, key);
    problems.push({ file, line: pos.line, column: pos.column, path: pathText(key ? [...path, key] : path), message });
  };
  const failed = (): VerificationResult => ({ ok: false, problems: problems.sort((a, b) => a.line - b.line || a.column - b.column) });
  const { data } = read;
  if (!isVerificationDocument(data)) {
    at([], `expected a verification file (a scenario's world with verify: { events, alphabet, properties }), found ${found(data)}`);
    return failed();
  }
  const changes = formatChanges(data);
  for (const c of changes) at(c.path, c.message, c.key);
  if (changes.length) return failed();
  const doc = { ...(data as Record<string, unknown>) };
  if ('suite' in doc || 'scenarios' in doc) {
    at([], 'a suite cannot be verified: a verification file is one world (a scenario with verify:), in a file of its own', 'verify');
    return failed();
  }
  if ('expect' in doc) {
    at([], 'a verification file states its properties under verify.properties, not expect: (a scenario checks its run there)', 'expect');
    delete doc.expect;
  }
  const parsed = verificationSchema.safeParse(doc);
  if (!parsed.success) {
    for (const p of schemaProblems(parsed.error, doc, verificationSchema)) at(p.path, explained(p.path, p.key, p.message), p.key);
    // The world is still resolved where the schema accepts it, so its reference problems come in the same pass.
    const { verify: _, ...world } = doc;
    const part = partialScenario({ ...world, expect: [] });
    if (part) {
      const ctx = new ResolveContext(part.raw, [], file, (path) => positions.locate(part.original(path)).line, part.refused);
      resolveScenario(ctx, options.seed);
      for (const p of ctx.problems) at(part.original(p.path), p.message, p.key);
    }
    const unique = [...new Map(problems.map((p) => [formatProblem(p), p])).values()];
    problems.splice(0, problems.length, ...unique);
    return failed();
  }
  const resolved = resolveVerification(parsed.data, file, positions, data, options.seed);
  for (const p of resolved.problems) at(p.path, p.message, p.key);
  return problems.length || !resolved.verification ? failed() : { ok: true, verification: resolved.verification };
}

/**
 * The parsed file resolved: the world as a scenario whose expectations are the run
 * properties and whose timeline is the fixed entries followed by the alphabet's (on day
 * 0), resolved by the scenario loader; then the alphabet split back off, the graph
 * properties, fairness, rules and names checked. Problems are at the paths written.
 */
function resolveVerification(
  parsed: RawVerification,
  file: string,
  positions: Positions,
  data: unknown,
  seed: number | undefined,
): { verification: Verification | null; problems: PathProblem[] } {
  const { verify, ...world } = parsed;
  const problems: PathProblem[] = [];
  const propertyPath = (j: number, ...rest: Path): Path => ['verify', 'properties', j, ...rest];
  const bodyOf = (j: number, kind: string) => (verify.properties[j] as Record<string, unknown>)[kind];
  const kinds = verify.properties.map((p, j) =>
    propertyKind(p, (message, key) => problems.push({ path: propertyPath(j), message, ...(key ? { key } : {}) })),
  );
  const runs = kinds.flatMap((k, j) => (k !== null && VERIFIABLE_KINDS.includes(k) ? [j] : []));
  const fixed = world.timeline.length;
  const raw = {
    ...world,
    expect: runs.map((j) => ({ [kinds[j] as string]: bodyOf(j, kinds[j] as string) })),
    timeline: [...world.timeline, ...verify.alphabet.map((e) => ({ ...e, at: 0 }))],
  } as RawScenario & { expect: RawExpectation[] };
  const ctx = new ResolveContext(raw, [], file, (path) => positions.locate(written(path, fixed, runs)).line);
  const scenario = resolveScenario(ctx, seed);
  const checks = kinds.map((kind, j): { check: PropertyCheck; variants: string[] | null } | null => {
    if (kind === null) return null;
    if (isGraphKind(kind)) return resolveGraphProperty(ctx, kind, bodyOf(j, kind), propertyPath(j, kind));
    const expectation = scenario.expectations[runs.indexOf(j)];
    return expectation ? { check: { kind: 'run', expectation }, variants: expectation.variants } : null;
  });
  for (const p of ctx.problems) problems.push({ ...p, path: written(p.path, fixed, runs) });
  const line = (path: Path) => ({ file, line: positions.locate(path).line });
  const entries = scenario.variants[0]?.scenario.timeline ?? [];
  const alphabet = verify.alphabet.map(
    (_, i): AlphabetEvent => ({
      label: eventLabel(valueAt(data, ['verify', 'alphabet', i]) as Record<string, unknown>),
      entry: entries[fixed + i] as TimelineEntry,
      source: line(['verify', 'alphabet', i]),
    }),
  );
  problems.push(
    ...propertyProblems(verify.properties, (j) => line(propertyPath(j)).line),
    ...repeatedEventProblems(alphabet.map((e) => e.label)),
    ...fairnessProblems(verify, world.timeline),
  );
  if (problems.length) return { verification: null, problems };
  const properties = verify.properties.map(
    (p, j): Property => ({
      name: p.name,
      rules: p.rules ?? [],
      expectViolated: p.expect === 'violated',
      ...(checks[j] as { check: PropertyCheck; variants: string[] | null }),
      source: line(propertyPath(j)),
    }),
  );
  return {
    verification: {
      file,
      name: scenario.name,
      description: scenario.description,
      world: worldOf(scenario, fixed),
      alphabet,
      events: verify.events,
      fairness: verify.fairness.map((f, k) => ({ ...f, source: line(['verify', 'fairness', k]) })),
      properties,
      maxStates: verify.maxStates ?? null,
    },
    problems,
  };
}

/** The world as resolved with the alphabet's entries taken off every variant's timeline: the fixed events only. */
function worldOf(scenario: LoadedScenario, fixed: number): LoadedScenario {
  return {
    ...scenario,
    variants: scenario.variants.map((v) => ({
      label: v.label,
      scenario: { ...v.scenario, timeline: v.scenario.timeline.slice(0, fixed) },
    })),
  };
}

/** Reads and parses a verification file (read as scenario files are: a regular file, UTF-8). */
export async function loadVerification(file: string, options: { seed?: number } = {}): Promise<VerificationResult> {
  const read = await readScenarioFile(file);
  return read.ok ? parseVerification(read.text, file, options) : read;
}
