import { z } from 'zod';
import type { ScenarioOutcome } from '../../engine/result.ts';
import type { Problem } from '../../scenarios/loader/problems.ts';
import { parseJson, problemAt } from './locatedJson.ts';

const series = z.array(z.number());
const namedSeries = z.record(z.string(), series);
/** What the key outcomes read of a results.json (reports/baseline/outcomes.ts); other fields may be anything. */
const scenario = z.looseObject({
  file: z.string(),
  name: z.string(),
  runs: z.array(
    z.looseObject({
      variant: z.string(),
      result: z.looseObject({
        models: z.array(z.looseObject({ model: z.string(), statuses: z.array(z.looseObject({ name: z.string(), group: z.string() })) })),
        series: z.looseObject({
          status: z.record(z.string(), namedSeries),
          usage: z.array(z.looseObject({ account: z.string(), type: z.string(), overdraft: series })),
          overdraftTotal: series,
          refusals: namedSeries,
          alarms: namedSeries,
        }),
      }),
    }),
  ),
  verdicts: z.array(z.looseObject({ title: z.string(), kind: z.string(), passed: z.boolean(), variant: z.string().optional() })),
});
const suite = z.looseObject({ schema: z.literal('licsim/suite-result@1'), scenarios: z.array(scenario) });

/**
 * A results.json given to `licsim diff`: its scenarios, or its problems (file:line:col, what was expected).
 * The report of a run that did not complete, or of one stopped on invalid input, has nothing to compare: a problem too.
 */
export function parseResults(text: string, file: string): { ok: true; scenarios: ScenarioOutcome[] } | { ok: false; problems: Problem[] } {
  const json = parseJson(text, file);
  if (!json.ok) return { ok: false, problems: [json.problem] };
  const data = json.data as { invalid?: unknown; incomplete?: unknown } | null;
  if (data?.invalid === true)
    return {
      ok: false,
      problems: [problemAt(text, file, ['invalid'], 'the report of a run stopped on invalid input (nothing was run): nothing to compare')],
    };
  if (data?.incomplete === true)
    return {
      ok: false,
      problems: [problemAt(text, file, ['incomplete'], 'the report of a run that did not complete: nothing to compare')],
    };
  const checked = suite.safeParse(json.data);
  if (checked.success) return { ok: true, scenarios: checked.data.scenarios as unknown as ScenarioOutcome[] };
  const problems = checked.error.issues.slice(0, 10).map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    return problemAt(text, file, path, `${issue.message} (expected the results.json of licsim run)`);
  });
  return { ok: false, problems };
}
