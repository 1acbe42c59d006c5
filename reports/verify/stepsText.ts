import { formatDay } from '../evidenceText.ts';
import type { CounterexampleResult, PropertyResult } from './results.ts';

/** A counterexample's steps as lines: `day 0: grow users 5 (shop)`, then the day the property was broken. */
export function stepLines(cx: CounterexampleResult, kind: string): string[] {
  const steps = cx.steps.length
    ? cx.steps.map((s, i) => `${i + 1}. day ${formatDay(s.day)}: ${s.event}`)
    : ['(no event: the fixed timeline alone breaks it)'];
  return [...steps, `${brokenWord(kind)} ${formatDay(cx.day)}`, ...reachableLines(cx)];
}

/** How the end of a counterexample is said for its kind of property. */
export function brokenWord(kind: string): string {
  if (kind === 'recoverable') return 'trapped from day';
  if (kind === 'deadlockFree') return 'stuck on day';
  return 'broken on day';
}

/** recoverable, deadlockFree: the statuses reachable from the trapped or stuck state. */
export function reachableLines(cx: CounterexampleResult): string[] {
  if (!cx.reachable?.length) return [];
  return ['statuses reachable from there (one list per instance):', ...cx.reachable.map((r) => `  ${r.join(', ')}`)];
}

/** What a verdict says in a sentence, e.g. `violated, as expected` or `cut short before it was decided`. */
export function outcomeText(p: Pick<PropertyResult, 'outcome' | 'expectViolated'>): string {
  if (p.outcome === 'unknown') return 'unknown: the exploration was cut short (--max-states) before it was decided';
  if (p.outcome === 'violated') return p.expectViolated ? 'violated, as expected' : 'violated';
  return p.expectViolated ? 'holds, but the file expects it violated' : 'holds';
}

/** The command that replays a counterexample: `licsim run <file>` (the file holds the seed it was checked with, --seed's too). */
export function replayCommand(file: string): string {
  return `licsim run ${file}`;
}
