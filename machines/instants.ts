import type { AnyStateMachine } from 'xstate';
import type { StateMeta } from './meta.ts';

/**
 * A machine's context may hold instants: ticks at which something happened or will
 * (`registeredAt`, `expiresAt`; NEVER when it has not). The machine declares which
 * keys they are in its root `meta`, so that a tool comparing world states a time
 * shift apart (`licsim verify`) can read them relative to now. Counters, durations
 * and everything else are compared as they are.
 *
 * @example
 * createMachine({ id: 'cssm', meta: instantsMeta<CssmContext>(['checkedAt']), ... })
 */
export function instantsMeta<C>(keys: ReadonlyArray<keyof C & string>): StateMeta {
  return { rules: [], instants: keys };
}

/** The context keys a machine declares as instants (none when it declares none). */
export function instantsOf(machine: AnyStateMachine): readonly string[] {
  const meta = machine.root.meta as StateMeta | undefined;
  return meta?.instants ?? [];
}
