/**
 * The rule ids of ../shared/DOMAIN.md with a one-line title each, so reports and
 * verdicts can cite a rule and a reader can trace a behaviour to its source.
 */
export const RULES = {
  'SL-1': 'Evaluation for 90 days after install, before registration',
  'SL-2': 'Evaluation expired: existing users and devices work, adding them is refused',
  'SL-3': 'Secure SIP trunk needs export control: an export-allowed registration token, or the reservation under SLR',
  'SL-4': 'Registration with a product-instance token leaves evaluation',
  'SL-5': 'Authorization renewed every 30 days; expires 90 days after the last renewal',
  'SL-6': 'Registration valid 1 year, renewed every 6 months',
  'SL-7': 'Usage reported every 24 h when CSSM can be reached; CSSM compares what it was last told with the VA',
  'SL-8': 'Deregistration releases entitlements; if CSSM is unreachable they stay held until the instance is removed in CSSM',
  'SL-9': "Reregistration with another VA's token migrates the instance",
  'SL-10': 'A satellite forwards reports and verdicts at its syncs: on an interval when connected, by hand when disconnected',
  'SL-11': 'Tier borrowing: an exhausted tier is satisfied by a higher one (not under SLR)',
  'SL-12': 'Out of compliance: overage period, then no provisioning',
  'SL-13': 'Authorization expired: overage period, then no provisioning',
  'SL-14': 'Registration expired: back to unused evaluation days, or enforcement',
  'SL-15': 'Evaluation clock counts only while in evaluation, once per lifetime',
  'SL-16': 'Which licence tier a user needs, by devices and features',
  'SL-17': 'Smart Licensing alert names',
  'SL-18': 'An alert is raised when its condition starts and cleared when it ends',
  'SLR-1': 'Reservation enable only while unregistered',
  'SLR-2': 'Reservation request: request code, Reservation In Progress',
  'SLR-3': 'Authorization code reserves licences, blocked for everyone else',
  'SLR-4': 'Install authorization code: Registered - Specific License Reservation',
  'SLR-5': 'Updated reservation in transit until the confirmation code is entered',
  'SLR-6': 'Reservation cancel abandons a request before install',
  'SLR-7': 'Reservation return releases exactly the reserved licences',
  'SLR-8': 'A non-operational (RMA) instance keeps its licences blocked',
  'SLR-9': 'Reservation disable; no tier borrowing under SLR',
  'SLR-10': 'Reserved licences are perpetual or term; a TERM licence lapses at its end date',
  'SLR-11': 'An update needs a surplus; use beyond the reservation is Not Authorized - Reserved',
  'EX-1': 'Export request/return of a restricted feature (registered only)',
  'EX-2': 'Deregistered in mixed mode: stays, raises SmartLicenseExportControlNotAllowed',
  'NL-1': '90-day evaluation; warnings from day 60, final alarm at expiry',
  'NL-2': 'One evaluation per release; no upgrade in evaluation',
  'NL-3': 'Evaluation lacks the softphone feature',
  'NL-4': 'Evaluation expired: service stops, only a licence upload is accepted',
  'NL-5': "Production: a licence file bound to the MAC covers the servers and the users' units",
  'NL-6': 'MAC change: 30-day grace to upload a rehosted licence, else shutdown',
  'NL-7': 'Licence manager checks units out and in, detects overdraft and refuses beyond its allowance',
  'NL-8': 'Licence manager alarm names',
  'NL-9': 'A PAK may be split into several licence files',
  'NL-10': 'Units in use at a 4.x to 5.x migration are granted free',
  'NL-11': 'The licence manager is a service: while it is down no units are checked out or in',
  'NL-12': 'Whether a PAK may be split across clusters is decided per PAK',
  'NL-13': 'CallManager 5: a new first node needs a new licence file with its MAC',
  'DLU-1': 'Device licence units per phone type (7920 = 4, 7970 = 5)',
  'DLU-2': 'Each user capability (CUP, CUPC) consumes 1 DLU',
  'DLU-3': 'A softphone as a CUCM device consumes 3 DLUs before CUCM 6.0',
  'DLU-4': 'Adjunct licensing: up to 2 secondary softphones at 1 unit each',
  'CS-1': 'Studio seats are per machine and not transferable',
  'CS-2': 'Call Services sessions spread over servers, claims total at most the licence',
  'CS-3': 'Claimed sessions are never returned to the pool',
  'CS-4': 'Reactivation consumes nothing, except the difference of an increase',
  'CS-5': 'Activation is automatic (online) or manual (offline)',
  'CS-6': 'Studio 5.0 and 5.1 keys are interchangeable',
  'CS-7': 'Licences expire; an installation sees a changed licence only after it reactivates',
} as const;

export type RuleId = keyof typeof RULES;

/** True when `id` is a rule of DOMAIN.md. */
export function isRuleId(id: string): id is RuleId {
  return Object.hasOwn(RULES, id);
}
