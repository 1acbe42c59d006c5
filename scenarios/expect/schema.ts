import { z } from 'zod';
import { EXPECTATION_SCHEMAS, EXPECTATIONS } from './registry.ts';

const kinds = EXPECTATIONS.map((d) => d.kind);

/** One expectation: a mapping with exactly one of the registered kinds as its key. */
export const expectationSchema = z
  .strictObject(EXPECTATION_SCHEMAS)
  .partial()
  .refine((e) => Object.keys(e).length === 1, {
    error: `expected exactly one expectation per list item: ${kinds.slice(0, -1).join(', ')} or ${kinds.at(-1)}`,
  });

/** An expectation as read: one kind's key and its body. */
export type RawExpectation = z.output<typeof expectationSchema>;
