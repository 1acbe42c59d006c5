import type { AlarmEvent } from '../machines/emitted.ts';
import type { RuleId } from '../machines/rules.ts';

/** Why the ledger refused an operation; stable strings a scenario or a test can match on. */
export type RefusalCode =
  | 'unknownAccount'
  | 'wrongAccountKind'
  | 'badCount'
  | 'badTerm'
  | 'unknownType'
  | 'notRegistered'
  | 'registeredElsewhere'
  | 'alreadyRegistered'
  | 'reserved'
  | 'alreadyReserved'
  | 'noReservation'
  | 'nonOperational'
  | 'operational'
  | 'insufficient'
  | 'nothingInTransit'
  | 'notInstalled'
  | 'installed'
  | 'unknownCode'
  | 'returned'
  | 'duplicateFeature'
  | 'noReturnCode'
  | 'overdraftLimit'
  | 'notHeld'
  | 'notActivated'
  | 'pakUsed'
  | 'splitMismatch'
  | 'notSplittable'
  | 'alreadyMigrated'
  | 'noExportAuthorization'
  | 'noExportGrant'
  | 'unknownDeviceType'
  | 'unknownDevice'
  | 'duplicateDevice'
  | 'adjunctUnsupported'
  | 'secondaryNotAllowed'
  | 'tooManySecondaries'
  | 'primaryNotLargest'
  | 'notPrimary'
  | 'primaryHasSecondaries';

/** A refused operation: the rule it enforces, a reason a person can read, and any vendor alarms it raised. */
export interface Refusal {
  ok: false;
  code: RefusalCode;
  rule: RuleId | null;
  reason: string;
  alarms: readonly AlarmEvent[];
}

/** The outcome of every ledger operation: `{ ok: true, ...detail }` or a `Refusal`. */
export type Result<T extends object = object> = ({ ok: true } & T) | Refusal;

const NO_ALARMS: readonly AlarmEvent[] = Object.freeze([]);

/** Builds a refusal. */
export function refusal(code: RefusalCode, rule: RuleId | null, reason: string, alarms: readonly AlarmEvent[] = NO_ALARMS): Refusal {
  return { ok: false, code, rule, reason, alarms };
}

/** Thrown for programmer errors only, e.g. an account id that was never opened. */
export class LedgerUsageError extends Error {
  override name = 'LedgerUsageError';
}

/** True when `n` is a whole number of at least `min`. */
export function isWhole(n: number, min = 0): boolean {
  return Number.isInteger(n) && n >= min;
}
