import { describe, expect, it } from 'vitest';
import * as api from '../index.ts';

/**
 * The runtime names of licsim's public API. Adding to it is a decision (write it
 * here); losing one breaks users. The machines' building blocks (refuse, alarm,
 * deny, effects, NEVER) and the engine's internals stay out.
 */
const PUBLIC = [
  'ACTIONS',
  'ACTION_MODELS',
  'ALARMS',
  'ALARM_RULES',
  'CompileError',
  'DEFAULT_DEVICE_UNITS',
  'DEFAULT_TIER_TABLE',
  'EXPECTATIONS',
  'EventQueue',
  'FORMAT_VERSION',
  'InconsistencyError',
  'LICSIM_NAMED_ALARMS',
  'LINK_PATHS',
  'Ledger',
  'MODELS',
  'MODEL_DEFINITIONS',
  'MachineTable',
  'PARTY_DEFINITIONS',
  'PARTY_KINDS',
  'PRESETS',
  'PolicyError',
  'RESULT_SCHEMA',
  'RULES',
  'SATELLITE_MODES',
  'STATUS_GROUPS',
  'TICKS_PER_DAY',
  'TIERS',
  'WARNINGS',
  'WorldError',
  'alarmLabel',
  'beginReport',
  'beyondAllowance',
  'compileMachine',
  'createCssmMachine',
  'createLicenseManagerMachine',
  'createNodeLockedMachine',
  'createSatelliteMachine',
  'createSessionClaimMachine',
  'createSmartLicensingMachine',
  'dayOf',
  'daysToTicks',
  'defaultPolicy',
  'deviceUnits',
  'formatProblem',
  'isRuleId',
  'licencesForUser',
  'licencesNeeded',
  'licsimMatchers',
  'loadScenarios',
  'main',
  'migrateText',
  'nodeLockedDefaults',
  'nodeLockedParameters',
  'overdraftAllowance',
  'overdraftCeiling',
  'overridePolicy',
  'parseScenarios',
  'policyParameters',
  'presetNames',
  'readSuiteResult',
  'runLoaded',
  'runScenario',
  'runScenarioFile',
  'scenarioJsonSchema',
  'sessionClaimDefaults',
  'sessionClaimParameters',
  'smartLicensingDefaults',
  'smartLicensingParameters',
  'statusCatalog',
  'ticksToDays',
  'writeReports',
];

describe('the public API (index.ts)', () => {
  it('exports exactly the names listed, each defined', () => {
    expect(Object.keys(api).sort()).toEqual([...PUBLIC].sort());
    const exported: Record<string, unknown> = { ...api };
    for (const name of PUBLIC) expect(exported[name], name).toBeDefined();
  });

  it('every model and party machine is built, compiled and catalogued from the public API alone', () => {
    const env: api.MachineEnv = {
      now: () => 0,
      usageOf: () => ({}),
      facts: {
        freeSessions: () => 0,
        exportAuthorizationAvailable: () => false,
        reservationAuthorizationCode: () => undefined,
        accountPosition: () => [],
        holdsInstance: () => false,
        licenseTerms: () => ({ expiresAt: null, features: [] }),
        licenceFileFree: () => 0,
      },
    };
    const definitions = [...Object.values(api.MODEL_DEFINITIONS), ...Object.values(api.PARTY_DEFINITIONS)];
    expect(definitions).toHaveLength(api.MODELS.length + api.PARTY_KINDS.length);
    for (const d of definitions) {
      const machine = d.create(env);
      expect(api.compileMachine(machine).catalog.length, d.title).toBeGreaterThan(0);
      expect(api.statusCatalog(machine).length, d.title).toBeGreaterThan(0);
    }
  });
});
