import type { RegistrationRequest, UsageReport } from '../cssm/types.ts';
import type { SmartLicensingPolicy } from '../policy.ts';
import type { Tick } from '../time.ts';

/** How a satellite reaches CSSM (SL-10). */
export const SATELLITE_MODES = ['connected', 'disconnected'] as const;
export type SatelliteMode = (typeof SATELLITE_MODES)[number];

export interface SatelliteContext {
  satelliteId: string;
  /** The VA whose instances it serves. */
  accountId: string;
  policy: SmartLicensingPolicy;
  /** CSSM's verdict on the VA as the satellite last fetched it (SL-10), and whether it gives an overage period (§4). */
  outOfCompliance: boolean;
  grace: boolean;
  /** When it last synced with CSSM. */
  syncedAt: Tick;
}

export type SatelliteInput = Pick<SatelliteContext, 'satelliteId' | 'accountId' | 'policy'>;

export type SatelliteEvent =
  | UsageReport
  /** SL-4, SL-9, SL-10: an instance behind it registers (or reregisters) with a token (a request). */
  | RegistrationRequest
  /** Network synchronization switched on or off (connected / disconnected mode). */
  | { type: 'SET_MODE'; mode: SatelliteMode }
  /** A manual synchronization (a disconnected satellite's only way to CSSM), or "sync now". */
  | { type: 'SYNC' }
  /** CSSM's answer to an upload: its verdict on the VA. */
  | { type: 'SATELLITE_DOWNLOAD'; outOfCompliance: boolean; grace: boolean };

/** What a satellite tells the instances behind it after it changes mode or syncs by hand (SL-10). */
export interface SatelliteStatus {
  type: 'SATELLITE_STATUS';
  connected: boolean;
  syncedAt: Tick;
}
