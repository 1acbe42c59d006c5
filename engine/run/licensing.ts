import type { EventObject } from 'xstate';
import { DLU } from '../../ledger/licenceTypes.ts';
import type { Result } from '../../ledger/result.ts';
import type { LedgerEffect } from '../../machines/emitted.ts';
import type { ModelName } from '../../machines/policyOverride.ts';
import type { StepReport } from '../backend/types.ts';
import type { SessionPopulation } from '../fleet/populations.ts';
import type { Simulation } from './simulation.ts';

/** Node-locked statuses in which the licence manager holds the instance's units (NL-7). */
const LICENSED = ['production', 'rehostGrace'];

/**
 * The back end's side of the world: applies the effects machines emit to the
 * ledger, keeps which instances each VA counts, delivers the daily usage-report
 * verdicts (SL-7, SL-10), compares SLR instances with their reservations, and
 * checks node-locked units out and in (NL-7).
 */
export class Licensing {
  private readonly vaIndex = new Map<string, number>();
  private readonly vaIds: string[] = [];
  private readonly registeredTo: Int32Array;
  private readonly members: Array<Set<number>> = [];
  private readonly fresh: number[][] = [];
  private readonly lastOutOfCompliance: Uint8Array;
  /** What each instance was last told by a usage report: 1 = out of compliance. */
  private readonly told: Uint8Array;
  private readonly reserved = new Set<number>();
  private readonly toldShort: Uint8Array;
  private readonly licensed: number[];

  constructor(private readonly sim: Simulation) {
    for (const a of sim.scenario.accounts) {
      if (a.kind !== 'virtual-account') continue;
      this.vaIndex.set(a.id, this.vaIds.length);
      this.vaIds.push(a.id);
      this.members.push(new Set());
      this.fresh.push([]);
    }
    this.lastOutOfCompliance = new Uint8Array(this.vaIds.length);
    this.registeredTo = new Int32Array(sim.fleet.size).fill(-1);
    this.told = new Uint8Array(sim.fleet.size);
    this.toldShort = new Uint8Array(sim.fleet.size);
    const nodeLocked = sim.drivers['node-locked']?.statuses ?? [];
    this.licensed = LICENSED.map((s) => nodeLocked.indexOf(s));
  }

  private join(global: number, account: string): void {
    const va = this.vaIndex.get(account);
    if (va === undefined) return;
    this.leave(global);
    this.registeredTo[global] = va;
    (this.members[va] as Set<number>).add(global);
    (this.fresh[va] as number[]).push(global);
    this.told[global] = 0;
  }

  private leave(global: number): void {
    const va = this.registeredTo[global] as number;
    if (va >= 0) (this.members[va] as Set<number>).delete(global);
    this.registeredTo[global] = -1;
  }

  /** Applies a machine's effect to the ledger and keeps the engine's books in step. */
  applyEffect(global: number, effect: LedgerEffect): Result {
    const sim = this.sim;
    const id = sim.id(global);
    const result = sim.ledger.applyEffect(id, effect, sim.backend.now());
    if (!result.ok) return result;
    switch (effect.kind) {
      case 'register':
      case 'move':
        this.join(global, effect.accountId);
        return this.reportUsage(global);
      case 'release':
        this.leave(global);
        break;
      case 'reservationInstalled':
        this.reserved.add(global);
        this.toldShort[global] = 0;
        return this.reportUsage(global);
      case 'reservationReturnCode':
        this.reserved.delete(global);
        break;
      default:
        break;
    }
    return result;
  }

  private reportUsage(global: number): Result {
    return this.sim.ledger.reportUsage(this.sim.id(global), this.sim.population(global).usage(this.sim.member(global)));
  }

  /** NL-7: entering a licensed state checks out the instance's units; leaving it checks them in. */
  statusChanged(global: number, model: ModelName, report: StepReport): void {
    if (model !== 'node-locked') return;
    const was = this.licensed.includes(report.from);
    const is = this.licensed.includes(report.to);
    if (is && !was) this.holdUnits(global, 'UPLOAD_LICENSE');
    else if (was && !is) this.releaseUnits(global);
  }

