/**
 * licsim's public API. The `licsim` command is built on it; tests and scripts
 * can use it directly.
 */

// Lifecycle machines, policy as data, rules.
export * from './machines/index.ts';

// The licence ledger (CSSM virtual accounts, licence files, session licences).
export { Ledger } from './ledger/ledger.ts';
export type { AccountStatus, TypeStatus, CheckOutcome, ClaimOutcome, ReservationView, EffectResult, LedgerPolicy } from './ledger/index.ts';
export { deviceUnits, licencesForUser, licencesNeeded, DEFAULT_DEVICE_UNITS, DEFAULT_TIER_TABLE, TIERS } from './ledger/index.ts';

// The engine: scenarios in, results out.
export { runScenario } from './engine/runScenario.ts';
export type { EngineObserver, SimulationOptions } from './engine/run/simulation.ts';
export type * from './engine/scenario.ts';
export { ACTION_MODELS } from './engine/scenario.ts';
export type * from './engine/result.ts';
export { RESULT_SCHEMA } from './engine/result.ts';
export { compileMachine, MachineTable } from './engine/compile/compileMachine.ts';
export { CompileError } from './engine/compile/errors.ts';
export { Stepper } from './engine/compile/stepper.ts';
export { EventQueue } from './engine/clock/eventQueue.ts';

// Scenario files and expectations.
export { loadScenarios, parseScenarios, type LoadResult } from './scenarios/loader/loadScenarios.ts';
export type { LoadedScenario } from './scenarios/loader/resolveScenario.ts';
export { formatProblem, type Problem } from './scenarios/loader/problems.ts';
export { scenarioJsonSchema } from './scenarios/loader/schema.ts';
export type { Expectation } from './scenarios/expect/types.ts';
export { runLoaded } from './scenarios/run/runLoaded.ts';

// Reports.
export { writeReports, beginReport, readSuiteResult } from './reports/index.ts';

// Testing helpers for vitest suites.
export { licsimMatchers, type LicsimMatchers } from './testing/matchers.ts';
export { runScenarioFile } from './testing/runScenarioFile.ts';
