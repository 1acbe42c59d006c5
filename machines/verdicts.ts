import { refuse } from './emitted.ts';

/**
 * What CSSM (or a satellite, passing on CSSM's view) answers about a virtual
 * account and the instances reporting to it (SL-7, SL-8, SL-10): one definition
 * for both parties' machines.
 */

/** SL-7: CSSM's verdict on a virtual account, as the instances receive it. */
export function verdict(outOfCompliance: boolean): { type: 'OUT_OF_COMPLIANCE' | 'IN_COMPLIANCE' } {
  return { type: outOfCompliance ? 'OUT_OF_COMPLIANCE' : 'IN_COMPLIANCE' };
}

/** SL-8: the answer to a report from an instance CSSM no longer holds (removed there). */
export const NOT_REGISTERED = Object.freeze({ type: 'NOT_REGISTERED' as const });

/**
 * SL-8: the first branch of a party's USAGE_REPORT transitions: a reporter it does
 * not hold is told so, and the report is refused. The party's setup names the guard
 * `unknownReporter` and the action `replyNotRegistered`.
 */
export const UNKNOWN_REPORTER = {
  guard: 'unknownReporter',
  actions: ['replyNotRegistered', refuse('SL-8', 'CSSM holds no such product instance: it was removed there')],
} as const;
