import { and } from 'xstate';
import { alarm, clearAlarm, refuse } from '../emitted.ts';
import { deny, PROVISIONING } from '../meta.ts';
import type { RuleId } from '../rules.ts';
import type { SmartLicensingSetup } from './setup.ts';
import { ID } from './unregistered.ts';

const noProvision = (rule: RuleId, why: string) => deny(PROVISIONING, rule, `no provisioning: ${why}`);

/** What differs between the authorization's renewals (SL-5) and the registration's (SL-6). */
interface Renewals {
  /** The timers: the next renewal, and the retry after a failed one. */
  renewal: 'authorizationRenewal' | 'registrationRenewal';
  retry: 'authorizationRetry' | 'registrationRetry';
  /** Renew Now. */
  manual: 'RENEW_AUTHORIZATION' | 'RENEW_REGISTRATION';
  /** The alarm of a failed renewal (SL-17). */
  alarm: 'SmartLicenseRenewAuthFailed' | 'SmartLicenseRenewRegistrationFailed';
  /** A renewal that succeeds: back to a fresh valid state. */
  renewed: { guard: 'canRenewAuthorization' | 'canRenewRegistration'; target: string; reenter: true; meta: { rules: readonly RuleId[] } };
  /** The refusal of a Renew Now that cannot reach CSSM. */
  unreachable: ReturnType<typeof refuse>;
}

/**
 * SL-5, SL-6, SL-17, SL-18: renewals, scheduled and then failing. The failed renewal's alarm
 * is raised at the first failed attempt and cleared as `failing` is left (a renewal succeeded,
 * or what it renews expired); each retry or Renew Now that fails raises it again under
 * `renewFailedAlarm: every-attempt`. Renew Now is handled here, in this region, so the
 * expiring-soon warning beside it stays as it is.
 */
function renewalRegion(s: SmartLicensingSetup, r: Renewals) {
  const { renewed, unreachable } = r;
  const everyAttempt = 'renewFailedAlarmEveryAttempt';
  return s.createStateConfig({
    initial: 'scheduled',
    states: {
      scheduled: {
        after: { [r.renewal as string]: [renewed, { target: 'failing' } as const] },
        on: { [r.manual as string]: [renewed, { target: 'failing', actions: [unreachable] } as const] },
      },
      failing: {
        meta: { rules: ['SL-17', 'SL-18'] },
        entry: [alarm(r.alarm, 'SL-17')],
        exit: [clearAlarm(r.alarm, 'SL-18')],
        initial: 'retrying',
        on: {
          [r.manual as string]: [
            renewed,
            { guard: everyAttempt, actions: [alarm(r.alarm, 'SL-18'), unreachable] } as const,
            { actions: [unreachable] } as const,
          ],
        },
        states: {
          retrying: {
            after: {
              [r.retry as string]: [
                renewed,
                { guard: everyAttempt, target: 'retrying', reenter: true, actions: alarm(r.alarm, 'SL-18') } as const,
                { target: 'retrying', reenter: true } as const,
              ],
            },
          },
        },
      },
    },
  });
}

/**
 * SL-17, SL-18: the expiring-soon warning, its lead time before the expiry: up from then
 * until what it warns of is renewed (the renewal re-enters the valid state) or expires.
 */
function expiringSoon(
  s: SmartLicensingSetup,
  name: 'SmartLicenseAuthorizationExpiringSoon' | 'SmartLicenseRegistrationExpiringSoon',
  delay: 'authorizationExpiringSoon' | 'registrationExpiringSoon',
) {
  return s.createStateConfig({
    initial: 'quiet',
    states: {
      quiet: { after: { [delay as string]: { target: 'soon', meta: { rules: ['SL-17'] } } as const } },
      soon: { meta: { rules: ['SL-17', 'SL-18'] }, entry: [alarm(name, 'SL-17')], exit: [clearAlarm(name, 'SL-18')] },
    },
  });
}

