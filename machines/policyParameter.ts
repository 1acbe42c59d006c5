import { z } from 'zod';
import { DURATION, parseDuration } from './duration.ts';
import { type OverdraftRegime, overdraftSchema, REGIME_EXAMPLES } from './overdraft.ts';
import type { RuleId } from './rules.ts';

/** What a parameter's value is: the unit of a number, or the kind of value. */
export type ParameterUnit =
  | 'days'
  | 'days or none'
  | 'days or 0'
  | 'release'
  | 'servers'
  | 'units'
  | 'softphones'
  | 'switch'
  | 'choice'
  | 'overdraft regime'
  | 'release groups'
  | 'device types'
  | 'units per capability';

/** A policy parameter: how its value is checked, its documented default, the rule it comes from, its unit and a one-line doc. */
export interface PolicyParameter<S extends z.ZodType = z.ZodType> {
  /** Checks an override; carries {@link describeParameter}'s text as its description (JSON Schema). */
  schema: S;
  default: z.output<S>;
  /** The DOMAIN.md rule (or section) that documents the parameter. */
  rule: RuleId | '§4';
  unit: ParameterUnit;
  /** One line, without the rule id and the default. */
  doc: string;
}

/** A model's parameters by name. */
export type PolicyTable = Readonly<Record<string, PolicyParameter>>;

/** What a parameter builder is told: the rule, the doc and the default. */
export type Declared<T> = { rule: RuleId | '§4'; doc: string; default: T };

