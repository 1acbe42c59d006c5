import type { OverdraftRegime } from '../machines/overdraft.ts';
import type { Tick } from '../machines/time.ts';
import type { Allocation } from './allocation.ts';
import { TIERS } from './licenceTypes.ts';
import type { LedgerPolicy } from './policy.ts';
import { LedgerUsageError } from './result.ts';
import { TypeRegistry, type Vec } from './vector.ts';

/** A CSSM virtual account, a node-locked licence file, or a session/seat licence. */
export type AccountKind = 'virtualAccount' | 'licenseFile' | 'sessionLicense';

/** Units of a lot blocked by one reservation (SLR-3, SLR-5). */
export interface LotHold {
  held: number;
  incoming: number;
  outgoing: number;
}

/** Where a lot's units came from. */
export type LotSource = 'purchase' | 'pak' | 'migration';

/** A block of entitlement: one purchase, one PAK part, or the free units of a migration. */
export interface Lot {
  id: string;
  seq: number;
  type: number;
  units: number;
  /** TERM licences count from `start` until `end` (SLR-10); perpetual: `start` -Infinity, `end` Infinity. */
  start: Tick;
  end: Tick;
  source: LotSource;
  pakId: string | null;
  active: boolean;
  lapsed: boolean;
  /** Units not blocked by a reservation (the lot's share of the pool). */
  free: number;
  holds: Map<string, LotHold>;
}

/** Per-account state with incremental per-type aggregates. */
export interface AccountState {
  id: string;
  kind: AccountKind;
  smartAccount: string | null;
  overdraft: OverdraftRegime;
  tierBorrowing: boolean;
  /** The type a session licence's claims consume. */
  sessionUnit: number;
  /** CS-7: when a session licence expires (null: never), and the features it licenses. */
  expiresAt: Tick | null;
  features: string[];
  lots: Lot[];
  /** Active units by source. */
  purchased: Vec;
  granted: Vec;
  /** Active units blocked by reservations: confirmed (`held`) and changing (`transit`). */
  held: Vec;
  transit: Vec;
  /** Consumption against the pool: registered reports + check-outs + claims + export grants. */
  demand: Vec;
  /** Σ over SLR instances of usage above their own reservation. */
  slrShort: Vec;
  checkouts: Map<string, Vec>;
  claims: Map<string, number>;
  /** Instances whose 4.x units were granted free into this file (NL-10). */
  migrated: Set<string>;
  /** Earliest tick at which a lot starts or ends. */
  nextEvent: Tick;
  cache: Allocation | null;
}

/** An instance's SLR reservation (SLR-3..SLR-8). */
export interface Reservation {
  account: AccountState;
  held: Vec;
  incoming: Vec;
  outgoing: Vec;
  /** Number of the latest authorization code; `installedSeq` the one the instance installed (0: none). */
  seq: number;
  installedSeq: number;
  /** The code whose counts CSSM has confirmed (SLR-5); the first reservation needs no confirmation. */
  confirmedSeq: number;
  nonOperational: boolean;
  /** SLR-7: the return code the instance produced; its licences stay blocked until it is entered in CSSM. */
  returnCode: string | null;
}

/** A usage report a satellite holds until its next sync with CSSM (SL-10). */
export interface StagedReport {
  satelliteId: string;
  account: AccountState;
  usage: Vec;
}

/** What the ledger keeps per product instance: a few numbers and small arrays. */
export interface InstanceRecord {
  /** The VA that holds the instance in CSSM's records (SL-4, SL-8), or null. */
  account: AccountState | null;
  /** The last usage report CSSM received (SL-7), for registered and reserved instances. */
  usage: Vec | null;
  /** The number of the last report that reached CSSM or the instance's satellite (0: none). */
  reportSeq: number;
  /** A report its satellite holds for CSSM (SL-10), or null. */
  staged: StagedReport | null;
  /** The satellite whose list of held reports has this record until its next sync (null: none). */
  listedBy: string | null;
  /** The VA whose CSSM removed it ("Remove registered product instance", SL-8) since it last registered, or null. */
  removedFrom: string | null;
  exportGrants: number;
  reservation: Reservation | null;
  codeSeq: number;
}

