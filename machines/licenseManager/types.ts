import type { Counts } from '../effects.ts';

/** The licence manager of one licence file (NL-7, NL-11). */
export interface LicenseManagerContext {
  accountId: string;
}

export type LicenseManagerInput = LicenseManagerContext;

export type LicenseManagerEvent =
  | { type: 'STOP' }
  | { type: 'START' }
  | { type: 'RESTART' }
  /** A server asks for units (a request: refused, the server's transition is refused too). */
  | { type: 'CHECK_OUT'; instanceId: string; counts: Counts }
  | { type: 'CHECK_IN'; instanceId: string; counts: Counts };
