import type { SessionClaimPolicy } from '../policy.ts';
import type { Tick } from '../time.ts';

/** Studio is licensed by seat (one per machine), Call Services by sessions (CS-1, CS-2). */
export type SessionProduct = 'studio' | 'call-services';

export interface SessionClaimContext {
  policy: SessionClaimPolicy;
  instanceId: string;
  /** The handle the world started the installation with (for its own usage). */
  ref: number;
  product: SessionProduct;
  /** The licence this installation activates against. */
  licenseId: string;
  /** The release the licence key was issued for (CS-6). */
  keyRelease: string;
  /** The release installed. */
  release: string;
  /** Sessions (or seats) this installation has claimed (CS-3: never returned). */
  claimed: number;
  reachable: boolean;
  activation: 'automatic' | 'manual' | null;
  reactivations: number;
  /** CS-4, CS-7: the licence's expiry (NEVER: none) and features as the last (re)activation pulled them. */
  licenseExpiresAt: Tick;
  features: readonly string[];
}

/** What an installation starts from: its identity and licence, reachable unless said otherwise. */
export type SessionClaimInput = Pick<SessionClaimContext, 'policy' | 'instanceId' | 'product' | 'licenseId' | 'keyRelease' | 'release'> & {
  ref?: number;
  reachable?: boolean;
};

export type ActivationMode = 'automatic' | 'manual';

export type SessionClaimEvent =
  | { type: 'ACTIVATE'; mode: ActivationMode; sessions?: number }
  | { type: 'REACTIVATE'; mode: ActivationMode; sessions?: number }
  | { type: 'DEACTIVATE' }
  | { type: 'TRANSFER' }
  | { type: 'REHOST' }
  | { type: 'LINK_DOWN' }
  | { type: 'LINK_UP' }
  /** Its load changed: a Call Services server that needs more sessions reactivates for them (CS-4). */
  | { type: 'USAGE_CHANGED' }
  | { type: 'RMA' }
  /** CS-7: the installation uses a feature, which the licence it last pulled must include. */
  | { type: 'USE_FEATURE'; feature: string };
