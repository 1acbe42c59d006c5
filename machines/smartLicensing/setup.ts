import { assign, emit, enqueueActions, setup } from 'xstate';
import type { ReportBody } from '../cssm/types.ts';
import { type Counts, EXPORT_AUTHORIZATION, effectEvent } from '../effects.ts';
import { type AlarmEvent, type AlarmParams, alarmEvent, type EmittedEvent, type RefuseParams, refusedEvent } from '../emitted.ts';
import type { MachineEnv } from '../env.ts';
import { type Address, message, request } from '../messages.ts';
import type { StateMeta, TransitionMeta } from '../meta.ts';
import { NO_LIMIT } from '../policyParameter.ts';
import { atLeastOneTick, daysToTicks, NEVER, type Tick } from '../time.ts';
import type { SmartLicensingContext, SmartLicensingEvent, SmartLicensingInput } from './types.ts';

/** The events that carry a usage report (SL-4, SL-7, SL-9). */
type ReportType = 'USAGE_REPORT' | 'REGISTER_INSTANCE' | 'MOVE_INSTANCE';

/** Evaluation ticks left (SL-1, SL-15): usage clock by default, calendar clock by policy. */
export function evaluationRemaining(context: SmartLicensingContext, now: Tick): Tick {
  const total = daysToTicks(context.policy.evaluationDays);
  if (context.policy.evaluationClock === 'calendar') return context.installedAt + total - now;
  const running = context.evaluationRunningSince === NEVER ? 0 : now - context.evaluationRunningSince;
  return total - context.evaluationUsed - running;
}

/**
 * Whether what the instance sends now reaches CSSM itself, as far as it knows: its
 * link is up and it is not behind a satellite it was told is disconnected (SL-8, SL-10).
 */
export function reachesCssm(context: SmartLicensingContext): boolean {
  return context.linkUp && (!context.viaSatellite || context.satelliteConnected);
}

/**
 * SL-10: whether the instance's endpoint can renew it now, judged on what it was
 * told. CSSM (direct or proxy) renews a registered instance it hears from; a
 * satellite renews while it reaches CSSM, and when disconnected as the policy
 * says: never (`live`), if it synced since the last renewal (`since-sync`), or
 * always (`cached`).
 */
export function endpointRenews(context: SmartLicensingContext, lastRenewedAt: Tick): boolean {
  if (!context.linkUp) return false;
  if (reachesCssm(context)) return true;
  switch (context.policy.satelliteRenewal) {
    case 'live':
      return false;
    case 'since-sync':
      return context.satelliteSyncedAt > lastRenewedAt;
    case 'cached':
      return true;
  }
}

/** SLR-9, SLR-11: some licence type is used beyond what the reservation holds (no borrowing under SLR). */
export function exceeds(usage: Counts, reserved: Counts | null): boolean {
  if (reserved === null) return false;
  for (const [type, n] of Object.entries(usage)) if (n > (reserved[type] ?? 0)) return true;
  return false;
}

/** The endpoint address of each VA, made once: an instance sends a report with every usage change. */
const endpoints = new Map<string, Address>();
function endpointOf(account: string): Address {
  let to = endpoints.get(account);
  if (!to) {
    to = Object.freeze({ kind: 'endpoint', account }) as Address;
    endpoints.set(account, to);
  }
  return to;
}

const communicationError: AlarmEvent = { type: 'alarm', name: 'SmartLicenseCommunicationError', rule: 'SL-17', cleared: false };
const exportControlNotAllowed: AlarmEvent = { type: 'alarm', name: 'SmartLicenseExportControlNotAllowed', rule: 'EX-2', cleared: false };
const registrationExpired: AlarmEvent = { type: 'alarm', name: 'SmartLicenseRegistrationExpired', rule: 'SL-14', cleared: false };
const registrationExpiredCleared: AlarmEvent = { ...registrationExpired, rule: 'SL-18', cleared: true };

/**
 * SL-12: the overage period an instance starts now: in full (`restart`), or less the
 * days earlier periods used (`resume`); never beyond what the cap on all overage
 * days leaves. Zero when nothing is left: provisioning stops at once.
 */
export function overageLeft(context: SmartLicensingContext, now: Tick): Tick {
  const p = context.policy;
  const period = daysToTicks(p.overageDays) - (p.overageClock === 'resume' ? overageRunOf(context, now) : 0);
  const cap = p.overageCapDays === NO_LIMIT ? Number.POSITIVE_INFINITY : daysToTicks(p.overageCapDays) - context.overageUsed;
  return Math.max(0, Math.min(period, cap));
}

