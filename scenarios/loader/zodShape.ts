import type { z } from 'zod';

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

/** Unwraps optional, default, pipe and union layers to the object schema that fits `data`. */
function objectFor(schema: z.ZodType, data: unknown): z.ZodType | undefined {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return schema;
    case 'optional':
    case 'default':
    case 'nullable':
    case 'prefault':
      return def.innerType && objectFor(def.innerType, data);
    case 'pipe':
      return def.in && objectFor(def.in, data);
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
    if (!current) return undefined;
    const def = defOf(current);
    if (typeof step === 'number') {
      let s: z.ZodType | undefined = current;
      while (s && ['optional', 'default', 'pipe', 'nullable', 'prefault'].includes(defOf(s).type)) s = defOf(s).innerType ?? defOf(s).in;
      current = s && defOf(s).type === 'array' ? defOf(s).element : undefined;
    } else {
      const object = objectFor(current, value);
      const shape = object && defOf(object).shape;
      current = shape?.[String(step)] ?? (def.type === 'record' ? def.valueType : undefined);
    }
    value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[step as string] : undefined;
  }
  const object = current && objectFor(current, value);
  const shape = object && defOf(object).shape;
  return shape ? Object.keys(shape) : undefined;
}
