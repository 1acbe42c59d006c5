/**
 * licsim's public API: everything a script, a test suite or another tool may
 * rely on, named one by one (test/publicApi.test.ts lists it). The `licsim`
 * command is built on it. Anything not exported here is internal and may
 * change without notice: the building blocks machines are written with
 * (refusals, alarms, effects), the compiler's stepper, the world's exchange.
 */

// ── Scenarios in, results out ──────────────────────────────────────────────
export type {
  Evidence,
  FinalSummary,
  LogEntry,
  ModelSummary,
  RunResult,
  ScenarioOutcome,
  ScenarioSummary,
  Series,
  SuiteResult,
  TimelineOutcome,
  UsageSeries,
  Verdict,
} from './engine/result.ts';
export type { CliIo, CliStream } from './cli/io.ts';
export { main } from './cli/main.ts';
export { RESULT_SCHEMA } from './engine/result.ts';
export type { EngineObserver, MachineKind, RefusalTally, SimulationOptions } from './engine/run/simulation.ts';
export { runScenario } from './engine/runScenario.ts';
export type {
  AccountPlan,
  FleetGroup,
  Mix,
  NodeLockedGroup,
  PakPlan,
  Purchase,
  Range,
  RunOptions,
  SatellitePlan,
  Scenario,
  ScenarioPolicies,
  SessionGroup,
  SmartGroup,
  Target,
  TimelineAction,
  TimelineEntry,
  TimelineKind,
} from './engine/scenario.ts';
export { ACTION_MODELS, ACTIONS } from './engine/timeline/registry.ts';
export type { ConsistencyCheck, ConsistencyReport, Inconsistency } from './engine/world/consistency.ts';
export { InconsistencyError } from './engine/world/consistency.ts';
export { WorldError } from './engine/world/exchange.ts';
export { LINK_PATHS, type LinkPath } from './engine/world/links.ts';

// ── Scenario files and expectations ────────────────────────────────────────
export { EXPECTATIONS, type Expectation, type ExpectationKind } from './scenarios/expect/registry.ts';
export { FORMAT_VERSION, migrateText } from './scenarios/loader/formatVersion.ts';
export { type LoadResult, loadScenarios, parseScenarios } from './scenarios/loader/loadScenarios.ts';
export { formatProblem, type Problem } from './scenarios/loader/problems.ts';
export type { LoadedScenario } from './scenarios/loader/resolveScenario.ts';
export { scenarioJsonSchema } from './scenarios/loader/schema.ts';
export { runLoaded } from './scenarios/run/runLoaded.ts';

// ── The parties, as XState machines ────────────────────────────────────────
export { MODEL_DEFINITIONS, type ModelDefinition } from './machines/models.ts';
export { PARTY_DEFINITIONS, PARTY_KINDS, type PartyDefinition, type PartyKind } from './machines/parties.ts';
export { createSmartLicensingMachine, type SmartLicensingMachine } from './machines/smartLicensing/machine.ts';
export type { SmartLicensingContext, SmartLicensingEvent, SmartLicensingInput } from './machines/smartLicensing/types.ts';
export { createNodeLockedMachine, type NodeLockedMachine } from './machines/nodeLocked/machine.ts';
export type { NodeLockedContext, NodeLockedEvent, NodeLockedInput } from './machines/nodeLocked/types.ts';
export { createSessionClaimMachine, type SessionClaimMachine } from './machines/sessionClaim/machine.ts';
export type {
  ActivationMode,
  SessionClaimContext,
  SessionClaimEvent,
  SessionClaimInput,
  SessionProduct,
} from './machines/sessionClaim/types.ts';
export { createCssmMachine, type CssmMachine } from './machines/cssm/machine.ts';
export type { CssmContext, CssmEvent, CssmInput, UsageReport } from './machines/cssm/types.ts';
export { createSatelliteMachine, type SatelliteMachine } from './machines/satellite/machine.ts';
export {
  SATELLITE_MODES,
  type SatelliteContext,
  type SatelliteEvent,
  type SatelliteInput,
  type SatelliteMode,
} from './machines/satellite/types.ts';
export { createLicenseManagerMachine, type LicenseManagerMachine } from './machines/licenseManager/machine.ts';
export type { LicenseManagerContext, LicenseManagerEvent, LicenseManagerInput } from './machines/licenseManager/types.ts';
export type { LicenseTerms, LicensingFacts, MachineEnv } from './machines/env.ts';
export type { LedgerEffect } from './machines/effects.ts';
export type { Address, MessageEvent } from './machines/messages.ts';
export {
  ALARM_RULES,
  ALARMS,
  type AlarmEvent,
  type AlarmName,
  alarmLabel,
  type EmittedEvent,
  LICSIM_NAMED_ALARMS,
  WARNINGS,
} from './machines/emitted.ts';
export { type StatusEntry, statusCatalog } from './machines/catalog.ts';
export { STATUS_GROUPS, type StateMeta, type StatusGroup, type StatusInfo, type TransitionMeta } from './machines/meta.ts';
export { isRuleId, RULES, type RuleId } from './machines/rules.ts';
export { dayOf, daysToTicks, TICKS_PER_DAY, type Tick, ticksToDays } from './machines/time.ts';

