import { z } from 'zod';
import { OPERATIONS } from '../../machines/meta.ts';
import { duration, name, share, when } from '../../engine/units.ts';

const names = z.union([name, z.array(name).min(1)], { error: 'expected a name or a list of names' });
/** How many of the instances in scope must satisfy it: all, any (at least one), or a share. */
const quantifier = z
  .union([z.enum(['all', 'any'], { error: 'expected all, any, or a share like 90%' }), share], { error: 'expected all, any, or a share like 90%' })
  .default('all');
const amount = z.union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d+)?%$/)], {
  error: 'expected a number of 0 or more, or a percentage like 5%',
});
/** Compared variants an expectation checks (all when absent). */
const variant = { variant: names.optional().describe('the compared variants this expectation checks (all when absent)') };
const scope = {
  /** Fleet groups in scope (all when absent). */
  groups: names.optional(),
  ...variant,
};

/** One expectation: a mapping with exactly one of these keys. */
export const expectationSchema = z
  .strictObject({
    maxOverdraft: z
      .strictObject({
        max: amount.describe('units, or a percentage of the entitlement'),
        type: z.string().optional(),
        account: z.string().optional(),
        from: when.optional(),
        to: when.optional(),
        ...variant,
      })
      .describe('overdraft never above max (per type, or in total), over the run or a window (SL-7, NL-7)'),
    never: z
      .strictObject({ state: names, for: quantifier, within: duration.optional(), from: when.optional(), to: when.optional(), ...scope })
      .describe('instances never enter the state(s) (within the window)'),
    eventually: z
      .strictObject({ state: names, for: quantifier, within: duration.optional(), from: when.optional(), ...scope })
      .describe('instances reach the state(s), within N days of from'),
    always: z
      .strictObject({ state: names, for: quantifier, from: when.optional(), to: when.optional(), ...scope })
      .describe('instances stay in the state(s) all through the window'),
    stateCount: z
      .strictObject({
        state: names,
        day: when,
        equals: amount.optional(),
        atLeast: amount.optional(),
        atMost: amount.optional(),
        ...scope,
      })
      .describe('instances in the state(s) at the end of a day: equals, atLeast, atMost (a number or a % of the instances in scope)'),
    alarm: z
      .strictObject({ name, raised: z.boolean().default(true), by: when.optional(), from: when.optional(), ...scope })
      .describe('an alarm is (or is not) raised, by a day'),
    refused: z
      .strictObject({
        op: z.string().optional().describe('the refused event or operation, e.g. REACTIVATE, DEPLOY_SECURE_TRUNK, growth'),
        rule: z.string().optional().describe('the rule the refusal cites, e.g. CS-4'),
        equals: z.number().int().nonnegative().optional(),
        atLeast: z.number().int().nonnegative().optional(),
        atMost: z.number().int().nonnegative().optional(),
        from: when.optional(),
        by: when.optional(),
        ...scope,
      })
      .describe('how many operations were refused (by op and/or rule) between from and by'),
    noServiceLoss: z
      .strictObject({
        warningDays: duration,
        operations: z.array(z.enum(OPERATIONS, { error: `expected operations among ${OPERATIONS.join(', ')}` })).default(['serve', 'provisionUser']),
        ...scope,
      })
      .describe('designer check: no instance loses service without a warning alarm at least warningDays before'),
    ledgerBalanced: z
      .union([z.literal(true), z.strictObject({ accounts: names.optional(), ...variant })], { error: 'expected true or { accounts, variant }' })
      .describe('conservation holds at every day: owned = available + in use + reserved + in transit, nothing negative'),
  })
  .partial()
  .refine((e) => Object.keys(e).length === 1, {
    error: 'expected exactly one expectation per list item: maxOverdraft, never, eventually, always, stateCount, alarm, refused, noServiceLoss or ledgerBalanced',
  });

export type RawExpectation = z.output<typeof expectationSchema>;
