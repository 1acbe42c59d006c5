/** What a verification file says across its parts that its schema cannot check: unique names, rule ids, repeated events, fairness. */
import { isRuleId } from '../machines/rules.ts';
import type { PathProblem } from '../scenarios/loader/resolveScenario.ts';
import type { RawVerification } from './schema.ts';

type Verify = RawVerification['verify'];

/** Property names are unique in the file (the second is the problem, naming the line of the first); rule ids are DOMAIN.md's. */
export function propertyProblems(properties: Verify['properties'], lineOf: (j: number) => number): PathProblem[] {
  const problems: PathProblem[] = [];
  const names = new Map<string, number>();
  properties.forEach((p, j) => {
    const first = names.get(p.name);
    if (first === undefined) names.set(p.name, j);
    else
      problems.push({
        path: ['verify', 'properties', j, 'name'],
        message: `duplicate property name "${p.name}" (also at line ${lineOf(first)})`,
      });
    for (const [k, rule] of (p.rules ?? []).entries()) {
      if (!isRuleId(rule))
        problems.push({
          path: ['verify', 'properties', j, 'rules', k],
          message: `unknown rule id "${rule}" (DOMAIN.md ids such as SL-5, NL-6, CS-4)`,
        });
    }
  });
  return problems;
}

/** An event written twice in the alphabet (the same label: the same action, parameters and target) adds nothing: a problem. */
export function repeatedEventProblems(labels: readonly string[]): PathProblem[] {
  return labels.flatMap((label, i) => {
    const first = labels.indexOf(label);
    return first < i ? [{ path: ['verify', 'alphabet', i], message: `the same event as verify.alphabet[${first}] (${label})` }] : [];
  });
}

/**
 * A fairness assumption needs its `then` in the alphabet (the checker makes it happen)
 * and its `after` in the alphabet or on the fixed timeline (or it never applies).
 */
export function fairnessProblems(verify: Verify, timeline: ReadonlyArray<{ do: string }>): PathProblem[] {
  const injected = [...new Set(verify.alphabet.map((e) => e.do))];
  const happens = new Set([...injected, ...timeline.map((e) => e.do)]);
  const alphabet = `alphabet: ${injected.join(', ')}`;
  return verify.fairness.flatMap((f, k) => [
    ...(injected.includes(f.then)
      ? []
      : [
          {
            path: ['verify', 'fairness', k, 'then'],
            message: `${f.then} is not in the alphabet: the checker can only make an event of the alphabet happen (${alphabet})`,
          },
        ]),
    ...(happens.has(f.after)
      ? []
      : [
          {
            path: ['verify', 'fairness', k, 'after'],
            message: `${f.after} never happens: it is neither in the alphabet nor on the timeline (${alphabet})`,
          },
        ]),
  ]);
}
