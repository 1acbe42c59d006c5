import { and, not } from 'xstate';
import { alarm, clearAlarm, refuse } from '../emitted.ts';
import { deny, PROVISIONING } from '../meta.ts';
import type { SmartLicensingSetup } from './setup.ts';
import { ID } from './unregistered.ts';

const NO_PROVISION_EVAL = 'evaluation expired in reservation mode; install a reservation authorization code';
const NO_PROVISION_SLR = 'usage exceeds the reserved licences and the overage period is over';

/** SLR-1, SLR-2, SLR-6, SLR-7, SLR-9: reservation mode before an authorization code is installed. */
function pendingState(s: SmartLicensingSetup) {
  return s.createStateConfig({
    type: 'parallel',
    meta: { rules: ['SLR-1'] },
    states: {
      // SL-15: the evaluation clock keeps counting in reservation mode, with the SLR alerts.
      evaluation: {
        initial: 'evaluating',
        states: {
          evaluating: {
            meta: { rules: ['SLR-1', 'SL-15'], status: { name: 'reservationEvaluation', group: 'evaluation', rank: 1 } },
            entry: ['startEvaluationClock', alarm('SmartLicense_SLR_InEval', 'SL-17')],
            exit: ['stopEvaluationClock', clearAlarm('SmartLicense_SLR_InEval', 'SL-18')],
            after: { evaluationRemaining: { target: 'expired', meta: { rules: ['SL-1', 'SLR-1'] } } },
          },
          expired: {
            meta: {
              rules: ['SLR-1', 'SL-2'],
              status: { name: 'reservationEvaluationExpired', group: 'expired', rank: 3 },
              deny: deny(PROVISIONING, 'SL-2', NO_PROVISION_EVAL),
            },
            entry: [alarm('SmartLicense_SLR_NoProvision_EvalExpired', 'SL-17')],
            exit: [clearAlarm('SmartLicense_SLR_NoProvision_EvalExpired', 'SL-18')],
          },
        },
      },
      request: {
        initial: 'enabled',
        states: {
          enabled: {
            meta: { rules: ['SLR-1'] },
            on: {
              SLR_REQUEST: { target: 'inProgress', meta: { rules: ['SLR-2'] } },
              SLR_CANCEL: { actions: refuse('SLR-6', 'there is no reservation request to cancel') },
              SLR_INSTALL: { actions: refuse('SLR-4', 'no reservation request is in progress') },
              SLR_RETURN_AUTHORIZATION: { actions: refuse('SLR-7', 'no reservation request is in progress') },
            },
          },
          inProgress: {
            meta: { rules: ['SLR-2'], status: { name: 'reservationInProgress', group: 'evaluation', rank: 2 } },
            on: {
              SLR_CANCEL: { target: 'enabled', meta: { rules: ['SLR-6'] } },
              SLR_INSTALL: [
                // SLR-11: installed while already using more than it reserves: Not Authorized – Reserved at once.
                {
                  guard: and(['authorizationCodeMatches', 'installExceeds']),
                  target: ID.reservedNotAuthorized,
                  actions: ['recordInstalledCode', 'emitReservationInstalled'],
                  meta: { rules: ['SLR-4', 'SLR-11'] },
                },
                {
                  guard: 'authorizationCodeMatches',
                  target: ID.reserved,
                  actions: ['recordInstalledCode', 'emitReservationInstalled'],
                  meta: { rules: ['SLR-4'] },
                },
                { actions: refuse('SLR-3', 'the authorization code was not generated for this instance') },
              ],
              SLR_RETURN_AUTHORIZATION: [
                { guard: 'authorizationCodeMatches', target: 'enabled', actions: 'emitReturnCode', meta: { rules: ['SLR-7'] } },
                { actions: refuse('SLR-7', 'the authorization code was not generated for this instance') },
              ],
              SLR_REQUEST: { actions: refuse('SLR-2', 'a reservation request is already in progress') },
            },
          },
        },
      },
    },
    on: {
      SLR_DISABLE: [
        { guard: 'evaluationLeft', target: ID.evaluation, meta: { rules: ['SLR-9'] } },
        { target: ID.evaluationExpired, meta: { rules: ['SLR-9'] } },
      ],
      SLR_RETURN: { actions: refuse('SLR-7', 'no authorization code is installed; use return-authorization for an uninstalled code') },
      SLR_CONFIRMED: { actions: refuse('SLR-5', 'no reservation update is in transit') },
    },
  });
}