  private holdUnits(global: number, op: string): boolean {
    const sim = this.sim;
    const id = sim.id(global);
    const account = sim.fleet.group(global).spec.account;
    const want = sim.population(global).usage(sim.member(global))[DLU] ?? 0;
    const held = sim.ledger.checkedOut(id, account, DLU);
    if (want === held) return true;
    const result = want > held ? sim.ledger.checkOut(id, account, DLU, want - held) : sim.ledger.checkIn(id, account, DLU, held - want);
    if (!result.ok) {
      sim.ledgerAlarms(global, result.alarms);
      sim.refused(global, op, result.rule, result.reason);
      return false;
    }
    sim.ledgerAlarms(global, result.alarms);
    return true;
  }

  private releaseUnits(global: number): void {
    const sim = this.sim;
    const id = sim.id(global);
    const account = sim.fleet.group(global).spec.account;
    const held = sim.ledger.checkedOut(id, account, DLU);
    if (held > 0) sim.ledger.checkIn(id, account, DLU, held);
  }

  /**
   * The instance's population changed: report the new usage where the back end
   * counts it. False when the back end refused (the caller undoes the change).
   */
  populationChanged(global: number, op: string): boolean {
    const sim = this.sim;
    const model = sim.fleet.group(global).model;
    if (model === 'smart-licensing') {
      if (this.registeredTo[global] === -1 && !this.reserved.has(global)) return true;
      const r = this.reportUsage(global);
      if (!r.ok) sim.refused(global, op, r.rule, r.reason);
      return r.ok;
    }
    if (model === 'node-locked') {
      return this.licensed.includes(sim.statusIndex(global)) ? this.holdUnits(global, op) : true;
    }
    // CS-4: more sessions are claimed by reactivating with the new count.
    const sessions = (sim.population(global) as SessionPopulation).sessions[sim.member(global)] as number;
    if (sim.status(global) !== 'active') return true;
    const before = sim.refusals;
    sim.send(global, { type: 'REACTIVATE', mode: 'automatic', sessions } as EventObject);
    return sim.refusals === before;
  }

  private isDisconnectedSatellite(global: number): boolean {
    const sim = this.sim;
    if (sim.fleet.group(global).model !== 'smart-licensing') return false;
    return (sim.driver(global).context(sim.fleet.local(global)) as { transport?: string }).transport === 'satellite-disconnected';
  }

  private tell(global: number, outOfCompliance: boolean): void {
    const flag = outOfCompliance ? 1 : 0;
    if (this.told[global] === flag) return;
    this.told[global] = flag;
    this.sim.send(global, { type: outOfCompliance ? 'OUT_OF_COMPLIANCE' : 'IN_COMPLIANCE' });
  }

  /** SL-10: a manual sync brings a disconnected satellite's view of the VA up to date. */
  satelliteSynced(global: number): void {
    const va = this.registeredTo[global] as number;
    if (va >= 0) this.tell(global, this.sim.ledger.outOfCompliance(this.vaIds[va] as string));
  }

  /**
   * SL-7: the daily usage report. Each VA's verdict goes to its registered
   * instances when it changed (to new members always), except through a
   * disconnected satellite, which learns it at its next manual sync (SL-10).
   * SLR instances compare their usage with their own reservation (SLR-9).
   */
  dailyReport(): void {
    const sim = this.sim;
    sim.ledger.lapse(sim.backend.now());
    this.vaIds.forEach((id, va) => {
      const outOfCompliance = sim.ledger.outOfCompliance(id);
      const flag = outOfCompliance ? 1 : 0;
      const targets = flag !== this.lastOutOfCompliance[va] ? [...(this.members[va] as Set<number>)] : (this.fresh[va] as number[]);
      this.lastOutOfCompliance[va] = flag;
      this.fresh[va] = [];
      for (const global of targets) {
        if (this.registeredTo[global] !== va || this.isDisconnectedSatellite(global)) continue;
        this.tell(global, outOfCompliance);
      }
    });
    for (const global of [...this.reserved]) {
      const view = sim.ledger.reservation(sim.id(global));
      const short = view !== null && Object.values(view.shortfall).some((n) => n > 0) ? 1 : 0;
      if (short === this.toldShort[global]) continue;
      this.toldShort[global] = short;
      sim.send(global, { type: short ? 'SLR_OUT_OF_COMPLIANCE' : 'SLR_IN_COMPLIANCE' });
    }
  }
}
