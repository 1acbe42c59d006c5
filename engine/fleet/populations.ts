import { GROUP_SOFTPHONE as SOFTPHONE } from '../../ledger/deviceUnitTable.ts';
import type { Ledger } from '../../ledger/ledger.ts';
import type { Counts } from '../../ledger/licenceTypes.ts';
import { DLU, SEATS, SESSIONS, TIERS } from '../../ledger/licenceTypes.ts';
import { type Refusal, refusal } from '../../ledger/result.ts';
import { loadFields, type SavedFields, type Snapshotting, saveFields } from '../../ledger/snapshot.ts';
import { licencesForUser } from '../../ledger/userLicence.ts';
import { LIMITS } from '../budget.ts';
import type { NodeLockedGroup, SessionGroup, SmartGroup } from '../scenario.ts';
import type { GroupDraw } from './draw.ts';
import { USER_PROFILES } from './profiles.ts';

/**
 * A change that would take one of an instance's counts beyond licsim's largest is
 * refused, so every total the ledger adds up stays an exact integer.
 */
export const TOO_MANY: Refusal = refusal(
  'badCount',
  null,
  `beyond licsim's largest count of one instance (${LIMITS.maxPerInstance.toLocaleString('en-US')})`,
);
/** Whether a count would pass licsim's largest count of one instance. */
export const tooMany = (n: number) => n > LIMITS.maxPerInstance;

/** The licence units each instance of a group consumes, and how its population grows. */
export interface Population extends Snapshotting<SavedFields> {
  /** Units the instance would consume now. */
  usage(i: number): Counts;
  /**
   * Grows (factor > 0) or shrinks (factor < 0) the population by a share; `u` in [0,1) rounds. Returns false when
   * nothing changed, {@link TOO_MANY} (and changes nothing) when a count would pass licsim's largest.
   */
  scale(i: number, factor: number, u: number): boolean | Refusal;
  /** Adds absolute numbers (users for Smart Licensing, devices by type for node-locked, sessions for Call Services). */
  add(i: number, users: number, devices: Readonly<Record<string, number>>): boolean | Refusal;
  /** Undoes the last change of instance `i` (a refused check-out). */
  undo(i: number): void;
}

/** `n` grown (or shrunk) by `factor`, rounded by `u` in [0,1). */
export function scaled(n: number, factor: number, u: number): number {
  const x = n * factor;
  const whole = Math.trunc(x);
  const extra = Math.abs(x - whole) > u ? Math.sign(x) : 0;
  return Math.max(0, n + whole + extra);
}

/** SL-16: users by profile, licences by tier. */
export class SmartPopulation implements Population {
  private readonly users: Int32Array;
  private readonly previous: Int32Array;
  /** Licences per user, averaged over the group's profile mix, by tier. */
  private readonly perUser: number[];

  save(): SavedFields {
    return saveFields(this, ['users', 'previous']);
  }
  load(state: SavedFields): void {
    loadFields(this, state);
  }

  constructor(group: SmartGroup, draw: GroupDraw, ledger: Ledger) {
    this.users = new Int32Array(group.count);
    for (let i = 0; i < group.count; i++) this.users[i] = draw.range(group.users);
    this.previous = this.users.slice();
    const weights = Object.entries(group.profiles) as Array<[string, number]>;
    const total = weights.reduce((s, [, w]) => s + w, 0);
    this.perUser = TIERS.map(() => 0);
    for (const [name, w] of weights) {
      const profile = USER_PROFILES[name];
      if (!profile) throw new Error(`unknown user profile ${name}`);
      const needed = licencesForUser(profile.features, profile.devices, ledger.policy.tierTable);
      if (!needed.ok) throw new Error(needed.reason);
      for (const [t, tier] of TIERS.entries()) this.perUser[t] = (this.perUser[t] as number) + (w / total) * needed.licences[tier];
    }
  }

  usage(i: number): Counts {
    const users = this.users[i] as number;
    const p = this.perUser;
    // One object shape for every instance (TIERS order), zeros included: cheap to build and to read.
    return {
      'UCL-Essential': Math.round(users * (p[0] as number)),
      'UCL-Basic': Math.round(users * (p[1] as number)),
      'UCL-Enhanced': Math.round(users * (p[2] as number)),
      'UCL-EnhancedPlus': Math.round(users * (p[3] as number)),
      CUWL: Math.round(users * (p[4] as number)),
    } satisfies Record<(typeof TIERS)[number], number>;
  }

  scale(i: number, factor: number, u: number): boolean | Refusal {
    return this.set(i, scaled(this.users[i] as number, factor, u));
  }

  add(i: number, users: number): boolean | Refusal {
    return this.set(i, Math.max(0, (this.users[i] as number) + users));
  }

  private set(i: number, users: number): boolean | Refusal {
    if (tooMany(users)) return TOO_MANY;
    this.previous[i] = this.users[i] as number;
    if (users === this.users[i]) return false;
    this.users[i] = users;
    return true;
  }

  undo(i: number): void {
    this.users[i] = this.previous[i] as number;
  }
}

/** DLU-1..DLU-4: phones by type, user capabilities and softphones, in device licence units. */
export class NodeLockedPopulation implements Population {
  private readonly items: string[];
  private readonly counts: Int32Array;
  private readonly previous: Int32Array;

  save(): SavedFields {
    return saveFields(this, ['counts', 'previous']);
  }
  load(state: SavedFields): void {
    loadFields(this, state);
  }

