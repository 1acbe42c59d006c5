import type { Counts } from '../effects.ts';
import type { NodeLockedPolicy } from '../policy.ts';
import type { Tick } from '../time.ts';

export interface NodeLockedContext {
  policy: NodeLockedPolicy;
  instanceId: string;
  /** The handle the world started the server with (for its own usage). */
  ref: number;
  /** The licence file whose licence manager issues its units (NL-7). */
  accountId: string;
  /** Units the licence manager has checked out to the server, by type (NL-7). */
  held: Counts;
  /** MAC address of the first node (the licence manager's server). */
  mac: string;
  /** MAC the uploaded server licence is bound to, or null when none is installed (NL-5). */
  licenseMac: string | null;
  /** Servers the installed licence covers (NL-5). */
  licensedServers: number;
  /** Servers in the cluster. */
  servers: number;
  release: string;
  /** Releases already evaluated on this instance (NL-2). */
  evaluatedReleases: string[];
  /** Start of the evaluation of the installed release (NL-1: a calendar clock from first install). */
  evaluationStartedAt: Tick;
  /** NL-6: in the rehost grace period, whether the rehosted file is uploaded and the invalid one deleted. */
  rehostUploaded: boolean;
  invalidDeleted: boolean;
}

export interface NodeLockedInput {
  policy: NodeLockedPolicy;
  instanceId: string;
  ref?: number;
  accountId: string;
  mac: string;
  release: string;
  servers?: number;
}

export type NodeLockedEvent =
  | { type: 'UPLOAD_LICENSE'; file: string; mac: string; servers: number }
  /** NL-10: the intermediate licence file of a 4.x to 5.x migration. */
  | { type: 'MIGRATE'; file: string; mac: string; servers: number }
  | { type: 'MAC_CHANGE'; mac: string }
  | { type: 'UPGRADE'; release: string }
  | { type: 'REINSTALL'; release: string }
  | { type: 'ADD_SERVER' }
  | { type: 'RMA' }
  /** Its phones, users or softphones changed: units to check out or in (NL-7). */
  | { type: 'USAGE_CHANGED' }
  /** Its licence manager is running again (NL-11). */
  | { type: 'LICENSE_MANAGER_STARTED' }
  /** NL-6: `file delete license invalid-license-filename`. */
  | { type: 'DELETE_INVALID_LICENSE' };
