import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ScenarioOutcome, Verdict } from '../engine/result.ts';
import { BASELINE_SCHEMA, type BaselineFile, baselinePath, baselineText, parseBaseline } from '../reports/baseline/baselineFile.ts';
import { compareOutcomes, type Difference } from '../reports/baseline/compare.ts';
import { differenceLine } from '../reports/baseline/diffText.ts';
import { BASELINE_VERDICT_KIND, keyOutcomes, type ScenarioKeyOutcomes } from '../reports/baseline/outcomes.ts';
import { writeFileAtomic } from '../reports/io/atomicWrite.ts';
import { plural } from '../reports/plural.ts';
import { formatProblem } from '../scenarios/loader/problems.ts';
import type { Colors } from './console/format.ts';
import { printable } from './console/printable.ts';
import { UsageError } from './errors.ts';
import { cliIo } from './io.ts';

/** How `licsim run --baseline` treats baselines: `update` writes them all (--update-baseline); `ci` never writes a missing one. */
export interface BaselineMode {
  update: boolean;
  ci: boolean;
}

/** The title of the verdict a baseline adds to each scenario. */
export const BASELINE_TITLE = 'key outcomes match the golden baseline';

interface FileState {
  path: string;
  /** Read from disk; absent when there is no baseline file yet. */
  baseline?: BaselineFile;
  /** The names of every scenario of the scenario file (run or filtered out), in order. */
  names: string[];
  /** The first of them this run runs: its verdict also names the baseline's scenarios the file no longer has. */
  first?: string;
  /** What this run found, by scenario name. */
  found: Map<string, ScenarioKeyOutcomes>;
}

/**
 * `licsim run --baseline`: each scenario's key outcomes (reports/baseline/outcomes.ts) against the
 * `<stem>.baseline.json` beside its file. `check` adds the verdict (kind `baseline`) to a finished
 * scenario, `write` writes what is new once every scenario has run. A missing baseline is written
 * and its verdict passes, except in CI (`CI` set), where it fails and nothing is written (vitest's
 * convention) unless --update-baseline says so. A file whose outcomes did not change is not touched.
 */
export class Baselines {
  private constructor(
    private readonly files: Map<string, FileState>,
    private readonly mode: BaselineMode,
  ) {}

