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
} as const;

export type EngineOp = keyof typeof ENGINE_OPS;

/** Every operation a `refused` expectation may name. */
export const REFUSAL_OPS: readonly string[] = [...ACTIONS.map((a) => a.kind), ...Object.keys(ENGINE_OPS)];

/** `UPLOAD_LICENSE` → `upload-license`: an event's type in the timeline's spelling. */
export function kebabOp(op: string): string {
  return /[A-Z_]/.test(op) ? op.toLowerCase().replaceAll('_', '-') : op;
}

/**
 * The op a refusal is reported under: the timeline action under way (if any), else
 * the op given (an engine op, or the event refused, in kebab-case).
 */
export function refusalOp(action: TimelineKind | null, op: string): string {
  return action ?? kebabOp(op);
}
