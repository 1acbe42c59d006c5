import type { Evidence, StoryStep, Verdict } from '../../engine/result.ts';
import type { SimulationOptions } from '../../engine/run/simulation.ts';
import { StoryRecorder } from '../../engine/run/story.ts';
import { runScenario } from '../../engine/runScenario.ts';
import type { Scenario } from '../../engine/scenario.ts';

/** Instances of each failed verdict whose causes are given (its first evidence rows). */
export const EXPLAINED_PER_VERDICT = 3;
/** Instances explained in one run at most (the rest keep their evidence without a cause). */
export const EXPLAINED_PER_RUN = 12;
/** Changes of status a cause shows: the last ones up to the evidence's day. */
export const CAUSE_LENGTH = 4;

/** Evidence rows of failed verdicts that name an instance, the first few of each: those whose causes are looked for. */
function explained(verdicts: readonly Verdict[]): Set<string> {
  const ids = new Set<string>();
  for (const v of verdicts) {
    if (v.passed) continue;
    for (const e of v.evidence.slice(0, EXPLAINED_PER_VERDICT))
      if (e.instance !== undefined && ids.size < EXPLAINED_PER_RUN) ids.add(e.instance);
  }
  return ids;
}

/**
 * The changes of status that led to an evidence row: the story's transitions up to its day
 * (all of them when it has none), the last {@link CAUSE_LENGTH}.
 *
 * @example
 * causeOf(story, 31);
 * // [{ day: 0, from: 'evaluation', to: 'authorized', … }, { day: 1, … }, { day: 31, to: 'outOfComplianceEnforced', … }]
 */
export function causeOf(story: readonly StoryStep[], day: number | undefined): StoryStep[] {
  const upTo = story.filter((s) => s.kind === 'transition' && (day === undefined || s.day <= day + 1e-9));
  return upTo.slice(-CAUSE_LENGTH);
}

/** An evidence row with its cause and, when a change of status happened on its day, the rule ids of that transition. */
function withCause(e: Evidence, story: readonly StoryStep[]): Evidence {
  if (e.instance === undefined || !story.length) return e;
  const cause = causeOf(story, e.day);
  if (!cause.length) return e;
  const last = cause[cause.length - 1] as StoryStep;
  const fired = e.day !== undefined && Math.abs(last.day - e.day) < 1e-6 ? { rules: last.rules } : {};
  return { ...e, ...fired, cause };
}

/**
 * Failed verdicts that say why: the run is taken again with a {@link StoryRecorder} on the
 * instances their first evidence rows name (the same scenario and seed: the same run), and
 * each of those rows gets its cause. Passing verdicts and rows without an instance are left
 * as they are; a run whose verdicts all pass is not taken again. `narrow` gives the part of the
 * scenario to run again for those instances (a merge of partitions runs only their units, which
 * run as they did in the whole run); by default the whole scenario.
 */
export function explainVerdicts(
  scenario: Scenario,
  verdicts: readonly Verdict[],
  options: Pick<SimulationOptions, 'backend' | 'machines' | 'consistency'>,
  source: { file: string; timelineLines: readonly number[] } | null = null,
  narrow: (ids: ReadonlySet<string>) => Scenario = () => scenario,
): Verdict[] {
  const ids = explained(verdicts);
  if (!ids.size) return [...verdicts];
  const story = new StoryRecorder(ids, source);
  runScenario(narrow(ids), { ...options, observers: [story] });
  return verdicts.map((v) => {
    if (v.passed) return v;
    const evidence = v.evidence.map((e, i) =>
      i < EXPLAINED_PER_VERDICT && e.instance !== undefined ? withCause(e, story.of(e.instance)) : e,
    );
    return { ...v, evidence };
  });
}
