import { loadFields, type SavedFields, type Snapshotting, saveFields } from '../../ledger/snapshot.ts';
import type { LedgerEffect } from '../../machines/effects.ts';
import type { Address } from '../../machines/messages.ts';
import type { Links } from './links.ts';
import type { PartyTable } from './parties.ts';

/** What the router needs to know of the fleet. */
export interface RouterFleet {
  /** Number of instances (addresses below it are instances, the rest parties). */
  size: number;
  /** The instance a ledger id names (-1 for none). */
  globalOf(instanceId: string): number;
  /** The node-locked instances whose licence file is `account`. */
  servers(account: string): readonly number[];
}

const NOBODY: readonly number[] = Object.freeze([]);

/**
 * Turns a message's address into the machines it reaches (DOMAIN.md §6). It only
 * routes: an address that names nobody reachable resolves to nobody, and the
 * message is not delivered. It keeps which instances each VA's CSSM holds, from the
 * effects that commit, to address CSSM's verdicts.
 */
export class Router implements Snapshotting<SavedFields> {
  /** Per instance, the CSSM (its local index) holding it, or -1. Verdicts are rare: they scan it, in fleet order. */
  private readonly memberOf: Int32Array;

  constructor(
    private readonly fleet: RouterFleet,
    private readonly links: Links,
    private readonly parties: PartyTable,
  ) {
    this.memberOf = new Int32Array(fleet.size).fill(-1);
  }

  /** Which CSSM holds each instance. */
  save(): SavedFields {
    return saveFields(this, ['memberOf']);
  }
  load(state: SavedFields): void {
    loadFields(this, state);
  }

  /** Whether an address may name several machines (a broadcast). */
  static many(to: Address): boolean {
    return to.kind === 'members' || to.kind === 'attached' || to.kind === 'servers';
  }

  /** The one machine an address that names at most one reaches, or -1 (no array made: most messages are these). */
  resolveOne(to: Address, from: number, replyTo: number): number {
    switch (to.kind) {
      case 'endpoint': {
        if (from >= this.fleet.size || !this.links.isUp(from)) return -1;
        if (this.links.viaSatellite(from)) return this.parties.byKind.satellite[this.links.satellite[from] as number]?.address ?? -1;
        return this.parties.find('cssm', to.account)?.address ?? -1;
      }
      case 'cssm':
        return this.parties.find('cssm', to.account)?.address ?? -1;
      case 'licenseManager':
        return this.parties.find('license-manager', to.account)?.address ?? -1;
      case 'self':
        return from;
      case 'satellite':
        return this.parties.find('satellite', to.satellite)?.address ?? -1;
      case 'reply':
        if (replyTo < 0) return -1;
        return replyTo >= this.fleet.size || this.links.isUp(replyTo) ? replyTo : -1;
      default:
        return -1;
    }
  }

  /** The machines a broadcast reaches, in fleet order or the order they joined. */
  resolveMany(to: Address): readonly number[] {
    switch (to.kind) {
      case 'members': {
        const cssm = this.parties.find('cssm', to.account);
        if (!cssm) return NOBODY;
        const out: number[] = [];
        const m = this.memberOf;
        for (let g = 0; g < m.length; g++) if (m[g] === cssm.local && this.links.isUp(g) && !this.links.viaSatellite(g)) out.push(g);
        return out;
      }
      case 'attached': {
        const satellite = this.parties.find('satellite', to.satellite);
        if (!satellite) return NOBODY;
        const of = to.account === undefined ? undefined : this.parties.find('cssm', to.account)?.local;
        const out: number[] = [];
        for (const g of this.links.behind(satellite.local))
          if (this.links.isUp(g) && (of === undefined || this.memberOf[g] === of)) out.push(g);
        return out;
      }
      case 'servers':
        return this.fleet.servers(to.account);
      default:
        return NOBODY;
    }
  }

  /** Keeps CSSM's membership in step with an effect that committed (whoever emitted it). */
  committed(effect: LedgerEffect): void {
    switch (effect.kind) {
      case 'register':
      case 'move':
        this.join(this.fleet.globalOf(effect.instanceId), effect.accountId);
        return;
      case 'release':
      case 'removeInstance':
        this.leave(this.fleet.globalOf(effect.instanceId));
        return;
      default:
        return;
    }
  }

  private join(global: number, account: string): void {
    const cssm = this.parties.find('cssm', account);
    if (!cssm || global < 0 || global >= this.fleet.size) return;
    this.memberOf[global] = cssm.local;
  }

  private leave(global: number): void {
    if (global >= 0 && global < this.fleet.size) this.memberOf[global] = -1;
  }
}
