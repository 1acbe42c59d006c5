import { loadScenarios } from '../scenarios/loader/loadScenarios.ts';
import { formatProblem, type Problem } from '../scenarios/loader/problems.ts';
import type { LoadedScenario } from '../scenarios/loader/resolveScenario.ts';
import { discover } from './discover.ts';
import { UsageError } from './errors.ts';

/** Finds and loads every scenario named on the command line; any problem in any file stops everything (exit 2). */
export async function loadAll(
  paths: readonly string[],
  options: { seed?: number } = {},
): Promise<{ scenarios: LoadedScenario[]; ignored: string[] }> {
  if (!paths.length) throw new UsageError('no scenario files or folders given');
  const found = await discover(paths);
  if (found.missing.length) throw new UsageError(`no such file or folder: ${found.missing.join(', ')}`);
  if (!found.files.length) throw new UsageError(`no scenario files (*.yaml, *.yml) in ${paths.join(', ')}`);
  const problems: Problem[] = [];
  const scenarios: LoadedScenario[] = [];
  for (const file of found.files) {
    const result = await loadScenarios(file, options);
    if (result.ok) scenarios.push(...result.scenarios);
    else problems.push(...result.problems);
  }
  if (problems.length) {
    const files = new Set(problems.map((p) => p.file)).size;
    throw new UsageError(
      `${problems.length} problem${problems.length > 1 ? 's' : ''} in ${files} scenario file${files > 1 ? 's' : ''}; nothing was run`,
      problems.map(formatProblem),
    );
  }
  return { scenarios, ignored: found.ignored };
}
