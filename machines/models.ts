import type { AnyStateMachine } from 'xstate';
import type { MachineEnv } from './env.ts';
import type { ClaimOf } from './holdings.ts';
import { nodeLockedClaim } from './nodeLocked/holdings.ts';
import { createNodeLockedMachine } from './nodeLocked/machine.ts';
import type { ModelName } from './policyOverride.ts';
import { sessionClaimClaim } from './sessionClaim/holdings.ts';
import { createSessionClaimMachine } from './sessionClaim/machine.ts';
import { smartLicensingClaim } from './smartLicensing/holdings.ts';
import { createSmartLicensingMachine } from './smartLicensing/machine.ts';

/** What licsim knows of each licensing model: its machine and where its rules come from. */
export interface ModelDefinition {
  name: ModelName;
  title: string;
  source: string;
  create(env: MachineEnv): AnyStateMachine;
  /** What a state's `holds`, with the instance's context, says it holds in the back end (DOMAIN.md §6). */
  claim: ClaimOf;
}

export const MODEL_DEFINITIONS: Record<ModelName, ModelDefinition> = {
  'smart-licensing': {
    name: 'smart-licensing',
    title: 'Smart Software Licensing (CUCM 12+/14), with SLR and export control',
    source: 'seeds/cucm-smart-software-licensing.txt',
    create: createSmartLicensingMachine,
    claim: smartLicensingClaim,
  },
  'node-locked': {
    name: 'node-locked',
    title: 'Node-locked licence files (Unified Presence 7.x, CallManager 5.x)',
    source: 'seeds/cisco-unified-presence-7-licensing.txt, seeds/callmanager-5-licensing.txt',
    create: createNodeLockedMachine,
    claim: nodeLockedClaim,
  },
  'session-claim': {
    name: 'session-claim',
    title: 'Activation-claimed seats and sessions (Unified Call Studio, Call Services)',
    source: 'seeds/cisco-unified-call-studio-licensing-faq.txt, seeds/audium-licensing-faq.txt',
    create: createSessionClaimMachine,
    claim: sessionClaimClaim,
  },
};
