import { z } from 'zod';
import { duration } from '../engine/units.ts';
import { MODELS, policyParameters } from '../machines/policyOverride.ts';

/** A numeric range of days as written in `fuzz.policy`: `30..120` (or `30d..120d`), or `{ min, max }`. */
export interface DayRange {
  min: number;
  max: number;
}

const RANGE_TEXT = 'expected a range of days like 30..120 (or { min, max })';
const RANGE = /^\s*(\d+(?:\.\d+)?)d?\s*\.\.\s*(\d+(?:\.\d+)?)d?\s*$/;

/**
 * A range of days: `30..120`, `30d..120d` or `{ min, max }`, min at most max.
 *
 * @example
 * dayRange.parse('30..120'); // { min: 30, max: 120 }
 */
export const dayRange = z
  .union([z.string().regex(RANGE, { error: RANGE_TEXT }), z.strictObject({ min: duration, max: duration })], { error: RANGE_TEXT })
  .transform((v): DayRange => {
    if (typeof v !== 'string') return v;
    const m = RANGE.exec(v) as RegExpExecArray;
    return { min: Number(m[1]), max: Number(m[2]) };
  })
  .refine((r) => r.min <= r.max, { error: 'expected a range whose min is at most its max' });

/** Every policy parameter measured in days, of any model (the ones `fuzz.policy` may range over), sorted. */
export const DAY_PARAMETERS: readonly string[] = [
  ...new Set(MODELS.flatMap((m) => Object.entries(policyParameters(m)).flatMap(([k, p]) => (p.unit.startsWith('days') ? [k] : [])))),
].sort();

/**
 * The `fuzz:` block of a scenario: what `licsim fuzz` may vary. A key not written does
 * not vary (a scenario without the block gets the defaults of fuzz/space.ts instead).
 * `insertEntry` is the schema of one insertable action (a timeline entry without its
 * days), passed in by the scenario schema so that this module does not import it.
 *
 * @example
 * // fuzz: { shift: 5d, drop: false, insert: [{ do: link-down }], policy: { overageDays: 30..120 } }
 */
export function fuzzBlockSchema(insertEntry: z.ZodType) {
  return z
    .strictObject(
      {
        shift: duration.describe('each timeline entry may move this many days earlier or later (0: none)').optional(),
        drop: z.boolean({ error: 'expected true or false' }).describe('timeline entries may be dropped').optional(),
        insert: z
          .array(insertEntry, { error: 'expected a list of actions (timeline entries without at, every or until)' })
          .describe('actions that may be inserted on any day: timeline entries without at, every or until')
          .optional(),
        policy: z
          .strictObject(Object.fromEntries(DAY_PARAMETERS.map((k) => [k, dayRange.optional()])), {
            error: 'expected a mapping of policy parameters (in days) to ranges like 30..120',
          })
          .describe('policy parameters in days, each within a range: overageDays: 30..120')
          .optional(),
      },
      { error: 'expected fuzz: { shift, drop, insert, policy }' },
    )
    .describe('licsim fuzz: what may vary around the written timeline and policy');
}

/** The `fuzz:` block as parsed. */
export type FuzzBlock = z.output<ReturnType<typeof fuzzBlockSchema>>;
