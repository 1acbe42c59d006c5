import { z } from 'zod';

const VALUE_TEXT = 'expected a grid like 30..120:15, a range like 30..120 (with samples), or a list of values';

/**
 * A swept parameter's values as written: a grid `from..to:step`, a range `from..to` (sampled,
 * with `samples`), or a list of values (numbers, choices, switches).
 *
 * @example
 * // smart-licensing.overageDays: 30..120:15   → 30, 45, …, 120
 * // smart-licensing.overageClock: [restart, resume]
 */
export const paramValues = z.union(
  [
    z.string().min(1),
    z.number(),
    z.array(z.union([z.number(), z.string(), z.boolean()]), { error: VALUE_TEXT }).min(1, { error: 'expected at least one value' }),
  ],
  { error: VALUE_TEXT },
);

/** Which way a metric must go as a parameter grows. */
export const DIRECTIONS = ['increasing', 'decreasing', 'nonIncreasing', 'nonDecreasing'] as const;

/** An expectation over a sweep's points. */
export const sweepExpectationSchema = z.union(
  [
    z.strictObject({
      monotone: z.strictObject({
        metric: z.string().min(1),
        in: z.string().min(1).describe('the swept parameter, model.key'),
        direction: z.enum(DIRECTIONS, { error: `expected one of ${DIRECTIONS.join(', ')}` }),
      }),
    }),
    z.strictObject({
      smallest: z.strictObject({
        param: z.string().min(1).describe('the parameter searched, model.key (a whole number)'),
        range: z.string().min(1).describe('the whole numbers searched, from..to'),
        where: z.strictObject({ metric: z.string().min(1), atMost: z.number() }),
        atMost: z.number().describe('the smallest value where the metric holds must be at most this'),
      }),
    }),
  ],
  { error: 'expected a sweep expectation: monotone: { metric, in, direction } or smallest: { param, range, where, atMost }' },
);

export const SAMPLINGS = ['grid', 'random', 'latin-hypercube'] as const;

/** The `sweep:` block of a scenario: what `licsim sweep` runs (`licsim run` runs the scenario as written). */
export const sweepBlockSchema = z
  .strictObject({
    params: z
      .record(z.string().min(1), paramValues, { error: 'expected a mapping of model.parameter to its values' })
      .describe('model.parameter → values: smart-licensing.overageDays: 30..120:15'),
    sampling: z.enum(SAMPLINGS, { error: `expected one of ${SAMPLINGS.join(', ')}` }).default('grid'),
    samples: z.number().int().positive().optional().describe('points drawn by random or latin-hypercube sampling'),
    seeds: z
      .array(z.number().int().nonnegative())
      .min(1)
      .refine((seeds) => new Set(seeds).size === seeds.length, { error: 'expected each seed once' })
      .optional()
      .describe('run every point at each of these seeds (the spread is shown); default the scenario seed'),
    metrics: z.array(z.string().min(1)).min(1).optional().describe('the outcome metrics charted against the parameters'),
    expect: z.array(sweepExpectationSchema).default([]),
  })
  .describe('a parameter sweep: licsim sweep runs every point on the same fleet (common random numbers)');

export type SweepBlock = z.output<typeof sweepBlockSchema>;
export type SweepExpectationRaw = z.output<typeof sweepExpectationSchema>;
