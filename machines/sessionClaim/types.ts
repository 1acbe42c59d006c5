import type { SessionClaimPolicy } from '../policy.ts';

/** Studio is licensed by seat (one per machine), Call Services by sessions (CS-1, CS-2). */
export type SessionProduct = 'studio' | 'call-services';

export interface SessionClaimContext {
  policy: SessionClaimPolicy;
  instanceId: string;
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
}

/** What an installation starts from: its identity and licence, reachable unless said otherwise. */
export type SessionClaimInput = Pick<SessionClaimContext, 'policy' | 'instanceId' | 'product' | 'licenseId' | 'keyRelease' | 'release'> & {
  reachable?: boolean;
};

export type ActivationMode = 'automatic' | 'manual';

export type SessionClaimEvent =
  | { type: 'ACTIVATE'; mode: ActivationMode; sessions?: number }
  | { type: 'REACTIVATE'; mode: ActivationMode; sessions?: number }
  | { type: 'DEACTIVATE' }
  | { type: 'TRANSFER' }
  | { type: 'REHOST' }
  | { type: 'CONNECTIVITY_LOST' }
  | { type: 'CONNECTIVITY_RESTORED' }
  | { type: 'RMA' };
