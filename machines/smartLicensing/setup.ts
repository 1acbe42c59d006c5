import { assign, emit, enqueueActions, setup } from 'xstate';
import {
  alarmEvent,
  refusedEvent,
  type AlarmEvent,
  type AlarmParams,
  type EffectEvent,
  type EmittedEvent,
  type RefuseParams,
} from '../emitted.ts';
import type { MachineEnv } from '../env.ts';
import type { StateMeta, TransitionMeta } from '../meta.ts';
import { atLeastOneTick, daysToTicks, type Tick } from '../time.ts';
import { NEVER, type SmartLicensingContext, type SmartLicensingEvent, type SmartLicensingInput } from './types.ts';

/** Evaluation ticks left (SL-1, SL-15): usage clock by default, calendar clock by policy. */
export function evaluationRemaining(context: SmartLicensingContext, now: Tick): Tick {
  const total = daysToTicks(context.policy.evaluationDays);
  if (context.policy.evaluationClock === 'calendar') return context.installedAt + total - now;
  const running = context.evaluationRunningSince === NEVER ? 0 : now - context.evaluationRunningSince;
  return total - context.evaluationUsed - running;
}

function effect(event: EffectEvent): EffectEvent {
  return event;
}

const communicationError: AlarmEvent = { type: 'alarm', name: 'SmartLicenseCommunicationError', rule: 'SL-17' };
const exportControlNotAllowed: AlarmEvent = { type: 'alarm', name: 'SmartLicenseExportControlNotAllowed', rule: 'EX-2' };
const registrationExpired: AlarmEvent = { type: 'alarm', name: 'SmartLicenseRegistrationExpired', rule: 'SL-14' };

