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

/** A number of units or instances, or a percentage. */
export const amountField = z.union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d+)?%$/)], {
  error: 'expected a number of 0 or more, or a percentage like 5%',
});

/** Compared variants an expectation checks (all when absent). */
export const variant = { variant: names.optional().describe('the compared variants this expectation checks (all when absent)') };

/** Fleet groups in scope (all when absent), and the compared variants. */
export const scope = {
  groups: names.optional(),
  ...variant,
};
