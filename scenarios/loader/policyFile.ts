import { z } from 'zod';
import type { PolicyByModel } from '../../machines/policyOverride.ts';
import { FORMAT_VERSION } from './formatVersion.ts';
import { schemaProblems, yamlProblems } from './loadScenarios.ts';
import { Positions } from './positions.ts';
import { type Problem, pathText } from './problems.ts';
import type { YamlRead } from './readYaml.ts';
import { ResolveContext, resolvePolicies } from './resolveScenario.ts';
import { policies, type RawScenario } from './schema.ts';

/**
 * A policy file: a scenario's `policy:` block in a file of its own (the same schema and
 * errors), for `--policy FILE` wherever a policy is taken.
 *
 * @example
 * // licsim: 3
 * // description: Older releases with a short overage period
 * // policy:
 * //   smart-licensing: { preset: cucm-12, overrides: { overageDays: 45 } }
 */
export const policyFileSchema = z.strictObject({
  licsim: z.literal(FORMAT_VERSION).describe(`the scenario format version: ${FORMAT_VERSION}`),
  description: z.string().default(''),
  policy: policies,
});

/** A policy file read and checked. */
export interface PolicyFile {
  file: string;
  description: string;
  /** As written (what replaces a scenario's `policy:`). */
  raw: RawScenario['policy'];
  /** Each model's resolved policy. */
  resolved: PolicyByModel;
}

/** Keys that make a document a scenario, a suite or a verification rather than a policy file. */
const NOT_POLICY = ['name', 'fleet', 'suite', 'scenarios', 'verify'];

/** Whether a document is a policy file: a `policy:` at its top and nothing of a scenario's, a suite's or a verification's. */
export function isPolicyDocument(data: unknown): boolean {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return false;
  return 'policy' in data && !NOT_POLICY.some((k) => k in data);
}

/** A policy file's policy, or its problems located in the file (file:line:col, the field, what was expected). */
export function policyOf(read: YamlRead, file: string): { ok: true; policy: PolicyFile } | { ok: false; problems: Problem[] } {
  if (!read.ok) return { ok: false, problems: yamlProblems(read, file) };
  const positions = new Positions(read.doc, read.lines);
  const problems: Problem[] = [];
  const at = (path: Array<string | number>, message: string, key?: string) => {
    const pos = positions.locate(path, key);
    problems.push({ file, line: pos.line, column: pos.column, path: pathText(key ? [...path, key] : path), message });
  };
  const parsed = policyFileSchema.safeParse(read.data);
  if (!parsed.success) {
    for (const p of schemaProblems(parsed.error, read.data, policyFileSchema)) at(p.path, p.message, p.key);
    return { ok: false, problems };
  }
  const raw = { policy: parsed.data.policy } as RawScenario;
  const ctx = new ResolveContext(raw, [], file, (path) => positions.locate(path).line);
  const resolved = resolvePolicies(ctx);
  for (const p of ctx.problems) at(p.path, p.message, p.key);
  if (problems.length) return { ok: false, problems };
  return { ok: true, policy: { file, description: parsed.data.description, raw: parsed.data.policy, resolved } };
}