/** SL-5, SL-13: authorization renewed every 30 days, expiring 90 days after the last renewal. */
function authorizationRegion(s: SmartLicensingSetup) {
  const renewed = { guard: 'canRenewAuthorization', target: ID.authorizationValid, reenter: true, meta: { rules: ['SL-5'] } } as const;
  // While expired, the instance keeps retrying; the leaf re-enters itself so the overage clock above it runs on.
  const retrying = s.createStateConfig({
    after: { authorizationRetry: [renewed, { target: 'retrying', reenter: true }] },
  });
  const unreachable = refuse('SL-5', 'CSSM or the satellite cannot be reached');
  // SL-18: Renew Authorization Now that fails starts the failing renewals (their alarm is up until one succeeds), handled in
  // the renewal region so the expiring-soon warning stays as it is; once expired, the expiry's own alarm is up, and the
  // failed attempt's alarm is raised and cleared with it.
  const renewExpired = [
    renewed,
    { actions: [alarm('SmartLicenseRenewAuthFailed', 'SL-17'), clearAlarm('SmartLicenseRenewAuthFailed', 'SL-18'), unreachable] },
  ];
  return s.createStateConfig({
    initial: 'valid',
    states: {
      valid: {
        meta: { rules: ['SL-5'], status: { name: 'authorized', group: 'authorized', rank: 1 } },
        entry: ['recordAuthorizationRenewal'],
        type: 'parallel',
        states: {
          renewal: renewalRegion(s, {
            renewal: 'authorizationRenewal',
            retry: 'authorizationRetry',
            manual: 'RENEW_AUTHORIZATION',
            alarm: 'SmartLicenseRenewAuthFailed',
            renewed,
            unreachable,
          }),
          warning: expiringSoon(s, 'SmartLicenseAuthorizationExpiringSoon', 'authorizationExpiringSoon'),
        },
        after: {
          authorizationValidity: [
            { guard: 'authorizationExpiredOverage', target: 'expired.overage', meta: { rules: ['SL-5', 'SL-13'] } },
            { target: 'expired.noProvision', meta: { rules: ['SL-5', 'SL-13'] } },
          ],
        },
      },
      expired: {
        meta: { rules: ['SL-13'] },
        initial: 'overage',
        states: {
          overage: {
            meta: { rules: ['SL-13'], status: { name: 'authorizationExpiredOverage', group: 'overage', rank: 4 } },
            entry: [alarm('SmartLicenseInOverage_AuthorizationExpired', 'SL-13')],
            exit: [clearAlarm('SmartLicenseInOverage_AuthorizationExpired', 'SL-18')],
            after: { authorizationExpiredOverage: { target: 'noProvision', meta: { rules: ['SL-13'] } } },
            initial: 'retrying',
            states: { retrying },
          },
          noProvision: {
            meta: {
              rules: ['SL-13'],
              status: { name: 'authorizationExpiredEnforced', group: 'enforcement', rank: 5 },
              deny: noProvision('SL-13', 'the authorization expired and its overage period is over'),
            },
            entry: [alarm('SmartLicenseNoProvision_AuthorizationExpired', 'SL-13'), 'enterEnforcement'],
            exit: ['leaveEnforcement', clearAlarm('SmartLicenseNoProvision_AuthorizationExpired', 'SL-18')],
            initial: 'retrying',
            states: { retrying },
          },
        },
        on: { RENEW_AUTHORIZATION: renewExpired },
      },
    },
  });
}

/** SL-6, SL-14: the registration certificate, renewed every 6 months, lapsing after a year. */
function registrationRegion(s: SmartLicensingSetup) {
  const renewed = { guard: 'canRenewRegistration', target: ID.registrationValid, reenter: true, meta: { rules: ['SL-6'] } } as const;
  const unreachable = refuse('SL-6', 'CSSM or the satellite cannot be reached');
  return s.createStateConfig({
    initial: 'valid',
    states: {
      valid: {
        meta: { rules: ['SL-6'] },
        entry: ['recordRegistrationRenewal'],
        type: 'parallel',
        states: {
          renewal: renewalRegion(s, {
            renewal: 'registrationRenewal',
            retry: 'registrationRetry',
            manual: 'RENEW_REGISTRATION',
            alarm: 'SmartLicenseRenewRegistrationFailed',
            renewed,
            unreachable,
          }),
          warning: expiringSoon(s, 'SmartLicenseRegistrationExpiringSoon', 'registrationExpiringSoon'),
        },
        after: {
          registrationValidity: [
            { guard: 'fallbackToEvaluation', target: ID.evaluation, actions: 'expireRegistration', meta: { rules: ['SL-14'] } },
            {
              guard: 'fallbackToEvaluationExpired',
              target: ID.evaluationExpired,
              actions: 'expireRegistration',
              meta: { rules: ['SL-14'] },
            },
            { target: ID.registrationExpired, actions: 'expireRegistration', meta: { rules: ['SL-14'] } },
          ],
        },
      },
    },
  });
}

