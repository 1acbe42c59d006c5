import { declareEffectful } from '../effects.ts';
import { alarm, clearAlarm, refuse } from '../emitted.ts';
import type { MachineEnv } from '../env.ts';
import { licenseManagerSetup } from './setup.ts';

const DOWN = 'the licence manager is down: no units are checked out or in';

/**
 * The licence manager of a licence file (NL-7, NL-11): a service that issues
 * (checks out) and reclaims (checks in) units, within the file's overdraft
 * regime (the ledger refuses beyond it, with CiscoLicenseRequestFailed). It can
 * be stopped, started and restarted; while it is down CiscoLicenseManagerDown is
 * up (raised as it stops, cleared as it starts, SL-18) and every check-out and
 * check-in is refused with CiscoLicenseRequestFailed.
 */
export function createLicenseManagerMachine(env: MachineEnv) {
  const s = licenseManagerSetup(env);
  const machine = s.createMachine({
    id: 'licenseManager',
    context: ({ input }) => ({ accountId: input.accountId }),
    initial: 'running',
    states: {
      running: {
        meta: { rules: ['NL-11'], status: { name: 'licenseManagerRunning', group: 'production', rank: 1 } },
        on: {
          CHECK_OUT: { actions: 'checkOut', meta: { rules: ['NL-7'] } },
          CHECK_IN: { actions: 'checkIn', meta: { rules: ['NL-7'] } },
          STOP: { target: 'stopped', meta: { rules: ['NL-11'] } },
          START: { actions: refuse('NL-11', 'the licence manager is already running') },
          RESTART: { target: 'running', reenter: true, actions: 'announceStarted', meta: { rules: ['NL-11'] } },
        },
      },
      stopped: {
        meta: { rules: ['NL-11'], status: { name: 'licenseManagerDown', group: 'expired', rank: 1 } },
        entry: [alarm('CiscoLicenseManagerDown', 'NL-8')],
        exit: [clearAlarm('CiscoLicenseManagerDown', 'NL-8')],
        on: {
          // SL-18: CiscoLicenseManagerDown is up on the licence manager while it is down; each request it refuses fails.
          CHECK_OUT: { actions: [alarm('CiscoLicenseRequestFailed', 'NL-8'), refuse('NL-11', DOWN)] },
          CHECK_IN: { actions: [alarm('CiscoLicenseRequestFailed', 'NL-8'), refuse('NL-11', DOWN)] },
          STOP: { actions: refuse('NL-11', 'the licence manager is already stopped') },
          START: { target: 'running', actions: 'announceStarted', meta: { rules: ['NL-11'] } },
          RESTART: { target: 'running', actions: 'announceStarted', meta: { rules: ['NL-11'] } },
        },
      },
    },
  });
  return declareEffectful(machine, ['checkOut', 'checkIn']);
}

export type LicenseManagerMachine = ReturnType<typeof createLicenseManagerMachine>;