/** The typed setup of the Smart Licensing machine: guards, actions and delays over `env`. */
export function smartLicensingSetup(env: MachineEnv) {
  const days = (d: number) => atLeastOneTick(daysToTicks(d));
  return setup({
    types: {
      context: {} as SmartLicensingContext,
      events: {} as SmartLicensingEvent,
      input: {} as SmartLicensingInput,
      emitted: {} as EmittedEvent,
      meta: {} as StateMeta & TransitionMeta,
    },
    guards: {
      tokenExpired: ({ event }) =>
        'tokenExpiresAt' in event && event.tokenExpiresAt !== undefined && event.tokenExpiresAt <= env.now(),
      licensingReachable: ({ context }) => context.reachable,
      // SL-10: a disconnected satellite hands out only what it fetched at a manual sync after the last renewal.
      canRenewAuthorization: ({ context }) =>
        context.reachable &&
        (context.transport !== 'satellite-disconnected' || context.lastSatelliteSync > context.authorizationRenewedAt),
      canRenewRegistration: ({ context }) =>
        context.reachable &&
        (context.transport !== 'satellite-disconnected' || context.lastSatelliteSync > context.registrationRenewedAt),
      evaluationLeft: ({ context }) => evaluationRemaining(context, env.now()) > 0,
      authorizationExpiredOverage: ({ context }) => context.policy.authorizationExpiredOverage,
      fallbackToEvaluation: ({ context }) =>
        context.policy.registrationExpiredFallback === 'evaluation' && evaluationRemaining(context, env.now()) > 0,
      exportControlAllowed: ({ context }) => context.exportAllowed,
      exportGrantable: ({ context }) =>
        context.reachable && context.accountId !== null && env.facts.exportAuthorizationAvailable(context.accountId),
      authorizationCodeMatches: ({ context, event }) =>
        'code' in event && event.code === env.facts.reservationAuthorizationCode(context.instanceId),
      authorizationCodeIsNew: ({ context, event }) =>
        'code' in event &&
        event.code === env.facts.reservationAuthorizationCode(context.instanceId) &&
        event.code !== context.installedAuthorizationCode,
    },
    actions: {
      alarm: emit((_, params: AlarmParams) => alarmEvent(params)),
      refuse: emit(({ event }, params: RefuseParams) => refusedEvent(event.type, params)),
      startEvaluationClock: assign({ evaluationRunningSince: () => env.now() }),
      stopEvaluationClock: assign(({ context }) => ({
        evaluationUsed:
          context.evaluationRunningSince === NEVER
            ? context.evaluationUsed
            : context.evaluationUsed + env.now() - context.evaluationRunningSince,
        evaluationRunningSince: NEVER,
      })),
      recordToken: assign(({ event }) =>
        event.type === 'REGISTER' || event.type === 'REREGISTER'
          ? { accountId: event.accountId, exportAllowed: event.exportAllowed }
          : {},
      ),
      recordAuthorizationRenewal: assign({ authorizationRenewedAt: () => env.now() }),
      recordRegistrationRenewal: assign({ registrationRenewedAt: () => env.now() }),
      markReachable: assign({ reachable: true }),
      markUnreachable: assign({ reachable: false }),
      setTransport: assign(({ context, event }) => ({
        transport: event.type === 'SET_TRANSPORT' ? event.transport : context.transport,
      })),
      recordSatelliteSync: assign({ lastSatelliteSync: () => env.now() }),
      enterMixedMode: assign({ mixedMode: true }),
      recordInstalledCode: assign(({ event }) => ('code' in event ? { installedAuthorizationCode: event.code } : {})),
      clearInstalledCode: assign({ installedAuthorizationCode: null }),
      emitRegister: emit(({ context }) =>
        effect({ type: 'effect', effect: { kind: 'register', accountId: context.accountId ?? '' }, rule: 'SL-4' }),
      ),
      emitMove: emit(({ context }) =>
        effect({ type: 'effect', effect: { kind: 'move', accountId: context.accountId ?? '' }, rule: 'SL-9' }),
      ),
      emitExportGrant: emit(({ context }) =>
        effect({ type: 'effect', effect: { kind: 'exportGrant', accountId: context.accountId ?? '' }, rule: 'EX-1' }),
      ),
      emitExportReturn: emit(({ context }) =>
        effect({ type: 'effect', effect: { kind: 'exportReturn', accountId: context.accountId ?? '' }, rule: 'EX-1' }),
      ),
      emitReservationInstalled: emit(
        effect({ type: 'effect', effect: { kind: 'reservationInstalled' }, rule: 'SLR-4' }),
      ),
      emitConfirmationCode: emit(
        effect({ type: 'effect', effect: { kind: 'reservationConfirmationCode' }, rule: 'SLR-5' }),
      ),
      emitReturnCode: emit(effect({ type: 'effect', effect: { kind: 'reservationReturnCode' }, rule: 'SLR-7' })),
      // SL-8: released in CSSM only when it can be told; EX-2: mixed mode stays, with an alarm.
      deregister: enqueueActions(({ context, enqueue }) => {
        if (context.reachable) {
          enqueue.emit(effect({ type: 'effect', effect: { kind: 'release' }, rule: 'SL-8' }));
        } else {
          enqueue.emit(communicationError);
        }
        if (context.mixedMode) enqueue.emit(exportControlNotAllowed);
        enqueue.assign({ accountId: null, exportAllowed: false });
      }),
      // SL-14: CSSM drops a registration that lapsed.
      expireRegistration: enqueueActions(({ enqueue }) => {
        enqueue.emit(registrationExpired);
        enqueue.emit(effect({ type: 'effect', effect: { kind: 'release' }, rule: 'SL-14' }));
        enqueue.assign({ accountId: null, exportAllowed: false });
      }),
    },
    delays: {
      evaluationRemaining: ({ context }) => atLeastOneTick(evaluationRemaining(context, env.now())),
      authorizationRenewal: ({ context }) => days(context.policy.authorizationRenewalDays),
      authorizationRetry: ({ context }) => days(context.policy.authorizationRetryDays),
      authorizationValidity: ({ context }) => days(context.policy.authorizationValidityDays),
      authorizationExpiringSoon: ({ context }) =>
        days(context.policy.authorizationValidityDays - context.policy.authorizationExpiringSoonDays),
      authorizationExpiredOverage: ({ context }) => days(context.policy.authorizationExpiredOverageDays),
      registrationRenewal: ({ context }) => days(context.policy.registrationRenewalDays),
      registrationRetry: ({ context }) => days(context.policy.registrationRetryDays),
      registrationValidity: ({ context }) => days(context.policy.registrationValidityDays),
      registrationExpiringSoon: ({ context }) =>
        days(context.policy.registrationValidityDays - context.policy.registrationExpiringSoonDays),
      overage: ({ context }) => days(context.policy.overageDays),
      exportRetry: ({ context }) => days(context.policy.authorizationRetryDays),
    },
  });
}

export type SmartLicensingSetup = ReturnType<typeof smartLicensingSetup>;
