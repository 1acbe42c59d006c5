import { z } from 'zod';
import { overdraftSchema } from './overdraft.ts';

/** A positive duration in days; every one cites the rule it comes from. */
function days(rule: string, doc: string) {
  return z
    .number({ error: 'must be a number of days' })
    .positive({ error: 'must be a positive number of days' })
    .max(36500, { error: 'must be at most 36500 days' })
    .describe(`${rule}: ${doc}`);
}

function whole(rule: string, doc: string, min = 0) {
  return z
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be ${min} or more` })
    .describe(`${rule}: ${doc}`);
}

/** Smart Software Licensing (CUCM 12+/14), DOMAIN.md §1. */
export const smartLicensingPolicySchema = z.strictObject({
  evaluationDays: days('SL-1', 'evaluation period before registration'),
  evaluationClock: z
    .enum(['usage', 'calendar'])
    .describe('SL-15: usage counts evaluation days only while in evaluation; calendar counts from install'),
  authorizationRenewalDays: days('SL-5', 'automatic authorization renewal interval'),
  authorizationValidityDays: days('SL-5', 'authorization expires this long after the last successful renewal'),
  authorizationRetryDays: days('SL-5', 'retry interval after a failed renewal (undocumented)'),
  authorizationExpiringSoonDays: days('SL-17', 'lead time of SmartLicenseAuthorizationExpiringSoon (undocumented)'),
  registrationRenewalDays: days('SL-6', 'automatic registration renewal interval (6 months)'),
  registrationValidityDays: days('SL-6', 'registration certificate lifetime'),
  registrationRetryDays: days('SL-6', 'retry interval after a failed registration renewal (undocumented)'),
  registrationExpiringSoonDays: days('SL-17', 'lead time of SmartLicenseRegistrationExpiringSoon (undocumented)'),
  usageReportDays: days('SL-7', 'at most one usage report per this interval: news waits for it (24 h)'),
  complianceCheckDays: days('SL-7', 'CSSM compares what it was last told with each VA at the start of a day, this often (outside: the comparison)'),
  satelliteSyncDays: days('SL-10', 'a connected satellite syncs with CSSM this often'),
  satelliteRenewal: z
    .enum(['live', 'since-sync', 'cached'])
    .describe(
      'SL-10: behind a disconnected satellite, renewal succeeds only while it reaches CSSM (live), if it synced since the last renewal (since-sync), or always (cached)',
    ),
  exportRetryDays: days('EX-1', 'retry interval of a failed export request or return'),
  overageDays: days('SL-12', 'overage period when out of compliance (60 in older releases)'),
  authorizationExpiredOverage: z
    .boolean({ error: 'must be true or false' })
    .describe('SL-13: authorization expiry starts an overage period (inferred from the alert names)'),
  authorizationExpiredOverageDays: days('SL-13', 'overage period after authorization expiry'),
  registrationExpiredFallback: z
    .enum(['evaluation', 'enforcement'])
    .describe('SL-14: on registration expiry go back to unused evaluation days, or straight to enforcement'),
  tierBorrowing: z.boolean({ error: 'must be true or false' }).describe('SL-11: CSSM substitutes a higher tier for an exhausted one'),
  overdraft: overdraftSchema.describe('§4: treatment of use beyond the purchase'),
});

/** Node-locked licence files (Presence 7.x, CallManager 5.x), DOMAIN.md §2. */
export const nodeLockedPolicySchema = z.strictObject({
  evaluationDays: days('NL-1', 'evaluation period after a fresh install'),
  evaluationWarningDays: days('NL-1', 'warning alarms start this long before evaluation ends'),
  evaluationWarningIntervalDays: days('NL-1', 'interval between repeated warning alarms (undocumented)'),
  rehostGraceDays: days('NL-6', 'grace period after a MAC change to upload a rehosted licence'),
  maxClusterServers: whole('NL-5', 'servers a cluster may have', 1),
  softphoneUnits: whole('DLU-3', 'units a softphone registered as a CUCM device consumes before CUCM 6.0', 1),
  maxAdjunctSecondaries: whole('DLU-4', 'secondary softphones per primary phone'),
  overdraft: overdraftSchema.describe('NL-7, §4: treatment of check-outs beyond the purchase'),
});

/** Activation-claimed seats and sessions (Call Studio / Call Services), DOMAIN.md §3. */
export const sessionClaimPolicySchema = z.strictObject({
  compatibleKeyVersions: z
    .array(z.array(z.string().min(1)).min(1))
    .describe('CS-6: groups of releases whose keys are interchangeable'),
  automaticActivationNeedsNetwork: z
    .boolean({ error: 'must be true or false' })
    .describe('CS-5: automatic activation needs the licence server; manual activation does not'),
});

export type SmartLicensingPolicy = z.infer<typeof smartLicensingPolicySchema>;
export type NodeLockedPolicy = z.infer<typeof nodeLockedPolicySchema>;
export type SessionClaimPolicy = z.infer<typeof sessionClaimPolicySchema>;

/** The documented defaults (DOMAIN.md), cited per parameter in the schemas above. */
export const smartLicensingDefaults: SmartLicensingPolicy = {
  evaluationDays: 90,
  evaluationClock: 'usage',
  authorizationRenewalDays: 30,
  authorizationValidityDays: 90,
  authorizationRetryDays: 1,
  authorizationExpiringSoonDays: 15,
  registrationRenewalDays: 182.5,
  registrationValidityDays: 365,
  registrationRetryDays: 1,
  registrationExpiringSoonDays: 30,
  usageReportDays: 1,
  complianceCheckDays: 1,
  satelliteSyncDays: 1,
  satelliteRenewal: 'since-sync',
  exportRetryDays: 1,
  overageDays: 90,
  authorizationExpiredOverage: true,
  authorizationExpiredOverageDays: 90,
  registrationExpiredFallback: 'evaluation',
  tierBorrowing: true,
  overdraft: { mode: 'time-grace' },
};

export const nodeLockedDefaults: NodeLockedPolicy = {
  evaluationDays: 90,
  evaluationWarningDays: 30,
  evaluationWarningIntervalDays: 1,
  rehostGraceDays: 30,
  maxClusterServers: 6,
  softphoneUnits: 3,
  maxAdjunctSecondaries: 2,
  overdraft: { mode: 'always' },
};

export const sessionClaimDefaults: SessionClaimPolicy = {
  compatibleKeyVersions: [['5.0', '5.1']],
  automaticActivationNeedsNetwork: true,
};
