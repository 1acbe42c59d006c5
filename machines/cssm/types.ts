import type { Counts } from '../effects.ts';
import type { OverdraftRegime } from '../overdraft.ts';
import type { SmartLicensingPolicy } from '../policy.ts';
import type { Tick } from '../time.ts';

/** CSSM as one virtual account sees it: which VA, the policy, and the VA's overdraft regime (§4). */
export interface CssmContext {
  accountId: string;
  policy: SmartLicensingPolicy;
  regime: OverdraftRegime;
  /** When it last compared the VA (SL-7). */
  checkedAt: Tick;
}

export type CssmInput = Omit<CssmContext, 'checkedAt'>;

/** What a usage report says (SL-7): what the instance uses and what it believes of its VA. */
export interface ReportBody {
  instanceId: string;
  accountId: string;
  usage: Counts;
  /** The report's number: the consistent monitor checks CSSM received the last one sent. */
  seq: number;
  /** The verdict the instance holds: CSSM answers only when it differs. */
  outOfCompliance: boolean;
}

/** A usage report as it reaches CSSM or a satellite (SL-7). */
export interface UsageReport extends ReportBody {
  type: 'USAGE_REPORT';
}

/**
 * SL-4, SL-9: an instance registers (or reregisters from another VA) with a token of
 * this VA: a request, part of the instance's step. A registration starts with a
 * report of the instance's usage (SL-7), so the request carries it.
 */
export type RegistrationRequest = ({ type: 'REGISTER_INSTANCE' } | { type: 'MOVE_INSTANCE'; keepExport?: boolean }) & ReportBody;

export type CssmEvent =
  | UsageReport
  /** The start of a day: CSSM's nightly comparison falls due (SL-7). */
  | { type: 'NEW_DAY' }
  /** SL-10: a satellite hands over the reports it holds. */
  | { type: 'SATELLITE_UPLOAD'; satelliteId: string }
  /** Its own note, once the uploaded reports are recorded: compare the VA and answer the satellite. */
  | { type: 'SATELLITE_ANSWER'; satelliteId: string }
  | RegistrationRequest
  /** SL-8: "Remove registered product instance". */
  | { type: 'REMOVE_INSTANCE'; instanceId: string }
  /** SLR-3: a request code turned into an authorization code reserving `counts`. */
  | { type: 'RESERVE'; instanceId: string; counts: Counts }
  /** SLR-5: the reservation changed to `counts`. */
  | { type: 'UPDATE_RESERVATION'; instanceId: string; counts: Counts }
  /** SLR-5: the instance's confirmation code is entered. */
  | { type: 'CONFIRM_RESERVATION'; instanceId: string }
  /** SLR-7: the instance's return code is entered. */
  | { type: 'ENTER_RETURN_CODE'; instanceId: string }
  /** SLR-8: support removes a non-operational instance. */
  | { type: 'SUPPORT_REMOVE'; instanceId: string };
