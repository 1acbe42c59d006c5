import { modelStatuses } from '../../engine/world/statuses.ts';
import type { ModelName } from '../../machines/policyOverride.ts';
import { didYouMean } from '../loader/suggest.ts';
import type { DocPath, ExpectationContext } from './definition.ts';

/** How many instances in scope must satisfy an expectation. */
export type Quantifier = { kind: 'all' } | { kind: 'any' } | { kind: 'share'; share: number };

/** A number of units or instances, or a percentage of a reference. */
export interface Amount {
  value: number;
  percent: boolean;
}

/** The states an expectation names, resolved per model to status names. */
export interface StateSet {
  /** As written (status or status-group names). */
  names: string[];
  byModel: Partial<Record<ModelName, string[]>>;
  rules: string[];
}

/** An amount as written: a number, or a percentage like `5%`. */
export function amount(v: number | string): Amount {
  return typeof v === 'number' ? { value: v, percent: false } : { value: Number(v.slice(0, -1)), percent: true };
}

/** A quantifier as written: all, any, or a share. */
export function quantifier(v: 'all' | 'any' | number): Quantifier {
  return v === 'all' ? { kind: 'all' } : v === 'any' ? { kind: 'any' } : { kind: 'share', share: v };
}

/** A quantifier in words, for a title. */
export function describeQuantifier(q: Quantifier): string {
  return q.kind === 'all'
    ? 'all instances'
    : q.kind === 'any'
      ? 'at least one instance'
      : `at least ${Math.round(q.share * 1000) / 10}% of instances`;
}

/** State names (statuses or status groups) resolved to each in-scope model's statuses, with their rules. */
export function states(x: ExpectationContext, names: string[], path: DocPath): StateSet {
  const models = x.modelsOf(x.groups);
  const set: StateSet = { names, byModel: {}, rules: [] };
  names.forEach((name, k) => {
    let matched = false;
    for (const model of models) {
      for (const s of modelStatuses(model)) {
        if (s.name !== name && s.group !== name) continue;
        matched = true;
        set.byModel[model] ??= [];
        const statuses = set.byModel[model];
        if (!statuses.includes(s.name)) statuses.push(s.name);
        for (const r of s.rules) if (!set.rules.includes(r)) set.rules.push(r);
      }
    }
    // No model in scope: the groups named are unknown, and that is the problem reported.
    if (!matched && models.length) {
      const known = [...new Set(models.flatMap((m) => modelStatuses(m).flatMap((s) => [s.name, s.group])))];
      x.problem(
        [...path, ...(names.length > 1 ? [k] : [])],
        `unknown state "${name}" for ${models.join(', ')}${didYouMean(name, known)} (statuses and groups: ${known.join(', ')})`,
      );
    }
  });
  return set;
}

/** ` in a, b` for a title when the expectation is narrowed to fleet groups. */
export const inGroups = (groups: string[] | null) => (groups ? ` in ${groups.join(', ')}` : '');

const BOUND_WORDS = { equals: 'exactly', atLeast: 'at least', atMost: 'at most' } as const;
/** A count bound an expectation may give. */
export type Bound = keyof typeof BOUND_WORDS;

/** The count bounds an expectation gives (at least one is needed) and their words for its title. */
export function bounds(x: ExpectationContext, body: Partial<Record<Bound, number | string>>): { keys: Bound[]; text: string } {
  const keys = (Object.keys(BOUND_WORDS) as Bound[]).filter((k) => body[k] !== undefined);
  if (!keys.length) x.problem(x.path, 'expected equals, atLeast or atMost');
  return { keys, text: keys.map((k) => `${BOUND_WORDS[k]} ${String(body[k])}`).join(' and ') };
}

/** A number of days in words: `1 day`, `2.5 days`. */
export const daysText = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

/** The noun after a bound's text, which ends with its number: "exactly 1 instance", "at least 2 instances". */
export function oneOrMany(boundText: string, word: string): string {
  return /(^|\D)1$/.test(boundText) ? word : `${word}s`;
}
