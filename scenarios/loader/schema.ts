import { z } from 'zod';
import { USER_PROFILES } from '../../engine/fleet/profiles.ts';
import { ACTIONS } from '../../engine/timeline/registry.ts';
import { count, date, fleetSize, indices, name, range, rate, repetition, runLength, share, when } from '../../engine/units.ts';
import { LINK_PATHS } from '../../engine/world/links.ts';
import { fuzzBlockSchema } from '../../fuzz/schema.ts';
import { MODELS, type ModelName, policyOverridesSchema } from '../../machines/policyOverride.ts';
import { PRESETS, presetNames } from '../../machines/presets.ts';
import { SATELLITE_MODES } from '../../machines/satellite/types.ts';
import { sweepBlockSchema } from '../../sweep/schema.ts';
import { expectationSchema } from '../expect/schema.ts';
import { FORMAT_VERSION } from './formatVersion.ts';

const mixOf = <K extends string>(keys: readonly [K, ...K[]], what: string) =>
  z.union(
    [
      z.enum(keys, { error: `expected one of: ${keys.join(', ')}` }),
      z.partialRecord(z.enum(keys, { error: `expected ${what}: ${keys.join(', ')}` }), share),
    ],
    { error: `expected ${what} (${keys.join(', ')}) or a mapping of them to shares` },
  );

const purchase = z.strictObject({
  type: z.string({ error: 'expected a licence type' }),
  count,
  term: z.strictObject({ start: when, end: when }).optional().describe('SLR-10: a TERM licence counts from start to end'),
});

/** A virtual account, a licence file or a session licence, with what was bought for it. */
export const accountSchema = z.strictObject({
  id: name,
  kind: z.enum(['virtual-account', 'license-file', 'session-license'], {
    error: 'expected virtual-account, license-file or session-license',
  }),
  smartAccount: z.string().optional(),
  unit: z.enum(['sessions', 'seats'], { error: 'expected sessions or seats' }).optional(),
  overdraft: z.unknown().optional().describe('§4: overrides the overdraft regime of the model policy for this account'),
  expires: when.optional().describe('CS-7: the day a session licence expires (default: never)'),
  features: z.array(z.string().min(1, 'expected a feature name')).optional().describe('CS-7: the features a session licence includes'),
  purchases: z.array(purchase).default([]),
});

const groupBase = {
  name,
  count: fleetSize,
  account: z.string({ error: 'expected the id of an account' }),
  growth: rate.optional(),
};

const profiles = Object.keys(USER_PROFILES) as [string, ...string[]];

/** One fleet group per model. */
export const groupSchema = z.discriminatedUnion(
  'model',
  [
    z.strictObject({
      ...groupBase,
      model: z.literal('smart-licensing'),
      link: mixOf(LINK_PATHS, 'a link to CSSM')
        .default('direct')
        .describe('SL-10: how the instances reach CSSM: direct, proxy, satellite, or shares of them'),
      satellite: z.string().optional().describe("SL-10: the satellite the group's satellite links go through"),
      users: range,
      profiles: mixOf(profiles as never, 'a user profile').default({ 'desk-phone': 1 } as never),
    }),
    z.strictObject({
      ...groupBase,
      model: z.literal('node-locked'),
      release: z.string().default('7.0'),
      servers: range.default(1),
      phones: z.record(z.string(), range).default({}),
      capabilities: z.strictObject({ CUP: range.optional(), CUPC: range.optional() }).default({}),
      softphones: range.default(0),
      cucmVersion: z.number({ error: 'expected a CUCM release number like 5.1 or 6.0' }).positive().default(6),
      deviceModel: z
        .enum(['aggregate', 'individual'], { error: 'expected aggregate or individual' })
        .default('aggregate')
        .describe('DLU-4: count devices in aggregate, or name each one (add-device, attach-secondary, detach-secondary, delete-device)'),
    }),
    z.strictObject({
      ...groupBase,
      model: z.literal('session-claim'),
      product: z.enum(['studio', 'call-services'], { error: 'expected studio or call-services' }).default('call-services'),
      sessions: range.default(1),
      keyRelease: z.string().default('5.0'),
      release: z.string().default('5.0'),
      reachable: z.boolean().default(true),
    }),
  ],
  { error: 'expected model: smart-licensing, node-locked or session-claim' },
);

