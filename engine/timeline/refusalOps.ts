import { ACTIONS, type TimelineKind } from './registry.ts';

/**
 * The operations a refusal is reported under, in one spelling (the timeline's
 * kebab-case). A refusal caused by a timeline entry is reported under the entry's
 * action (`upload-license`, `activate`, `grow`…), whichever machine refused
 * (the instance, CSSM, a licence manager, the ledger). Besides those:
 */
export const ENGINE_OPS = {
  /** A group's automatic `growth:` step. */
  growth: "a group's automatic growth (growth:)",
  /** A machine's own timer: its step was refused (by the ledger or a party it asked). */
  timer: "a machine's own timer",
  /** A message between machines set off by a timer (outside any timeline entry), refused by the machine it reached. */
  message: 'a message between machines outside any timeline entry',
} as const;

export type EngineOp = keyof typeof ENGINE_OPS;

/** Every operation a `refused` expectation may name. */
export const REFUSAL_OPS: readonly string[] = [...ACTIONS.map((a) => a.kind), ...Object.keys(ENGINE_OPS)];

/** `UPLOAD_LICENSE` → `upload-license`: an event's type in the timeline's spelling. */
export function kebabOp(op: string): string {
  return /[A-Z_]/.test(op) ? op.toLowerCase().replaceAll('_', '-') : op;
}

/** Events whose timeline action is not spelled as the event (format version 2 reported refusals under the event). */
const ACTION_OF_EVENT: Readonly<Record<string, TimelineKind>> = {
  SET_MODE: 'satellite-mode',
  SYNC: 'satellite-sync',
  STOP: 'stop-license-manager',
  START: 'start-license-manager',
  RESTART: 'restart-license-manager',
  LINK_CHANGED: 'set-link',
  RESERVE: 'slr-authorize',
  UPDATE_RESERVATION: 'slr-update',
  CONFIRM_RESERVATION: 'slr-confirm',
  SLR_CONFIRMED: 'slr-confirm',
};

/**
 * The operation an op written as an event type (`UPLOAD_LICENSE`, `SET_MODE`) names
 * now: the timeline action that delivers the event, or null when none does.
 */
export function actionOfEvent(op: string): string | null {
  const named = ACTION_OF_EVENT[op] ?? kebabOp(op);
  return REFUSAL_OPS.includes(named) ? named : null;
}

/**
 * The op a refusal is reported under: the timeline action under way (if any), else the
 * engine op given (growth, timer), else `message` (a refused message between machines).
 */
export function refusalOp(action: TimelineKind | null, op: string): string {
  return action ?? (op in ENGINE_OPS ? op : 'message');
}