/**
 * Where the ledger keeps the records of ids it is told about in advance: `slotOf`
 * gives each such id its own whole number below `capacity` (a different one for
 * every id), and -1 for any other id. The engine passes its fleet's: an instance's
 * position, read off its id.
 */
export interface InstanceSlots {
  capacity: number;
  slotOf(id: string): number;
}

/**
 * The instances' records by id. A record of an id with a slot is kept at its slot,
 * the rest in a map: a million-entry map lookup misses the cache several times over,
 * a slot once. The last one asked for is remembered: a machine's guard, the check
 * of its effect and the effect itself ask for the same instance one after another.
 */
export class InstanceRecords {
  private readonly bySlot: Array<InstanceRecord | undefined>;
  private readonly map = new Map<string, InstanceRecord>();
  private lastId: string | null = null;
  private last: InstanceRecord | undefined;

  constructor(private readonly slots: InstanceSlots | null = null) {
    this.bySlot = new Array<InstanceRecord | undefined>(slots?.capacity ?? 0);
  }

  get(id: string): InstanceRecord | undefined {
    if (id === this.lastId) return this.last;
    const slot = this.slots ? this.slots.slotOf(id) : -1;
    this.lastId = id;
    this.last = slot >= 0 ? this.bySlot[slot] : this.map.get(id);
    return this.last;
  }

  set(id: string, rec: InstanceRecord): void {
    const slot = this.slots ? this.slots.slotOf(id) : -1;
    if (slot >= 0) {
      if (slot >= this.bySlot.length) throw new LedgerUsageError(`slot ${slot} of ${JSON.stringify(id)} is beyond ${this.bySlot.length}`);
      this.bySlot[slot] = rec;
    } else {
      this.map.set(id, rec);
    }
    this.lastId = id;
    this.last = rec;
  }
}

/** The whole ledger's data. */
export interface LedgerState {
  policy: LedgerPolicy;
  now: Tick;
  types: TypeRegistry;
  accounts: Map<string, AccountState>;
  instances: InstanceRecords;
  /**
   * Per satellite, the records of the instances whose reports it may hold (SL-10):
   * it holds one while the record's `staged` names it. A record that stops being
   * staged stays in the list until the sync skips it (a list, not a set: staging is
   * on every report's path).
   */
  satellites: Map<string, InstanceRecord[]>;
  paks: Set<string>;
  lotSeq: number;
  tierOrder: number[];
}

/** A fresh ledger state. */
export function createState(policy: LedgerPolicy, now: Tick = 0, slots: InstanceSlots | null = null): LedgerState {
  const types = new TypeRegistry();
  return {
    policy,
    now,
    types,
    accounts: new Map(),
    instances: new InstanceRecords(slots),
    satellites: new Map(),
    paks: new Set(),
    lotSeq: 0,
    tierOrder: TIERS.map((t) => types.index(t)),
  };
}

/** An opened account; an unknown id is a programmer error and throws. */
export function accountOf(state: LedgerState, id: string): AccountState {
  const acc = state.accounts.get(id);
  if (acc === undefined) throw new LedgerUsageError(`unknown account ${JSON.stringify(id)}: open it first`);
  return acc;
}

/** The record of an instance, created on first use. */
export function instanceOf(state: LedgerState, id: string): InstanceRecord {
  let rec = state.instances.get(id);
  if (rec === undefined) {
    rec = {
      account: null,
      usage: null,
      reportSeq: 0,
      staged: null,
      listedBy: null,
      removedFrom: null,
      exportGrants: 0,
      reservation: null,
      codeSeq: 0,
    };
    state.instances.set(id, rec);
  }
  return rec;
}

/** Marks an account's cached allocation stale. */
export function touch(acc: AccountState): void {
  acc.cache = null;
}