/** SLR-4, SLR-5, SLR-7: Registered – Specific License Reservation. */
function reservedState(s: SmartLicensingSetup) {
  return s.createStateConfig({
    type: 'parallel',
    meta: { rules: ['SLR-4'], status: { name: 'reserved', group: 'reserved', rank: 1 }, holds: 'reservation' },
    entry: ['recordReservedUsage'],
    exit: ['clearInstalledCode'],
    states: {
      // SLR-11: the use its reservation is measured against, kept as it changes (its shortfall is overdraft).
      usage: {
        initial: 'recorded',
        states: { recorded: { on: { USAGE_CHANGED: { actions: 'recordReservedUsage', meta: { rules: ['SLR-11'] } } } } },
      },
      // SLR-9, SLR-11: the instance itself compares its use with the licences its code reserves (no sync, no borrowing).
      authorization: {
        initial: 'authorized',
        states: {
          authorized: {
            on: {
              USAGE_CHANGED: { guard: 'exceedsReservation', target: 'notAuthorized', meta: { rules: ['SLR-11', 'SL-12'] } },
              SLR_INSTALL: {
                guard: and(['authorizationCodeIsNew', 'installExceeds']),
                target: 'notAuthorized',
                meta: { rules: ['SLR-5', 'SLR-11'] },
              },
            },
          },
          notAuthorized: {
            initial: 'overage',
            on: {
              USAGE_CHANGED: { guard: 'withinReservation', target: 'authorized', meta: { rules: ['SLR-11'] } },
              SLR_INSTALL: {
                guard: and(['authorizationCodeIsNew', not('installExceeds')]),
                target: 'authorized',
                meta: { rules: ['SLR-5', 'SLR-11'] },
              },
            },
            states: {
              overage: {
                meta: { rules: ['SL-12', 'SLR-9'], status: { name: 'reservedOverage', group: 'overage', rank: 3 } },
                entry: [alarm('SmartLicense_SLR_InOverage_NotAuthorized', 'SL-17')],
                exit: [clearAlarm('SmartLicense_SLR_InOverage_NotAuthorized', 'SL-18')],
                after: { slrOverage: { target: 'noProvision', meta: { rules: ['SL-12', 'SLR-11'] } } },
              },
              noProvision: {
                meta: {
                  rules: ['SL-12'],
                  status: { name: 'reservedEnforced', group: 'enforcement', rank: 4 },
                  deny: deny(PROVISIONING, 'SL-12', NO_PROVISION_SLR),
                },
                entry: [alarm('SmartLicense_SLR_NoProvision_NotAuthorized', 'SL-17')],
                exit: [clearAlarm('SmartLicense_SLR_NoProvision_NotAuthorized', 'SL-18')],
              },
            },
          },
        },
      },
      update: {
        initial: 'current',
        states: {
          current: {
            on: {
              SLR_INSTALL: [
                {
                  guard: 'authorizationCodeIsNew',
                  target: 'inTransit',
                  actions: ['recordInstalledCode', 'emitConfirmationCode'],
                  meta: { rules: ['SLR-5'] },
                },
                { actions: refuse('SLR-5', 'no new authorization code was generated for this instance') },
              ],
              SLR_CONFIRMED: { actions: refuse('SLR-5', 'no reservation update is in transit') },
            },
          },
          inTransit: {
            meta: { rules: ['SLR-5'], status: { name: 'reservationUpdateInTransit', group: 'reserved', rank: 2 } },
            on: {
              SLR_CONFIRMED: { target: 'current', meta: { rules: ['SLR-5'] } },
              SLR_INSTALL: [
                {
                  guard: 'authorizationCodeIsNew',
                  target: 'inTransit',
                  reenter: true,
                  actions: ['recordInstalledCode', 'emitConfirmationCode'],
                  meta: { rules: ['SLR-5'] },
                },
                { actions: refuse('SLR-5', 'no new authorization code was generated for this instance') },
              ],
            },
          },
        },
      },
    },
    on: {
      SLR_RETURN: [
        // SLR-7: the instance's resulting state is a policy choice (slrReturnMode).
        {
          guard: and(['returnLeavesReservationMode', 'evaluationLeft']),
          target: ID.evaluation,
          actions: 'emitReturnCode',
          meta: { rules: ['SLR-7', 'SLR-9'] },
        },
        {
          guard: 'returnLeavesReservationMode',
          target: ID.evaluationExpired,
          actions: 'emitReturnCode',
          meta: { rules: ['SLR-7', 'SLR-9'] },
        },
        { guard: 'evaluationLeft', target: ID.reservationEvaluating, actions: 'emitReturnCode', meta: { rules: ['SLR-7'] } },
        { target: ID.reservationEvaluationExpired, actions: 'emitReturnCode', meta: { rules: ['SLR-7'] } },
      ],
      SLR_DISABLE: { actions: refuse('SLR-9', 'return the reservation first (SLR-7)') },
      SLR_REQUEST: { actions: refuse('SLR-5', 'licences are reserved; change the reservation in CSSM and install the new code') },
      SLR_CANCEL: { actions: refuse('SLR-6', 'an authorization code is installed; return it instead (SLR-7)') },
      SLR_RETURN_AUTHORIZATION: { actions: refuse('SLR-7', 'the code is installed; use reservation return') },
    },
  });
}

