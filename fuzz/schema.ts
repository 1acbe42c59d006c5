import { z } from 'zod';
import { duration, range, share } from '../engine/units.ts';
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

/** The population keys of each model's fleet groups that `fuzz.fleet` may range over (whole numbers per instance). */
export const POPULATION_KEYS = {
  'smart-licensing': ['users'],
  'node-locked': ['servers', 'softphones'],
  'session-claim': ['sessions'],
} as const satisfies Record<string, readonly string[]>;

/** The keys of a group in `fuzz.fleet`: its count and every model's population keys. */
export const FLEET_KEYS: readonly string[] = ['count', ...new Set(Object.values(POPULATION_KEYS).flat())];

/**
 * What may vary of one fleet group: its count and its population, each a range of whole numbers.
 *
 * @example
 * // fleet: { hq: { count: 1..5, users: 5..20 } }
 */
const fleetGroupSchema = z.strictObject(Object.fromEntries(FLEET_KEYS.map((k) => [k, range.optional()])), {
  error: `expected a mapping of ${FLEET_KEYS.join(', ')} to ranges like 1..5`,
});

/**
 * The `fuzz:` block of a scenario: what `licsim fuzz` may vary. A key not written does
 * not vary (a scenario without the block gets the defaults of fuzz/space.ts instead).
 * `insertEntry` is the schema of one insertable action (a timeline entry without its
 * days), passed in by the scenario schema so that this module does not import it.
 *
 * @example
 * // fuzz: { shift: 5d, drop: false, repeat: true, insert: [{ do: link-down }], policy: { overageDays: 30..120 },
 * //        fleet: { hq: { count: 1..5, users: 5..20 } }, purchases: { late: 30d, smaller: 50% } }
 */
export function fuzzBlockSchema(insertEntry: z.ZodType) {
  return z
    .strictObject(
      {
        shift: duration.describe('each timeline entry may move this many days earlier or later (0: none)').optional(),
        drop: z.boolean({ error: 'expected true or false' }).describe('timeline entries may be dropped').optional(),
        repeat: z
          .boolean({ error: 'expected true or false' })
          .describe('timeline entries may be repeated: a copy of one (without its days) on another day')
          .optional(),
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
        fleet: z
          .record(z.string(), fleetGroupSchema, { error: 'expected a mapping of fleet group names to { count, users, … } ranges' })
          .describe('per fleet group (by name): its count and population (users, servers, softphones, sessions), each within a range')
          .optional(),
        purchases: z
          .strictObject(
            {
              late: duration.describe('a timeline purchase may come up to this many days later').optional(),
              smaller: share.describe("a purchase (an account's or a timeline's) may be smaller by up to this share: 50%").optional(),
            },
            { error: 'expected purchases: { late, smaller }' },
          )
          .optional(),
      },
      { error: 'expected fuzz: { shift, drop, repeat, insert, policy, fleet, purchases }' },
    )
    .describe('licsim fuzz: what may vary around the written timeline and policy');
}

/** The `fuzz:` block as parsed. */
export type FuzzBlock = z.output<ReturnType<typeof fuzzBlockSchema>>;
