import { declareEffectful } from '../effects.ts';
import { refuse } from '../emitted.ts';
import type { MachineEnv } from '../env.ts';
import { instantsMeta } from '../instants.ts';
import { NEVER } from '../time.ts';
import { registeredState } from './registered.ts';
import { reservationState } from './reservation.ts';
import { smartLicensingSetup } from './setup.ts';
import type { SmartLicensingContext } from './types.ts';
import { MACHINE_ID, unregisteredState } from './unregistered.ts';

/**
 * Notifications an instance may receive in any state: what the world and the
 * back end tell it. They are not requests, so a state that has no use for one
 * ignores it rather than refusing it.
 */
const NOTIFICATIONS = {
  LINK_DOWN: { actions: 'markLinkDown' },
  LINK_UP: { actions: 'markLinkUp' },
  LINK_CHANGED: { actions: 'recordPath', meta: { rules: ['SL-10'] } },
  SATELLITE_STATUS: { actions: 'recordSatelliteStatus', meta: { rules: ['SL-10'] } },
  USAGE_CHANGED: {},
  NOT_REGISTERED: {},
  OUT_OF_COMPLIANCE: {},
  IN_COMPLIANCE: {},
} as const;

/**
 * Smart Software Licensing (CUCM 12+/14): SL-1..SL-18, SLR-1..SLR-11, EX-1, EX-2.
 * Every duration comes from `context.policy`; every state and transition cites its
 * rules. The instance knows only what reaches it (DOMAIN.md §6): its own link,
 * what its satellite and CSSM told it, and its own usage.
 */
export function createSmartLicensingMachine(env: MachineEnv) {
  const s = smartLicensingSetup(env);
  const machine = s.createMachine({
    id: MACHINE_ID,
    meta: instantsMeta<SmartLicensingContext>([
      'installedAt',
      'evaluationRunningSince',
      'satelliteSyncedAt',
      'authorizationRenewedAt',
      'registrationRenewedAt',
      'lastReportAt',
      'overageSince',
      'compliantSince',
    ]),
    context: ({ input }) => ({
      policy: input.policy,
      instanceId: input.instanceId,
      ref: input.ref ?? 0,
      installedAt: env.now(),
      evaluationUsed: 0,
      evaluationRunningSince: NEVER,
      accountId: null,
      exportAllowed: false,
      mixedMode: false,
      exportGranted: false,
      linkUp: input.linkUp ?? true,
      viaSatellite: input.viaSatellite ?? false,
      satelliteConnected: true,
      satelliteSyncedAt: NEVER,
      authorizationRenewedAt: NEVER,
      registrationRenewedAt: NEVER,
      installedAuthorizationCode: null,
      reservedCounts: null,
      reportsSent: 0,
      lastReportAt: NEVER,
      believesOutOfCompliance: false,
      enforcedRegions: 0,
      overageUsed: 0,
      overageSince: NEVER,
      overageRun: 0,
      compliantSince: NEVER,
      orphanedIn: null,
      registrationExpiredUp: false,
    }),
    initial: 'unregistered',
    states: {
      unregistered: unregisteredState(s),
      registered: registeredState(s),
      reservation: reservationState(s),
      decommissioned: {
        meta: { rules: ['SLR-8'], status: { name: 'decommissioned', group: 'retired', rank: 9 }, terminal: true },
        // SL-18: a decommissioned instance has no condition left to report.
        entry: ['clearRegistrationExpired'],
        on: {
          ...NOTIFICATIONS,
          '*': { actions: refuse('SLR-8', 'the instance is decommissioned (RMA); it can take no part in licensing any more') },
        },
      },
    },
    on: {
      ...NOTIFICATIONS,
      RMA: { target: '.decommissioned', meta: { rules: ['SLR-8'] } },
      '*': { actions: refuse(null, 'not accepted in this state') },
    },
  });
  return declareEffectful(machine, [
    'requestRegistration',
    'requestMove',
    'requestMoveKeepingExport',
    'emitExportGrant',
    'emitExportReturn',
    'emitReservationInstalled',
    'emitConfirmationCode',
    'emitReturnCode',
    'recordReservedUsage',
    'emitNonOperational',
    'deregister',
    'expireRegistration',
  ]);
}

export type SmartLicensingMachine = ReturnType<typeof createSmartLicensingMachine>;
