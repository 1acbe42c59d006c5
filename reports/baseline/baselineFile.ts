import { basename, dirname, extname, join } from 'node:path';
import { z } from 'zod';
import type { Problem } from '../../scenarios/loader/problems.ts';
import { parseJson, problemAt } from './locatedJson.ts';
import type { ScenarioKeyOutcomes } from './outcomes.ts';

/** Bumped when a field of a baseline changes meaning. */
export const BASELINE_SCHEMA = 'licsim/baseline@1';

/** A scenario file's golden baseline: the key outcomes (reports/baseline/outcomes.ts) of each of its scenarios, by name. */
export interface BaselineFile {
  schema: typeof BASELINE_SCHEMA;
  scenarios: Record<string, ScenarioKeyOutcomes>;
}

/** `<folder>/<stem>.baseline.json` beside the scenario file `<folder>/<stem>.yaml`. */
export function baselinePath(scenarioFile: string): string {
  return join(dirname(scenarioFile), `${basename(scenarioFile, extname(scenarioFile))}.baseline.json`);
}

/** The file's text: keys sorted at every level, 2-space indent, a trailing newline (the same outcomes, the same bytes). */
export function baselineText(file: BaselineFile): string {
  return `${JSON.stringify(sortedKeys(file), null, 2)}\n`;
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortedKeys(v)]));
}

const day = z.number().int().min(0);
const count = z.number().int().min(0);
const peak = z.strictObject({ units: z.number().min(0), day });
const run = z.strictObject({
  statusGroups: z.record(z.string(), z.record(z.string(), z.strictObject({ first: day, last: day }))),
  overdraft: z.record(z.string(), z.record(z.string(), peak)),
  overdraftTotal: peak.optional(),
  refusals: z.record(z.string(), count),
  alarms: z.record(z.string(), count),
});
const scenario = z.strictObject({
  verdicts: z.array(z.strictObject({ title: z.string(), kind: z.string(), passed: z.boolean(), variant: z.string().optional() })),
  variants: z.record(z.string(), run),
});
const schema = z.strictObject({ schema: z.literal(BASELINE_SCHEMA), scenarios: z.record(z.string(), scenario) });

/** A baseline file's text read back, or its problems, each at file:line:col with what was expected. */
export function parseBaseline(text: string, file: string): { ok: true; baseline: BaselineFile } | { ok: false; problems: Problem[] } {
  const json = parseJson(text, file);
  if (!json.ok) return { ok: false, problems: [json.problem] };
  const checked = schema.safeParse(json.data);
  if (checked.success) return { ok: true, baseline: checked.data as BaselineFile };
  const problems = checked.error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
    return problemAt(text, file, path, `${issue.message}${keys}; a baseline is written by licsim run --baseline --update-baseline`);
  });
  return { ok: false, problems };
}
