import type { Expectation } from '../types.ts';
import { alarmMonitor } from './alarms.ts';
import { stateCountMonitor } from './counts.ts';
import { ledgerMonitor } from './ledger.ts';
import type { Monitor } from './monitor.ts';
import { overdraftMonitor } from './overdraft.ts';
import { refusalMonitor } from './refusals.ts';
import { serviceLossMonitor } from './serviceLoss.ts';
import { stateMonitor } from './states.ts';

export type { Monitor } from './monitor.ts';

/** The monitor that checks an expectation during (and after) a run. */
export function monitorFor(e: Expectation): Monitor {
  switch (e.kind) {
    case 'maxOverdraft':
      return overdraftMonitor(e);
    case 'never':
    case 'eventually':
    case 'always':
      return stateMonitor(e);
    case 'stateCount':
      return stateCountMonitor(e);
    case 'alarm':
      return alarmMonitor(e);
    case 'refused':
      return refusalMonitor(e);
    case 'noServiceLoss':
      return serviceLossMonitor(e);
    case 'ledgerBalanced':
      return ledgerMonitor(e);
  }
}