/** SL-7, SL-12: what the daily usage report says of the VA, with its overage period. */
function complianceRegion(s: SmartLicensingSetup) {
  return s.createStateConfig({
    initial: 'compliant',
    states: {
      compliant: {
        entry: ['markCompliant'],
        on: {
          OUT_OF_COMPLIANCE: [
            // §4, SL-12: no overage period to run (the VA's regime refuses use beyond it at once, or the days are used up).
            { guard: 'noOverageLeft', target: 'outOfCompliance.noProvision', meta: { rules: ['SL-7', 'SL-12'] } },
            { target: 'outOfCompliance', meta: { rules: ['SL-7', 'SL-12'] } },
          ],
        },
      },
      outOfCompliance: {
        meta: { rules: ['SL-12'] },
        entry: ['believeOutOfCompliance'],
        exit: ['believeInCompliance'],
        initial: 'overage',
        on: { IN_COMPLIANCE: { target: 'compliant', meta: { rules: ['SL-12'] } } },
        states: {
          overage: {
            meta: { rules: ['SL-12'], status: { name: 'outOfComplianceOverage', group: 'overage', rank: 2 } },
            entry: [alarm('SmartLicenseInOverage_OutOfCompliance', 'SL-12'), 'startOverageClock'],
            exit: ['stopOverageClock', clearAlarm('SmartLicenseInOverage_OutOfCompliance', 'SL-18')],
            after: { overage: { target: 'noProvision', meta: { rules: ['SL-12'] } } },
          },
          noProvision: {
            meta: {
              rules: ['SL-12'],
              status: { name: 'outOfComplianceEnforced', group: 'enforcement', rank: 3 },
              deny: noProvision('SL-12', 'out of compliance and the overage period is over'),
            },
            entry: [alarm('SmartLicenseNoProvision_OutOfCompliance', 'SL-12'), 'enterEnforcement'],
            exit: ['leaveEnforcement', clearAlarm('SmartLicenseNoProvision_OutOfCompliance', 'SL-18')],
          },
        },
      },
    },
  });
}

/** EX-1: export-restricted features requested and returned, retried until cancelled. */
function exportRegion(s: SmartLicensingSetup) {
  return s.createStateConfig({
    initial: 'none',
    states: {
      none: {
        on: {
          EXPORT_REQUEST: [
            { guard: 'exportGrantable', target: 'granted', actions: 'emitExportGrant', meta: { rules: ['EX-1'] } },
            { target: 'requestPending', meta: { rules: ['EX-1'] } },
          ],
          EXPORT_RETURN: { actions: refuse('EX-1', 'no export-restricted feature is granted') },
          EXPORT_CANCEL: { actions: refuse('EX-1', 'there is no export request or return to cancel') },
        },
      },
      requestPending: {
        meta: { rules: ['EX-1'] },
        after: {
          exportRetry: [
            { guard: 'exportGrantable', target: 'granted', actions: 'emitExportGrant', meta: { rules: ['EX-1'] } },
            { target: 'requestPending', reenter: true },
          ],
        },
        on: {
          EXPORT_CANCEL: { target: 'none', meta: { rules: ['EX-1'] } },
          EXPORT_REQUEST: { actions: refuse('EX-1', 'an export request is already being retried') },
          EXPORT_RETURN: { actions: refuse('EX-1', 'nothing is granted yet') },
        },
      },
      granted: {
        meta: { rules: ['EX-1'] },
        entry: ['markExportGranted'],
        exit: ['clearExportGranted'],
        on: {
          EXPORT_RETURN: [
            { guard: 'exportReturnable', target: 'none', actions: 'emitExportReturn', meta: { rules: ['EX-1'] } },
            { guard: 'linkUp', target: 'none', meta: { rules: ['EX-1', 'SL-8'] } },
            { target: 'returnPending', meta: { rules: ['EX-1'] } },
          ],
          EXPORT_REQUEST: { actions: refuse('EX-1', 'the export-restricted feature is already granted') },
          EXPORT_CANCEL: { actions: refuse('EX-1', 'there is no export request or return to cancel') },
        },
      },
      returnPending: {
        meta: { rules: ['EX-1'] },
        after: {
          exportRetry: [
            { guard: 'exportReturnable', target: 'none', actions: 'emitExportReturn', meta: { rules: ['EX-1'] } },
            { guard: 'linkUp', target: 'none', meta: { rules: ['EX-1', 'SL-8'] } },
            { target: 'returnPending', reenter: true },
          ],
        },
        on: {
          EXPORT_CANCEL: { target: 'granted', meta: { rules: ['EX-1'] } },
          EXPORT_REQUEST: { actions: refuse('EX-1', 'an export return is being retried') },
          EXPORT_RETURN: { actions: refuse('EX-1', 'an export return is already being retried') },
        },
      },
    },
  });
}

/** The actions that send a usage report (SL-7): count it, then send it. */
export const REPORT = ['countReport', 'sendReport'] as const;

/**
 * SL-7: usage reports. A report goes out when there is news (the usage changed,
 * or the link came back and the instance may have missed a verdict) as soon as
 * the link is up and `usageReportDays` have passed since the last one; news that
 * comes sooner waits for the interval, and news while the link is down waits for it.
 */
