import { z } from 'zod';

/** What one licence type costs: a perpetual licence per unit, a term licence per unit and period, and the lot it is sold in. */
export interface TypePrice {
  /** Per unit, once (null: not sold perpetual). */
  perpetual: number | null;
  /** Per unit and period (null: not sold for a term). */
  term: number | null;
  /** Units per lot: a purchase is a whole number of lots. */
  lot: number;
}

const price = z.number({ error: 'expected a price of 0 or more' }).nonnegative({ error: 'expected a price of 0 or more' });

/** One type's prices as written: `{ perpetual: 120, term: 4, lot: 25 }` (at least one of perpetual and term). */
const typePriceSchema = z
  .strictObject({
    perpetual: price.optional().describe('per unit, once'),
    term: price.optional().describe('per unit and period (a term licence for that period)'),
    lot: z.number().int().positive({ error: 'expected a whole number of units of 1 or more' }).default(1),
  })
  .refine((p) => p.perpetual !== undefined || p.term !== undefined, { error: 'expected perpetual, term or both' });

/**
 * A prices file: per licence type, its prices and lot size.
 *
 * @example
 * // licsim: 3
 * // prices:
 * //   UCL-Enhanced: { perpetual: 100, lot: 10 }
 * //   CUWL: { perpetual: 150, term: 5, lot: 10 }
 */
export const pricesFileSchema = z.strictObject({
  licsim: z.literal(3),
  // Keys are checked against LICENCE_TYPES by the command (located on the key, with a did-you-mean).
  prices: z.record(z.string(), typePriceSchema),
});

/**
 * The prices when no file gives them (a policy choice; DOMAIN.md names no prices): every type
 * 1 a unit, perpetual, in lots of 1. Under flat perpetual prices, when a licence is bought
 * does not change what it costs, so buying the peak on day 0 is as cheap as any plan.
 */
export const DEFAULT_PRICE: TypePrice = { perpetual: 1, term: null, lot: 1 };

/** A type a prices file does not name: not for sale (a plan cannot buy it). */
export const NOT_SOLD: TypePrice = { perpetual: null, term: null, lot: 1 };

/** The prices of every type: without a file DEFAULT_PRICE for all; with one, its prices, and the types it does not name are not sold. */
export function pricesOf(written: z.output<typeof pricesFileSchema>['prices'] | undefined): (type: string) => TypePrice {
  return (type) => {
    if (!written) return DEFAULT_PRICE;
    const p = written[type];
    return p ? { perpetual: p.perpetual ?? null, term: p.term ?? null, lot: p.lot } : NOT_SOLD;
  };
}
