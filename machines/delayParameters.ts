/**
 * The policy parameters each machine's named delays are computed from, by machine id and
 * delay name: what a timer's explanation names ("timer overage: overageDays = 30 d"). A
 * delay that reads no parameter (a licence's own expiry) lists none.
 * test/machines/delayParameters.test.ts checks that every named delay of every machine is here.
 *
 * @example
 * DELAY_PARAMETERS.smartLicensing?.overage; // ['overageDays', 'overageCapDays', 'overageClock']
 */
export const DELAY_PARAMETERS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  smartLicensing: {
    evaluationRemaining: ['evaluationDays', 'evaluationClock'],
    authorizationRenewal: ['authorizationRenewalDays'],
    authorizationRetry: ['authorizationRetryDays'],
    authorizationValidity: ['authorizationValidityDays'],
    authorizationExpiringSoon: ['authorizationValidityDays', 'authorizationExpiringSoonDays'],
    authorizationExpiredOverage: ['authorizationExpiredOverageDays'],
    registrationRenewal: ['registrationRenewalDays'],
    registrationRetry: ['registrationRetryDays'],
    registrationValidity: ['registrationValidityDays'],
    registrationExpiringSoon: ['registrationValidityDays', 'registrationExpiringSoonDays'],
    overage: ['overageDays', 'overageCapDays', 'overageClock'],
    slrOverage: ['slrOverageDays'],
    exportRetry: ['exportRetryDays'],
    usageReportWait: ['usageReportDays'],
  },
  nodeLocked: {
    evaluationEnd: ['evaluationDays'],
    evaluationWarningStart: ['evaluationDays', 'evaluationWarningDays'],
    evaluationWarningInterval: ['evaluationWarningIntervalDays'],
    rehostGrace: ['rehostGraceDays'],
    rehostGraceWarningStart: ['rehostGraceDays', 'rehostGraceWarningDays'],
  },
  sessionClaim: { licenseExpiry: [] },
  satellite: { satelliteSync: ['satelliteSyncDays'] },
  cssm: {},
  licenseManager: {},
};
