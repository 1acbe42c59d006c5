import type { z } from 'zod';
import { valueAt } from './problems.ts';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  valueType?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const WRAPPERS = new Set(['optional', 'default', 'nullable', 'prefault', 'pipe']);

/** The schema inside optional, default, nullable, prefault and pipe layers. */
function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let s = schema;
  while (s && WRAPPERS.has(defOf(s).type)) s = defOf(s).innerType ?? defOf(s).in;
  return s;
}

/** Unwraps wrapper and union layers to the object schema that fits `data`. */
function objectFor(schema: z.ZodType, data: unknown): z.ZodType | undefined {
  const inner = unwrap(schema);
  if (!inner) return undefined;
  const def = defOf(inner);
  switch (def.type) {
    case 'object':
      return inner;
    case 'union': {
      const options = def.options ?? [];
      if (def.discriminator && data && typeof data === 'object') {
        const wanted = (data as Record<string, unknown>)[def.discriminator];
        for (const option of options) {
          const o = objectFor(option, data);
          const literal = o && defOf(o).shape?.[def.discriminator];
          if (literal && (literal as unknown as { _zod: { def: { values?: unknown[] } } })._zod.def.values?.includes(wanted)) return o;
        }
      }
      for (const option of options) {
        const o = objectFor(option, data);
        if (o) return o;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The keys the schema allows at `path` in `data`, for "unknown key" messages (undefined when it cannot tell). */
export function allowedKeys(schema: z.ZodType, path: ReadonlyArray<PropertyKey>, data: unknown): string[] | undefined {
  let current: z.ZodType | undefined = schema;
  let value = data;
  for (const step of path) {
    const inner = unwrap(current);
    if (!inner) return undefined;
    const def = defOf(inner);
    if (typeof step === 'number') {
      current = def.type === 'array' ? def.element : undefined;
    } else {
      const object = objectFor(inner, value);
      const shape = object && defOf(object).shape;
      current = shape?.[String(step)] ?? (def.type === 'record' ? def.valueType : undefined);
    }
    value = valueAt(value, [step]);
  }
  const object = current && objectFor(current, value);
  const shape = object && defOf(object).shape;
  return shape ? Object.keys(shape) : undefined;
}
