import { emit, setup } from 'xstate';
import { effectEvent } from '../effects.ts';
import { type AlarmParams, alarmEvent, type EmittedEvent, type RefuseParams, refusedEvent } from '../emitted.ts';
import type { MachineEnv } from '../env.ts';
import { message } from '../messages.ts';
import type { StateMeta, TransitionMeta } from '../meta.ts';
import type { LicenseManagerContext, LicenseManagerEvent, LicenseManagerInput } from './types.ts';

type Units = Extract<LicenseManagerEvent, { type: 'CHECK_OUT' | 'CHECK_IN' }>;

/** The typed setup of the licence manager machine. */
export function licenseManagerSetup(_env: MachineEnv) {
  return setup({
    types: {
      context: {} as LicenseManagerContext,
      events: {} as LicenseManagerEvent,
      input: {} as LicenseManagerInput,
      emitted: {} as EmittedEvent,
      meta: {} as StateMeta & TransitionMeta,
    },
    actions: {
      alarm: emit((_, params: AlarmParams) => alarmEvent(params)),
      refuse: emit(({ event }, params: RefuseParams) => refusedEvent(event.type, params)),
      checkOut: emit(({ context, event }) => {
        const e = event as Units;
        return effectEvent({ kind: 'checkOut', instanceId: e.instanceId, accountId: context.accountId, counts: e.counts }, 'NL-7');
      }),
      checkIn: emit(({ context, event }) => {
        const e = event as Units;
        return effectEvent({ kind: 'checkIn', instanceId: e.instanceId, accountId: context.accountId, counts: e.counts }, 'NL-7');
      }),
      // NL-11: the servers learn the service is back and reconcile what they hold.
      announceStarted: emit(({ context }: { context: LicenseManagerContext }) =>
        message({ kind: 'servers', account: context.accountId }, { type: 'LICENSE_MANAGER_STARTED' }, 'NL-11'),
      ),
    },
  });
}

export type LicenseManagerSetup = ReturnType<typeof licenseManagerSetup>;
