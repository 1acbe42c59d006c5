import { assign, emit, setup } from 'xstate';
import { effectEvent, registrationEffect } from '../effects.ts';
import { type AlarmParams, alarmEvent, type EmittedEvent, type RefuseParams, refusedEvent } from '../emitted.ts';
import type { MachineEnv } from '../env.ts';
import { message } from '../messages.ts';
import type { StateMeta, TransitionMeta } from '../meta.ts';
import { beyondAllowance, hasTimeGrace } from '../overdraft.ts';
import { daysToTicks, NEVER } from '../time.ts';
import { NOT_REGISTERED, verdict } from '../verdicts.ts';
import type { CssmContext, CssmEvent, CssmInput, RegistrationRequest } from './types.ts';

const reply = { kind: 'reply' } as const;
const toSatellite = (event: CssmEvent) => ({ kind: 'satellite', satellite: 'satelliteId' in event ? event.satelliteId : '' }) as const;

/** The typed setup of CSSM's virtual-account machine. */
export function cssmSetup(env: MachineEnv) {
  const members = (context: CssmContext) => ({ kind: 'members', account: context.accountId }) as const;
  return setup({
    types: {
      context: {} as CssmContext,
      events: {} as CssmEvent,
      input: {} as CssmInput,
      emitted: {} as EmittedEvent,
      meta: {} as StateMeta & TransitionMeta,
    },
    guards: {
      // SL-7, §4: what the VA was last told, after borrowing, beyond what its regime allows.
      vaShort: ({ context }) => beyondAllowance(context.regime, env.facts.accountPosition(context.accountId)),
      checkDue: ({ context }) =>
        context.checkedAt === NEVER || env.now() - context.checkedAt >= daysToTicks(context.policy.complianceCheckDays),
      // SL-8: a report from an instance CSSM no longer holds (removed there).
      unknownReporter: ({ context, event }) =>
        event.type === 'USAGE_REPORT' && !env.facts.holdsInstance(context.accountId, event.instanceId),
      believesOut: ({ event }) => event.type === 'USAGE_REPORT' && event.outOfCompliance,
      believesIn: ({ event }) => event.type === 'USAGE_REPORT' && !event.outOfCompliance,
      holdsInstance: ({ context, event }) =>
        event.type === 'REMOVE_INSTANCE' && env.facts.holdsInstance(context.accountId, event.instanceId),
    },
    actions: {
      recordCheck: assign({ checkedAt: () => env.now() }),
      alarm: emit((_, params: AlarmParams) => alarmEvent(params)),
      refuse: emit(({ event }, params: RefuseParams) => refusedEvent(event.type, params)),
      recordUsage: emit(({ event }) => {
        const r = event as Extract<CssmEvent, { type: 'USAGE_REPORT' }>;
        return effectEvent({ kind: 'recordUsage', instanceId: r.instanceId, accountId: r.accountId, usage: r.usage, seq: r.seq }, 'SL-7');
      }),
      replyNotRegistered: emit(() => message(reply, NOT_REGISTERED, 'SL-8')),
      replyOutOfCompliance: emit(({ context }) => message(reply, verdict(true, hasTimeGrace(context.regime)), 'SL-7')),
      replyInCompliance: emit(() => message(reply, verdict(false, false), 'SL-7')),
      broadcastOutOfCompliance: emit(({ context }) => message(members(context), verdict(true, hasTimeGrace(context.regime)), 'SL-7')),
      broadcastInCompliance: emit(({ context }) => message(members(context), verdict(false, false), 'SL-7')),
      acceptSatelliteReports: emit(({ event }) =>
        effectEvent(
          { kind: 'forwardStaged', satelliteId: (event as Extract<CssmEvent, { type: 'SATELLITE_UPLOAD' }>).satelliteId },
          'SL-10',
        ),
      ),
      // SL-10: the satellite's reports are recorded by the time CSSM answers, so the answer counts them.
      answerLater: emit(({ event }) =>
        message(
          { kind: 'self' },
          { type: 'SATELLITE_ANSWER', satelliteId: (event as Extract<CssmEvent, { type: 'SATELLITE_UPLOAD' }>).satelliteId },
          'SL-10',
        ),
      ),
      downloadOutOfCompliance: emit(({ context, event }) =>
        message(toSatellite(event), { type: 'SATELLITE_DOWNLOAD', outOfCompliance: true, grace: hasTimeGrace(context.regime) }, 'SL-10'),
      ),
      downloadInCompliance: emit(({ context, event }) =>
        message(toSatellite(event), { type: 'SATELLITE_DOWNLOAD', outOfCompliance: false, grace: hasTimeGrace(context.regime) }, 'SL-10'),
      ),
      // SL-4, SL-9: the instance is registered here with the report its request carried.
      registerInstance: emit(({ context, event }) => registrationEffect(event as RegistrationRequest, context.accountId)),
      // SLR-3, SLR-5, SLR-8: what the administrator does for an air-gapped instance in CSSM.
      reserve: emit(({ context, event }) => {
        const e = event as Extract<CssmEvent, { type: 'RESERVE' }>;
        return effectEvent({ kind: 'reserve', instanceId: e.instanceId, accountId: context.accountId, counts: e.counts }, 'SLR-3');
      }),
      updateReservation: emit(({ event }) => {
        const e = event as Extract<CssmEvent, { type: 'UPDATE_RESERVATION' }>;
        return effectEvent({ kind: 'updateReservation', instanceId: e.instanceId, counts: e.counts }, 'SLR-5');
      }),
      confirmReservation: emit(({ event }) =>
        effectEvent(
          { kind: 'confirmReservation', instanceId: (event as Extract<CssmEvent, { type: 'CONFIRM_RESERVATION' }>).instanceId },
          'SLR-5',
        ),
      ),
      enterReturnCode: emit(({ event }) =>
        effectEvent(
          { kind: 'enterReturnCode', instanceId: (event as Extract<CssmEvent, { type: 'ENTER_RETURN_CODE' }>).instanceId },
          'SLR-7',
        ),
      ),
      supportRemove: emit(({ event }) =>
        effectEvent({ kind: 'supportRemove', instanceId: (event as Extract<CssmEvent, { type: 'SUPPORT_REMOVE' }>).instanceId }, 'SLR-8'),
      ),
      removeInstance: emit(({ context, event }) =>
        effectEvent(
          {
            kind: 'removeInstance',
            instanceId: (event as Extract<CssmEvent, { type: 'REMOVE_INSTANCE' }>).instanceId,
            accountId: context.accountId,
          },
          'SL-8',
        ),
      ),
    },
  });
}

export type CssmSetup = ReturnType<typeof cssmSetup>;
