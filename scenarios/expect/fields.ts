import { z } from 'zod';
import { name, share } from '../../engine/units.ts';

/** A name, or a list of at least one. */
export const names = z.union([name, z.array(name).min(1)], { error: 'expected a name or a list of names' });

/** How many of the instances in scope must satisfy it: all, any (at least one), or a share. */
export const quantifierField = z
  .union([z.enum(['all', 'any'], { error: 'expected all, any, or a share like 90%' }), share], {
    error: 'expected all, any, or a share like 90%',
  })
  .default('all');

const AMOUNT_TEXT = 'expected a number of 0 or more, or a percentage like 5%';
/** What an amount is in either spelling: a finite number of 0 or more (of units, or of percent). */
const amountValue = z.number().nonnegative();
/** A number of units or instances, or a percentage; both spellings bounded by `amountValue`. */
export const amountField = z
  .union([amountValue, z.string().regex(/^-?\d+(\.\d+)?%$/)], { error: AMOUNT_TEXT })
  .refine((v) => amountValue.safeParse(typeof v === 'number' ? v : Number(v.slice(0, -1))).success, { error: AMOUNT_TEXT });

/** Compared variants an expectation checks (all when absent). */
export const variant = { variant: names.optional().describe('the compared variants this expectation checks (all when absent)') };

/** Instances in scope by index within their group, or by id (`sl-003`). */
export const instancesField = z
  .array(
    z.union([z.number().int().nonnegative(), name], {
      error: 'expected an index (0, 1, …), a range like 0..4 or an instance id like sl-003',
    }),
  )
  .min(1, { error: 'expected at least one index or instance id' })
  .describe(
    "instances in scope: indices or ranges within each group in scope (as a timeline target's indices), or instance ids like sl-003",
  );

/** Fleet groups in scope (all when absent), the instances among them (all when absent), and the compared variants. */
export const scope = {
  groups: names.optional(),
  instances: instancesField.optional(),
  ...variant,
};
