/** The resolved expectation (derived from the registry of kinds) and the values its fields hold. */
export type { Expectation, ExpectationKind } from './registry.ts';
export type { Amount, Quantifier, StateSet } from './resolve.ts';