/** Which instances an entry acts on: "all", or groups, a share, statuses, indices. */
export const targetSchema = z.union(
  [
    z.literal('all'),
    z.strictObject({
      groups: z.union([name, z.array(name)]).optional(),
      fraction: share.optional(),
      status: z.union([name, z.array(name)]).optional(),
      indices: indices.optional(),
    }),
  ],
  { error: 'expected all, or a mapping of groups, fraction, status, indices' },
);

const timelineBase = {
  at: when,
  every: repetition.optional(),
  until: when.optional(),
  target: targetSchema.default('all'),
};
/** Every action, from the registry of timeline actions, each an entry of the `common` keys, `do` and the action's own keys. */
export function actionEntrySchema(common: z.ZodRawShape) {
  return z.discriminatedUnion(
    'do',
    ACTIONS.map((a) => z.strictObject({ ...common, do: z.literal(a.kind).describe(a.doc), ...a.shape })) as unknown as [
      z.ZodObject<{ do: z.ZodLiteral<string> }>,
      ...Array<z.ZodObject<{ do: z.ZodLiteral<string> }>>,
    ],
    { error: () => `expected an action: ${ACTIONS.map((a) => a.kind).join(', ')}` },
  );
}
/** Every action a timeline can schedule, on its days. */
export const timelineSchema = actionEntrySchema(timelineBase);

/** CSSM satellites (SL-10). */
const satelliteSchema = z.strictObject({
  id: name,
  account: z.string({ error: 'expected the id of the virtual account it serves' }),
  mode: z.enum(SATELLITE_MODES, { error: `expected ${SATELLITE_MODES.join(' or ')}` }).default('connected'),
});

const overridesOf = <M extends ModelName>(model: M) => policyOverridesSchema(model).optional();
/** A model's policy in a scenario: a preset, and overrides of its parameters (each described with its rule, unit and default). */
function policyRef<M extends ModelName>(model: M) {
  const presets = presetNames(model);
  return z.strictObject({
    preset: z
      .enum(presets, { error: `expected a ${model} preset: ${presets.join(', ')}` })
      .optional()
      .describe(
        `a named starting point (licsim list): ${Object.entries(PRESETS[model])
          .map(([n, p]) => `${n} (${p.description})`)
          .join('; ')}`,
      ),
    overrides: overridesOf(model).describe(
      `${model} parameters that differ from the preset or DOMAIN.md's defaults; durations in days or 30d, 6w, 12h, 1y`,
    ),
  });
}
/** The `policy:` block: per model, a preset and overrides (a scenario's, or a policy file's). */
export const policies = z.strictObject({
  'smart-licensing': policyRef('smart-licensing').optional(),
  'node-locked': policyRef('node-locked').optional(),
  'session-claim': policyRef('session-claim').optional(),
});
const overridesByModel = z.strictObject({
  'smart-licensing': overridesOf('smart-licensing'),
  'node-locked': overridesOf('node-locked'),
  'session-claim': overridesOf('session-claim'),
});

/**
 * A compared variant: policy overrides per model, written at its top (`A: { smart-licensing: { … } }`) or
 * under `policy:`, and optionally a timeline of its own (in place of the scenario's) and purchases of
 * its own per account (in place of that account's `purchases:`).
 *
 * @example
 * // B: { policy: { smart-licensing: { overageDays: 30 } }, purchases: { va: [{ type: CUWL, count: 100 }] } }
 */
