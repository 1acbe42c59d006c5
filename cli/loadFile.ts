import { type LoadResult, readScenarioFile, scenariosOf } from '../scenarios/loader/loadScenarios.ts';
import { readYaml } from '../scenarios/loader/readYaml.ts';
import { isVerificationDocument, type VerificationResult, verificationOf } from '../verify/loader.ts';

/** What one file named on the command line holds: scenarios, or a verification (a file with `verify:` at its top). */
export type FileLoad = { kind: 'scenarios'; result: LoadResult } | { kind: 'verification'; result: VerificationResult };

/** Reads a file once and loads it by what it is: a verification file with the verification loader, any other with the scenario loader. */
export async function loadFile(file: string, options: { seed?: number } = {}): Promise<FileLoad> {
  const text = await readScenarioFile(file);
  if (!text.ok) return { kind: 'scenarios', result: text };
  const read = readYaml(text.text);
  return read.ok && isVerificationDocument(read.data)
    ? { kind: 'verification', result: verificationOf(read, file, options) }
    : { kind: 'scenarios', result: scenariosOf(read, file, options) };
}