/** SLR-1..SLR-9: Specific License Reservation for air-gapped networks. */
export function reservationState(s: SmartLicensingSetup) {
  const noSync = 'there is no periodic sync under Specific License Reservation';
  return s.createStateConfig({
    meta: { rules: ['SLR-1'] },
    entry: ['clearRegistrationExpired'],
    initial: 'pending',
    states: { pending: pendingState(s), reserved: reservedState(s) },
    on: {
      REGISTER: { actions: refuse('SLR-1', 'the instance is in reservation mode; disable it to register online') },
      REREGISTER: { actions: refuse('SLR-1', 'the instance is in reservation mode') },
      DEREGISTER: { actions: refuse('SLR-7', 'a reserved instance leaves by reservation return, not deregistration') },
      RENEW_AUTHORIZATION: { actions: refuse('SLR-4', noSync) },
      RENEW_REGISTRATION: { actions: refuse('SLR-4', noSync) },
      SLR_ENABLE: { actions: refuse('SLR-1', 'reservation mode is already enabled') },
      // SL-3: "in the disconnected state, use export control feature using Smart License Reservation".
      DEPLOY_SECURE_TRUNK: [
        { guard: 'reservationAllowsExport', actions: 'enterMixedMode', meta: { rules: ['SL-3', 'SLR-4'] } },
        {
          guard: 'slrExportControlOff',
          actions: refuse('SL-3', 'export control under reservation is off by policy (slrExportControl: none)'),
        },
        { actions: refuse('SL-3', 'the installed reservation holds no export authorization; reserve one with the licences') },
      ],
      EXPORT_REQUEST: { actions: refuse('EX-1', 'export requests need an online registration') },
      // SLR-8: a destroyed instance cannot produce a return code; what CSSM reserved for it stays blocked.
      RMA: [
        { guard: 'cssmHoldsReservation', target: ID.decommissioned, actions: 'emitNonOperational', meta: { rules: ['SLR-8'] } },
        { target: ID.decommissioned, meta: { rules: ['SLR-8'] } },
      ],
    },
  });
}