const variantSchema = overridesByModel
  .extend({
    policy: overridesByModel.optional().describe('policy overrides per model (the same as writing them at the top of the variant)'),
    timeline: z
      .array(timelineSchema, { error: 'expected a list of timeline entries' })
      .optional()
      .describe("the variant's own timeline, in place of the scenario's"),
    purchases: z
      .record(z.string(), z.array(purchase))
      .optional()
      .describe("per account id, the variant's own purchases, in place of the account's purchases:"),
  })
  .refine((v) => !(v.policy && MODELS.some((m) => v[m] !== undefined)), {
    error: 'expected policy overrides either under policy: or at the top of the variant, not both',
  });

/** NL-9: a PAK split across licence files. */
const pakSchema = z.strictObject({
  id: name,
  counts: z.record(z.string(), count),
  splittable: z.boolean().default(true).describe('NL-12: whether this PAK may be split across clusters'),
  split: z.array(z.strictObject({ account: z.string(), counts: z.record(z.string(), z.number().int().nonnegative()) })).min(1),
});

/** One scenario, as written in a YAML file. */
export const scenarioSchema = z.strictObject({
  licsim: z.literal(FORMAT_VERSION).optional().describe(`the scenario format version: ${FORMAT_VERSION} (required at the top of a file)`),
  name,
  description: z.string().default(''),
  tags: z.array(z.string().min(1)).min(1).optional().describe('what --tag picks this scenario by'),
  seed: z.number({ error: 'expected a whole number' }).int({ error: 'expected a whole number' }).nonnegative().default(1),
  start: date.default('2026-01-01'),
  duration: runLength,
  policy: policies.default({}),
  accounts: z.array(accountSchema, { error: 'expected a list of accounts' }).min(1, { error: 'expected at least one account' }),
  satellites: z.array(satelliteSchema, { error: 'expected a list of satellites' }).default([]).describe('SL-10: CSSM satellites'),
  paks: z.array(pakSchema).default([]).describe('NL-9: PAKs split across licence files'),
  fleet: z.array(groupSchema, { error: 'expected a list of fleet groups' }).min(1, { error: 'expected at least one fleet group' }),
  timeline: z.array(timelineSchema, { error: 'expected a list of timeline entries' }).default([]),
  expect: z.array(expectationSchema, { error: 'expected a list of expectations' }).default([]),
  compare: z
    .record(name, variantSchema)
    .optional()
    .describe('a comparison: variant name → policy overrides per model (and its own timeline or purchases), run on the same fleet'),
  compareBaseline: name
    .optional()
    .describe("the compared variant the outcomes tables give each other variant's deltas against (default the first)"),
  options: z.strictObject({ eventLogLimit: z.number().int().positive().optional() }).optional(),
  fuzz: fuzzBlockSchema(actionEntrySchema({ target: targetSchema.default('all') })).optional(),
  sweep: sweepBlockSchema.optional(),
});

/** A file holding several scenarios. */
export const suiteSchema = z.strictObject({
  licsim: z.literal(FORMAT_VERSION).describe(`the scenario format version: ${FORMAT_VERSION}`),
  suite: name,
  description: z.string().default(''),
  scenarios: z.array(scenarioSchema).min(1, { error: 'expected at least one scenario' }),
});

export type RawScenario = z.output<typeof scenarioSchema>;
/** A timeline entry as read: its common keys, its action's kind and the action's own keys. */
export type RawTimeline = {
  at: number | string;
  every?: number | undefined;
  until?: number | string | undefined;
  target: z.output<typeof targetSchema>;
  do: (typeof ACTIONS)[number]['kind'];
} & Record<string, unknown>;

/**
 * The JSON Schema of a scenario file (a scenario, or a suite of them), for editors; with
 * `others`, the other documents such a file may be (`licsim schema` adds verification files).
 */
export function scenarioJsonSchema(others: readonly z.ZodType[] = []): Record<string, unknown> {
  const schema = z.toJSONSchema(z.union([scenarioSchema, suiteSchema, ...others]), { io: 'input', unrepresentable: 'any' });
  return { ...schema, title: 'licsim scenario file', $id: 'licsim-scenario.schema.json' };
}