// ── Policy as data ─────────────────────────────────────────────────────────
export { beyondAllowance, type OverdraftRegime, overdraftAllowance, overdraftCeiling } from './machines/overdraft.ts';
export {
  type NodeLockedPolicy,
  nodeLockedDefaults,
  nodeLockedParameters,
  type SessionClaimPolicy,
  type SmartLicensingPolicy,
  sessionClaimDefaults,
  sessionClaimParameters,
  smartLicensingDefaults,
  smartLicensingParameters,
} from './machines/policy.ts';
export type { PolicyParameter, PolicyTable } from './machines/policyParameter.ts';
export {
  defaultPolicy,
  MODELS,
  type ModelName,
  type PolicyByModel,
  PolicyError,
  type PolicyIssue,
  type PolicyOverrides,
  type PolicyResult,
  overridePolicy,
  policyParameters,
} from './machines/policyOverride.ts';
export { PRESETS, type PolicyPreset, presetNames } from './machines/presets.ts';

// ── The licence ledger (CSSM virtual accounts, licence files, session licences) ──
export type { CheckOutcome } from './ledger/checkout.ts';
export { deviceUnits } from './ledger/deviceUnits.ts';
export { DEFAULT_DEVICE_UNITS } from './ledger/deviceUnitTable.ts';
export type { EffectResult } from './ledger/effects.ts';
export type { LedgerHoldings } from './ledger/holdings.ts';
export { Ledger } from './ledger/ledger.ts';
export { type Tier, TIERS } from './ledger/licenceTypes.ts';
export type { LedgerPolicy } from './ledger/policy.ts';
export type { ReservationView } from './ledger/reservations.ts';
export type { Refusal, RefusalCode, Result } from './ledger/result.ts';
export type { ClaimOutcome } from './ledger/sessions.ts';
export type { AccountStatus, TypeStatus } from './ledger/status.ts';
export { DEFAULT_TIER_TABLE } from './ledger/tierTable.ts';
export { licencesForUser, licencesNeeded } from './ledger/userLicence.ts';

// ── Compiling machines (the engine's fast path; usable on any XState v5 machine) ──
export { EventQueue } from './engine/clock/eventQueue.ts';
export { compileMachine, MachineTable } from './engine/compile/compileMachine.ts';
export { CompileError } from './engine/compile/errors.ts';

// ── Reports ────────────────────────────────────────────────────────────────
export { beginReport, readSuiteResult, writeReports } from './reports/index.ts';

// ── Testing helpers for vitest suites ──────────────────────────────────────
export { type LicsimMatchers, licsimMatchers } from './testing/matchers.ts';
export { runScenarioFile } from './testing/runScenarioFile.ts';
