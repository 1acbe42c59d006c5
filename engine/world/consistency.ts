import type { LedgerHoldings } from '../../ledger/holdings.ts';
import { loadFields, type SavedFields, type Snapshotting, saveFields } from '../../ledger/snapshot.ts';
import type { Counts, EffectKind, LedgerEffect } from '../../machines/effects.ts';
import type { ClaimOf, HoldingsClaim } from '../../machines/holdings.ts';
import type { Simulation } from '../run/simulation.ts';

/** One disagreement between what an instance's state says it holds and what the ledger holds for it. */
export interface Inconsistency {
  instance: string;
  /** Virtual time (ticks). */
  tick: number;
  status: string;
  /** What the state says, and what the ledger has, in words. */
  claims: string;
  ledger: string;
}

const same = (a: Counts, b: Counts) => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if ((a[k] ?? 0) !== (b[k] ?? 0)) return false;
  return true;
};
const show = (c: Counts) => JSON.stringify(c);

/**
 * Why an instance's claim and the ledger disagree, or null (DOMAIN.md §6): a
 * registration is held by its VA with the last report sent; nothing claimed means
 * no VA holds it, unless it knows one still does (SL-8) or CSSM removed it (SL-8);
 * an installed reservation is the code CSSM recorded as installed (CSSM may have a
 * newer one, SLR-5) and not returned; a reservation CSSM holds for an instance
 * claiming none is one not installed yet (SLR-3), one it cannot return (SLR-8), or
 * one whose return code it produced, not yet entered in CSSM (SLR-7: "until then
 * they stay blocked"; §6: the ledger mirrors the back end, orphaned holdings
 * included, "SLR-7 before the return code is entered"); units and sessions are
 * exactly the ledger's.
 */
export function disagreement(claim: HoldingsClaim, ledger: LedgerHoldings): { claims: string; ledger: string } | null {
  const r = claim.registration;
  if (r) {
    const held = ledger.registeredTo === r.account || (ledger.registeredTo === null && ledger.removedFrom === r.account);
    if (!held)
      return { claims: `registered to ${r.account}`, ledger: ledger.registeredTo ? `held in ${ledger.registeredTo}` : 'held in no VA' };
    if (ledger.registeredTo === r.account && ledger.reportSeq !== r.reportsSent) {
      return { claims: `${r.reportsSent} usage reports sent`, ledger: `report ${ledger.reportSeq} the last received` };
    }
  } else if (ledger.registeredTo !== null && ledger.registeredTo !== claim.orphanedIn) {
    return {
      claims: claim.orphanedIn ? `held only in ${claim.orphanedIn} (deregistered unreachable)` : 'no registration',
      ledger: `held in ${ledger.registeredTo}`,
    };
  }
  const res = ledger.reservation;
  if (claim.reservation) {
    // SLR-5: CSSM may have generated a newer code the instance has not installed yet.
    if (!res || res.installedCode !== claim.reservation.code) {
      return {
        claims: `reservation ${claim.reservation.code} installed`,
        ledger: res ? `code ${res.installedCode ?? 'none'} installed (latest ${res.code})` : 'no reservation',
      };
    }
    // SLR-7: a returned reservation is no longer installed on the instance ("which removes the Authorization Code").
    if (res.returnCode !== null) {
      return { claims: `reservation ${claim.reservation.code} installed`, ledger: `reservation returned (${res.returnCode} not entered)` };
    }
  } else if (res && res.installedCode !== null && !res.nonOperational && res.returnCode === null) {
    return { claims: 'no reservation installed', ledger: `reservation ${res.installedCode} installed` };
  }
  if (claim.units) {
    const held = ledger.units[claim.units.account] ?? {};
    if (!same(held, claim.units.counts))
      return { claims: `units ${show(claim.units.counts)} from ${claim.units.account}`, ledger: `units ${show(held)}` };
  }
  if (claim.sessions) {
    const held = ledger.sessions[claim.sessions.license] ?? 0;
    if (held !== claim.sessions.count)
      return { claims: `${claim.sessions.count} sessions claimed on ${claim.sessions.license}`, ledger: `${held} claimed` };
  }
  return null;
}

/** The claims of each model's instances (from the model definitions, or a test's own machines). */
export type Claims = Record<string, ClaimOf>;

/** Compares one instance's state with the ledger: null, or the disagreement. */
export function checkInstance(sim: Simulation, global: number, claims: Claims): Inconsistency | null {
  const model = sim.fleet.group(global).model;
  const driver = sim.driverAt(global);
  const local = sim.localAt(global);
  const claimOf = claims[model];
  if (!claimOf) return null;
  const claim = claimOf(driver.holding(local), driver.context(local) as Record<string, unknown>);
  const accounts = [claim.units?.account, claim.sessions?.license].filter((a): a is string => a !== undefined);
  const id = sim.id(global);
  const found = disagreement(claim, sim.ledger.holdings(id, accounts));
  return found ? { instance: id, tick: sim.backend.now(), status: sim.status(global), ...found } : null;
}

