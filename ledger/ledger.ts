import type { LedgerEffect } from '../machines/effects.ts';
import type { LicenseTerms, LicensingFacts } from '../machines/env.ts';
import type { Tick } from '../machines/time.ts';
import { type AccountSpec, openAccount } from './accounts.ts';
import { AdjunctRegistry } from './adjunct.ts';
import { type CheckOutcome, checkedOut, checkIn, checkOut } from './checkout.ts';
import { toCounts } from './counts.ts';
import { type DevicePopulation, type DeviceUnitBreakdown, type DeviceUnitOptions, deviceUnits } from './deviceUnits.ts';
import { applyEffect, checkEffect, type EffectResult } from './effects.ts';
import { exportGrant, exportReturn } from './exports.ts';
import { ledgerFacts } from './facts.ts';
import { holdingsOf, type LedgerHoldings } from './holdings.ts';
import { addFeature, extendLicense, licenseTerms } from './licenceTerms.ts';
import type { Counts, LicenceType } from './licenceTypes.ts';
import { advance, type LotView, lotView } from './lots.ts';
import { type LedgerPolicy, type LedgerPolicyOverride, ledgerPolicy } from './policy.ts';
import { migrate, type PakSplit, purchase, splitPak, type Term } from './purchases.ts';
import * as slr from './reservations.ts';
import type { Refusal, Result } from './result.ts';
import { activate, type ClaimOutcome, claim, claimedSessions, deactivate, freeSessions } from './sessions.ts';
import { loadFields, type SavedFields, type Snapshotting, saveFields } from './snapshot.ts';
import { accountOf, createState, type InstanceSlots, type LedgerState } from './state.ts';
import { type AccountStatus, accountStatus, type TypeStatus, typeStatus } from './status.ts';
import { deregister, move, register, reportUsage } from './usage.ts';
import { type LicensedUser, licencesNeeded, type OwnedDevice, type TierCounts } from './userLicence.ts';

type Released = Result<{ released: Record<string, number> }>;
type Returned = Result<{ returnCode: string; released: Record<string, number> }>;

/**
 * The licensing back end: CSSM virtual accounts, node-locked licence files with their
 * licence manager, and session/seat licences. Business refusals are `Result`s with a
 * rule and a reason; only programmer errors throw (`LedgerUsageError`: an account id
 * that was never opened, or opened twice). Instances need no opening.
 */
/** The ledger's state that changes (its policy and tier order never do; its types are saved apart). */
const LEDGER_FIELDS = ['now', 'accounts', 'instances', 'satellites', 'paks', 'lotSeq'] as const;

/** A saved ledger (`Ledger.save`). */
export interface SavedLedger {
  fields: SavedFields;
  types: string[];
}

export class Ledger implements Snapshotting<SavedLedger> {
  readonly #s: LedgerState;
  /** The facts machines' guards read (machines/env.ts). */
  readonly facts: LicensingFacts;

