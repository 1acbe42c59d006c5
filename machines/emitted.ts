import type { EffectEvent } from './effects.ts';
import type { MessageEvent } from './messages.ts';
import type { RuleId } from './rules.ts';

/** Alarm names the vendors' products raise (SL-17, NL-8) and the evaluation alarms of NL-1. */
export const ALARMS = [
  'SmartLicenseInEval',
  'SmartLicenseNoProvision_EvalExpired',
  'SmartLicenseAuthorizationExpiringSoon',
  'SmartLicenseRegistrationExpiringSoon',
  'SmartLicenseRenewAuthFailed',
  'SmartLicenseRenewRegistrationFailed',
  'SmartLicenseCommunicationError',
  'SmartLicenseRegistrationExpired',
  'SmartLicenseInOverage_OutOfCompliance',
  'SmartLicenseNoProvision_OutOfCompliance',
  'SmartLicenseInOverage_AuthorizationExpired',
  'SmartLicenseNoProvision_AuthorizationExpired',
  'SmartLicenseExportControlNotAllowed',
  'SmartLicense_SLR_InEval',
  'SmartLicense_SLR_NoProvision_EvalExpired',
  'SmartLicense_SLR_InOverage_NotAuthorized',
  'SmartLicense_SLR_NoProvision_NotAuthorized',
  'CiscoLicenseManagerDown',
  'CiscoLicenseOverDraft',
  'CiscoLicenseRequestFailed',
  'CiscoLicenseDataStoreError',
  'CiscoLicenseInternalError',
  'CiscoLicenseFileError',
  'LicenseEvaluationExpiryWarning',
  'LicenseEvaluationExpired',
  'LicenseGraceExpiryWarning',
] as const;
export type AlarmName = (typeof ALARMS)[number];

/**
 * NL-1, NL-6: alarm names no document gives. The documents say an alarm fires (30
 * days before an evaluation ends, at its end, before a rehost grace runs out) but
 * not what it is called: these names are licsim's own, and reports and `licsim list`
 * say so.
 */
export const LICSIM_NAMED_ALARMS: ReadonlySet<AlarmName> = new Set<AlarmName>([
  'LicenseEvaluationExpiryWarning',
  'LicenseEvaluationExpired',
  'LicenseGraceExpiryWarning',
]);

/** An alarm's name as reports show it: marked when the name is licsim's own (NL-1). */
export function alarmLabel(name: string): string {
  return LICSIM_NAMED_ALARMS.has(name as AlarmName) ? `${name} (licsim's name)` : name;
}

/** The rule that names each alarm (SL-17, NL-8) or defines it (NL-1, NL-6, SL-12, SL-13). */
export const ALARM_RULES: Record<AlarmName, RuleId> = Object.fromEntries(
  ALARMS.map((name) => [
    name,
    name.startsWith('Cisco') ? 'NL-8' : name.startsWith('LicenseGrace') ? 'NL-6' : name.startsWith('License') ? 'NL-1' : 'SL-17',
  ]),
) as Record<AlarmName, RuleId>;

/**
 * Alarms that warn ahead of a loss of service or provisioning, with the rules
 * of the losses each warns about (for the noServiceLoss designer check): a
 * warning counts only for the kind of loss it announces.
 */
export const WARNINGS: Partial<Record<AlarmName, readonly RuleId[]>> = {
  SmartLicenseInEval: ['SL-2'],
  SmartLicense_SLR_InEval: ['SL-2'],
  SmartLicenseAuthorizationExpiringSoon: ['SL-13'],
  SmartLicenseRenewAuthFailed: ['SL-13'],
  SmartLicenseCommunicationError: ['SL-13'],
  SmartLicenseInOverage_AuthorizationExpired: ['SL-13'],
  SmartLicenseRegistrationExpiringSoon: ['SL-14', 'SL-2'],
  SmartLicenseRenewRegistrationFailed: ['SL-14', 'SL-2'],
  SmartLicenseInOverage_OutOfCompliance: ['SL-12'],
  SmartLicense_SLR_InOverage_NotAuthorized: ['SL-12'],
  LicenseEvaluationExpiryWarning: ['NL-4'],
  CiscoLicenseFileError: ['NL-6'],
  LicenseGraceExpiryWarning: ['NL-6'],
};

/** An alarm raised by an instance, or (SL-18) cleared when the condition it reports ends. */
export interface AlarmEvent {
  type: 'alarm';
  name: AlarmName;
  rule: RuleId;
  /** SL-18: false when raised; true when the condition ended (only alarms of {@link CLEARED_WHEN} are cleared). */
  cleared: boolean;
}

