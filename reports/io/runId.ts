import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** licsim's version (package.json): part of every run id. */
export const LICSIM_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** JSON with Maps, Sets and BigInts spelled out, so any loaded input hashes the same way every time. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Map) return { map: [...v.entries()] };
    if (v instanceof Set) return { set: [...v.values()] };
    if (typeof v === 'bigint') return { bigint: v.toString() };
    return v;
  });
}

/**
 * The id of a run: a hash of what decides its results (the loaded scenarios,
 * the options that change them, licsim's version). Every file of a report
 * carries it; it holds no clock value, so the same inputs and seed give the
 * same id and a byte-identical results.json.
 */
export function runIdOf(inputs: unknown, options: Record<string, unknown> = {}): string {
  return createHash('sha256')
    .update(stableJson({ licsim: LICSIM_VERSION, options, inputs }))
    .digest('hex')
    .slice(0, 16);
}
