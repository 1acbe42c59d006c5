import { and, not } from 'xstate';
import { declareEffectful } from '../effects.ts';
import { refuse } from '../emitted.ts';
import type { MachineEnv } from '../env.ts';
import { instantsMeta } from '../instants.ts';
import { deny } from '../meta.ts';
import type { RuleId } from '../rules.ts';
import { NEVER } from '../time.ts';
import { sessionClaimSetup } from './setup.ts';
import type { SessionClaimContext } from './types.ts';

const MACHINE_ID = 'sessionClaim';
const NOT_ACTIVATED = 'the software is not activated';
const EXPIRED = 'the licence has expired; the account representative must extend it (CS-7)';
type ClaimAction = 'emitClaim' | 'recordClaim' | 'recordReactivation';

/**
 * CS-4, CS-7: a successful (re)activation pulls the licence's latest expiry and
 * features and (re)enters `active`, where a licence that expires is timed.
 */
function pulled(actions: readonly ClaimAction[], rules: readonly RuleId[], guard?: 'asksForMore') {
  const expiring = guard ? and([guard, 'licenseExpires']) : ('licenseExpires' as const);
  return [
    {
      guard: expiring,
      target: `#${MACHINE_ID}.active.expiring`,
      reenter: true,
      actions: [...actions, 'pullLicense'],
      meta: { rules: [...rules, 'CS-7'] },
    },
    {
      ...(guard ? { guard } : {}),
      target: `#${MACHINE_ID}.active.perpetual`,
      reenter: true,
      actions: [...actions, 'pullLicense'],
      meta: { rules },
    },
  ] as const;
}

/**
 * Activation-claimed seats and sessions (Unified Call Studio, Call Services):
 * CS-1..CS-6. The licence server's free total is read through `env.facts`; a
 * claim is emitted as an effect and never given back.
 */