/**
 * SL-18: the alarms that report a condition, raised when it starts and cleared when
 * it ends, with when each is cleared. Every other alarm reports an event (a refused
 * request, a warning given once): it is raised and never cleared.
 */
export const CLEARED_WHEN = {
  SmartLicenseInEval: 'the evaluation ends (the instance registers, reserves, or its days run out)',
  SmartLicenseNoProvision_EvalExpired: 'the instance leaves evaluation-expired (registers or reserves)',
  SmartLicenseAuthorizationExpiringSoon: 'the authorization is renewed or expires',
  SmartLicenseRegistrationExpiringSoon: 'the registration is renewed or expires',
  SmartLicenseRenewAuthFailed: 'a renewal of the authorization succeeds, or the authorization expires',
  SmartLicenseRenewRegistrationFailed: 'a renewal of the registration succeeds, or the registration expires',
  SmartLicenseRegistrationExpired: 'the instance registers again (or reserves), or is decommissioned',
  SmartLicenseInOverage_OutOfCompliance: 'the VA is back in compliance, or the overage period ends',
  SmartLicenseNoProvision_OutOfCompliance: 'the VA is back in compliance (or the instance leaves the registered state)',
  SmartLicenseInOverage_AuthorizationExpired: 'the authorization is renewed, or the overage period ends',
  SmartLicenseNoProvision_AuthorizationExpired: 'the authorization is renewed (or the instance leaves the registered state)',
  SmartLicense_SLR_InEval: 'the evaluation ends',
  SmartLicense_SLR_NoProvision_EvalExpired: 'the instance leaves evaluation-expired',
  SmartLicense_SLR_InOverage_NotAuthorized: 'usage is back within the reservation, or the overage period ends',
  SmartLicense_SLR_NoProvision_NotAuthorized: 'usage is back within the reservation (or the reservation is returned)',
  CiscoLicenseManagerDown: 'the licence manager is started again',
} as const satisfies Partial<Record<AlarmName, string>>;

/** An alarm that reports a condition (SL-18). */
export type ConditionAlarm = keyof typeof CLEARED_WHEN;

/** When an alarm is cleared (SL-18), or undefined for an alarm that reports an event. */
export function clearedWhen(name: string): string | undefined {
  return Object.hasOwn(CLEARED_WHEN, name) ? CLEARED_WHEN[name as ConditionAlarm] : undefined;
}

/** An operation the instance refused, with the rule and a reason a person can read. */
export interface RefusedEvent {
  type: 'refused';
  op: string;
  rule: RuleId | null;
  reason: string;
}

/** Everything a licsim machine emits: alarms, refusals, ledger effects and messages to other parties. */
export type EmittedEvent = AlarmEvent | RefusedEvent | EffectEvent | MessageEvent;

/** Parameters of the shared `alarm` action. */
export interface AlarmParams {
  name: AlarmName;
  rule: RuleId;
  /** SL-18: clear the alarm instead of raising it. */
  cleared?: boolean;
}

/** Parameters of the shared `refuse` action. */
export interface RefuseParams {
  rule: RuleId | null;
  reason: string;
}

/** The event of the `alarm` action every machine registers in `setup`. */
export function alarmEvent(params: AlarmParams): AlarmEvent {
  // The params of an `alarm` action are the machine's own, made once: so is its event (a million instances raise it).
  let event = ALARM_EVENTS.get(params);
  if (!event) {
    event = Object.freeze({ type: 'alarm', name: params.name, rule: params.rule, cleared: params.cleared === true });
    ALARM_EVENTS.set(params, event);
  }
  return event;
}

const ALARM_EVENTS = new WeakMap<AlarmParams, AlarmEvent>();

/** The event of the `refuse` action every machine registers in `setup`. */
export function refusedEvent(op: string, params: RefuseParams): RefusedEvent {
  return { type: 'refused', op, rule: params.rule, reason: params.reason };
}

/** `{ type: 'alarm', params }`: raise a named alarm. */
export function alarm(name: AlarmName, rule: RuleId) {
  return { type: 'alarm', params: { name, rule } } as const;
}

/** `{ type: 'alarm', params }`: clear a condition's alarm as the condition ends (SL-18). */
export function clearAlarm(name: ConditionAlarm, rule: RuleId) {
  return { type: 'alarm', params: { name, rule, cleared: true } } as const;
}

/** `{ type: 'refuse', params }`: refuse the current event with a rule and a reason. */
export function refuse(rule: RuleId | null, reason: string) {
  return { type: 'refuse', params: { rule, reason } } as const;
}

/** Events whose step must be admitted before it commits: ledger effects and requests (DOMAIN.md §6). */
export function needsAdmission(event: EmittedEvent): boolean {
  return event.type === 'effect' || (event.type === 'message' && event.request);
}
