import type { NodeLockedPolicy, SessionClaimPolicy, SmartLicensingPolicy } from '../machines/policy.ts';
import type { ModelName } from '../machines/policyOverride.ts';
import type { Transport } from '../machines/smartLicensing/types.ts';
import type { OverdraftRegime } from '../machines/overdraft.ts';

/**
 * A scenario as the engine runs it: validated, policies resolved, every
 * default filled in. The YAML loader produces it; tests may build it directly.
 * Days are virtual days from the start (day 0), fractions allowed.
 */
export interface Scenario {
  name: string;
  description: string;
  seed: number;
  /** ISO date of day 0 (for reports). */
  start: string;
  /** Length of the run in days. */
  days: number;
  policy: ScenarioPolicies;
  accounts: AccountPlan[];
  /** NL-9: PAKs whose purchase is split across licence files. */
  paks?: PakPlan[];
  fleet: FleetGroup[];
  timeline: TimelineEntry[];
  options?: RunOptions;
}

export interface ScenarioPolicies {
  'smart-licensing': SmartLicensingPolicy;
  'node-locked': NodeLockedPolicy;
  'session-claim': SessionClaimPolicy;
}

export interface RunOptions {
  /** Log entries kept before only traced instances are logged (the rest are counted). Default 5,000. */
  eventLogLimit?: number;
}

/** A CSSM virtual account, a node-locked licence file, or a session/seat licence. */
export interface AccountPlan {
  id: string;
  kind: 'virtual-account' | 'license-file' | 'session-license';
  smartAccount?: string;
  /** A session licence counts sessions (Call Services) or seats (Studio). */
  unit?: 'sessions' | 'seats';
  /** Overrides the model policy's overdraft regime for this account. */
  overdraft?: OverdraftRegime;
  purchases: Purchase[];
}

/** NL-9: one PAK's purchase, split across licence files; the parts add up to the whole. */
export interface PakPlan {
  id: string;
  counts: Record<string, number>;
  split: Array<{ account: string; counts: Record<string, number> }>;
}

export interface Purchase {
  type: string;
  count: number;
  /** A TERM licence counts only between these days (SLR-10). */
  term?: { startDay: number; endDay: number };
}

/** A whole number, or one drawn uniformly per instance. */
export type Range = number | { min: number; max: number };

/** Shares of a fleet group, e.g. `{ direct: 0.8, proxy: 0.2 }`. */
export type Mix<K extends string> = Partial<Record<K, number>>;

interface GroupBase {
  name: string;
  count: number;
  /** The account instances bind to: the VA they register to, their licence file, their session licence. */
  account: string;
  /** Monthly growth of the population (0.02 = 2 % a month), applied every 30 days where provisioning is allowed. */
  growth?: number;
}

/** Smart Licensing clusters: users by profile, licensed by tier (SL-16). */
export interface SmartGroup extends GroupBase {
  model: 'smart-licensing';
  transport: Mix<Transport>;
  users: Range;
  /** Shares of user profiles; each profile's licence needs come from the SL-16 table. */
  profiles: Mix<string>;
}

/** Node-locked servers: phones by type, user capabilities and softphones in device licence units. */
export interface NodeLockedGroup extends GroupBase {
  model: 'node-locked';
  release: string;
  servers: Range;
  phones: Record<string, Range>;
  capabilities: { CUP?: Range; CUPC?: Range };
  softphones: Range;
  /** CUCM release of the cluster: before 6.0 a softphone costs 3 units (DLU-3), from 6.0 adjunct licensing applies (DLU-4). */
  cucmVersion: number;
}

/** Call Services servers (sessions) or Studio machines (seats). */
export interface SessionGroup extends GroupBase {
  model: 'session-claim';
  product: 'studio' | 'call-services';
  sessions: Range;
  keyRelease: string;
  release: string;
  reachable: boolean;
}

export type FleetGroup = SmartGroup | NodeLockedGroup | SessionGroup;

/** Which instances a timeline entry acts on. */
export interface Target {
  groups?: string[];
  /** A share of the matching instances, chosen by a seeded hash (stable across runs). */
  fraction?: number;
  /** Only instances whose status is one of these. */
  status?: string[];
  /** Only instances with these indices within their group. */
  indices?: number[];
}

