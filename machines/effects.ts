import type { RegistrationRequest } from './cssm/types.ts';
import type { RuleId } from './rules.ts';

/** EX-1: the licence a VA grants an export-restricted feature from (SL-3: under SLR, one may be reserved). */
export const EXPORT_AUTHORIZATION = 'ExportAuthorization';

/** NL-5: the server (node) licence each server of a licensed cluster checks out from its licence file. */
export const NODE = 'node';

/** Units per licence type, e.g. `{ 'UCL-Enhanced': 40, CUWL: 10 }` (missing types count as 0). */
export type Counts = Readonly<Record<string, number>>;

/**
 * A change the licensing back end must make because a machine took a transition
 * (DOMAIN.md §6). Every effect names the instance it is about, so the party that
 * emits it (an instance, CSSM, a satellite, a licence manager) need not be the
 * instance itself. The engine checks an effect against the ledger before the
 * transition commits and applies it with the transition, or refuses both.
 */
export type LedgerEffect =
  /** SL-4: CSSM counts the instance in a VA, with the usage report its registration carried. */
  | { kind: 'register'; instanceId: string; accountId: string; report: FirstReport }
  /** SL-8, SL-14: everything the instance used is released (CSSM was told). */
  | { kind: 'release'; instanceId: string }
  /** SL-9: the instance and its usage move to another VA, where the report its reregistration carried replaces it. */
  | { kind: 'move'; instanceId: string; accountId: string; report: FirstReport; keepExport?: boolean }
  /** EX-1 */
  | { kind: 'exportGrant'; instanceId: string; accountId: string }
  | { kind: 'exportReturn'; instanceId: string; accountId: string }
  /** SLR-4, SLR-5: the instance installed its latest authorization code. */
  | { kind: 'reservationInstalled'; instanceId: string }
  | { kind: 'reservationConfirmationCode'; instanceId: string }
  /** SLR-7: the instance produces a return code (reservation return, or return-authorization); the licences stay blocked. */
  | { kind: 'reservationReturnCode'; instanceId: string }
  /** SLR-7: the return code is entered in CSSM, which releases the licences and removes the instance. */
  | { kind: 'enterReturnCode'; instanceId: string }
  /** SLR-9, SLR-11: a reserved instance's own record of its use, compared with its reservation (its shortfall). */
  | { kind: 'reservedUsage'; instanceId: string; usage: Counts }
  /** SLR-8: the instance can no longer produce a return code. */
  | { kind: 'nonOperational'; instanceId: string }
  /** SLR-3: CSSM turns a request code into an authorization code reserving `counts` in the VA. */
  | { kind: 'reserve'; instanceId: string; accountId: string; counts: Counts }
  /** SLR-5: CSSM changes a reservation to `counts`; the change is in transit until confirmed. */
  | { kind: 'updateReservation'; instanceId: string; counts: Counts }
  /** SLR-5: the confirmation code is entered in CSSM. */
  | { kind: 'confirmReservation'; instanceId: string }
  /** SLR-8: support removes a non-operational instance, releasing what it blocked. */
  | { kind: 'supportRemove'; instanceId: string }
  /** NL-10: the units a 4.x server uses are granted free in its licence file, and are its. */
  | { kind: 'migrate'; instanceId: string; accountId: string; counts: Counts }
  /** CS-3, CS-4: sessions or seats claimed for good. */
  | { kind: 'claim'; instanceId: string; licenseId: string; sessions: number }
  /** CS-1: an administrative rehost, confirmed on the old machine: its seat or sessions move off it, to the new machine's activation. */
  | { kind: 'rehost'; instanceId: string; licenseId: string }
  /** SL-7: CSSM records a usage report, replacing the instance's previous one. */
  | { kind: 'recordUsage'; instanceId: string; accountId: string; usage: Counts; seq: number }
  /** SL-10: a satellite holds a report until its next sync with CSSM. */
  | { kind: 'stageUsage'; satelliteId: string; instanceId: string; accountId: string; usage: Counts; seq: number }
  /** SL-10: at a sync CSSM takes the reports a satellite holds. */
  | { kind: 'forwardStaged'; satelliteId: string }
  /** SL-8: "Remove registered product instance" in CSSM releases what it holds for the instance. */
  | { kind: 'removeInstance'; instanceId: string; accountId: string }
  /** NL-7, NL-11: the licence manager checks units out to a server, or in from it. */
  | { kind: 'checkOut'; instanceId: string; accountId: string; counts: Counts }
  | { kind: 'checkIn'; instanceId: string; accountId: string; counts: Counts }
  /** NL-6: the invalid licence file is removed, and the units it gave the server with it. */
  | { kind: 'removeLicense'; instanceId: string; accountId: string };

export type EffectKind = LedgerEffect['kind'];

/**
 * SL-4, SL-7, SL-10: the usage report a registration carries. CSSM records it as it
 * registers the instance; a satellite (`heldBy`) holds it until its next sync.
 */
export interface FirstReport {
  usage: Counts;
  seq: number;
  heldBy: string | null;
}

/** An effect as a machine emits it, with the rule it implements. */
export interface EffectEvent {
  type: 'effect';
  effect: LedgerEffect;
  rule: RuleId;
}

/** `{ type: 'effect', effect, rule }`. */
export function effectEvent(effect: LedgerEffect, rule: RuleId): EffectEvent {
  return { type: 'effect', effect, rule };
}

/**
 * SL-4, SL-9: what CSSM, or a satellite (`heldBy`) for its VA, records when it takes
 * an instance's registration or reregistration from another VA, with the report it carried.
 */
export function registrationEffect(request: RegistrationRequest, accountId: string, heldBy: string | null = null): EffectEvent {
  const report = { usage: request.usage, seq: request.seq, heldBy };
  return request.type === 'REGISTER_INSTANCE'
    ? effectEvent({ kind: 'register', instanceId: request.instanceId, accountId, report }, 'SL-4')
    : effectEvent({ kind: 'move', instanceId: request.instanceId, accountId, report, keepExport: request.keepExport === true }, 'SL-9');
}

/** Marks an action that may emit ledger effects or requests, so a step taking it is checked before it commits. */
export const EFFECTFUL: unique symbol = Symbol.for('licsim.effectful');

/**
 * Declares the named actions of a machine as effectful: they emit ledger effects or
 * requests (or are `enqueueActions` that may). The compiled engine checks a step
 * taking one against the ledger and the parties it asks before the step commits;
 * an undeclared action that emits an effect is a machine bug, reported when it happens.
 */
export function declareEffectful<M extends { implementations: { actions: object } }>(
  machine: M,
  names: ReadonlyArray<keyof M['implementations']['actions'] & string>,
): M {
  const actions = machine.implementations.actions as Record<string, unknown>;
  for (const name of names) {
    const action = actions[name];
    if (typeof action !== 'function') throw new Error(`${name} is not an action of this machine`);
    Object.assign(action, { [EFFECTFUL]: true });
  }
  return machine;
}

/** Whether an action was declared effectful. */
export function isEffectful(action: unknown): boolean {
  return typeof action === 'function' && (action as { [EFFECTFUL]?: boolean })[EFFECTFUL] === true;
}
