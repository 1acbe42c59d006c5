import { and, not } from 'xstate';
import { declareEffectful } from '../effects.ts';
import { refuse } from '../emitted.ts';
import type { MachineEnv } from '../env.ts';
import { instantsMeta } from '../instants.ts';
import { NEVER } from '../time.ts';
import { UNKNOWN_REPORTER } from '../verdicts.ts';
import { cssmSetup } from './setup.ts';
import type { CssmContext } from './types.ts';

/**
 * CSSM for one virtual account (SL-7, SL-8, SL-10, DOMAIN.md §6). It knows each
 * instance's usage only as last reported (its records are the ledger). At the
 * start of a day (`NEW_DAY`, before anything else happens that day), once every
 * `complianceCheckDays`, and when a satellite syncs (which leaves the nightly
 * schedule as it was), it compares them with the VA
 * after tier borrowing and under the VA's overdraft regime, and tells the
 * instances it reaches when its verdict changes; an instance that reports while
 * believing otherwise is answered, and a syncing satellite gets the verdict.
 */
export function createCssmMachine(env: MachineEnv) {
  const s = cssmSetup(env);
  // SL-8: an instance removed in CSSM learns it at its next report.
  const unknown = UNKNOWN_REPORTER;
  // SL-4, SL-9: a registration is recorded with the report it carries. A registrant holds no verdict of
  // this VA yet (it believes it compliant), so a VA out of compliance answers it with its verdict.
  const registration = (rule: 'SL-4' | 'SL-9', answered: boolean) =>
    ({
      actions: answered ? (['registerInstance', 'replyOutOfCompliance'] as const) : (['registerInstance'] as const),
      meta: { rules: [rule, 'SL-7'] },
    }) as const;
  const removal = [
    { guard: 'holdsInstance', actions: 'removeInstance', meta: { rules: ['SL-8'] } },
    { actions: refuse('SL-8', 'CSSM holds no such product instance in this virtual account') },
  ] as const;
  const machine = s.createMachine({
    id: 'cssm',
    meta: instantsMeta<CssmContext>(['checkedAt']),
    context: ({ input }) => ({ accountId: input.accountId, policy: input.policy, regime: input.regime, checkedAt: NEVER }),
    initial: 'compliant',
    states: {
      compliant: {
        meta: { rules: ['SL-7'], status: { name: 'vaCompliant', group: 'authorized', rank: 1 } },
        on: {
          NEW_DAY: [
            {
              guard: and(['checkDue', 'vaShort']),
              target: 'outOfCompliance',
              actions: ['recordCheck', 'broadcastOutOfCompliance'],
              meta: { rules: ['SL-7', 'SL-12'] },
            },
            { guard: 'checkDue', actions: 'recordCheck' },
          ],
          USAGE_REPORT: [unknown, { guard: 'believesOut', actions: ['recordUsage', 'replyInCompliance'] }, { actions: 'recordUsage' }],
          REGISTER_INSTANCE: registration('SL-4', false),
          MOVE_INSTANCE: registration('SL-9', false),
          SATELLITE_ANSWER: [
            {
              guard: 'vaShort',
              target: 'outOfCompliance',
              actions: ['broadcastOutOfCompliance', 'downloadOutOfCompliance'],
              meta: { rules: ['SL-7', 'SL-10', 'SL-12'] },
            },
            { actions: 'downloadInCompliance', meta: { rules: ['SL-10'] } },
          ],
        },
      },
      outOfCompliance: {
        meta: { rules: ['SL-7', 'SL-12'], status: { name: 'vaOutOfCompliance', group: 'overage', rank: 1 } },
        on: {
          NEW_DAY: [
            {
              guard: and(['checkDue', not('vaShort')]),
              target: 'compliant',
              actions: ['recordCheck', 'broadcastInCompliance'],
              meta: { rules: ['SL-7', 'SL-12'] },
            },
            { guard: 'checkDue', actions: 'recordCheck' },
          ],
          USAGE_REPORT: [unknown, { guard: 'believesIn', actions: ['recordUsage', 'replyOutOfCompliance'] }, { actions: 'recordUsage' }],
          REGISTER_INSTANCE: registration('SL-4', true),
          MOVE_INSTANCE: registration('SL-9', true),
          SATELLITE_ANSWER: [
            {
              guard: not('vaShort'),
              target: 'compliant',
              actions: ['broadcastInCompliance', 'downloadInCompliance'],
              meta: { rules: ['SL-7', 'SL-10', 'SL-12'] },
            },
            { actions: 'downloadOutOfCompliance', meta: { rules: ['SL-10'] } },
          ],
        },
      },
    },
    on: {
      // SL-10: a sync hands over the satellite's reports; CSSM answers once they are recorded.
      SATELLITE_UPLOAD: { actions: ['acceptSatelliteReports', 'answerLater'], meta: { rules: ['SL-10'] } },
      REMOVE_INSTANCE: removal,
      RESERVE: { actions: 'reserve', meta: { rules: ['SLR-3'] } },
      UPDATE_RESERVATION: { actions: 'updateReservation', meta: { rules: ['SLR-5', 'SLR-11'] } },
      CONFIRM_RESERVATION: { actions: 'confirmReservation', meta: { rules: ['SLR-5'] } },
      ENTER_RETURN_CODE: { actions: 'enterReturnCode', meta: { rules: ['SLR-7'] } },
      SUPPORT_REMOVE: { actions: 'supportRemove', meta: { rules: ['SLR-8'] } },
    },
  });
  return declareEffectful(machine, [
    'registerInstance',
    'recordUsage',
    'acceptSatelliteReports',
    'removeInstance',
    'reserve',
    'updateReservation',
    'confirmReservation',
    'enterReturnCode',
    'supportRemove',
  ]);
}

export type CssmMachine = ReturnType<typeof createCssmMachine>;
