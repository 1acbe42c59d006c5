import type { z } from 'zod';
import { licenceFileOverdraftSchema } from './overdraft.ts';
import {
  choice,
  days,
  daysOrNone,
  daysOrZero,
  defaultsOf,
  deviceTypes,
  type PolicyTable,
  policyObject,
  regime,
  release,
  releaseGroups,
  toggle,
  unitsPerCapability,
  whole,
} from './policyParameter.ts';

/** Smart Software Licensing (CUCM 12+/14), DOMAIN.md §1: each parameter with its rule, unit, default and doc. */
export const smartLicensingParameters = {
  evaluationDays: days({ rule: 'SL-1', doc: 'evaluation period before registration', default: 90 }),
  evaluationClock: choice(['usage', 'calendar'], {
    rule: 'SL-15',
    doc: 'usage counts evaluation days only while in evaluation; calendar counts from install',
    default: 'usage',
  }),
  authorizationRenewalDays: days({ rule: 'SL-5', doc: 'automatic authorization renewal interval', default: 30 }),
  authorizationValidityDays: days({ rule: 'SL-5', doc: 'authorization expires this long after the last successful renewal', default: 90 }),
  authorizationRetryDays: days({ rule: 'SL-5', doc: 'retry interval after a failed renewal (undocumented)', default: 1 }),
  authorizationExpiringSoonDays: days({
    rule: 'SL-17',
    doc: 'lead time of SmartLicenseAuthorizationExpiringSoon (undocumented)',
    default: 15,
  }),
  registrationRenewalDays: days({ rule: 'SL-6', doc: 'automatic registration renewal interval (6 months)', default: 182.5 }),
  registrationValidityDays: days({ rule: 'SL-6', doc: 'registration certificate lifetime', default: 365 }),
  registrationRetryDays: days({ rule: 'SL-6', doc: 'retry interval after a failed registration renewal (undocumented)', default: 1 }),
  registrationExpiringSoonDays: days({
    rule: 'SL-17',
    doc: 'lead time of SmartLicenseRegistrationExpiringSoon (undocumented)',
    default: 30,
  }),
  renewFailedAlarm: choice(['every-attempt', 'once-per-outage'], {
    rule: 'SL-18',
    doc: 'a failed renewal raises SmartLicenseRenewAuthFailed (or …RenewRegistrationFailed) at every failed retry, or once until cleared',
    default: 'every-attempt',
  }),
  usageReportDays: days({ rule: 'SL-7', doc: 'at most one usage report per this interval: news waits for it (24 h)', default: 1 }),
  complianceCheckDays: days({
    rule: 'SL-7',
    doc: 'CSSM compares what it was last told with each VA at the start of a day, this often (outside: the comparison)',
    default: 1,
  }),
  satelliteSyncDays: days({ rule: 'SL-10', doc: 'a connected satellite syncs with CSSM this often', default: 1 }),
  satelliteRenewal: choice(['live', 'since-sync', 'cached'], {
    rule: 'SL-10',
    doc:
      'behind a disconnected satellite, renewal succeeds only while it reaches CSSM (live), ' +
      'if it synced since the last renewal (since-sync), or always (cached)',
    default: 'since-sync',
  }),
  slrExportControl: choice(['reserved', 'none'], {
    rule: 'SL-3',
    doc: 'under SLR, export control comes with an export authorization reserved with the licences (reserved), or not at all (none)',
    default: 'reserved',
  }),
  exportOnReregister: choice(['returned', 'moved'], {
    rule: 'EX-1',
    doc:
      'on reregistration to another VA a granted export licence goes back to the old VA (returned) or moves with the instance ' +
      'when the new token allows export and the new VA has one free (moved)',
    default: 'returned',
  }),
  exportRetryDays: days({ rule: 'EX-1', doc: 'retry interval of a failed export request or return', default: 1 }),
  overageDays: days({ rule: 'SL-12', doc: 'overage period when out of compliance (60 in older releases)', default: 90 }),
  overageClock: choice(['restart', 'resume'], {
    rule: 'SL-12',
    doc: 'after a return to compliance the next overage period is whole (restart) or what is left of the days (resume)',
    default: 'restart',
  }),
  overageResumeWindowDays: days({
    rule: 'SL-12',
    doc: 'under resume, a return to compliance this long or longer gives the overage days used back',
    default: 30,
  }),
  overageCapDays: daysOrNone({
    rule: 'SL-12',
    doc: 'overage days an instance may use in all, over every overage period (none: no cap)',
    default: 'none',
  }),
  slrOverageDays: days({
    rule: 'SLR-11',
    doc: 'overage period of a reserved instance using more than its reservation (Not Authorized - Reserved)',
    default: 90,
  }),
  slrReturnMode: choice(['reservation', 'smart'], {
    rule: 'SLR-7',
    doc:
      'after reservation return the instance stays in reservation mode (reservation) or leaves it for Smart Licensing (smart), ' +
      'with its unused evaluation days either way',
    default: 'reservation',
  }),
  authorizationExpiredOverage: toggle({
    rule: 'SL-13',
    doc: 'authorization expiry starts an overage period (inferred from the alert names)',
    default: true,
  }),
  authorizationExpiredOverageDays: days({ rule: 'SL-13', doc: 'overage period after authorization expiry', default: 90 }),
  registrationExpiredFallback: choice(['evaluation', 'enforcement'], {
    rule: 'SL-14',
    doc: 'on registration expiry go back to unused evaluation days, or straight to enforcement (registrationExpiredEnforced)',
    default: 'evaluation',
  }),
  enforcementOutlivesRegistration: toggle({
    rule: 'SL-14',
    doc: 'an instance in enforcement whose registration ends (expiry, deregistration, removal) gets no unused evaluation days back',
    default: true,
  }),
  tierBorrowing: toggle({ rule: 'SL-11', doc: 'CSSM substitutes a higher tier for an exhausted one', default: true }),
  overdraft: regime({ rule: '§4', doc: 'treatment of use beyond the purchase', default: { mode: 'time-grace' } }),
} satisfies PolicyTable;