/** How a run watches consistency: daily over the instances whose holdings may have changed, or after every delivery (tests). */
export type ConsistencyCheck = 'daily' | 'every-step';

/** Effects that change only what CSSM was last told of usage. */
const REPORTS: ReadonlySet<EffectKind> = new Set(['recordUsage', 'stageUsage', 'forwardStaged']);

/** Inconsistencies a run keeps in full (the rest are counted). */
export const INCONSISTENCIES_KEPT = 20;

/**
 * What a run found: how many checks, how many disagreed, the first few (by time, then by the instance's place in the
 * whole fleet: the same in every partition of a run and in the whole run).
 */
export interface ConsistencyReport {
  checks: number;
  inconsistent: number;
  first: Inconsistency[];
}

/** Thrown in `every-step` mode at the first disagreement. */
export class InconsistencyError extends Error {
  override name = 'InconsistencyError';
  constructor(readonly found: Inconsistency) {
    super(`${found.instance} at tick ${found.tick} (${found.status}): the state says ${found.claims}, the ledger has ${found.ledger}`);
  }
}

/**
 * The always-on `consistent` monitor (DOMAIN.md §6): instances whose holdings may
 * have changed (a step changed what their state holds, or an effect about them
 * committed) are compared with the ledger at the end of each day, and every
 * instance at the end of the run; in `every-step` mode every instance that stepped
 * or that an effect was about, after every delivery, failing at once.
 */
export class ConsistencyWatch implements Snapshotting<SavedFields> {
  readonly report: ConsistencyReport = { checks: 0, inconsistent: 0, first: [] };
  private readonly dirty: Uint8Array;
  private pending: number[] = [];

  constructor(
    private readonly sim: Simulation,
    private readonly claims: Claims,
    readonly mode: ConsistencyCheck,
  ) {
    this.dirty = new Uint8Array(sim.fleet.size);
  }

  /**
   * An effect about an instance committed: it is checked at the next check. A usage
   * report changes only what CSSM was last told, which the daily check leaves to the
   * end of the run (every instance) unless every step is checked.
   */
  committed(effect: LedgerEffect, about: number): void {
    if (this.mode !== 'every-step' && REPORTS.has(effect.kind)) return;
    this.touch(about);
  }

  /** Something about an instance changed: check it at the next check. */
  touch(address: number): void {
    if (address >= this.dirty.length || this.dirty[address]) return;
    this.dirty[address] = 1;
    this.pending.push(address);
  }

  /** The instances due for a check, and what the checks found. */
  save(): SavedFields {
    return saveFields(this, ['report', 'dirty', 'pending']);
  }
  /** (The report is put back in place: whoever holds it sees the loaded one.) */
  load(state: SavedFields): void {
    const { report, ...rest } = state as SavedFields & { report: ConsistencyReport };
    loadFields(this, rest);
    Object.assign(this.report, structuredClone(report));
  }

  /** Checks the touched instances. */
  checkTouched(): void {
    const pending = this.pending;
    this.pending = [];
    for (const g of pending) {
      this.dirty[g] = 0;
      this.check(g);
    }
  }

  /** Checks every instance (the end of a run). */
  checkAll(): void {
    this.pending = [];
    this.dirty.fill(0);
    for (let g = 0; g < this.sim.fleet.size; g++) this.check(g);
  }

  private check(global: number): void {
    this.report.checks++;
    const found = checkInstance(this.sim, global, this.claims);
    if (!found) return;
    if (this.mode === 'every-step') throw new InconsistencyError(found);
    this.report.inconsistent++;
    keepFirst(this.report.first, found, (i) => [i.tick, this.sim.fleet.origin(this.sim.globalOf(i.instance))]);
    for (const o of this.sim.observers) o.inconsistent?.(global, found);
  }
}

/**
 * Keeps `found` among the first {@link INCONSISTENCIES_KEPT} of `first` by `key` (tick, then the instance's place in
 * the whole fleet), `first` kept in that order.
 */
export function keepFirst(first: Inconsistency[], found: Inconsistency, key: (i: Inconsistency) => [number, number]): void {
  const [tick, origin] = key(found);
  let at = first.length;
  while (at > 0) {
    const [t, o] = key(first[at - 1] as Inconsistency);
    if (t < tick || (t === tick && o < origin)) break;
    at--;
  }
  if (at >= INCONSISTENCIES_KEPT) return;
  first.splice(at, 0, found);
  if (first.length > INCONSISTENCIES_KEPT) first.pop();
}
