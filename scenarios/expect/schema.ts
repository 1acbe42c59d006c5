import { z } from 'zod';
import { EXPECTATION_SCHEMAS, EXPECTATIONS } from './registry.ts';

const kinds = EXPECTATIONS.map((d) => d.kind);

/** `skip`, `todo` or `fails` on an expectation: `true`, or the reason. */
const markField = z.union([z.literal(true), z.string().min(1)], { error: 'expected true or a reason' }).optional();

/** What an expectation item may say besides its kind: tags, and whether it is skipped, to do, or expected to fail. */
export const EXPECTATION_MARKS = ['skip', 'todo', 'fails'] as const;
const itemFields = {
  tags: z.array(z.string().min(1)).min(1).optional().describe('what --tag picks this expectation by'),
  skip: markField.describe('not checked, reported as skipped (true, or the reason)'),
  todo: markField.describe('not checked yet, reported as to do (true, or what is missing)'),
  fails: markField.describe('expected to fail: a failure passes (reported as such), a pass fails (true, or why it fails)'),
};

/** One expectation: a mapping with exactly one of the registered kinds as its key, and its tags and mark. */
export const expectationSchema = z
  .strictObject({ ...EXPECTATION_SCHEMAS, ...itemFields })
  .partial()
  .refine((e) => Object.keys(e).filter((k) => !(k in itemFields)).length === 1, {
    error: `expected exactly one expectation per list item: ${kinds.slice(0, -1).join(', ')} or ${kinds.at(-1)}`,
  })
  .refine((e) => EXPECTATION_MARKS.filter((m) => e[m] !== undefined).length <= 1, {
    error: 'expected one of skip, todo and fails, not several',
  });

/** An expectation as read: one kind's key and its body. */
export type RawExpectation = z.output<typeof expectationSchema>;