  /**
   * Reads the baseline beside each file of the scenarios `running` (`all`: every scenario loaded, so --only keeps
   * the baselines of those it filtered out); a baseline that cannot be read is bad input (exit 2, nothing run).
   */
  static async load(all: readonly Named[], running: readonly Named[], mode: BaselineMode): Promise<Baselines> {
    const files = new Map<string, FileState>();
    for (const s of all) {
      const state: FileState = files.get(s.file) ?? { path: baselinePath(s.file), names: [], found: new Map() };
      state.names.push(s.name);
      files.set(s.file, state);
    }
    for (const s of [...running].reverse()) {
      const state = files.get(s.file);
      if (state) state.first = s.name;
    }
    for (const [file, state] of files) if (state.first === undefined) files.delete(file);
    const problems: string[] = [];
    for (const state of files.values()) {
      const text = await readFile(state.path, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        problems.push(`${state.path}: cannot be read (${error.code ?? error.message})`);
        return undefined;
      });
      if (text === undefined) continue;
      const parsed = parseBaseline(text, state.path);
      if (parsed.ok) state.baseline = parsed.baseline;
      else problems.push(...parsed.problems.map(formatProblem));
    }
    if (problems.length)
      throw new UsageError('a baseline file is not valid: fix it, or delete it and run with --update-baseline', problems);
    return new Baselines(files, mode);
  }

  /** The outcome with its baseline verdict added (passed false when it differs or, in CI, is missing). */
  check(outcome: ScenarioOutcome): ScenarioOutcome {
    const state = this.files.get(outcome.file);
    if (!state) return outcome;
    const now = keyOutcomes(outcome);
    state.found.set(outcome.name, now);
    const name = basename(state.path);
    const before = state.baseline?.scenarios[outcome.name];
    const differences: Difference[] = before ? compareOutcomes(before, now) : [];
    // The first scenario of its file also says which scenarios its baseline holds that the file no longer does.
    if (outcome.name === state.first && state.baseline)
      for (const old of Object.keys(state.baseline.scenarios).sort())
        if (!state.names.includes(old)) differences.push({ what: 'scenario', scenario: old, before: true, after: false });
    let verdict: Pick<Verdict, 'passed' | 'message'>;
    if (this.mode.update)
      verdict = {
        passed: true,
        message: !before ? `${name} written` : differences.length ? `${name} updated: ${count(differences)}` : `${name}: no differences`,
      };
    else if (!before && this.mode.ci)
      verdict = {
        passed: false,
        message:
          `no baseline for this scenario in ${name}; in CI (CI is set) a missing baseline fails instead of being written: ` +
          'run licsim run --baseline where CI is not set (or with --update-baseline) and commit it',
      };
    else if (!before) verdict = { passed: true, message: `no baseline yet: ${name} written` };
    else if (differences.length) verdict = { passed: false, message: `${count(differences)} from ${name}` };
    else verdict = { passed: true, message: `${name}: no differences` };
    const added: Verdict = {
      kind: BASELINE_VERDICT_KIND,
      title: BASELINE_TITLE,
      ...verdict,
      rules: [],
      evidence: differences.map((d) => ({ detail: differenceLine(d) })),
    };
    return { ...outcome, passed: outcome.passed && added.passed, verdicts: [...outcome.verdicts, added] };
  }

  /**
   * Writes the baselines this run decided to write (every one with --update-baseline; else the missing ones,
   * outside CI): a file keeps the scenarios that did not run (--only) and drops those no longer in its
   * scenario file. Returns the files written; a file that would come out the same is left untouched.
   */
  async write(): Promise<string[]> {
    const written: string[] = [];
    for (const state of this.files.values()) {
      if (!state.found.size) continue;
      const old = state.baseline?.scenarios ?? {};
      const scenarios: Record<string, ScenarioKeyOutcomes> = {};
      for (const name of state.names) {
        const now = state.found.get(name);
        const keep = old[name];
        const fresh = now && (this.mode.update || (!keep && !this.mode.ci)) ? now : keep;
        if (fresh) scenarios[name] = fresh;
      }
      const next = baselineText({ schema: BASELINE_SCHEMA, scenarios });
      if (state.baseline && baselineText(state.baseline) === next) continue;
      if (!state.baseline && !Object.keys(scenarios).length) continue;
      try {
        await writeFileAtomic(state.path, next);
      } catch (error) {
        throw new UsageError(`cannot write the baseline ${state.path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
      written.push(state.path);
    }
    return written;
  }
}

type Named = { file: string; name: string };

/**
 * The baseline mode of `licsim run` (null without --baseline or --update-baseline, which implies it). CI is on when
 * `CI` is set to anything but "", "0" or "false" (as CI services set it; vitest's snapshots follow the same convention).
 */
export function baselineMode(
  options: { baseline?: boolean; updateBaseline?: boolean },
  env: NodeJS.ProcessEnv = cliIo().env,
): BaselineMode | null {
  if (!options.baseline && !options.updateBaseline) return null;
  const ci = env.CI !== undefined && !['', '0', 'false'].includes(env.CI.toLowerCase());
  return { update: options.updateBaseline === true, ci };
}

/** The console's closing line about baselines: those written (each verdict says why), or that none was. */
export function baselineLines(written: readonly string[], c: Colors): string[] {
  const files = written.length ? `${plural(written.length, 'file')} written: ${written.join(', ')}` : 'none written';
  return [` ${c.bold('Baselines')}     ${printable(files)}`];
}
const count = (differences: readonly Difference[]) => plural(differences.length, 'difference');
