import { plural } from '../reports/plural.ts';
import { type LoadOptions, type LoadResult, readScenarioFile, scenariosOf } from '../scenarios/loader/loadScenarios.ts';
import { isPolicyDocument, type PolicyFile, policyOf } from '../scenarios/loader/policyFile.ts';
import { formatProblem, type Problem } from '../scenarios/loader/problems.ts';
import { readYaml } from '../scenarios/loader/readYaml.ts';
import { isVerificationDocument, type VerificationResult, verificationOf } from '../verify/loader.ts';
import { UsageError } from './errors.ts';

/** A policy file read: its policy, or its problems. */
export type PolicyResult = { ok: true; policy: PolicyFile } | { ok: false; problems: Problem[] };

/**
 * What one file named on the command line holds: scenarios, a verification (a file with `verify:` at its top),
 * or a policy (a file with only `policy:`, for `--policy`).
 */
export type FileLoad =
  | { kind: 'scenarios'; result: LoadResult }
  | { kind: 'verification'; result: VerificationResult }
  | { kind: 'policy'; result: PolicyResult };

/** Reads a file once and loads it by what it is: a verification or a policy file by its own loader, any other by the scenario loader. */
export async function loadFile(file: string, options: LoadOptions = {}): Promise<FileLoad> {
  const text = await readScenarioFile(file);
  if (!text.ok) return { kind: 'scenarios', result: text };
  const read = readYaml(text.text);
  if (read.ok && isVerificationDocument(read.data))
    return { kind: 'verification', result: verificationOf(read, file, options.seed === undefined ? {} : { seed: options.seed }) };
  if (read.ok && isPolicyDocument(read.data)) return { kind: 'policy', result: policyOf(read, file) };
  return { kind: 'scenarios', result: scenariosOf(read, file, options) };
}

/**
 * The policy file of `--policy`: read and checked on its own, or exit 2 with its problems
 * located in it (a file that is not a policy file says so).
 */
export async function loadPolicyFile(file: string): Promise<PolicyFile> {
  const text = await readScenarioFile(file);
  const problems = (ps: Problem[]) => ps.map(formatProblem);
  if (!text.ok) throw policyFileError(problems(text.problems));
  const read = readYaml(text.text);
  if (read.ok && !isPolicyDocument(read.data))
    throw policyFileError([
      `${file}: expected a policy file (licsim: 3, an optional description, and policy:), found a scenario or another document`,
    ]);
  const r = policyOf(read, file);
  if (!r.ok) throw policyFileError(problems(r.problems));
  return r.policy;
}

/** `--policy`'s file is not a usable policy: its problems, exit 2. */
function policyFileError(lines: string[]): UsageError {
  return new UsageError(`--policy: ${plural(lines.length, 'problem')} in the policy file; nothing was run`, lines);
}
