import { expect } from 'vitest';
import { type AnyStateMachine, createMachine } from 'xstate';
import { LICSIM_FACTORIES, type WorldFactories, WorldMachines } from '../../engine/world/machines.ts';
import type { MachineEnv } from '../../machines/env.ts';
import type { SmartLicensingContext } from '../../machines/smartLicensing/types.ts';
import { daysToTicks } from '../../machines/time.ts';

/**
 * The deliberately broken policies and machines of the mutation tests (licsim verify's, test/verify/mutations.test.ts,
 * and licsim fuzz's, test/fuzz/mutants.test.ts), and the one-instance world they run in. The ledger mutant is in
 * ./ledgerMutant.ts (it is served through `vi.mock`, whose factory must not import the engine).
 */

/**
 * One Smart Licensing instance of 5 users on a VA, with what a mutation needs around it: `head` before the accounts
 * (a policy, a comparison, a timeline), `tail` after the fleet (a `verify:` block, or `expect:` and `fuzz:`).
 *
 * @example
 * smartWorld({ name: 'No release', duration: '30d', head: 'timeline:\n  - { at: 1d, do: register }', tail: 'expect: …' });
 */
export function smartWorld(o: { name: string; duration: string; head?: string; users?: string; purchases?: string; tail: string }): string {
  const users = o.users ?? 'users: 5, profiles: { desk-phone: 1 }';
  const purchases = o.purchases ?? '{ type: UCL-Enhanced, count: 10 }';
  return `licsim: 3
name: ${o.name}
description: One Smart Licensing instance, a few events on any days.
seed: 1
duration: ${o.duration}
${o.head ?? ''}
accounts:
  - { id: va, kind: virtual-account, purchases: [${purchases}] }
fleet:
  - { name: shop, model: smart-licensing, count: 1, account: va, ${users}, link: { direct: 1 } }
${o.tail}`;
}

/** A policy mutant: Smart Licensing policy values (as written in a scenario) that break a rule licsim's own keep. */
export interface PolicyMutant {
  /** The parameters and their broken values, as YAML scalars (`1h`, `10y`). */
  overrides: Readonly<Record<string, string>>;
}

/** SL-17 broken: the authorization's expiring-soon warning an hour ahead instead of 15 days. */
export const SHORT_WARNING_LEAD: PolicyMutant = { overrides: { authorizationExpiringSoonDays: '1h' } };

/** SL-1 broken: an evaluation period of 10 years (it never ends within a run). */
export const ENDLESS_EVALUATION: PolicyMutant = { overrides: { evaluationDays: '10y' } };

const flow = (m: PolicyMutant) =>
  `{ ${Object.entries(m.overrides)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ')} }`;

/**
 * The mutant as a variant of a `compare:` block (policy overrides per model).
 *
 * @example
 * compareVariant(SHORT_WARNING_LEAD); // '{ smart-licensing: { authorizationExpiringSoonDays: 1h } }'
 */
export function compareVariant(m: PolicyMutant): string {
  return `{ smart-licensing: ${flow(m)} }`;
}

/**
 * The mutant as a scenario's `policy:` line.
 *
 * @example
 * policyLine(ENDLESS_EVALUATION); // 'policy: { smart-licensing: { overrides: { evaluationDays: 10y } } }'
 */
export function policyLine(m: PolicyMutant): string {
  return `policy: { smart-licensing: { overrides: ${flow(m)} } }`;
}

/**
 * The world's machines with licsim's Smart Licensing machine changed by `mutate`, every other machine as it is.
 *
 * @example
 * const lenient = smartLicensingMutant((m) => m.provide({ guards: { freshEvaluationAllowed: () => true } } as never));
 * runLoaded(loaded, undefined, 'actors', { machines: lenient });
 */
export function smartLicensingMutant(mutate: (machine: AnyStateMachine) => AnyStateMachine): WorldMachines {
  const factories: WorldFactories = {
    ...LICSIM_FACTORIES,
    models: { ...LICSIM_FACTORIES.models, 'smart-licensing': (env: MachineEnv) => mutate(LICSIM_FACTORIES.models['smart-licensing'](env)) },
  };
  return new WorldMachines(factories);
}

type ConfigNode = Record<string, unknown>;
type Transition = ConfigNode & { actions?: unknown };

/**
 * SL-8 broken: a copy of the machine's config whose DEREGISTER transitions lost their `deregister` action (the release).
 *
 * @example
 * runLoaded(loaded, undefined, 'compiled', { machines: noReleaseOnDeregistration }); // CSSM still holds what was deregistered
 */
export const noReleaseOnDeregistration: WorldMachines = smartLicensingMutant((machine) => {
  const config = machine.config as ConfigNode;
  const states = config.states as ConfigNode;
  const registered = states.registered as ConfigNode;
  const on = registered.on as Record<string, Transition[]>;
  const kept = on.DEREGISTER?.map((t) => ({ ...t, actions: [t.actions].flat().filter((a) => a !== 'deregister') })) ?? [];
  // What the copy dropped: one action on each of the two transitions, and nothing else.
  expect(on.DEREGISTER?.map((t) => t.actions)).toEqual(['deregister', 'deregister']);
  expect(kept.map((t) => t.actions)).toEqual([[], []]);
  const copy = { ...config, states: { ...states, registered: { ...registered, on: { ...on, DEREGISTER: kept } } } };
  return createMachine(copy as never, machine.implementations as never);
});

/**
 * SL-8, SL-14 broken: `freshEvaluationAllowed` inverted (a deregistration with evaluation days left loses them).
 *
 * @example
 * verify(v, { machines: invertedFreshEvaluation }); // a deregistration on day 2 enters evaluationExpired at once
 */
export const invertedFreshEvaluation: WorldMachines = smartLicensingMutant((machine) => {
  const guards = machine.implementations.guards as Record<string, (...args: unknown[]) => boolean>;
  const allowed = guards.freshEvaluationAllowed;
  if (!allowed) throw new Error('the machine has no guard freshEvaluationAllowed');
  return machine.provide({ guards: { freshEvaluationAllowed: (...args: unknown[]) => !allowed(...args) } } as never);
});

/**
 * SL-17 broken: the authorization's expiring-soon warning armed for the very instant of the expiry (a lead time of 0).
 *
 * @example
 * verify(v, { machines: noWarningLead }); // the authorization expires on day 91 with no warning before
 */
export const noWarningLead: WorldMachines = smartLicensingMutant((machine) =>
  machine.provide({
    delays: {
      authorizationExpiringSoon: ({ context }: { context: SmartLicensingContext }) => daysToTicks(context.policy.authorizationValidityDays),
    },
  } as never),
);