/** Node-locked licence files (Presence 7.x, CallManager 5.x), DOMAIN.md §2. */
export const nodeLockedParameters = {
  freshInstall: choice(['evaluation', 'unlicensed'], {
    rule: 'NL-1',
    doc:
      "a fresh install starts Unified Presence's evaluation (evaluation, NL-1), or serves nothing until a licence file is " +
      'uploaded (unlicensed: CallManager 5, whose document names no evaluation)',
    default: 'evaluation',
  }),
  evaluationDays: days({ rule: 'NL-1', doc: 'evaluation period after a fresh install', default: 90 }),
  evaluationWarningDays: days({ rule: 'NL-1', doc: 'warning alarms start this long before evaluation ends', default: 30 }),
  evaluationWarningIntervalDays: days({ rule: 'NL-1', doc: 'interval between repeated warning alarms (undocumented)', default: 1 }),
  rehostGraceDays: daysOrZero({
    rule: 'NL-6',
    doc: 'grace period after a MAC change to upload a rehosted licence (0: none, the server stops at once until it has one, NL-13)',
    default: 30,
  }),
  rehostGraceWarningDays: days({
    rule: 'NL-6',
    doc:
      'LicenseGraceExpiryWarning is raised once, this long before the rehost grace ends (undocumented: NL-6 names no warning; ' +
      'the default follows NL-1\'s "alarms start 30 days before its end"; a grace no longer than this is warned of as it starts)',
    default: 30,
  }),
  rehostUploadAlone: choice(['valid', 'shutdown'], {
    rule: 'NL-6',
    doc:
      'at the end of the grace period, a rehosted licence uploaded without delete-invalid-license and a licence-manager ' +
      'restart counts as valid (production) or not (shutdown)',
    default: 'valid',
  }),
  maxClusterServers: whole('servers', 1, { rule: 'NL-5', doc: 'servers a cluster may have', default: 6 }),
  uncoveredUpload: choice(['refused', 'overdraft'], {
    rule: 'NL-5',
    doc:
      'an upload whose units the licence file cannot cover is refused, the server staying where it was (refused), ' +
      "or accepted with overdraft within the file's overdraft regime (overdraft)",
    default: 'refused',
  }),
  softphoneUnits: whole('units', 1, {
    rule: 'DLU-3',
    doc: 'units a softphone registered as a CUCM device consumes before CUCM 6.0',
    default: 3,
  }),
  maxAdjunctSecondaries: whole('softphones', 0, { rule: 'DLU-4', doc: 'secondary softphones per primary phone', default: 2 }),
  adjunctSecondaryTypes: deviceTypes({
    rule: 'DLU-4',
    doc: 'the device types that may be adjunct secondaries (the softphones of a group are IP-Communicator)',
    default: ['IP-Communicator', 'Personal-Communicator', 'Mobile-Communicator'],
  }),
  capabilityUnits: unitsPerCapability({
    rule: 'DLU-2',
    doc: 'units each Presence capability assigned to a user consumes',
    default: { CUP: 1, CUPC: 1 },
  }),
  adjunctMinimumCucmVersion: release({
    rule: 'DLU-4',
    doc: 'the CUCM release from which softphones may be 1-unit adjunct secondaries',
    default: 6,
  }),
  overdraft: regime(
    {
      rule: 'NL-7',
      doc: 'treatment of check-outs beyond the purchase (§4; not time-grace: a licence file has no overage timer)',
      default: { mode: 'always' },
    },
    licenceFileOverdraftSchema,
  ),
} satisfies PolicyTable;

