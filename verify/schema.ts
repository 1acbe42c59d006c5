import { z } from 'zod';
import { ACTIONS, type TimelineKind } from '../engine/timeline/registry.ts';
import { name, positiveDuration } from '../engine/units.ts';
import { names, variant } from '../scenarios/expect/fields.ts';
import { EXPECTATION_SCHEMAS, EXPECTATIONS } from '../scenarios/expect/registry.ts';
import { actionEntrySchema, scenarioSchema, targetSchema } from '../scenarios/loader/schema.ts';

/** The most events of the alphabet a path may hold (`verify.events`). */
export const MAX_EVENTS = 64;

/** The expectation kinds a verification file may state as properties: those whose definition says `verifiable`. */
export const VERIFIABLE_KINDS: readonly string[] = EXPECTATIONS.filter((d) => d.verifiable === true).map((d) => d.kind);

/** The properties judged on the explored graph rather than along a run, with their bodies. */
export const GRAPH_SCHEMAS = {
  recoverable: z
    .strictObject({ state: names, groups: names.optional(), ...variant })
    .describe('from every reachable state, some continuation reaches the state(s)'),
  deadlockFree: z
    .union([z.literal(true), z.strictObject({ ...variant })], { error: 'expected true or { variant }' })
    .describe('no reachable state where no timer is pending and no event of the alphabet changes anything'),
};

/** Every property kind, in the order messages give them: the verifiable expectation kinds, then the graph kinds. */
export const PROPERTY_KINDS: readonly string[] = [...VERIFIABLE_KINDS, ...Object.keys(GRAPH_SCHEMAS)];

const kindSchemas = Object.fromEntries([
  ...VERIFIABLE_KINDS.map((k) => [k, (EXPECTATION_SCHEMAS as unknown as Record<string, z.ZodType>)[k]?.optional()]),
  ...Object.entries(GRAPH_SCHEMAS).map(([k, s]) => [k, s.optional()]),
]) as Record<string, z.ZodOptional<z.ZodType>>;

/** One property: its name, the rules it is about, whether it is expected to hold, and one kind's key with its body. */
const propertySchema = z.strictObject({
  name,
  rules: z.array(z.string({ error: 'expected a rule id like SL-12' }), { error: 'expected a list of rule ids like [SL-12]' }).optional(),
  expect: z
    .enum(['holds', 'violated'], { error: 'expected holds or violated' })
    .default('holds')
    .describe('violated: a documented weakness; the property passes when a counterexample is found'),
  ...kindSchemas,
});

const actionKinds = ACTIONS.map((a) => a.kind) as [TimelineKind, ...TimelineKind[]];
const action = z.enum(actionKinds, { error: `expected an action: ${actionKinds.join(', ')}` });

/** An assumption on the environment: after an event of `after`, one of `then` within `within`. */
// biome-ignore lint/suspicious/noThenProperty: the file's own word (verify/spec.ts Fairness); a string, never called
const fairnessSchema = z.strictObject({ after: action, then: action, within: positiveDuration });

/** The environment and what is checked of it: the `verify:` key of a verification file. */
export const verifySchema = z.strictObject(
  {
    events: z
      .number({ error: `expected a whole number from 0 to ${MAX_EVENTS}` })
      .int({ error: `expected a whole number from 0 to ${MAX_EVENTS}` })
      .min(0, { error: `expected a whole number from 0 to ${MAX_EVENTS}` })
      .max(MAX_EVENTS, { error: `expected a whole number from 0 to ${MAX_EVENTS}` })
      .describe('at most this many events of the alphabet on a path'),
    maxStates: z
      .number({ error: 'expected a whole number of at least 1' })
      .int({ error: 'expected a whole number of at least 1' })
      .positive({ error: 'expected a whole number of at least 1' })
      .optional()
      .describe('stop exploring after this many distinct states'),
    alphabet: z
      .array(actionEntrySchema({ target: targetSchema.default('all') }), {
        error: 'expected a list of events (timeline entries without at)',
      })
      .min(1, { error: 'expected at least one event' })
      .describe('the events the environment may inject: timeline entries without at, every or until (the checker picks the days)'),
    fairness: z.array(fairnessSchema, { error: 'expected a list of { after, then, within }' }).default([]),
    properties: z.array(propertySchema, { error: 'expected a list of properties' }).min(1, { error: 'expected at least one property' }),
  },
  { error: 'expected verify: { events, alphabet, properties, fairness, maxStates }' },
);

/** A verification file: a scenario's world (without `expect:`) and `verify:`. */
export const verificationSchema = scenarioSchema
  .omit({ expect: true })
  .extend({ verify: verifySchema })
  .describe('a verification file (licsim verify): a world, the events its environment may inject, and the properties checked');

export type RawVerification = z.output<typeof verificationSchema>;
/** A property as read: its common keys and one kind's key (checked after the schema). */
export type RawProperty = RawVerification['verify']['properties'][number];
