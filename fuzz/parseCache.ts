import type { z } from 'zod';
import { type RawScenario, scenarioSchema, timelineSchema } from '../scenarios/loader/schema.ts';

/** How many parsed values each key keeps (a search's variants repeat their accounts, fleet and expectations). */
const KEPT = 2048;

type Parsed = { ok: true; value: unknown } | { ok: false };

/** JSON that tells apart what plain JSON would not (NaN, ±Infinity and -0 from 0 or null; undefined in a list from null). */
function faithful(_key: string, v: unknown): unknown {
  if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) return `\0number ${Object.is(v, -0) ? '-0' : String(v)}`;
  return v === undefined ? '\0undefined' : v;
}

class Memo {
  private readonly values = new Map<string, Parsed>();
  constructor(private readonly schema: z.ZodType) {}

  parse(value: unknown): Parsed {
    const key = value === undefined ? '\0undefined' : JSON.stringify(value, faithful);
    let parsed = this.values.get(key);
    if (!parsed) {
      const r = this.schema.safeParse(value);
      parsed = r.success ? { ok: true, value: r.data } : { ok: false };
      if (this.values.size >= KEPT) this.values.clear();
      this.values.set(key, parsed);
    }
    // A copy: the loader may change what it is given.
    return parsed.ok ? { ok: true, value: structuredClone(parsed.value) } : parsed;
  }
}

const shape = scenarioSchema.shape as Record<string, z.ZodType>;
const memos = new Map(Object.keys(shape).map((k) => [k, new Memo(shape[k] as z.ZodType)]));
const entryMemo = new Memo(timelineSchema);

/**
 * A scenario document parsed by the scenario schema, key by key with each key's value
 * (and each timeline entry) parsed once and kept: the variants of a search differ in
 * their timeline and policy, and re-parsing the rest costs ≈ 1 ms a variant. The same
 * result as `scenarioSchema.safeParse(doc)` (a strict object: each key by its schema, no
 * other key); anything it would refuse is left to it, so its message is the schema's own.
 *
 * @example
 * parseVariant(doc); // { success: true, data: { name: 'Late purchase', timeline: [...], … } }
 */
export function parseVariant(doc: unknown): { success: true; data: RawScenario } | { success: false; error: z.ZodError } {
  const full = () => scenarioSchema.safeParse(doc) as ReturnType<typeof parseVariant>;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return full();
  const written = doc as Record<string, unknown>;
  for (const key of Object.keys(written)) if (!memos.has(key)) return full();
  const data: Record<string, unknown> = {};
  for (const [key, memo] of memos) {
    const value = written[key];
    let parsed: Parsed;
    if (key === 'timeline' && Array.isArray(value)) {
      const entries: unknown[] = [];
      for (const entry of value) {
        const p = entryMemo.parse(entry);
        if (!p.ok) return full();
        entries.push(p.value);
      }
      parsed = { ok: true, value: entries };
    } else parsed = memo.parse(value);
    if (!parsed.ok) return full();
    if (parsed.value !== undefined || key in written) data[key] = parsed.value;
  }
  return { success: true, data: data as RawScenario };
}
