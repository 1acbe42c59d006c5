import { PARTY_KINDS, type PartyKind } from '../../machines/parties.ts';
import type { Scenario } from '../scenario.ts';

/** One back-end party of a run, with its world address (after the fleet's instances). */
export interface Party {
  kind: PartyKind;
  /** E.g. `cssm:va-east`, `satellite:sat-hq`, `license-manager:cucm-file`. */
  id: string;
  address: number;
  /** Index among the parties of its kind (its driver's local index). */
  local: number;
  /** The account it serves: the VA of CSSM and of a satellite, the licence file of a licence manager. */
  account: string;
  /** The satellite's id (satellites only). */
  satellite?: string;
}

/**
 * The parties of a scenario's world (DOMAIN.md §6): CSSM for every virtual account,
 * each declared satellite, and a licence manager for every licence file. Their
 * addresses follow the fleet's instances, in this order.
 */
export class PartyTable {
  readonly list: Party[] = [];
  readonly byKind: Record<PartyKind, Party[]>;
  private readonly byKey: Record<PartyKind, Map<string, Party>>;

  constructor(scenario: Scenario, first: number) {
    this.byKind = Object.fromEntries(PARTY_KINDS.map((k) => [k, []])) as unknown as Record<PartyKind, Party[]>;
    this.byKey = Object.fromEntries(PARTY_KINDS.map((k) => [k, new Map()])) as unknown as Record<PartyKind, Map<string, Party>>;
    for (const a of scenario.accounts) {
      if (a.kind === 'virtual-account') this.add('cssm', a.id, a.id, first);
      if (a.kind === 'license-file') this.add('license-manager', a.id, a.id, first);
    }
    for (const s of scenario.satellites ?? []) this.add('satellite', s.id, s.account, first, s.id);
  }

  private add(kind: PartyKind, key: string, account: string, first: number, satellite?: string): void {
    const list = this.byKind[kind];
    const party: Party = {
      kind,
      id: `${kind}:${key}`,
      address: first + this.list.length,
      local: list.length,
      account,
      ...(satellite ? { satellite } : {}),
    };
    this.list.push(party);
    list.push(party);
    this.byKey[kind].set(key, party);
  }

  /** CSSM of a VA, a satellite by id, or the licence manager of a licence file. */
  find(kind: PartyKind, key: string): Party | undefined {
    return this.byKey[kind].get(key);
  }
}
