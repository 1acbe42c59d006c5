import { assign, emit, setup } from 'xstate';
import { effectEvent } from '../effects.ts';
import { type AlarmParams, alarmEvent, type EmittedEvent, type RefuseParams, refusedEvent } from '../emitted.ts';
import type { MachineEnv } from '../env.ts';
import type { StateMeta, TransitionMeta } from '../meta.ts';
import { atLeastOneTick, NEVER } from '../time.ts';
import type { SessionClaimContext, SessionClaimEvent, SessionClaimInput } from './types.ts';

/**
 * Sessions an activation or reactivation asks for: Studio always one seat (CS-1);
 * Call Services what the event asks, or on a change of load what the server now
 * needs (`needed`), or else what it has.
 */
export function requestedSessions(context: SessionClaimContext, event: SessionClaimEvent, needed?: number): number {
  if (context.product === 'studio') return 1;
  if ('sessions' in event && event.sessions !== undefined) return event.sessions;
  if (event.type === 'USAGE_CHANGED' && needed !== undefined) return needed;
  return Math.max(context.claimed, 1);
}

/** CS-6: a key fits its own release and every release of the same compatibility group. */
export function keyFits(context: SessionClaimContext): boolean {
  const covers = context.policy.keyVersionRanges ? releaseInRange : (key: string, release: string) => key === release;
  if (covers(context.keyRelease, context.release)) return true;
  return context.policy.compatibleKeyVersions.some(
    (group) =>
      group.some((k) => covers(k, context.keyRelease) || covers(context.keyRelease, k)) && group.some((r) => covers(r, context.release)),
  );
}

/**
 * CS-6 (`keyVersionRanges`): whether a key's release names `release`: the same release,
 * `5.x` (or `5`) for every 5 release, `5.1` for its maintenance releases (`5.1(1)`, `5.1.2`).
 */
export function releaseInRange(key: string, release: string): boolean {
  if (key === release) return true;
  const range = /\.x$/i.test(key) ? key.slice(0, -2) : key;
  if (release === range) return true;
  if (!release.startsWith(range)) return false;
  const next = release.charAt(range.length);
  return next === '.' || next === '(';
}

/** The typed setup of the activation-claimed seats and sessions machine. */
export function sessionClaimSetup(env: MachineEnv) {
  // A change of load reactivates automatically (CS-4, CS-5).
  const needsNetwork = (context: SessionClaimContext, event: SessionClaimEvent) =>
    (event.type === 'USAGE_CHANGED' || ('mode' in event && event.mode === 'automatic')) &&
    context.policy.automaticActivationNeedsNetwork &&
    !context.reachable;
  const needed = (context: SessionClaimContext) => {
    const usage = env.usageOf(context.ref);
    return usage.sessions ?? usage.seats ?? 0;
  };
  const requested = (context: SessionClaimContext, event: SessionClaimEvent) => requestedSessions(context, event, needed(context));
  return setup({
    types: {
      context: {} as SessionClaimContext,
      events: {} as SessionClaimEvent,
      input: {} as SessionClaimInput,
      emitted: {} as EmittedEvent,
      meta: {} as StateMeta & TransitionMeta,
    },
    guards: {
      // CS-7: what the licence server holds now, which a (re)activation pulls.
      licenseExpiredNow: ({ context }) => {
        const end = env.facts.licenseTerms(context.licenseId).expiresAt;
        return end !== null && end <= env.now();
      },
      licenseExpires: ({ context }) => env.facts.licenseTerms(context.licenseId).expiresAt !== null,
      expiredLicenseStops: ({ context }) => context.policy.expiredLicense === 'stops',
      featureLicensed: ({ context, event }) => event.type === 'USE_FEATURE' && context.features.includes(event.feature),
      keyDoesNotFit: ({ context }) => !keyFits(context),
      serverUnreachable: ({ context, event }) => needsNetwork(context, event),
      badSessionCount: ({ event }) =>
        'sessions' in event && event.sessions !== undefined && (!Number.isInteger(event.sessions) || event.sessions < 1),
      // CS-2: claims may total at most the licence.
      notEnoughFree: ({ context, event }) => env.facts.freeSessions(context.licenseId) < requested(context, event),
      asksForMore: ({ context, event }) => requested(context, event) > context.claimed,
      // CS-4: only the difference is claimed.
      notEnoughForDifference: ({ context, event }) =>
        env.facts.freeSessions(context.licenseId) < requested(context, event) - context.claimed,
    },
    delays: {
      licenseExpiry: ({ context }) => atLeastOneTick(context.licenseExpiresAt - env.now()),
    },
    actions: {
      alarm: emit((_, params: AlarmParams) => alarmEvent(params)),
      refuse: emit(({ event }, params: RefuseParams) => refusedEvent(event.type, params)),
      emitRehost: emit(({ context }) =>
        effectEvent({ kind: 'rehost', instanceId: context.instanceId, licenseId: context.licenseId }, 'CS-1'),
      ),
      forgetClaim: assign({ claimed: 0 }),
      emitClaim: emit(({ context, event }) =>
        effectEvent(
          {
            kind: 'claim',
            instanceId: context.instanceId,
            licenseId: context.licenseId,
            sessions: requested(context, event) - context.claimed,
          },
          context.claimed === 0 ? 'CS-3' : 'CS-4',
        ),
      ),
      recordClaim: assign(({ context, event }) => ({
        claimed: Math.max(context.claimed, requested(context, event)),
        activation: 'mode' in event ? event.mode : context.activation,
      })),
      recordReactivation: assign(({ context }) => ({ reactivations: context.reactivations + 1 })),
      // CS-4, CS-7: an activation or reactivation takes the licence's latest expiry and features.
      pullLicense: assign(({ context }) => {
        const terms = env.facts.licenseTerms(context.licenseId);
        return { licenseExpiresAt: terms.expiresAt ?? NEVER, features: terms.features };
      }),
      markReachable: assign({ reachable: true }),
      markUnreachable: assign({ reachable: false }),
    },
  });
}

export type SessionClaimSetup = ReturnType<typeof sessionClaimSetup>;
