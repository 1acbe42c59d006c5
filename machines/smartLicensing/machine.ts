import { refuse } from '../emitted.ts';
import type { MachineEnv } from '../env.ts';
import { registeredState } from './registered.ts';
import { reservationState } from './reservation.ts';
import { smartLicensingSetup } from './setup.ts';
import { NEVER } from './types.ts';
import { MACHINE_ID, unregisteredState } from './unregistered.ts';

/**
 * Smart Software Licensing (CUCM 12+/14): SL-1..SL-17, SLR-1..SLR-10, EX-1, EX-2.
 * Every duration comes from `context.policy`; every state and transition cites its rules.
 */
export function createSmartLicensingMachine(env: MachineEnv) {
  const s = smartLicensingSetup(env);
  return s.createMachine({
    id: MACHINE_ID,
    context: ({ input }) => ({
      policy: input.policy,
      instanceId: input.instanceId,
      installedAt: env.now(),
      evaluationUsed: 0,
      evaluationRunningSince: NEVER,
      accountId: null,
      exportAllowed: false,
      mixedMode: false,
      transport: input.transport ?? 'direct',
      reachable: input.reachable ?? true,
      lastSatelliteSync: NEVER,
      authorizationRenewedAt: NEVER,
      registrationRenewedAt: NEVER,
      installedAuthorizationCode: null,
    }),
    initial: 'unregistered',
    states: {
      unregistered: unregisteredState(s),
      registered: registeredState(s),
      reservation: reservationState(s),
      decommissioned: {
        meta: { rules: ['SLR-8'], status: { name: 'decommissioned', group: 'retired', rank: 9 }, terminal: true },
        on: {
          // The licensing back end may still report on it; that is no request to refuse.
          OUT_OF_COMPLIANCE: {},
          IN_COMPLIANCE: {},
          SLR_OUT_OF_COMPLIANCE: {},
          SLR_IN_COMPLIANCE: {},
          '*': { actions: refuse('SLR-8', 'the instance is decommissioned (RMA); its licences stay blocked until support removes it') },
        },
      },
    },
    on: {
      CONNECTIVITY_LOST: { actions: 'markUnreachable' },
      CONNECTIVITY_RESTORED: { actions: 'markReachable' },
      SET_TRANSPORT: { actions: 'setTransport', meta: { rules: ['SL-10'] } },
      SATELLITE_SYNC: { actions: 'recordSatelliteSync', meta: { rules: ['SL-10'] } },
      // Usage-report verdicts only matter where the instance tracks them; elsewhere they are moot.
      OUT_OF_COMPLIANCE: {},
      IN_COMPLIANCE: {},
      SLR_OUT_OF_COMPLIANCE: {},
      SLR_IN_COMPLIANCE: {},
      RMA: { target: '.decommissioned', meta: { rules: ['SLR-8'] } },
      '*': { actions: refuse(null, 'not accepted in this state') },
    },
  });
}

export type SmartLicensingMachine = ReturnType<typeof createSmartLicensingMachine>;
