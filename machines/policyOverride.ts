import type { z } from 'zod';
import {
  type NodeLockedPolicy,
  nodeLockedDefaults,
  nodeLockedParameters,
  nodeLockedPolicySchema,
  type SessionClaimPolicy,
  type SmartLicensingPolicy,
  sessionClaimDefaults,
  sessionClaimParameters,
  sessionClaimPolicySchema,
  smartLicensingDefaults,
  smartLicensingParameters,
  smartLicensingPolicySchema,
} from './policy.ts';
import type { PolicyTable } from './policyParameter.ts';

/** The licensing models licsim simulates, one machine each. */
export const MODELS = ['smart-licensing', 'node-locked', 'session-claim'] as const;
export type ModelName = (typeof MODELS)[number];

/** The resolved policy of each model (durations in days). */
export interface PolicyByModel {
  'smart-licensing': SmartLicensingPolicy;
  'node-locked': NodeLockedPolicy;
  'session-claim': SessionClaimPolicy;
}

const schemas = {
  'smart-licensing': smartLicensingPolicySchema,
  'node-locked': nodeLockedPolicySchema,
  'session-claim': sessionClaimPolicySchema,
} as const;

/** Overrides of a model's policy as written: any parameters, durations also as 30d, 6w, 12h, 1y. */
export type PolicyOverrides<M extends ModelName> = Partial<z.input<(typeof schemas)[M]>>;

/**
 * One problem with a policy override: an unknown key (`path` ends with it), or an
 * invalid value at `path`, with the `reason` said without the path.
 */
export type PolicyIssue =
  | { kind: 'unknown-key'; key: string; path: (string | number)[]; message: string }
  | { kind: 'invalid-value'; path: (string | number)[]; reason: string; message: string };

/** A resolved policy, or every issue of the overrides. */
export type PolicyResult<P> = { ok: true; policy: P } | { ok: false; issues: PolicyIssue[] };

const parameters: { [M in ModelName]: PolicyTable } = {
  'smart-licensing': smartLicensingParameters,
  'node-locked': nodeLockedParameters,
  'session-claim': sessionClaimParameters,
};

const overridesSchemas = {
  'smart-licensing': smartLicensingPolicySchema.partial(),
  'node-locked': nodeLockedPolicySchema.partial(),
  'session-claim': sessionClaimPolicySchema.partial(),
} as const;

const defaults: { [M in ModelName]: PolicyByModel[M] } = {
  'smart-licensing': smartLicensingDefaults,
  'node-locked': nodeLockedDefaults,
  'session-claim': sessionClaimDefaults,
};

/** The schema of a model's full policy. */
export function policySchema<M extends ModelName>(model: M): (typeof schemas)[M] {
  return schemas[model];
}

/** The schema of a model's overrides: every key optional, no other key (the scenario schema uses it). */
export function policyOverridesSchema<M extends ModelName>(model: M): (typeof overridesSchemas)[M] {
  return overridesSchemas[model];
}

/** A model's parameters with their rule, unit, default and doc (for `licsim list`, reports and the JSON Schema). */
export function policyParameters(model: ModelName): PolicyTable {
  return parameters[model];
}

/** The documented default policy of a model (a fresh copy). */
export function defaultPolicy<M extends ModelName>(model: M): PolicyByModel[M] {
  return structuredClone(defaults[model]);
}

/** The policy issues of one zod issue. */
function issuesOf(model: ModelName, issue: z.core.$ZodIssue): PolicyIssue[] {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (issue.code === 'unrecognized_keys') {
    const known = Object.keys(parameters[model]);
    return issue.keys.map((key) => ({
      kind: 'unknown-key',
      key,
      path: [...path, key],
      message: path.length
        ? `${path.join('.')}: unknown key "${key}"`
        : `unknown ${model} policy parameter "${key}" (known: ${known.join(', ')})`,
    }));
  }
  return [{ kind: 'invalid-value', path, reason: issue.message, message: `${path.join('.') || 'policy'}: ${issue.message}` }];
}

/**
 * Applies `overrides` to `base` (the model's defaults unless given). Unknown keys,
 * wrong types and non-positive durations are refused, each naming its key;
 * durations may be written 30d, 6w, 12h, 1y and come out as days.
 */
export function overridePolicy<M extends ModelName>(
  model: M,
  overrides: unknown,
  base: PolicyByModel[M] = defaults[model],
): PolicyResult<PolicyByModel[M]> {
  if (overrides === undefined || overrides === null) return { ok: true, policy: structuredClone(base) };
  if (typeof overrides !== 'object' || Array.isArray(overrides)) {
    const reason = 'policy overrides must be a mapping of parameter names to values';
    return { ok: false, issues: [{ kind: 'invalid-value', path: [], reason, message: reason }] };
  }
  const parsed = (schemas[model] as z.ZodType).safeParse({ ...structuredClone(base), ...overrides });
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.flatMap((issue) => issuesOf(model, issue)) };
  return { ok: true, policy: parsed.data as PolicyByModel[M] };
}

/** Thrown by {@link mustOverridePolicy}; carries every issue. */
export class PolicyError extends Error {
  constructor(readonly issues: PolicyIssue[]) {
    super(issues.map((i) => i.message).join('; '));
    this.name = 'PolicyError';
  }
}

/** Like {@link overridePolicy} but throws a {@link PolicyError}: for tests and programmatic use. */
export function mustOverridePolicy<M extends ModelName>(
  model: M,
  overrides: PolicyOverrides<M>,
  base?: PolicyByModel[M],
): PolicyByModel[M] {
  const result = overridePolicy(model, overrides, base);
  if (!result.ok) throw new PolicyError(result.issues);
  return result.policy;
}
