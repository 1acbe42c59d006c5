import { refuse } from './emitted.ts';

/**
 * What CSSM (or a satellite, passing on CSSM's view) answers about a virtual
 * account and the instances reporting to it (SL-7, SL-8, SL-10): one definition
 * for both parties' machines.
 */

/**
 * SL-7, §4: CSSM's verdict on a virtual account, as the instances receive it. Out of
 * compliance, it says whether the VA's regime gives an overage period (`grace`: Cisco's
 * time grace, SL-12) or refuses use beyond what it allows at once (none, count,
 * percent, multiple).
 */
export type Verdict = { type: 'OUT_OF_COMPLIANCE'; grace: boolean } | { type: 'IN_COMPLIANCE' };

const OUT_WITH_GRACE: Verdict = Object.freeze({ type: 'OUT_OF_COMPLIANCE', grace: true });
const OUT_AT_ONCE: Verdict = Object.freeze({ type: 'OUT_OF_COMPLIANCE', grace: false });
const IN: Verdict = Object.freeze({ type: 'IN_COMPLIANCE' });

/** The verdict event (one frozen object per verdict: a broadcast tells every instance of a VA). */
export function verdict(outOfCompliance: boolean, grace: boolean): Verdict {
  return outOfCompliance ? (grace ? OUT_WITH_GRACE : OUT_AT_ONCE) : IN;
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
