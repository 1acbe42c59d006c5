/**
 * licsim's public API. The `licsim` command is built on it; tests and scripts
 * can use it directly.
 */

export { EventQueue } from './engine/clock/eventQueue.ts';
export { compileMachine, MachineTable } from './engine/compile/compileMachine.ts';
export { CompileError } from './engine/compile/errors.ts';
export { Stepper } from './engine/compile/stepper.ts';
export type * from './engine/result.ts';
export { RESULT_SCHEMA } from './engine/result.ts';
export type { EngineObserver, SimulationOptions } from './engine/run/simulation.ts';
// The engine: scenarios in, results out.
export { runScenario } from './engine/runScenario.ts';
export type * from './engine/scenario.ts';
export { ACTION_MODELS } from './engine/scenario.ts';
export type { AccountStatus, CheckOutcome, ClaimOutcome, EffectResult, LedgerPolicy, ReservationView, TypeStatus } from './ledger/index.ts';
export { DEFAULT_DEVICE_UNITS, DEFAULT_TIER_TABLE, deviceUnits, licencesForUser, licencesNeeded, TIERS } from './ledger/index.ts';
// The licence ledger (CSSM virtual accounts, licence files, session licences).
export { Ledger } from './ledger/ledger.ts';
// Lifecycle machines, policy as data, rules.
export * from './machines/index.ts';
// Reports.
export { beginReport, readSuiteResult, writeReports } from './reports/index.ts';
export type { Expectation } from './scenarios/expect/types.ts';
// Scenario files and expectations.
export { type LoadResult, loadScenarios, parseScenarios } from './scenarios/loader/loadScenarios.ts';
export { formatProblem, type Problem } from './scenarios/loader/problems.ts';
export type { LoadedScenario } from './scenarios/loader/resolveScenario.ts';
export { scenarioJsonSchema } from './scenarios/loader/schema.ts';
export { runLoaded } from './scenarios/run/runLoaded.ts';

// Testing helpers for vitest suites.
export { type LicsimMatchers, licsimMatchers } from './testing/matchers.ts';
export { runScenarioFile } from './testing/runScenarioFile.ts';