/** What can happen on a timeline; `model` lists the models it applies to. */
export type TimelineAction =
  | { kind: 'register'; account?: string; exportControl: boolean; tokenExpiresDay?: number }
  | { kind: 'deregister' }
  | { kind: 'reregister'; account: string; exportControl: boolean }
  | { kind: 'renew-authorization' }
  | { kind: 'renew-registration' }
  | { kind: 'outage-start' }
  | { kind: 'outage-end' }
  | { kind: 'set-transport'; transport: Transport }
  | { kind: 'satellite-sync' }
  | { kind: 'grow'; percent?: number; users?: number; devices?: Record<string, number> }
  | { kind: 'remove'; percent?: number; users?: number; devices?: Record<string, number> }
  | { kind: 'purchase'; account: string; type: string; count: number; term?: { startDay: number; endDay: number } }
  | { kind: 'mac-change' }
  | { kind: 'upload-license'; servers?: number }
  | { kind: 'reinstall'; release?: string }
  | { kind: 'upgrade'; release: string }
  | { kind: 'add-server' }
  | { kind: 'migrate' }
  | { kind: 'slr-enable' }
  | { kind: 'slr-disable' }
  | { kind: 'slr-request' }
  | { kind: 'slr-authorize'; headroom?: number }
  | { kind: 'slr-install' }
  | { kind: 'slr-update'; headroom?: number }
  | { kind: 'slr-confirm' }
  | { kind: 'slr-cancel' }
  | { kind: 'slr-return' }
  | { kind: 'slr-return-authorization' }
  | { kind: 'rma' }
  | { kind: 'support-remove' }
  | { kind: 'export-request' }
  | { kind: 'export-return' }
  | { kind: 'export-cancel' }
  | { kind: 'deploy-secure-trunk' }
  | { kind: 'activate'; mode: 'automatic' | 'manual'; sessions?: number }
  | { kind: 'reactivate'; mode: 'automatic' | 'manual'; sessions?: number }
  | { kind: 'deactivate' }
  | { kind: 'rehost' }
  | { kind: 'transfer' };

export type TimelineKind = TimelineAction['kind'];

export interface TimelineEntry {
  /** Day of the first occurrence. */
  at: number;
  /** Repeat every so many days, until `until` (inclusive) or the end of the run. */
  every?: number;
  until?: number;
  target: Target;
  action: TimelineAction;
}

/** The models each timeline action applies to (others are reported as not applicable). */
export const ACTION_MODELS: Record<TimelineKind, readonly ModelName[]> = {
  register: ['smart-licensing'],
  deregister: ['smart-licensing'],
  reregister: ['smart-licensing'],
  'renew-authorization': ['smart-licensing'],
  'renew-registration': ['smart-licensing'],
  'outage-start': ['smart-licensing', 'session-claim'],
  'outage-end': ['smart-licensing', 'session-claim'],
  'set-transport': ['smart-licensing'],
  'satellite-sync': ['smart-licensing'],
  grow: ['smart-licensing', 'node-locked', 'session-claim'],
  remove: ['smart-licensing', 'node-locked', 'session-claim'],
  purchase: ['smart-licensing', 'node-locked', 'session-claim'],
  'mac-change': ['node-locked'],
  'upload-license': ['node-locked'],
  reinstall: ['node-locked'],
  upgrade: ['node-locked'],
  'add-server': ['node-locked'],
  migrate: ['node-locked'],
  'slr-enable': ['smart-licensing'],
  'slr-disable': ['smart-licensing'],
  'slr-request': ['smart-licensing'],
  'slr-authorize': ['smart-licensing'],
  'slr-install': ['smart-licensing'],
  'slr-update': ['smart-licensing'],
  'slr-confirm': ['smart-licensing'],
  'slr-cancel': ['smart-licensing'],
  'slr-return': ['smart-licensing'],
  'slr-return-authorization': ['smart-licensing'],
  rma: ['smart-licensing', 'node-locked', 'session-claim'],
  'support-remove': ['smart-licensing'],
  'export-request': ['smart-licensing'],
  'export-return': ['smart-licensing'],
  'export-cancel': ['smart-licensing'],
  'deploy-secure-trunk': ['smart-licensing'],
  activate: ['session-claim'],
  reactivate: ['session-claim'],
  deactivate: ['session-claim'],
  rehost: ['session-claim'],
  transfer: ['session-claim'],
};
