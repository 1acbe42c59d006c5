import { z } from 'zod';
import { MODELS, type ModelName } from '../../machines/policyOverride.ts';
import { valueAt } from './problems.ts';
import { accountSchema, groupSchema, type RawScenario, scenarioSchema } from './schema.ts';

/**
 * A scenario as the partial read takes it: as the schema, but its accounts and fleet
 * may be left empty (when every entry was refused, what refers to them is still read).
 */
const partialSchema = scenarioSchema.extend({ accounts: z.array(accountSchema), fleet: z.array(groupSchema) });

type DocPath = Array<string | number>;

/** The lists of a scenario whose entries are checked on their own: an entry the schema refuses is left out, the others are resolved. */
const LISTS = ['accounts', 'fleet', 'timeline', 'expect', 'satellites', 'paks'] as const;
type ListKey = (typeof LISTS)[number];
const isList = (key: unknown): key is ListKey => (LISTS as readonly unknown[]).includes(key);

/**
 * What the schema refused in a scenario, by the names other parts refer to it by: a
 * reference to one of these is no problem of its own (the entry's problem is reported).
 */
export interface Refused {
  accounts: Set<string>;
  satellites: Set<string>;
  /** Fleet groups left out, with their model when that much was right. */
  groups: Map<string, ModelName | undefined>;
  variants: Set<string>;
  /** The whole `compare:` was refused. */
  compare: boolean;
  /** The ids and names of every entry as the document lists them, refused or not (for the lists in messages). */
  order: { accounts: string[]; satellites: string[]; groups: string[] };
}

export const nothingRefused = (): Refused => ({
  accounts: new Set(),
  satellites: new Set(),
  groups: new Map(),
  variants: new Set(),
  compare: false,
  order: { accounts: [], satellites: [], groups: [] },
});

/** A scenario with what the schema refused left out: the part that can still be checked, and the way back to the document's paths. */
export interface PartialScenario {
  raw: RawScenario;
  refused: Refused;
  /** A path in `raw` as the path in the document (list indices of entries after a left-out one move back). */
  original(path: DocPath): DocPath;
}

/**
 * The part of a scenario (`data`, one mapping of the document) the schema accepts:
 * each entry of its lists the schema refuses is left out (a key unknown in an entry
 * only that key), a policy setting or compared variant it refuses is dropped, as is a
 * top-level key that has a default. Read again until the schema accepts what is left;
 * undefined when that cannot be (a required key such as `name` or `duration` is what is wrong).
 */
export function partialScenario(data: unknown): PartialScenario | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const dropped = new Map<ListKey, Set<number>>();
  const deleted: DocPath[] = [];
  const seen = new Set<string>();
  for (let round = 0; round < 20; round++) {
    const { pruned, kept } = build(data as Record<string, unknown>, dropped, deleted);
    const original = (path: DocPath): DocPath => {
      const [head, index, ...rest] = path;
      const list = isList(head) ? kept.get(head) : undefined;
      return list && typeof index === 'number' ? [head as string, list[index] ?? index, ...rest] : path;
    };
    const parsed = partialSchema.safeParse(pruned);
    if (parsed.success)
      return { raw: parsed.data as RawScenario, refused: refusedOf(data as Record<string, unknown>, dropped, deleted), original };
    let progress = false;
    for (const issue of parsed.error.issues) {
      const path = original(issue.path.map((p) => (typeof p === 'number' ? p : String(p))));
      for (const unit of unitsOf(issue, path)) {
        const key = JSON.stringify(unit);
        if (seen.has(key)) continue;
        seen.add(key);
        progress = true;
        const [head, index] = unit;
        if (unit.length === 2 && isList(head) && typeof index === 'number') {
          if (!dropped.has(head)) dropped.set(head, new Set());
          dropped.get(head)?.add(index);
        } else deleted.push(unit);
      }
    }
    if (!progress) return undefined;
  }
  return undefined;
}

/** What to leave out for one issue (in the document's paths): a list entry, a setting, a key. */
function unitsOf(issue: z.core.$ZodIssue, path: DocPath): DocPath[] {
  if (path.length === 0) return issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [k]) : [];
  const [head] = path;
  if (isList(head) && path.length >= 2) {
    // A key unknown in an entry goes alone (the rest of the entry may be right); anything else takes the entry.
    if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => [...path, k]);
    return [path.slice(0, 2)];
  }
  if (head === 'policy' && path.length >= 2) return [path.slice(0, 3)];
  if (head === 'compare' && path.length >= 2) return [path.slice(0, 2)];
  if (issue.code === 'unrecognized_keys' && path.length === 1 && (head === 'policy' || head === 'compare'))
    return issue.keys.map((k) => [...path, k]);
  return [path.slice(0, 1)];
}

function build(
  data: Record<string, unknown>,
  dropped: ReadonlyMap<ListKey, ReadonlySet<number>>,
  deleted: readonly DocPath[],
): { pruned: Record<string, unknown>; kept: Map<ListKey, number[]> } {
  const pruned = structuredClone(data);
  for (const path of deleted) {
    const parent = valueAt(pruned, path.slice(0, -1));
    if (parent !== null && typeof parent === 'object') delete (parent as Record<string | number, unknown>)[path.at(-1) as string];
  }
  const kept = new Map<ListKey, number[]>();
  for (const [key, indices] of dropped) {
    const list = pruned[key];
    if (!Array.isArray(list)) continue;
    const keep = list.map((_, i) => i).filter((i) => !indices.has(i));
    kept.set(key, keep);
    pruned[key] = keep.map((i) => list[i]);
  }
  return { pruned, kept };
}

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

function refusedOf(
  data: Record<string, unknown>,
  dropped: ReadonlyMap<ListKey, ReadonlySet<number>>,
  deleted: readonly DocPath[],
): Refused {
  const refused = nothingRefused();
  const entries = (key: ListKey) => [...(dropped.get(key) ?? [])].map((i) => valueAt(data, [key, i]));
  for (const a of entries('accounts')) if (text(valueAt(a, ['id']))) refused.accounts.add(text(valueAt(a, ['id'])) as string);
  for (const s of entries('satellites')) if (text(valueAt(s, ['id']))) refused.satellites.add(text(valueAt(s, ['id'])) as string);
  for (const g of entries('fleet')) {
    const name = text(valueAt(g, ['name']));
    const model = text(valueAt(g, ['model']));
    if (name)
      refused.groups.set(
        name,
        MODELS.find((m) => m === model),
      );
  }
  const all = (key: ListKey, field: string) => {
    const list = data[key];
    return Array.isArray(list) ? list.flatMap((e) => text(valueAt(e, [field])) ?? []) : [];
  };
  refused.order = { accounts: all('accounts', 'id'), satellites: all('satellites', 'id'), groups: all('fleet', 'name') };
  for (const path of deleted) {
    if (path[0] !== 'compare') continue;
    if (path.length === 1) refused.compare = true;
    else refused.variants.add(String(path[1]));
  }
  return refused;
}
