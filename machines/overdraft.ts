import { z } from 'zod';

/**
 * How a licence system treats use beyond what was bought (DOMAIN.md §4).
 * - `time-grace`: Cisco Smart Licensing: use is never refused at check-out; the
 *   machine's overage period runs, then provisioning stops (SL-12).
 * - `none`: refused at the limit (Keygen NO_OVERAGE, FlexNet without OVERDRAFT).
 * - `always`: allowed and only recorded (Keygen ALWAYS_ALLOW_OVERAGE).
 * - `count`: n units beyond the purchase (FlexNet OVERDRAFT=n, LM-X SOFTLIMIT).
 * - `percent`: a percentage of the purchase beyond it.
 * - `multiple`: up to factor × the purchase (Keygen 1.25×/1.5×/2×).
 */
export const overdraftSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('time-grace') }),
  z.strictObject({ mode: z.literal('none') }),
  z.strictObject({ mode: z.literal('always') }),
  z.strictObject({
    mode: z.literal('count'),
    units: z.number().int({ error: 'must be a whole number of units' }).nonnegative({ error: 'must be 0 or more units' }),
  }),
  z.strictObject({
    mode: z.literal('percent'),
    percent: z.number().nonnegative({ error: 'must be 0 % or more' }).max(1000, { error: 'must be at most 1000 %' }),
  }),
  z.strictObject({
    mode: z.literal('multiple'),
    factor: z.number().min(1, { error: "must be at least 1 (1.25, 1.5 and 2 are Keygen's)" }).max(100, { error: 'must be at most 100' }),
  }),
]);

export type OverdraftRegime = z.infer<typeof overdraftSchema>;

/** One valid regime of each mode (every mode, by its type), in the order of {@link overdraftSchema}. */
const REGIME_EXAMPLE: { [M in OverdraftRegime['mode']]: Extract<OverdraftRegime, { mode: M }> } = {
  'time-grace': { mode: 'time-grace' },
  none: { mode: 'none' },
  always: { mode: 'always' },
  count: { mode: 'count', units: 10 },
  percent: { mode: 'percent', percent: 10 },
  multiple: { mode: 'multiple', factor: 1.25 },
};

/** A regime of each mode: what `licsim list` and the policy's descriptions show a mode is and takes. */
export const REGIME_EXAMPLES: readonly OverdraftRegime[] = Object.values(REGIME_EXAMPLE);

/** NL-7: why a licence file cannot take Cisco's time grace (its one definition, for the policy and the accounts). */
export const NO_TIME_GRACE_ON_FILES =
  "time-grace is Smart Licensing's overage period (SL-12); a licence file's licence manager has no overage timer (NL-7): " +
  'use none, always, count, percent or multiple';

/** A licence file's regime (NL-7): any but `time-grace`. */
export const licenceFileOverdraftSchema = overdraftSchema.refine((r) => r.mode !== 'time-grace', { message: NO_TIME_GRACE_ON_FILES });

/**
 * Units that may be in use under a regime for a given entitlement:
 * `Infinity` where nothing is ever refused.
 */
export function overdraftCeiling(regime: OverdraftRegime, entitled: number): number {
  switch (regime.mode) {
    case 'time-grace':
    case 'always':
      return Infinity;
    case 'none':
      return entitled;
    case 'count':
      return entitled + regime.units;
    case 'percent':
      return entitled + Math.floor((entitled * regime.percent) / 100);
    case 'multiple':
      return Math.floor(entitled * regime.factor);
  }
}

/**
 * Units of overdraft a regime tolerates before the account is out of compliance:
 * none under Cisco's time grace (its overage period runs instead, SL-12) or `none`,
 * the allowance of a count, percent or multiple regime, any amount under `always`.
 */
export function overdraftAllowance(regime: OverdraftRegime, entitled: number): number {
  return regime.mode === 'time-grace' ? 0 : overdraftCeiling(regime, entitled) - entitled;
}

/** §4, SL-12: whether use beyond the allowance starts an overage period (Cisco's time grace) rather than being refused at once. */
export function hasTimeGrace(regime: OverdraftRegime): boolean {
  return regime.mode === 'time-grace';
}

/** SL-7, §4: CSSM's verdict on a VA: some licence type's overdraft (after borrowing) is beyond the regime's allowance. */
export function beyondAllowance(regime: OverdraftRegime, positions: ReadonlyArray<{ entitled: number; overdraft: number }>): boolean {
  return positions.some((p) => p.overdraft > overdraftAllowance(regime, p.entitled));
}