/** A value as `licsim list` and descriptions show it: JSON for lists and mappings. */
export function showPolicyValue(value: unknown): string {
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The unit or kind of a parameter in words: `days`, `a switch`, `one of usage, calendar`… */
export function unitText(p: PolicyParameter): string {
  switch (p.unit) {
    case 'switch':
      return 'a switch: true or false';
    case 'choice':
      return `one of ${(p.schema instanceof z.ZodEnum ? p.schema.options : []).join(', ')}`;
    case 'overdraft regime':
      return regimeText(p.schema);
    case 'release groups':
      return 'groups of releases';
    case 'device types':
      return 'a list of device types';
    case 'units per capability':
      return `units per capability (${Object.keys(p.default as Record<string, number>).join(', ')})`;
    case 'days or none':
      return 'days, or none';
    case 'days or 0':
      return 'days, or 0 for none';
    default:
      return p.unit;
  }
}

/** §4: the modes a regime parameter allows, each with the keys it takes, and those it does not (NL-7: no time-grace on files). */
function regimeText(schema: z.ZodType): string {
  const shown = (r: OverdraftRegime) => {
    const keys = Object.keys(r).filter((k) => k !== 'mode');
    return keys.length ? `${r.mode} (${keys.join(', ')})` : r.mode;
  };
  const allowed = REGIME_EXAMPLES.filter((r) => schema.safeParse(r).success);
  const refused = REGIME_EXAMPLES.filter((r) => !schema.safeParse(r).success).map((r) => r.mode);
  return `an overdraft regime, mode one of ${allowed.map(shown).join(', ')}${refused.length ? `; not ${refused.join(', ')}` : ''}`;
}

const NUMERIC = new Set<ParameterUnit>(['days', 'release', 'servers', 'units', 'softphones']);

/** The value of a {@link daysOrNone} parameter that sets no limit. */
export const NO_LIMIT = 'none';

/** `SL-12: overage period when out of compliance (60 in older releases). Default 90 days.` */
export function describeParameter(p: PolicyParameter): string {
  const value = showPolicyValue(p.default);
  const unit = unitText(p);
  if (!NUMERIC.has(p.unit)) return `${p.rule}: ${p.doc}. Default ${value} (${unit}).`;
  return `${p.rule}: ${p.doc}. Default ${value} ${p.default === 1 ? unit.replace(/s$/, '') : unit}.`;
}

function parameter<S extends z.ZodType>(schema: S, unit: ParameterUnit, declared: Declared<z.output<S>>): PolicyParameter<S> {
  const p: PolicyParameter<S> = { ...declared, unit, schema };
  return { ...p, schema: schema.describe(describeParameter(p)) };
}

const dayCount = z
  .number({ error: 'must be a number of days' })
  .positive({ error: 'must be a positive number of days' })
  .max(36500, { error: 'must be at most 36500 days' });

const DAYS_TEXT = 'must be a number of days or a duration such as 30d, 6w, 12h, 1y';

/** A positive duration: a number of days, or 30d, 6w, 12h, 1y (the resolved policy holds days). */
export function days(declared: Declared<number>) {
  return parameter(daysSchema(), 'days', declared);
}

/** A positive duration as {@link days}, or `none`: no limit. */
export function daysOrNone(declared: Declared<number | typeof NO_LIMIT>) {
  const schema = z.union([z.literal(NO_LIMIT), daysSchema()], {
    error: (issue) =>
      typeof issue.input === 'number' && issue.input <= 0
        ? `must be a positive number of days, or ${NO_LIMIT}`
        : `${DAYS_TEXT}, or ${NO_LIMIT}`,
  });
  return parameter(schema, 'days or none', declared);
}

/** A period that may be absent: a positive duration as {@link days}, or 0 for none (NL-13: no grace). */
export function daysOrZero(declared: Declared<number>) {
  const schema = z.union([z.literal(0), daysSchema()], {
    error: (issue) =>
      typeof issue.input === 'number' && issue.input < 0 ? 'must be 0 or a positive number of days' : `${DAYS_TEXT}, or 0`,
  });
  return parameter(schema, 'days or 0', declared);
}

function daysSchema() {
  return z
    .union(
      [
        dayCount,
        z
          .string()
          .regex(DURATION, { error: (issue) => (/^\s*-/.test(String(issue.input)) ? 'must be a positive number of days' : DAYS_TEXT) }),
      ],
      { error: DAYS_TEXT },
    )
    .transform((v) => (typeof v === 'number' ? v : (parseDuration(v) as number)))
    .pipe(dayCount);
}

/** A whole number of `unit`, at least `min`. */
export function whole(unit: 'servers' | 'units' | 'softphones', min: number, declared: Declared<number>) {
  const schema = z
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be ${min} or more` });
  return parameter(schema, unit, declared);
}

const RELEASE_TEXT = 'must be a release number such as 6 or 5.1';

/** A product release number, e.g. 6 or 5.1. */
export function release(declared: Declared<number>) {
  return parameter(z.number({ error: RELEASE_TEXT }).positive({ error: RELEASE_TEXT }), 'release', declared);
}

/** One of a few named behaviours. */
export function choice<const V extends readonly [string, ...string[]]>(values: V, declared: Declared<V[number]>) {
  return parameter(z.enum(values, { error: `must be one of ${values.join(', ')}` }), 'choice', declared);
}

/** A behaviour switched on or off. */
export function toggle(declared: Declared<boolean>) {
  return parameter(z.boolean({ error: 'must be true or false' }), 'switch', declared);
}

/** The treatment of use beyond the purchase (DOMAIN.md §4). */
export function regime(declared: Declared<OverdraftRegime>, schema: z.ZodType<OverdraftRegime> = overdraftSchema) {
  return parameter(schema, 'overdraft regime', declared);
}

/** A list of device types (DLU-4: the ones allowed as adjunct secondaries). */
export function deviceTypes(declared: Declared<string[]>) {
  return parameter(
    z.array(z.string({ error: 'must be a device type' }).min(1, { error: 'must be a device type' })),
    'device types',
    declared,
  );
}

/** Whole units of 0 or more per named capability (DLU-2), every capability given. */
export function unitsPerCapability<K extends string>(declared: Declared<Record<K, number>>) {
  const units = z
    .number({ error: 'must be a number of units' })
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must be 0 or more' });
  const shape = Object.fromEntries(Object.keys(declared.default).map((k) => [k, units]));
  const schema = z.strictObject(shape) as unknown as z.ZodType<Record<K, number>>;
  return parameter(schema, 'units per capability', declared);
}

/** Groups of releases that are treated alike. */
export function releaseGroups(declared: Declared<string[][]>) {
  return parameter(z.array(z.array(z.string().min(1)).min(1)), 'release groups', declared);
}

/** The schema of a whole policy (strict: every key is a parameter), built from its table. */
export function policyObject<T extends PolicyTable>(table: T) {
  const shape = Object.fromEntries(Object.entries(table).map(([key, p]) => [key, p.schema])) as { [K in keyof T]: T[K]['schema'] };
  return z.strictObject(shape);
}

/** The documented defaults of a table. */
export function defaultsOf<T extends PolicyTable>(table: T): { [K in keyof T]: T[K]['default'] } {
  return Object.fromEntries(Object.entries(table).map(([key, p]) => [key, p.default])) as { [K in keyof T]: T[K]['default'] };
}