export function createSessionClaimMachine(env: MachineEnv) {
  const s = sessionClaimSetup(env);
  const unreachable = {
    guard: 'serverUnreachable',
    actions: refuse('CS-5', 'automatic activation failed: the licence server cannot be reached; activate manually'),
  } as const;
  const badCount = { guard: 'badSessionCount', actions: refuse('CS-2', 'sessions must be a whole number of at least 1') } as const;
  const expired = { guard: 'licenseExpiredNow', actions: refuse('CS-7', EXPIRED) } as const;
  const tooFewForIncrease = {
    guard: 'notEnoughForDifference',
    actions: refuse('CS-4', 'the licence has too few unclaimed sessions left for the increase'),
  } as const;
  // CS-4: reactivation claims only an increase; it pulls the latest licence (CS-7).
  const reactivation = [
    unreachable,
    badCount,
    expired,
    tooFewForIncrease,
    ...pulled(['emitClaim', 'recordClaim', 'recordReactivation'], ['CS-4'], 'asksForMore'),
    ...pulled(['recordReactivation'], ['CS-4']),
  ] as const;
  const machine = s.createMachine({
    id: MACHINE_ID,
    meta: instantsMeta<SessionClaimContext>(['licenseExpiresAt']),
    context: ({ input }) => ({
      policy: input.policy,
      instanceId: input.instanceId,
      ref: input.ref ?? 0,
      product: input.product,
      licenseId: input.licenseId,
      keyRelease: input.keyRelease,
      release: input.release,
      claimed: 0,
      reachable: input.reachable ?? true,
      activation: null,
      reactivations: 0,
      licenseExpiresAt: NEVER,
      features: [],
    }),
    initial: 'installed',
    states: {
      installed: {
        meta: {
          rules: ['CS-5'],
          status: { name: 'notActivated', group: 'evaluation', rank: 1 },
          deny: deny(['serve', 'addDevice'], 'CS-5', NOT_ACTIVATED),
        },
        on: {
          ACTIVATE: [
            { guard: 'keyDoesNotFit', actions: refuse('CS-6', 'the licence key was issued for a release this one cannot use') },
            unreachable,
            badCount,
            expired,
            { guard: 'notEnoughFree', actions: refuse('CS-2', 'the licence has too few unclaimed sessions or seats left') },
            ...pulled(['emitClaim', 'recordClaim'], ['CS-3', 'CS-5']),
          ],
          REACTIVATE: { actions: refuse('CS-4', 'reactivation needs an activated installation') },
          DEACTIVATE: { actions: refuse('CS-3', NOT_ACTIVATED) },
        },
      },
      active: {
        meta: { rules: ['CS-2', 'CS-3'], status: { name: 'active', group: 'active', rank: 1 }, holds: 'sessions' },
        initial: 'perpetual',
        states: {
          // CS-7: the licence it last pulled never expires.
          perpetual: {},
          expiring: {
            meta: { rules: ['CS-7'] },
            after: {
              licenseExpiry: [
                { guard: 'expiredLicenseStops', target: `#${MACHINE_ID}.licenseExpired`, meta: { rules: ['CS-7'] } },
                { target: 'lapsed', meta: { rules: ['CS-7'] } },
              ],
            },
          },
          // CS-7 (expiredLicense: runs): it serves on; reactivation is refused until the licence is extended.
          lapsed: { meta: { rules: ['CS-7'], status: { name: 'activeLicenseExpired', group: 'active', rank: 2 } } },
        },
        on: {
          REACTIVATE: reactivation,
          // CS-4: a server whose load grows reactivates for the sessions it now needs; less load claims nothing back (CS-3).
          USAGE_CHANGED: [
            { guard: not('asksForMore') },
            unreachable,
            expired,
            tooFewForIncrease,
            ...pulled(['emitClaim', 'recordClaim', 'recordReactivation'], ['CS-4']),
          ],
          // CS-7: a feature the licence it last pulled does not include is refused (a feature added since needs a reactivation).
          USE_FEATURE: [
            { guard: 'featureLicensed', meta: { rules: ['CS-7'] } },
            {
              actions: refuse(
                'CS-7',
                'the licence this installation last pulled does not include the feature; reactivate once it is added',
              ),
            },
          ],
          DEACTIVATE: { target: 'deactivated', meta: { rules: ['CS-3'] } },
          TRANSFER: { actions: refuse('CS-1', 'licences are per machine and not transferable; ask for an administrative rehost') },
          REHOST: { target: 'rehostPending', meta: { rules: ['CS-1'] } },
          ACTIVATE: { actions: refuse('CS-4', 'already activated; reactivate to update the licence') },
        },
      },
      // CS-7 (expiredLicense: stops): the licence it pulled has expired: it serves nothing until a reactivation
      // pulls an extended licence. Its claim stays claimed (CS-3).
      licenseExpired: {
        meta: {
          rules: ['CS-7'],
          status: { name: 'licenseExpired', group: 'enforcement', rank: 1 },
          deny: deny(['serve', 'addDevice'], 'CS-7', EXPIRED),
          holds: 'sessions',
        },
        on: {
          REACTIVATE: reactivation,
          DEACTIVATE: { target: 'deactivated', meta: { rules: ['CS-3'] } },
          USE_FEATURE: { actions: refuse('CS-7', EXPIRED) },
          ACTIVATE: { actions: refuse('CS-4', 'already activated; reactivate to update the licence') },
        },
      },
      rehostPending: {
        meta: { rules: ['CS-1'], status: { name: 'rehostPending', group: 'grace', rank: 1 }, holds: 'sessions' },
        on: {
          // CS-1: reactivating the old machine confirms its deactivation, and the seat moves off it to the new machine.
          REACTIVATE: { target: 'rehosted', actions: ['emitRehost', 'forgetClaim'], meta: { rules: ['CS-1'] } },
          DEACTIVATE: { target: 'rehosted', actions: ['emitRehost', 'forgetClaim'], meta: { rules: ['CS-1', 'CS-3'] } },
        },
      },
      // CS-1: "the seat moves to the new machine — the total claimed does not grow": the confirmed rehost returns the
      // old machine's claim to the licence, where the new machine's activation claims it (licsim does not reserve it
      // for that machine: the documents name none, and any activation may take it first).
      rehosted: {
        meta: { rules: ['CS-1'], status: { name: 'rehosted', group: 'retired', rank: 2 }, terminal: true },
        on: {
          LINK_DOWN: {},
          LINK_UP: {},
          USAGE_CHANGED: {},
          '*': { actions: refuse('CS-1', 'rehosted: its licence moved to another machine') },
        },
      },
      deactivated: {
        meta: { rules: ['CS-3'], status: { name: 'deactivated', group: 'retired', rank: 1 }, terminal: true, holds: 'sessions' },
        on: {
          LINK_DOWN: {},
          LINK_UP: {},
          USAGE_CHANGED: {},
          '*': { actions: refuse('CS-3', 'deactivated; its claimed sessions stay claimed and are not returned') },
        },
      },
    },
    on: {
      LINK_DOWN: { actions: 'markUnreachable' },
      LINK_UP: { actions: 'markReachable' },
      USAGE_CHANGED: {},
      RMA: { target: '.deactivated', meta: { rules: ['CS-3'] } },
      '*': { actions: refuse(null, 'not accepted in this state') },
    },
  });
  return declareEffectful(machine, ['emitClaim', 'emitRehost']);
}

export type SessionClaimMachine = ReturnType<typeof createSessionClaimMachine>;