/**
 * SL-12 `resume`: the overage days of the periods since the instance was last in
 * compliance for `overageResumeWindowDays` or more (a longer return gives them back).
 */
export function overageRunOf(context: SmartLicensingContext, now: Tick): Tick {
  const since = context.compliantSince;
  const forgiven = since !== NEVER && now - since >= daysToTicks(context.policy.overageResumeWindowDays);
  return forgiven ? 0 : context.overageRun;
}

/** SL-14: an instance in enforcement stays without provisioning when its registration ends (unless the policy says otherwise). */
function keptInEnforcement(context: SmartLicensingContext): boolean {
  return context.policy.enforcementOutlivesRegistration && context.enforcedRegions > 0;
}

/** SL-14: the policy sends an expired registration back to evaluation, and (unless it says so) not out of enforcement. */
function fallsBackToEvaluation(context: SmartLicensingContext): boolean {
  return context.policy.registrationExpiredFallback === 'evaluation' && !keptInEnforcement(context);
}

/** The typed setup of the Smart Licensing machine: guards, actions and delays over `env`. */
export function smartLicensingSetup(env: MachineEnv) {
  const days = (d: number) => atLeastOneTick(daysToTicks(d));
  const reportInterval = (context: SmartLicensingContext) => daysToTicks(context.policy.usageReportDays);
  const intervalPassed = (context: SmartLicensingContext) =>
    context.lastReportAt === NEVER || env.now() >= context.lastReportAt + reportInterval(context);
  // SL-7: what a report says: the instance's usage now, its number, and the verdict the instance holds.
  // (A literal per type: a spread into another literal is built several times slower, on every report.)
  const reportOf = <T extends ReportType>(type: T, context: SmartLicensingContext): ReportBody & { type: T } => ({
    type,
    instanceId: context.instanceId,
    accountId: context.accountId ?? '',
    usage: env.usageOf(context.ref),
    seq: context.reportsSent,
    outOfCompliance: context.believesOutOfCompliance,
  });
  const installing = (event: SmartLicensingEvent) => (event.type === 'SLR_INSTALL' ? event.counts : null);
  return setup({
    types: {
      context: {} as SmartLicensingContext,
      events: {} as SmartLicensingEvent,
      input: {} as SmartLicensingInput,
      emitted: {} as EmittedEvent,
      meta: {} as StateMeta & TransitionMeta,
    },
    guards: {
      tokenExpired: ({ event }) => 'tokenExpiresAt' in event && event.tokenExpiresAt !== undefined && event.tokenExpiresAt <= env.now(),
      linkUp: ({ context }) => context.linkUp,
      renewFailedAlarmEveryAttempt: ({ context }) => context.policy.renewFailedAlarm === 'every-attempt',
      canRenewAuthorization: ({ context }) => endpointRenews(context, context.authorizationRenewedAt),
      canRenewRegistration: ({ context }) => endpointRenews(context, context.registrationRenewedAt),
      evaluationLeft: ({ context }) => evaluationRemaining(context, env.now()) > 0,
      returnLeavesReservationMode: ({ context }) => context.policy.slrReturnMode === 'smart',
      // SL-8, SL-14: a registration that ends (deregistered, removed in CSSM) gives the unused evaluation days back,
      // but not to an instance in enforcement unless the policy says so.
      freshEvaluationAllowed: ({ context }) => evaluationRemaining(context, env.now()) > 0 && !keptInEnforcement(context),
      authorizationExpiredOverage: ({ context }) => context.policy.authorizationExpiredOverage,
      // SL-14: where an expired registration leaves the instance: the evaluation days it has left, else
      // evaluation-expired; or enforcement, by policy, or because it was in enforcement and the policy keeps it there.
      fallbackToEvaluation: ({ context }) => fallsBackToEvaluation(context) && evaluationRemaining(context, env.now()) > 0,
      fallbackToEvaluationExpired: ({ context }) => fallsBackToEvaluation(context),
      exportControlAllowed: ({ context }) => context.exportAllowed,
      // SL-3: the installed reservation includes an export authorization, and the policy lets it count.
      reservationAllowsExport: ({ context }) =>
        context.policy.slrExportControl === 'reserved' && (context.reservedCounts?.[EXPORT_AUTHORIZATION] ?? 0) > 0,
      slrExportControlOff: ({ context }) => context.policy.slrExportControl === 'none',
      // EX-1: CSSM grants one if the VA has one free and still holds the instance (it may have been removed there, SL-8).
      exportGrantable: ({ context }) =>
        reachesCssm(context) &&
        context.accountId !== null &&
        env.facts.holdsInstance(context.accountId, context.instanceId) &&
        env.facts.exportAuthorizationAvailable(context.accountId),
      // EX-1 (moved): the grant moves when the new token allows export and the new VA has one free.
      exportMoves: ({ context, event }) =>
        context.policy.exportOnReregister === 'moved' &&
        context.exportGranted &&
        event.type === 'REREGISTER' &&
        event.exportAllowed &&
        env.facts.exportAuthorizationAvailable(event.accountId),
      // EX-1: the grant goes back to CSSM, unless CSSM no longer holds the instance (SL-8: its grants went with it).
      exportReturnable: ({ context }) =>
        reachesCssm(context) && context.accountId !== null && env.facts.holdsInstance(context.accountId, context.instanceId),
      authorizationCodeMatches: ({ context, event }) =>
        'code' in event && event.code === env.facts.reservationAuthorizationCode(context.instanceId),
      authorizationCodeIsNew: ({ context, event }) =>
        'code' in event &&
        event.code === env.facts.reservationAuthorizationCode(context.instanceId) &&
        event.code !== context.installedAuthorizationCode,
      // SLR-3: CSSM has authorized a reservation for the instance, installed or not.
      cssmHoldsReservation: ({ context }) => env.facts.reservationAuthorizationCode(context.instanceId) !== undefined,
      // SL-7: news goes out at once unless a report went less than usageReportDays ago.
      mayReportNow: ({ context }) => context.linkUp && intervalPassed(context),
      reportIntervalPassed: ({ context }) => intervalPassed(context),
      noOverageLeft: ({ context, event }) =>
        event.type === 'OUT_OF_COMPLIANCE' && (event.grace === false || overageLeft(context, env.now()) === 0),
      installExceeds: ({ context, event }) => exceeds(env.usageOf(context.ref), installing(event)),
      exceedsReservation: ({ context }) => exceeds(env.usageOf(context.ref), context.reservedCounts),
      withinReservation: ({ context }) => !exceeds(env.usageOf(context.ref), context.reservedCounts),
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
          ? { accountId: event.accountId, exportAllowed: event.exportAllowed, orphanedIn: null }
          : {},
      ),
      recordAuthorizationRenewal: assign({ authorizationRenewedAt: () => env.now() }),
      recordRegistrationRenewal: assign({ registrationRenewedAt: () => env.now() }),
      markLinkUp: assign({ linkUp: true }),
      markLinkDown: assign({ linkUp: false }),
      recordPath: assign(({ event }) => (event.type === 'LINK_CHANGED' ? { viaSatellite: event.viaSatellite } : {})),
      recordSatelliteStatus: assign(({ event }) =>
        event.type === 'SATELLITE_STATUS' ? { satelliteConnected: event.connected, satelliteSyncedAt: event.syncedAt } : {},
      ),
      enterMixedMode: assign({ mixedMode: true }),
      recordInstalledCode: assign(({ event }) =>
        event.type === 'SLR_INSTALL' ? { installedAuthorizationCode: event.code, reservedCounts: event.counts } : {},
      ),
      clearInstalledCode: assign({ installedAuthorizationCode: null, reservedCounts: null }),
      believeOutOfCompliance: assign({ believesOutOfCompliance: true }),
      // SL-12, SL-13: how many of its regions are in enforcement (SL-14 reads it when the registration expires).
      enterEnforcement: assign(({ context }) => ({ enforcedRegions: context.enforcedRegions + 1 })),
      leaveEnforcement: assign(({ context }) => ({ enforcedRegions: context.enforcedRegions - 1 })),
      // SL-12: the overage clock runs while the instance is in its overage period.
      markCompliant: assign({ compliantSince: () => env.now() }),
      startOverageClock: assign(({ context }) => ({ overageSince: env.now(), overageRun: overageRunOf(context, env.now()) })),
      stopOverageClock: assign(({ context }) => {
        const used = context.overageSince === NEVER ? 0 : env.now() - context.overageSince;
        return {
          overageUsed: context.overageUsed + used,
          overageRun: context.overageRun + used,
          overageSince: NEVER,
        };
      }),
      believeInCompliance: assign({ believesOutOfCompliance: false }),
      // SL-7: the report carries the instance's usage now and the verdict it holds.
      countReport: assign(({ context }) => ({ reportsSent: context.reportsSent + 1, lastReportAt: env.now() })),
      sendReport: emit(({ context }) => message(endpointOf(context.accountId ?? ''), reportOf('USAGE_REPORT', context), 'SL-7')),
      // SL-4, SL-9: the token goes to the instance's endpoint, which registers it (or refuses): part of this step.
      // SL-7: a registration starts with a report of the instance's usage (counted just before), so the request carries it.
      requestRegistration: emit(({ context }) =>
        request({ kind: 'endpoint', account: context.accountId ?? '' }, reportOf('REGISTER_INSTANCE', context), 'SL-4'),
      ),
      requestMove: emit(({ context }) =>
        request({ kind: 'endpoint', account: context.accountId ?? '' }, reportOf('MOVE_INSTANCE', context), 'SL-9'),
      ),
      requestMoveKeepingExport: emit(({ context }) =>
        request(
          { kind: 'endpoint', account: context.accountId ?? '' },
          { ...reportOf('MOVE_INSTANCE', context), keepExport: true },
          'EX-1',
        ),
      ),
      markExportGranted: assign({ exportGranted: true }),
      clearExportGranted: assign({ exportGranted: false }),
      emitExportGrant: emit(({ context }) =>
        effectEvent({ kind: 'exportGrant', instanceId: context.instanceId, accountId: context.accountId ?? '' }, 'EX-1'),
      ),
      emitExportReturn: emit(({ context }) =>
        effectEvent({ kind: 'exportReturn', instanceId: context.instanceId, accountId: context.accountId ?? '' }, 'EX-1'),
      ),
      emitReservationInstalled: emit(({ context }) =>
        effectEvent({ kind: 'reservationInstalled', instanceId: context.instanceId }, 'SLR-4'),
      ),
      emitConfirmationCode: emit(({ context }) =>
        effectEvent({ kind: 'reservationConfirmationCode', instanceId: context.instanceId }, 'SLR-5'),
      ),
      emitReturnCode: emit(({ context }) => effectEvent({ kind: 'reservationReturnCode', instanceId: context.instanceId }, 'SLR-7')),
      // SLR-9, SLR-11: the instance's own record of its use, which its reservation's shortfall is measured against.
      recordReservedUsage: emit(({ context }) =>
        effectEvent({ kind: 'reservedUsage', instanceId: context.instanceId, usage: env.usageOf(context.ref) }, 'SLR-11'),
      ),
      emitNonOperational: emit(({ context }) => effectEvent({ kind: 'nonOperational', instanceId: context.instanceId }, 'SLR-8')),
      // SL-8: released in CSSM only when it can be told (not through a disconnected satellite); otherwise
      // CSSM keeps the last report until the instance is removed there, and the instance knows it.
      // EX-2: mixed mode stays, with an alarm.
      deregister: enqueueActions(({ context, enqueue }) => {
        if (reachesCssm(context)) {
          enqueue.emit(effectEvent({ kind: 'release', instanceId: context.instanceId }, 'SL-8'));
        } else {
          enqueue.emit(communicationError);
          enqueue.assign({ orphanedIn: context.accountId });
        }
        if (context.mixedMode) enqueue.emit(exportControlNotAllowed);
        enqueue.assign({ accountId: null, exportAllowed: false });
      }),
      forgetRegistration: assign({ accountId: null, exportAllowed: false, orphanedIn: null }),
      // SLR-8, SL-8: a destroyed registered instance never tells CSSM; its licences stay held there.
      orphanRegistration: assign(({ context }) => ({ orphanedIn: context.accountId, accountId: null })),
      // SL-14: CSSM drops a registration that lapsed (both sides know its end).
      expireRegistration: enqueueActions(({ context, enqueue }) => {
        enqueue.emit(registrationExpired);
        enqueue.emit(effectEvent({ kind: 'release', instanceId: context.instanceId }, 'SL-14'));
        enqueue.assign({ accountId: null, exportAllowed: false, registrationExpiredUp: true });
      }),
      // SL-18: an expired registration's alarm is up until the instance registers (or reserves) again.
      clearRegistrationExpired: enqueueActions(({ context, enqueue }) => {
        if (!context.registrationExpiredUp) return;
        enqueue.emit(registrationExpiredCleared);
        enqueue.assign({ registrationExpiredUp: false });
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
      overage: ({ context }) => atLeastOneTick(overageLeft(context, env.now())),
      slrOverage: ({ context }) => days(context.policy.slrOverageDays),
      exportRetry: ({ context }) => days(context.policy.exportRetryDays),
      // SL-7: the next report may go usageReportDays after the last one.
      usageReportWait: ({ context }) => atLeastOneTick(context.lastReportAt + reportInterval(context) - env.now()),
    },
  });
}

export type SmartLicensingSetup = ReturnType<typeof smartLicensingSetup>;
