import { assign, emit, setup } from 'xstate';
import type { RegistrationRequest } from '../cssm/types.ts';
import { effectEvent, registrationEffect } from '../effects.ts';
import { type AlarmParams, alarmEvent, type EmittedEvent, type RefuseParams, refusedEvent } from '../emitted.ts';
import type { MachineEnv } from '../env.ts';
import { message } from '../messages.ts';
import type { StateMeta, TransitionMeta } from '../meta.ts';
import { atLeastOneTick, daysToTicks } from '../time.ts';
import { NOT_REGISTERED, verdict } from '../verdicts.ts';
import type { SatelliteContext, SatelliteEvent, SatelliteInput, SatelliteStatus } from './types.ts';

type Report = Extract<SatelliteEvent, { type: 'USAGE_REPORT' }>;

/** The typed setup of the satellite machine. */
export function satelliteSetup(env: MachineEnv) {
  const status = (context: SatelliteContext, connected: boolean): SatelliteStatus => ({
    type: 'SATELLITE_STATUS',
    connected,
    syncedAt: context.syncedAt,
  });
  return setup({
    types: {
      context: {} as SatelliteContext,
      events: {} as SatelliteEvent,
      input: {} as SatelliteInput,
      emitted: {} as EmittedEvent,
      meta: {} as StateMeta & TransitionMeta,
    },
    guards: {
      toConnected: ({ event }) => event.type === 'SET_MODE' && event.mode === 'connected',
      toDisconnected: ({ event }) => event.type === 'SET_MODE' && event.mode === 'disconnected',
      verdictChanged: ({ context, event }) => event.type === 'SATELLITE_DOWNLOAD' && event.outOfCompliance !== context.outOfCompliance,
      // It gives the verdict of its own VA only, to instances of that VA.
      // (A registration carries a report too.)
      reporterDisagrees: ({ context, event }) =>
        'accountId' in event && event.accountId === context.accountId && event.outOfCompliance !== context.outOfCompliance,
      // SL-8: the satellite's copy of CSSM's records no longer holds the reporter (removed in CSSM).
      unknownReporter: ({ event }) => event.type === 'USAGE_REPORT' && !env.facts.holdsInstance(event.accountId, event.instanceId),
      tokenOfItsVA: ({ context, event }) => 'accountId' in event && event.accountId === context.accountId,
    },
    actions: {
      alarm: emit((_, params: AlarmParams) => alarmEvent(params)),
      refuse: emit(({ event }, params: RefuseParams) => refusedEvent(event.type, params)),
      // SL-10: reports wait at the satellite until its next sync.
      stageUsage: emit(({ context, event }) => {
        const r = event as Report;
        return effectEvent(
          {
            kind: 'stageUsage',
            satelliteId: context.satelliteId,
            instanceId: r.instanceId,
            accountId: r.accountId,
            usage: r.usage,
            seq: r.seq,
          },
          'SL-10',
        );
      }),
      replyVerdict: emit(({ context }) => message({ kind: 'reply' }, verdict(context.outOfCompliance, context.grace), 'SL-10')),
      replyNotRegistered: emit(() => message({ kind: 'reply' }, NOT_REGISTERED, 'SL-8')),
      // SL-4, SL-9: registered in CSSM's records at once; the report the request carried waits here for the sync (SL-10).
      registerInstance: emit(({ context, event }) =>
        registrationEffect(event as RegistrationRequest, context.accountId, context.satelliteId),
      ),
      upload: emit(({ context }) =>
        message({ kind: 'cssm', account: context.accountId }, { type: 'SATELLITE_UPLOAD', satelliteId: context.satelliteId }, 'SL-10'),
      ),
      recordDownload: assign(({ event }) => ({
        outOfCompliance: event.type === 'SATELLITE_DOWNLOAD' && event.outOfCompliance,
        grace: event.type !== 'SATELLITE_DOWNLOAD' || event.grace,
        syncedAt: env.now(),
      })),
      broadcastVerdict: emit(({ context }) =>
        message(
          { kind: 'attached', satellite: context.satelliteId, account: context.accountId },
          verdict(context.outOfCompliance, context.grace),
          'SL-10',
        ),
      ),
      replyConnected: emit(({ context }) => message({ kind: 'reply' }, status(context, true), 'SL-10')),
      replyDisconnected: emit(({ context }) => message({ kind: 'reply' }, status(context, false), 'SL-10')),
      announceConnected: emit(({ context }) =>
        message({ kind: 'attached', satellite: context.satelliteId }, status(context, true), 'SL-10'),
      ),
      announceDisconnected: emit(({ context }) =>
        message({ kind: 'attached', satellite: context.satelliteId }, status(context, false), 'SL-10'),
      ),
    },
    delays: {
      satelliteSync: ({ context }) => atLeastOneTick(daysToTicks(context.policy.satelliteSyncDays)),
    },
  });
}

export type SatelliteSetup = ReturnType<typeof satelliteSetup>;