function reportingRegion(s: SmartLicensingSetup) {
  const rules = { rules: ['SL-7'] } as const;
  const now = { actions: REPORT, meta: rules } as const;
  const news = [{ guard: 'mayReportNow', ...now }, { target: 'due' }] as const;
  // A region that takes LINK_UP or LINK_CHANGED hides the root's handler (XState's parallel
  // selection), so these record the link too; their guards see the link as it was before.
  const back = [
    { guard: 'reportIntervalPassed', target: 'current', actions: ['markLinkUp', ...REPORT], meta: rules },
    { target: 'due', actions: 'markLinkUp' },
  ] as const;
  const moved = [
    { guard: 'mayReportNow', target: 'current', actions: ['recordPath', ...REPORT], meta: rules },
    { target: 'due', actions: 'recordPath' },
  ] as const;
  // Update Usage Details with no way to CSSM: the report cannot be sent, and the instance says why.
  const unreachable = refuse('SL-7', 'usage cannot be reported: CSSM or the satellite cannot be reached');
  return s.createStateConfig({
    initial: 'current',
    states: {
      current: {
        on: {
          USAGE_CHANGED: news,
          LINK_UP: back,
          LINK_CHANGED: moved,
          UPDATE_USAGE: [
            { guard: 'linkUp', ...now },
            { target: 'offline', actions: unreachable },
          ],
        },
      },
      due: {
        meta: rules,
        after: { usageReportWait: [{ guard: 'linkUp', target: 'current', ...now }, { target: 'offline' }] },
        on: { UPDATE_USAGE: [{ guard: 'linkUp', target: 'current', ...now }, { actions: unreachable }] },
      },
      offline: {
        meta: rules,
        on: { LINK_UP: back, LINK_CHANGED: moved, UPDATE_USAGE: { actions: unreachable } },
      },
    },
  });
}

/** SL-4..SL-9, SL-12..SL-14, EX-1, EX-2: a registered instance, five concerns in parallel. */
export function registeredState(s: SmartLicensingSetup) {
  const deregistered = { actions: 'deregister', meta: { rules: ['SL-8', 'EX-2'] } } as const;
  return s.createStateConfig({
    type: 'parallel',
    meta: { rules: ['SL-4'], holds: 'registration' },
    entry: ['clearRegistrationExpired'],
    states: {
      authorization: authorizationRegion(s),
      registration: registrationRegion(s),
      compliance: complianceRegion(s),
      export: exportRegion(s),
      reporting: reportingRegion(s),
    },
    on: {
      DEREGISTER: [
        { guard: 'freshEvaluationAllowed', target: ID.evaluation, ...deregistered },
        { target: ID.evaluationExpired, ...deregistered },
      ],
      REREGISTER: [
        { guard: 'tokenExpired', actions: refuse('SL-4', 'the registration token has expired') },
        // EX-1 (exportOnReregister: moved): the granted export licence moves with the instance to the new VA.
        {
          guard: and(['linkUp', 'exportMoves']),
          target: ID.exportGranted,
          reenter: true,
          actions: ['recordToken', 'countReport', 'requestMoveKeepingExport'],
          meta: { rules: ['SL-9', 'EX-1'] },
        },
        {
          guard: 'linkUp',
          target: ID.registered,
          reenter: true,
          actions: ['recordToken', 'countReport', 'requestMove'],
          meta: { rules: ['SL-9'] },
        },
        {
          actions: [
            alarm('SmartLicenseCommunicationError', 'SL-17'),
            refuse('SL-9', 'reregistration failed: CSSM or the satellite cannot be reached'),
          ],
        },
      ],
      DEPLOY_SECURE_TRUNK: [
        { guard: 'exportControlAllowed', actions: 'enterMixedMode', meta: { rules: ['SL-3'] } },
        { actions: refuse('SL-3', 'the registration token does not allow export-controlled functionality') },
      ],
      REGISTER: { actions: refuse('SL-4', 'already registered; use REREGISTER to move to another virtual account (SL-9)') },
      SLR_ENABLE: { actions: refuse('SLR-1', 'reservation can only be enabled while unregistered; deregister first') },
      // SL-8: removed in CSSM, the instance is unregistered; CSSM holds nothing of it.
      NOT_REGISTERED: [
        { guard: 'freshEvaluationAllowed', target: ID.evaluation, actions: 'forgetRegistration', meta: { rules: ['SL-8', 'SL-14'] } },
        { target: ID.evaluationExpired, actions: 'forgetRegistration', meta: { rules: ['SL-8'] } },
      ],
      // SLR-8, SL-8: a destroyed instance never deregisters; CSSM keeps what it was last told.
      RMA: { target: ID.decommissioned, actions: 'orphanRegistration', meta: { rules: ['SLR-8', 'SL-8'] } },
    },
  });
}
