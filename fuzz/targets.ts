import { readScenarioFile, scenariosOf, yamlProblems } from '../scenarios/loader/loadScenarios.ts';
import { Positions } from '../scenarios/loader/positions.ts';
import { type Problem, pathText, valueAt } from '../scenarios/loader/problems.ts';
import { readYaml } from '../scenarios/loader/readYaml.ts';
import type { LoadedScenario } from '../scenarios/loader/resolveScenario.ts';
import { type RawScenario, scenarioSchema } from '../scenarios/loader/schema.ts';
import { isVerificationDocument } from '../verify/loader.ts';
import { type FuzzSpace, fuzzSpace } from './space.ts';

/** One scenario to fuzz: where it is written, as written, as loaded, and what may vary. */
export interface FuzzTarget {
  file: string;
  /** The text of its file (the counterexample's name hashes it). */
  text: string;
  name: string;
  written: Record<string, unknown>;
  loaded: LoadedScenario;
  space: FuzzSpace;
}

/** The scenarios of one file, its problems (file:line:col, as the loader's), or a verification file (skipped). */
export type TargetRead = { kind: 'targets'; targets: FuzzTarget[] } | { kind: 'problems'; problems: Problem[] } | { kind: 'verification' };

/**
 * Reads a scenario file for fuzzing: every scenario in it (one, or a suite's), each
 * with its space; the loader's problems, and those of the `fuzz:` blocks, located in the file.
 *
 * @example
 * await readTargets('scenarios/examples/fuzz/late-purchase.yaml'); // { kind: 'targets', targets: [{ name, space, … }] }
 */
export async function readTargets(file: string): Promise<TargetRead> {
  const read = await readScenarioFile(file);
  if (!read.ok) return { kind: 'problems', problems: read.problems };
  const yaml = readYaml(read.text);
  if (!yaml.ok) return { kind: 'problems', problems: yamlProblems(yaml, file) };
  if (isVerificationDocument(yaml.data)) return { kind: 'verification' };
  const loaded = scenariosOf(yaml, file);
  if (!loaded.ok) return { kind: 'problems', problems: loaded.problems };
  const positions = new Positions(yaml.doc, yaml.lines);
  const data = yaml.data as Record<string, unknown>;
  const isSuite = 'suite' in data || 'scenarios' in data;
  const problems: Problem[] = [];
  const targets = loaded.scenarios.map((scenario, i): FuzzTarget => {
    const base = isSuite ? ['scenarios', i] : [];
    const written = valueAt(data, base) as Record<string, unknown>;
    const raw = scenarioSchema.parse(written) as RawScenario;
    const { space, problems: found } = fuzzSpace(written, raw, scenario);
    for (const p of found) {
      const path = [...base, ...p.path];
      const pos = positions.locate(path, p.key);
      problems.push({ file, ...pos, path: pathText(p.key ? [...path, p.key] : path), message: p.message });
    }
    return { file, text: read.text, name: scenario.name, written, loaded: scenario, space };
  });
  return problems.length ? { kind: 'problems', problems } : { kind: 'targets', targets };
}