  constructor(
    private readonly group: NodeLockedGroup,
    draw: GroupDraw,
    private readonly ledger: Ledger,
  ) {
    this.items = [...Object.keys(group.phones), 'CUP', 'CUPC', 'softphones'];
    const n = this.items.length;
    this.counts = new Int32Array(group.count * n);
    for (let i = 0; i < group.count; i++) {
      for (const [k, type] of Object.keys(group.phones).entries()) this.counts[i * n + k] = draw.range(group.phones[type] ?? 0);
      this.counts[i * n + n - 3] = draw.range(group.capabilities.CUP ?? 0);
      this.counts[i * n + n - 2] = draw.range(group.capabilities.CUPC ?? 0);
      this.counts[i * n + n - 1] = draw.range(group.softphones);
    }
    this.previous = this.counts.slice();
  }

  /**
   * Device licence units: before CUCM 6.0 a softphone is a 3-unit device (DLU-3); from 6.0 up to two per phone are
   * 1-unit adjuncts (DLU-4).
   */
  usage(i: number): Counts {
    const n = this.items.length;
    const row = this.counts.subarray(i * n, i * n + n);
    const devices: Record<string, number> = {};
    let phones = 0;
    for (let k = 0; k < n - 3; k++) {
      devices[this.items[k] as string] = row[k] as number;
      phones += row[k] as number;
    }
    const softphones = row[n - 1] as number;
    const policy = this.ledger.policy;
    // DLU-4: a group's softphones are IP Communicators; adjuncts only where the release and the policy's types allow.
    const adjunctAllowed = this.group.cucmVersion >= policy.adjunctMinimumCucmVersion && policy.adjunctSecondaryTypes.includes(SOFTPHONE);
    const adjunct = adjunctAllowed ? Math.min(softphones, phones * policy.maxAdjunctSecondaries) : 0;
    if (softphones > adjunct) devices[SOFTPHONE] = softphones - adjunct;
    const units = this.ledger.deviceUnits(
      {
        devices,
        secondaries: adjunct ? { [SOFTPHONE]: adjunct } : {},
        capabilities: { CUP: row[n - 3] as number, CUPC: row[n - 2] as number },
      },
      this.group.cucmVersion,
    );
    if (!units.ok) throw new Error(`${this.group.name}: ${units.reason}`);
    return { [DLU]: units.total };
  }

  scale(i: number, factor: number, u: number): boolean | Refusal {
    const n = this.items.length;
    for (let k = 0; k < n; k++) if (tooMany(scaled(this.counts[i * n + k] as number, factor, u))) return TOO_MANY;
    this.previous.set(this.counts.subarray(i * n, i * n + n), i * n);
    let changed = false;
    for (let k = 0; k < n; k++) {
      const before = this.counts[i * n + k] as number;
      const after = scaled(before, factor, u);
      this.counts[i * n + k] = after;
      changed ||= after !== before;
    }
    return changed;
  }

  add(i: number, users: number, devices: Readonly<Record<string, number>>): boolean | Refusal {
    const n = this.items.length;
    const changes: Array<[number, number]> = Object.entries(devices).map(([type, count]) => {
      const k = this.items.indexOf(type === 'softphone' ? 'softphones' : type);
      if (k < 0) throw new Error(`${this.group.name} has no ${type} phones to add or remove`);
      return [k, count];
    });
    if (users) changes.push([n - 3, users]);
    const after = new Map<number, number>();
    for (const [k, d] of changes) after.set(k, Math.max(0, (after.get(k) ?? (this.counts[i * n + k] as number)) + d));
    if ([...after.values()].some(tooMany)) return TOO_MANY;
    this.previous.set(this.counts.subarray(i * n, i * n + n), i * n);
    for (const [k, v] of after) this.counts[i * n + k] = v;
    return changes.length > 0;
  }

  undo(i: number): void {
    const n = this.items.length;
    this.counts.set(this.previous.subarray(i * n, i * n + n), i * n);
  }
}

/** CS-2: the sessions (or the seat) an installation needs. */
export class SessionPopulation implements Population {
  readonly sessions: Int32Array;
  private readonly previous: Int32Array;
  readonly unit: string;

  save(): SavedFields {
    return saveFields(this, ['sessions', 'previous']);
  }
  load(state: SavedFields): void {
    loadFields(this, state);
  }

  constructor(group: SessionGroup, draw: GroupDraw) {
    this.unit = group.product === 'studio' ? SEATS : SESSIONS;
    this.sessions = new Int32Array(group.count);
    for (let i = 0; i < group.count; i++) this.sessions[i] = group.product === 'studio' ? 1 : Math.max(1, draw.range(group.sessions));
    this.previous = this.sessions.slice();
  }

  usage(i: number): Counts {
    return { [this.unit]: this.sessions[i] as number };
  }

  scale(i: number, factor: number, u: number): boolean | Refusal {
    return this.set(i, scaled(this.sessions[i] as number, factor, u));
  }

  add(i: number, users: number): boolean | Refusal {
    return this.set(i, (this.sessions[i] as number) + users);
  }

  private set(i: number, sessions: number): boolean | Refusal {
    if (this.unit === SEATS) return false;
    if (tooMany(sessions)) return TOO_MANY;
    this.previous[i] = this.sessions[i] as number;
    this.sessions[i] = Math.max(1, sessions);
    return this.sessions[i] !== this.previous[i];
  }

  undo(i: number): void {
    this.sessions[i] = this.previous[i] as number;
  }
}
