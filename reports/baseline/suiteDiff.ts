import type { ScenarioOutcome } from '../../engine/result.ts';
import { compareOutcomes, type Difference } from './compare.ts';
import { keyOutcomes } from './outcomes.ts';

/** The differences of two runs' key outcomes, by scenario (matched by file and name; variants within by name). */
export interface SuiteDiff {
  /** Scenarios either run has. */
  compared: number;
  /** Those that differ, in the first run's order, then those only the second has. */
  scenarios: Array<{ file: string; name: string; differences: Difference[] }>;
}

export function diffSuites(before: readonly ScenarioOutcome[], after: readonly ScenarioOutcome[]): SuiteDiff {
  const key = (o: { file: string; name: string }) => JSON.stringify([o.file, o.name]);
  const a = new Map(before.map((o) => [key(o), o]));
  const b = new Map(after.map((o) => [key(o), o]));
  const scenarios: SuiteDiff['scenarios'] = [];
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  for (const k of keys) {
    const was = a.get(k);
    const now = b.get(k);
    const { file, name } = (was ?? now) as ScenarioOutcome;
    const differences: Difference[] =
      was && now
        ? compareOutcomes(keyOutcomes(was), keyOutcomes(now))
        : [{ what: 'scenario', scenario: name, before: was !== undefined, after: now !== undefined }];
    if (differences.length) scenarios.push({ file, name, differences });
  }
  return { compared: keys.length, scenarios };
}
