import type { AnyStateMachine } from 'xstate';
import { createCssmMachine } from './cssm/machine.ts';
import type { MachineEnv } from './env.ts';
import { createLicenseManagerMachine } from './licenseManager/machine.ts';
import type { RuleId } from './rules.ts';
import { createSatelliteMachine } from './satellite/machine.ts';

/** The back-end parties of the licensing world, one machine each (DOMAIN.md §6). */
export const PARTY_KINDS = ['cssm', 'satellite', 'license-manager'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/** What licsim knows of each back-end party: its machine, what it is, the rules it implements. */
export interface PartyDefinition {
  kind: PartyKind;
  title: string;
  rules: readonly RuleId[];
  create(env: MachineEnv): AnyStateMachine;
}

export const PARTY_DEFINITIONS: Record<PartyKind, PartyDefinition> = {
  cssm: {
    kind: 'cssm',
    title: 'Cisco Smart Software Manager, one per virtual account: last-reported usage, compliance verdicts, instance removal',
    rules: ['SL-7', 'SL-8', 'SL-10', 'SL-11', 'SL-12'],
    create: createCssmMachine,
  },
  satellite: {
    kind: 'satellite',
    title: 'CSSM satellite: holds reports and verdicts between syncs, connected or disconnected',
    rules: ['SL-10'],
    create: createSatelliteMachine,
  },
  'license-manager': {
    kind: 'license-manager',
    title: 'Licence manager of a licence file: checks units out and in; can be stopped, started and restarted',
    rules: ['NL-7', 'NL-11'],
    create: createLicenseManagerMachine,
  },
};