/** Activation-claimed seats and sessions (Call Studio / Call Services), DOMAIN.md §3. */
export const sessionClaimParameters = {
  compatibleKeyVersions: releaseGroups({
    rule: 'CS-6',
    doc: 'groups of releases whose keys are interchangeable',
    default: [['5.0', '5.1']],
  }),
  keyVersionRanges: toggle({
    rule: 'CS-6',
    doc: 'a key names a range of releases: 5.x matches every 5 release, 5.1 matches its maintenance releases (5.1(1), 5.1.2)',
    default: true,
  }),
  expiredLicense: choice(['stops', 'runs'], {
    rule: 'CS-7',
    doc: 'when the licence an installation last pulled expires, the installation stops (licenseExpired) or runs on (activeLicenseExpired)',
    default: 'stops',
  }),
  automaticActivationNeedsNetwork: toggle({
    rule: 'CS-5',
    doc: 'automatic activation needs the licence server; manual activation does not',
    default: true,
  }),
} satisfies PolicyTable;

/** The whole Smart Licensing policy: strict, durations as days or 30d, 6w, 12h, 1y. */
export const smartLicensingPolicySchema = policyObject(smartLicensingParameters);
/** The whole node-locked policy. */
export const nodeLockedPolicySchema = policyObject(nodeLockedParameters);
/** The whole session-claim policy. */
export const sessionClaimPolicySchema = policyObject(sessionClaimParameters);

/** A resolved Smart Licensing policy (durations in days). */
export type SmartLicensingPolicy = z.output<typeof smartLicensingPolicySchema>;
/** A resolved node-locked policy (durations in days). */
export type NodeLockedPolicy = z.output<typeof nodeLockedPolicySchema>;
/** A resolved session-claim policy. */
export type SessionClaimPolicy = z.output<typeof sessionClaimPolicySchema>;

/** The documented Smart Licensing defaults (DOMAIN.md), from the parameter table above. */
export const smartLicensingDefaults: SmartLicensingPolicy = defaultsOf(smartLicensingParameters);
/** The documented node-locked defaults. */
export const nodeLockedDefaults: NodeLockedPolicy = defaultsOf(nodeLockedParameters);
/** The documented session-claim defaults. */
export const sessionClaimDefaults: SessionClaimPolicy = defaultsOf(sessionClaimParameters);