  /** `instanceSlots`: where to keep the records of ids known in advance (a fleet's instances), for speed; nothing else depends on it. */
  constructor(options: { policy?: LedgerPolicyOverride; now?: Tick; instanceSlots?: InstanceSlots } = {}) {
    this.#s = createState(ledgerPolicy(options.policy), options.now ?? 0, options.instanceSlots ?? null);
    this.facts = ledgerFacts(this.#s);
  }

  /** A copy of the ledger's records, to put back with {@link load}. */
  save(): SavedLedger {
    return { fields: saveFields(this.#s, LEDGER_FIELDS), types: this.#s.types.save() };
  }

  /** The records {@link save} copies, as they are (read only: to compare world states without copying them). */
  view(): SavedFields {
    const out: Record<string, unknown> = {};
    for (const f of LEDGER_FIELDS) out[f] = this.#s[f];
    return out;
  }

  /** Puts the records back as {@link save} found them (in place: `facts` keeps reading this ledger). */
  load(state: SavedLedger): void {
    loadFields(this.#s, state.fields);
    this.#s.types.load(state.types);
  }

  /** The policy in force. */
  get policy(): LedgerPolicy {
    return this.#s.policy;
  }
  /** The ledger clock: the latest tick `lapse` or `applyEffect` was given. */
  get now(): Tick {
    return this.#s.now;
  }

  /** Opens a VA, a licence file or a session licence. Throws on a duplicate id. */
  openAccount(spec: AccountSpec): void {
    openAccount(this.#s, spec);
  }
  /** SLR-10: moves the clock to `now`; TERM lots start and lapse. Never moves back. */
  lapse(now: Tick): { started: LotView[]; lapsed: LotView[] } {
    const r = advance(this.#s, now);
    return { started: r.started.map((l) => lotView(this.#s, l)), lapsed: r.lapsed.map((l) => lotView(this.#s, l)) };
  }
  /** Buys `units` of `type`, perpetual or for a TERM. */
  purchase(accountId: string, type: LicenceType, units: number, term?: Term): Result<{ lotId: string }> {
    return purchase(this.#s, accountId, type, units, term);
  }
  /** NL-9: splits a PAK across licence files; the parts must add up to the PAK. */
  splitPak(split: PakSplit): Result<{ lotIds: string[] }> {
    return splitPak(this.#s, split);
  }
  /** NL-10: grants free the units in use at a 4.x migration and checks them out to the instance. */
  migrate(instanceId: string, accountId: string, inUse: Counts): Result<{ granted: Record<string, number> }> {
    return migrate(this.#s, instanceId, accountId, inUse);
  }

  /** SL-4: registers an instance to a VA. */
  register(instanceId: string, accountId: string): Result<{ changed: boolean }> {
    return register(this.#s, instanceId, accountId);
  }
  /** SL-7: replaces the instance's usage report. */
  reportUsage(instanceId: string, usage: Counts): Result {
    return reportUsage(this.#s, instanceId, usage);
  }
  /** SL-8: deregisters; everything the instance used is released at once. */
  deregister(instanceId: string): Released {
    return deregister(this.#s, instanceId);
  }
  /** SL-9: reregisters to another VA, taking the instance's usage along. */
  move(instanceId: string, accountId: string): Result<{ changed: boolean }> {
    return move(this.#s, instanceId, accountId);
  }
  /** The VA an instance is registered to, or null. */
  registration(instanceId: string): string | null {
    return this.#s.instances.get(instanceId)?.account?.id ?? null;
  }
  /** The instance's last usage report, or null. */
  usage(instanceId: string): Record<string, number> | null {
    const u = this.#s.instances.get(instanceId)?.usage ?? null;
    return u === null ? null : toCounts(this.#s.types, u);
  }

  /** NL-7, NL-8: the licence manager issues units, within the overdraft regime. */
  checkOut(instanceId: string, accountId: string, type: LicenceType, units: number): Result<CheckOutcome> {
    return checkOut(this.#s, instanceId, accountId, type, units);
  }
  /** NL-7: the licence manager reclaims units. */
  checkIn(instanceId: string, accountId: string, type: LicenceType, units: number): Result<CheckOutcome> {
    return checkIn(this.#s, instanceId, accountId, type, units);
  }
  /** Units of a type an instance holds from a licence file. */
  checkedOut(instanceId: string, accountId: string, type: LicenceType): number {
    return checkedOut(this.#s, instanceId, accountId, type);
  }

  /** CS-3: claims `sessions` more, for good. */
  claim(instanceId: string, licenseId: string, sessions: number): Result<ClaimOutcome> {
    return claim(this.#s, instanceId, licenseId, sessions);
  }
  /** CS-4: (re)activates for a total of `sessions`; only an increase is claimed. */
  activate(instanceId: string, licenseId: string, sessions: number): Result<ClaimOutcome> {
    return activate(this.#s, instanceId, licenseId, sessions);
  }
  /** CS-3: deactivates; the claim stays claimed. */
  deactivate(instanceId: string, licenseId: string): Result<{ claimed: number }> {
    return deactivate(this.#s, instanceId, licenseId);
  }
  /** CS-2: sessions of a licence nobody has claimed (0 for an unknown licence). */
  freeSessions(licenseId: string): number {
    return freeSessions(this.#s, licenseId);
  }
  /** CS-7: a session licence's latest expiry and features. */
  licenseTerms(licenseId: string): LicenseTerms {
    return licenseTerms(this.#s, licenseId);
  }
  /** CS-7: the account representative extends a licence; installations see it at their next reactivation. */
  extendLicense(licenseId: string, until: Tick, now?: Tick): Result<{ expiresAt: Tick }> {
    return extendLicense(this.#s, licenseId, until, now);
  }
  /** CS-7: the account representative adds a feature to a licence. */
  addFeature(licenseId: string, feature: string): Result {
    return addFeature(this.#s, licenseId, feature);
  }
  /** Sessions an instance has claimed on a licence. */
  claimed(instanceId: string, licenseId: string): number {
    return claimedSessions(this.#s, instanceId, licenseId);
  }

  /** SLR-3: reserves licences for an unregistered instance; returns the authorization code. */
  reserve(instanceId: string, accountId: string, counts: Counts): Result<{ code: string }> {
    return slr.reserve(this.#s, instanceId, accountId, counts);
  }
  /** SLR-5: changes the reservation to `counts`; the change is in transit until `confirm`. */
  updateReservation(instanceId: string, counts: Counts): Result<{ code: string }> {
    return slr.updateReservation(this.#s, instanceId, counts);
  }
  /** SLR-4, SLR-5: the instance installs its latest code; returns the confirmation code. */
  installReservation(instanceId: string, code?: string): Result<{ confirmationCode: string }> {
    return slr.installReservation(this.#s, instanceId, code);
  }
  /** SLR-5: the confirmation code is entered in CSSM; the transit ends. */
  confirm(instanceId: string): Result<{ reserved: Record<string, number> }> {
    return slr.confirmReservation(this.#s, instanceId);
  }
  /** SLR-7: the instance produces its return code; the licences stay blocked until it is entered. */
  returnReservation(instanceId: string): Result<{ returnCode: string }> {
    return slr.returnReservation(this.#s, instanceId);
  }
  /** SLR-7: return-authorization for a code not yet installed: a return code too. */
  returnAuthorization(instanceId: string, code: string): Result<{ returnCode: string }> {
    return slr.returnAuthorization(this.#s, instanceId, code);
  }
  /** SLR-7: the return code is entered in CSSM; everything reserved or in transit is released. */
  enterReturnCode(instanceId: string): Returned {
    return slr.enterReturnCode(this.#s, instanceId);
  }
  /** SLR-8: the instance is RMA'd or destroyed; its licences stay blocked. */
  markNonOperational(instanceId: string): Result {
    return slr.markNonOperational(this.#s, instanceId);
  }
  /** SLR-8: support removes the instance, releasing its licences. */
  supportRemove(instanceId: string): Released {
    return slr.supportRemove(this.#s, instanceId);
  }
  /** SLR-3, SLR-5: the latest authorization code of an instance. */
  reservationAuthorizationCode(instanceId: string): string | undefined {
    return this.facts.reservationAuthorizationCode(instanceId);
  }
  /** The instance's reservation and its shortfall, or null. */
  reservation(instanceId: string): slr.ReservationView | null {
    return slr.reservationView(this.#s, instanceId);
  }

  /** EX-1: grants an export authorization licence. */
  exportGrant(instanceId: string, accountId: string): Result<{ grants: number }> {
    return exportGrant(this.#s, instanceId, accountId);
  }
  /** EX-1: gives an export authorization licence back. */
  exportReturn(instanceId: string, accountId: string): Result<{ grants: number }> {
    return exportReturn(this.#s, instanceId, accountId);
  }
  /** Whether the ledger would accept an effect a machine emits, without applying it: null, or the refusal. */
  checkEffect(effect: LedgerEffect, now: Tick): Refusal | null {
    return checkEffect(this.#s, effect, now);
  }
  /** Applies an effect a machine emitted. */
  applyEffect(effect: LedgerEffect, now: Tick): EffectResult {
    return applyEffect(this.#s, effect, now);
  }
  /**
   * What the ledger holds for an instance: registration, last report, reservation, units and sessions
   * (from `only` accounts, or all) (DOMAIN.md §6).
   */
  holdings(instanceId: string, only?: readonly string[]): LedgerHoldings {
    return holdingsOf(this.#s, instanceId, only);
  }

  /** Every type of an account, O(types). */
  status(accountId: string): AccountStatus {
    return accountStatus(this.#s, accountOf(this.#s, accountId));
  }
  /** One type of an account. */
  typeStatus(accountId: string, type: LicenceType): TypeStatus {
    return typeStatus(this.#s, accountOf(this.#s, accountId), this.#s.types.index(type));
  }
  /** Overdraft of one type, or the total, after borrowing. */
  overdraft(accountId: string, type?: LicenceType): number {
    return type === undefined ? this.status(accountId).overdraft : this.typeStatus(accountId, type).overdraft;
  }
  /** SL-7, SL-12: any overdraft after substitution. */
  outOfCompliance(accountId: string): boolean {
    return this.status(accountId).outOfCompliance;
  }
  /** The account's lots, lapsed ones included. */
  lots(accountId: string): LotView[] {
    return accountOf(this.#s, accountId).lots.map((l) => lotView(this.#s, l));
  }

  /** DLU-1..DLU-4: units a population consumes, with the policy's table and values. */
  deviceUnits(population: DevicePopulation, cucmVersion?: number): Result<DeviceUnitBreakdown> {
    return deviceUnits(population, this.#deviceUnitOptions(cucmVersion));
  }
  /** DLU-4: an adjunct bookkeeping for one cluster, with the policy's table and values. */
  adjunctRegistry(cucmVersion?: number): AdjunctRegistry {
    return new AdjunctRegistry(this.#deviceUnitOptions(cucmVersion));
  }
  #deviceUnitOptions(cucmVersion?: number): DeviceUnitOptions {
    const p = this.#s.policy;
    return {
      table: p.deviceUnits,
      softphoneUnits: p.softphoneUnits,
      maxAdjunctSecondaries: p.maxAdjunctSecondaries,
      adjunctMinimumCucmVersion: p.adjunctMinimumCucmVersion,
      adjunctSecondaryTypes: p.adjunctSecondaryTypes,
      capabilityUnits: p.capabilityUnits,
      ...(cucmVersion !== undefined ? { cucmVersion } : {}),
    };
  }
  /** SL-16: licences a population of users and devices needs, with the policy's tier table. */
  licencesNeeded(population: { users?: readonly LicensedUser[]; devices: readonly OwnedDevice[] }): Result<{ licences: TierCounts }> {
    return licencesNeeded(population, this.#s.policy.tierTable);
  }
}
