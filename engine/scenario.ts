import type { OverdraftRegime } from '../machines/overdraft.ts';
import type { NodeLockedPolicy, SessionClaimPolicy, SmartLicensingPolicy } from '../machines/policy.ts';
import type { SatelliteMode } from '../machines/satellite/types.ts';
import type { IndexRange } from './indexRanges.ts';
import type { LinkPath } from './world/links.ts';

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
  /** CSSM satellites (SL-10), each serving one VA. */
  satellites?: SatellitePlan[];
  fleet: FleetGroup[];
  timeline: TimelineEntry[];
  options?: RunOptions;
  /** Set when this is one partition of a larger scenario (engine/partition/): where its part sits in the whole. */
  partition?: PartitionOf;
}

/**
 * One partition of a scenario (engine/partition/partitionScenario.ts): the scenario keeps the accounts of its units,
 * their groups, satellites and PAKs, and every timeline entry; this says where that part sits in the whole, so that
 * every draw, share and order is the whole run's.
 */
export interface PartitionOf {
  /** This partition (1-based), of how many. */
  index: number;
  total: number;
  /** The whole scenario's fleet: a target's share is ranked over all of it (engine/share.ts). */
  fleet: FleetGroup[];
  /** Per group of this scenario's fleet: its index and first instance in the whole fleet. */
  origins: Array<{ index: number; first: number }>;
  /** Instances in the whole fleet. */
  size: number;
  /** The unit (engine/partition/units.ts) of every account of the whole scenario: the run's log is ordered by it. */
  unitOf: Record<string, number>;
  /** The units this partition runs, ascending. */
  units: number[];
  /** The ids of the whole scenario's accounts, in its order (an account's place orders what is said of accounts). */
  accounts: string[];
}

/** A CSSM satellite (SL-10): the VA it serves and the mode it starts in. */
export interface SatellitePlan {
  id: string;
  account: string;
  mode: SatelliteMode;
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
  /** CS-7: the day a session licence expires (absent: never), and the features it includes. */
  expiresDay?: number;
  features?: string[];
  /** Overrides the model policy's overdraft regime for this account. */
  overdraft?: OverdraftRegime;
  purchases: Purchase[];
}

/** NL-9: one PAK's purchase, split across licence files; the parts add up to the whole. */
export interface PakPlan {
  id: string;
  counts: Record<string, number>;
  split: Array<{ account: string; counts: Record<string, number> }>;
  /** NL-12: whether the PAK may be split across clusters (absent: it may). */
  splittable?: boolean;
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
  /** Shares of link paths to CSSM (SL-10). */
  link: Mix<LinkPath>;
  /** The satellite the group's satellite links go through. */
  satellite?: string;
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
  /** DLU-4: devices counted in aggregate (default), or each one named, with its secondaries attached to one primary. */
  deviceModel?: 'aggregate' | 'individual';
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
  /** An exact share of the instances `groups` and `indices` name, before `status`: round(n × f), by seed and place (share.ts). */
  fraction?: number;
  /** Only instances whose status is one of these. */
  status?: string[];
  /** Only instances with these indices within their group: single indices and inclusive ranges (never expanded). */
  indices?: ReadonlyArray<number | IndexRange>;
}

export type { TimelineAction, TimelineKind } from './timeline/registry.ts';

import type { TimelineAction } from './timeline/registry.ts';

export interface TimelineEntry {
  /** Day of the first occurrence. */
  at: number;
  /** Repeat every so many days, until `until` (inclusive) or the end of the run. */
  every?: number;
  until?: number;
  target: Target;
  action: TimelineAction;
}

export { ACTION_MODELS } from './timeline/registry.ts';
