import { alarm, clearAlarm, refuse } from '../emitted.ts';
import { deny, PROVISIONING } from '../meta.ts';
import type { SmartLicensingSetup } from './setup.ts';

export const MACHINE_ID = 'smartLicensing';
/** Absolute ids of the states other parts of the chart target. */
export const ID = {
  evaluation: `#${MACHINE_ID}.unregistered.evaluation`,
  evaluationExpired: `#${MACHINE_ID}.unregistered.evaluationExpired`,
  registrationExpired: `#${MACHINE_ID}.unregistered.registrationExpired`,
  registered: `#${MACHINE_ID}.registered`,
  authorizationValid: `#${MACHINE_ID}.registered.authorization.valid`,
  registrationValid: `#${MACHINE_ID}.registered.registration.valid`,
  exportGranted: `#${MACHINE_ID}.registered.export.granted`,
  reservationEvaluating: `#${MACHINE_ID}.reservation.pending.evaluation.evaluating`,
  reservationEvaluationExpired: `#${MACHINE_ID}.reservation.pending.evaluation.expired`,
  reserved: `#${MACHINE_ID}.reservation.reserved`,
  reservedNotAuthorized: `#${MACHINE_ID}.reservation.reserved.authorization.notAuthorized`,
  decommissioned: `#${MACHINE_ID}.decommissioned`,
} as const;

const ADDING_REFUSED = 'adding users or devices is refused until the instance is registered';

/** SL-1, SL-2, SL-15: evaluation before registration, and what happens when it runs out. */
export function unregisteredState(s: SmartLicensingSetup) {
  return s.createStateConfig({
    meta: { rules: ['SL-1', 'SL-2'] },
    initial: 'evaluation',
    states: {
      evaluation: {
        meta: { rules: ['SL-1', 'SL-15'], status: { name: 'evaluation', group: 'evaluation', rank: 1 } },
        entry: ['startEvaluationClock', alarm('SmartLicenseInEval', 'SL-17')],
        exit: ['stopEvaluationClock', clearAlarm('SmartLicenseInEval', 'SL-18')],
        after: { evaluationRemaining: { target: 'evaluationExpired', meta: { rules: ['SL-1', 'SL-2'] } } },
      },
      evaluationExpired: {
        meta: {
          rules: ['SL-2'],
          status: { name: 'evaluationExpired', group: 'expired', rank: 1 },
          deny: deny(PROVISIONING, 'SL-2', ADDING_REFUSED),
        },
        entry: [alarm('SmartLicenseNoProvision_EvalExpired', 'SL-17')],
        exit: [clearAlarm('SmartLicenseNoProvision_EvalExpired', 'SL-18')],
      },
      // SL-14: the registration expired and the policy sends the instance to enforcement, not to a fresh evaluation.
      registrationExpired: {
        meta: {
          rules: ['SL-14'],
          status: { name: 'registrationExpiredEnforced', group: 'enforcement', rank: 6 },
          deny: deny(
            PROVISIONING,
            'SL-14',
            'the registration expired; adding users or devices is refused until the instance registers again',
          ),
        },
        // Enforcement is not left through reservation mode's evaluation either.
        on: { SLR_ENABLE: { target: ID.reservationEvaluationExpired, meta: { rules: ['SLR-1', 'SL-14'] } } },
      },
    },
    on: {
      REGISTER: [
        { guard: 'tokenExpired', actions: refuse('SL-4', 'the registration token has expired') },
        {
          guard: 'linkUp',
          target: ID.registered,
          actions: ['recordToken', 'countReport', 'requestRegistration'],
          meta: { rules: ['SL-4'] },
        },
        {
          actions: [
            alarm('SmartLicenseCommunicationError', 'SL-17'),
            refuse('SL-4', 'registration failed: CSSM or the satellite cannot be reached'),
          ],
        },
      ],
      SLR_ENABLE: [
        { guard: 'evaluationLeft', target: ID.reservationEvaluating, meta: { rules: ['SLR-1'] } },
        { target: ID.reservationEvaluationExpired, meta: { rules: ['SLR-1'] } },
      ],
      REREGISTER: { actions: refuse('SL-9', 'the instance is not registered; register it first') },
      DEREGISTER: { actions: refuse('SL-8', 'the instance is not registered') },
      RENEW_AUTHORIZATION: { actions: refuse('SL-5', 'the instance is not registered') },
      RENEW_REGISTRATION: { actions: refuse('SL-6', 'the instance is not registered') },
      DEPLOY_SECURE_TRUNK: {
        actions: refuse(
          'SL-3',
          'a secure SIP trunk cannot be deployed unregistered; register with a token that allows export-controlled functionality',
        ),
      },
      EXPORT_REQUEST: { actions: refuse('EX-1', 'export requests need a registered instance') },
      EXPORT_RETURN: { actions: refuse('EX-1', 'export returns need a registered instance') },
      EXPORT_CANCEL: { actions: refuse('EX-1', 'there is no export request to cancel') },
      SLR_DISABLE: { actions: refuse('SLR-9', 'reservation mode is not enabled') },
      SLR_REQUEST: { actions: refuse('SLR-2', 'reservation mode is not enabled; enable it first (SLR-1)') },
      SLR_CANCEL: { actions: refuse('SLR-6', 'reservation mode is not enabled') },
      SLR_INSTALL: { actions: refuse('SLR-4', 'reservation mode is not enabled') },
      SLR_RETURN: { actions: refuse('SLR-7', 'no reservation is installed') },
      SLR_RETURN_AUTHORIZATION: { actions: refuse('SLR-7', 'reservation mode is not enabled') },
    },
  });
}
