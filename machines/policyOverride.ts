import type { z } from 'zod';
import {
  nodeLockedDefaults,
  nodeLockedPolicySchema,
  sessionClaimDefaults,
  sessionClaimPolicySchema,
  smartLicensingDefaults,
  smartLicensingPolicySchema,
  type NodeLockedPolicy,
  type SessionClaimPolicy,
  type SmartLicensingPolicy,
} from './policy.ts';

/** The licensing models licsim simulates, one machine each. */
export const MODELS = ['smart-licensing', 'node-locked', 'session-claim'] as const;
export type ModelName = (typeof MODELS)[number];

export interface PolicyByModel {
  'smart-licensing': SmartLicensingPolicy;
  'node-locked': NodeLockedPolicy;
  'session-claim': SessionClaimPolicy;
}

/** One problem with a policy override; `path` is the key path inside the override. */
export interface PolicyIssue {
  path: (string | number)[];
  message: string;
}

export type PolicyResult<P> = { ok: true; policy: P } | { ok: false; issues: PolicyIssue[] };

const schemas = {
  'smart-licensing': smartLicensingPolicySchema,
  'node-locked': nodeLockedPolicySchema,
  'session-claim': sessionClaimPolicySchema,
} as const;

const defaults: { [M in ModelName]: PolicyByModel[M] } = {
  'smart-licensing': smartLicensingDefaults,
  'node-locked': nodeLockedDefaults,
  'session-claim': sessionClaimDefaults,
};

/** The schema of a model's full policy (for `licsim list` and the scenario JSON Schema). */
export function policySchema<M extends ModelName>(model: M): (typeof schemas)[M] {
  return schemas[model];
}

/** The documented default policy of a model (a fresh copy). */
export function defaultPolicy<M extends ModelName>(model: M): PolicyByModel[M] {
  return structuredClone(defaults[model]);
}

/**
 * Applies `overrides` to `base` (the model's defaults unless given). Unknown keys,
 * wrong types and non-positive durations are refused, each naming its key.
 */
export function overridePolicy<M extends ModelName>(
  model: M,
  overrides: unknown,
  base: PolicyByModel[M] = defaults[model],
): PolicyResult<PolicyByModel[M]> {
  if (overrides === undefined || overrides === null) return { ok: true, policy: structuredClone(base) };
  if (typeof overrides !== 'object' || Array.isArray(overrides)) {
    return { ok: false, issues: [{ path: [], message: 'policy overrides must be a mapping of parameter names to values' }] };
  }
  const schema = schemas[model] as z.ZodType;
  const known = Object.keys(base);
  const unknown = Object.keys(overrides).filter((key) => !known.includes(key));
  const issues: PolicyIssue[] = unknown.map((key) => ({
    path: [key],
    message: `unknown ${model} policy parameter "${key}" (known: ${known.join(', ')})`,
  }));
  const knownOverrides = Object.fromEntries(Object.entries(overrides).filter(([key]) => known.includes(key)));
  const merged = { ...structuredClone(base), ...knownOverrides };
  const parsed = schema.safeParse(merged);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      issues.push({
        path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: `${issue.path.join('.') || 'policy'}: ${issue.message}`,
      });
    }
  }
  if (issues.length || !parsed.success) return { ok: false, issues };
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
  overrides: Partial<PolicyByModel[M]>,
  base?: PolicyByModel[M],
): PolicyByModel[M] {
  const result = overridePolicy(model, overrides, base);
  if (!result.ok) throw new PolicyError(result.issues);
  return result.policy;
}
