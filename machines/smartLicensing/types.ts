import type { SmartLicensingPolicy } from '../policy.ts';
import type { Tick } from '../time.ts';

/** How the instance reaches CSSM (SL-10). */
export const TRANSPORTS = ['direct', 'proxy', 'satellite-connected', 'satellite-disconnected'] as const;
export type Transport = (typeof TRANSPORTS)[number];

/** Never, for a time stamp in context. */
export const NEVER: Tick = -1;

export interface SmartLicensingContext {
  policy: SmartLicensingPolicy;
  instanceId: string;
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
  transport: Transport;
  reachable: boolean;
  lastSatelliteSync: Tick;
  authorizationRenewedAt: Tick;
  registrationRenewedAt: Tick;
  /** The SLR authorization code installed on the instance (SLR-4, SLR-5). */
  installedAuthorizationCode: string | null;
}

export interface SmartLicensingInput {
  policy: SmartLicensingPolicy;
  instanceId: string;
  transport?: Transport;
  reachable?: boolean;
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
  | { type: 'CONNECTIVITY_LOST' }
  | { type: 'CONNECTIVITY_RESTORED' }
  | { type: 'SET_TRANSPORT'; transport: Transport }
  | { type: 'SATELLITE_SYNC' }
  | { type: 'OUT_OF_COMPLIANCE' }
  | { type: 'IN_COMPLIANCE' }
  | { type: 'DEPLOY_SECURE_TRUNK' }
  | { type: 'EXPORT_REQUEST' }
  | { type: 'EXPORT_RETURN' }
  | { type: 'EXPORT_CANCEL' }
  | { type: 'SLR_ENABLE' }
  | { type: 'SLR_DISABLE' }
  | { type: 'SLR_REQUEST' }
  | { type: 'SLR_CANCEL' }
  | { type: 'SLR_INSTALL'; code: string }
  | { type: 'SLR_CONFIRMED' }
  | { type: 'SLR_RETURN' }
  | { type: 'SLR_RETURN_AUTHORIZATION'; code: string }
  | { type: 'SLR_OUT_OF_COMPLIANCE' }
  | { type: 'SLR_IN_COMPLIANCE' }
  | { type: 'RMA' };
