import type { Counts } from '../effects.ts';
import type { SmartLicensingPolicy } from '../policy.ts';
import type { SatelliteStatus } from '../satellite/types.ts';
import type { Tick } from '../time.ts';

export interface SmartLicensingContext {
  policy: SmartLicensingPolicy;
  instanceId: string;
  /** The handle the world started the instance with (for its own usage). */
  ref: number;
  installedAt: Tick;
  /** Evaluation ticks used in finished stints (SL-15). */
  evaluationUsed: Tick;
  /** Start of the evaluation stint under way, or NEVER. */
  evaluationRunningSince: Tick;
  accountId: string | null;
  /** The registration token allowed export-controlled functionality (SL-3, SL-4). */
  exportAllowed: boolean;
  /** A secure SIP trunk was deployed: the cluster is in mixed mode (EX-2). */
  mixedMode: boolean;
  /** EX-1: the export region holds a granted export licence. */
  exportGranted: boolean;
  /** What the instance knows of its network (DOMAIN.md §6): its link to CSSM or its satellite is up. */
  linkUp: boolean;
  /** It talks to a satellite rather than to CSSM (SL-10). */
  viaSatellite: boolean;
  /** What its satellite last told it (SL-10). */
  satelliteConnected: boolean;
  satelliteSyncedAt: Tick;
  authorizationRenewedAt: Tick;
  registrationRenewedAt: Tick;
  /** The SLR authorization code installed on the instance and the licences it reserves (SLR-4, SLR-5). */
  installedAuthorizationCode: string | null;
  reservedCounts: Counts | null;
  /** Usage reports sent (SL-7) and when the last one went. */
  reportsSent: number;
  lastReportAt: Tick;
  /** Regions of the registered state in enforcement now (SL-12, SL-13): read when the registration expires (SL-14). */
  enforcedRegions: number;
  /** Overage ticks used in finished overage periods, and the start of the one under way or NEVER (SL-12). */
  overageUsed: Tick;
  overageSince: Tick;
  /** SL-12 `resume`: overage ticks of the periods since the last long return to compliance, and when it last became compliant. */
  overageRun: Tick;
  compliantSince: Tick;
  /** The verdict CSSM (or the satellite) last gave it: out of compliance (SL-7). */
  believesOutOfCompliance: boolean;
  /** A VA that still holds this instance's licences: it deregistered while CSSM was unreachable (SL-8). */
  orphanedIn: string | null;
  /**
   * SL-18: SmartLicenseRegistrationExpired is up (raised by the expiry, not by entering a state: it is cleared when
   * the instance registers, reserves or is decommissioned).
   */
  registrationExpiredUp: boolean;
}

export interface SmartLicensingInput {
  policy: SmartLicensingPolicy;
  instanceId: string;
  ref?: number;
  viaSatellite?: boolean;
  linkUp?: boolean;
}

interface Token {
  accountId: string;
  exportAllowed: boolean;
  /** When the registration token id itself expires (SL-4). */
  tokenExpiresAt?: Tick;
}

export type SmartLicensingEvent =
  | ({ type: 'REGISTER' } & Token)
  | ({ type: 'REREGISTER' } & Token)
  | { type: 'DEREGISTER' }
  | { type: 'RENEW_AUTHORIZATION' }
  | { type: 'RENEW_REGISTRATION' }
  /** The instance's link to its endpoint went down, came back, or now goes elsewhere. */
  | { type: 'LINK_DOWN' }
  | { type: 'LINK_UP' }
  | { type: 'LINK_CHANGED'; viaSatellite: boolean }
  | SatelliteStatus
  /** Its users or devices changed (SL-7: news for the next report). */
  | { type: 'USAGE_CHANGED' }
  /** "Update Usage Details": report now (SL-7). */
  | { type: 'UPDATE_USAGE' }
  /** CSSM no longer holds the instance: it was removed there (SL-8). */
  | { type: 'NOT_REGISTERED' }
  /** CSSM's verdict (SL-7, SL-12). */
  /** SL-7, §4: CSSM's verdict; `grace: false` when the VA's regime gives no overage period (default true). */
  | { type: 'OUT_OF_COMPLIANCE'; grace?: boolean }
  | { type: 'IN_COMPLIANCE' }
  | { type: 'DEPLOY_SECURE_TRUNK' }
  | { type: 'EXPORT_REQUEST' }
  | { type: 'EXPORT_RETURN' }
  | { type: 'EXPORT_CANCEL' }
  | { type: 'SLR_ENABLE' }
  | { type: 'SLR_DISABLE' }
  | { type: 'SLR_REQUEST' }
  | { type: 'SLR_CANCEL' }
  /** The authorization code CSSM generated, with the licences it reserves (SLR-3, SLR-4). */
  | { type: 'SLR_INSTALL'; code: string; counts: Counts }
  | { type: 'SLR_CONFIRMED' }
  | { type: 'SLR_RETURN' }
  | { type: 'SLR_RETURN_AUTHORIZATION'; code: string }
  | { type: 'RMA' };
