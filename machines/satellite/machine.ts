import { declareEffectful } from '../effects.ts';
import { refuse } from '../emitted.ts';
import type { MachineEnv } from '../env.ts';
import { instantsMeta } from '../instants.ts';
import { NEVER } from '../time.ts';
import { UNKNOWN_REPORTER } from '../verdicts.ts';
import { satelliteSetup } from './setup.ts';
import type { SatelliteContext } from './types.ts';

/**
 * A CSSM satellite (SL-10): the instances behind it talk only to it. It holds
 * their reports and hands them to CSSM at a sync, when it also fetches CSSM's
 * verdict on the VA and passes it on. Connected, it syncs every
 * `satelliteSyncDays`; disconnected, only when synced by hand. It tells its
 * instances when its mode changes and after a manual sync, so they can apply the
 * SL-10 renewal policy to what they were told.
 */
export function createSatelliteMachine(env: MachineEnv) {
  const s = satelliteSetup(env);
  const unknown = UNKNOWN_REPORTER;
  // SL-4, SL-9, SL-10: a token of its VA registers the instance with the report the request carries, answered like one.
  const registration = (rule: 'SL-4' | 'SL-9', reply: 'replyConnected' | 'replyDisconnected') =>
    [
      { guard: 'reporterDisagrees', actions: ['registerInstance', reply, 'replyVerdict'], meta: { rules: [rule, 'SL-10'] } },
      { guard: 'tokenOfItsVA', actions: ['registerInstance', reply], meta: { rules: [rule, 'SL-10'] } },
    ] as const;
  const machine = s.createMachine({
    id: 'satellite',
    meta: instantsMeta<SatelliteContext>(['syncedAt']),
    context: ({ input }) => ({ ...input, outOfCompliance: false, grace: true, syncedAt: NEVER }),
    initial: 'connected',
    states: {
      connected: {
        meta: { rules: ['SL-10'], status: { name: 'satelliteConnected', group: 'authorized', rank: 1 } },
        entry: ['announceConnected'],
        initial: 'waiting',
        states: {
          waiting: { after: { satelliteSync: { target: 'waiting', reenter: true, actions: 'upload', meta: { rules: ['SL-10'] } } } },
        },
        on: {
          SET_MODE: [
            { guard: 'toDisconnected', target: 'disconnected', meta: { rules: ['SL-10'] } },
            { actions: refuse('SL-10', 'the satellite is already connected') },
          ],
          USAGE_REPORT: [
            unknown,
            { guard: 'reporterDisagrees', actions: ['stageUsage', 'replyConnected', 'replyVerdict'] },
            { actions: ['stageUsage', 'replyConnected'] },
          ],
          REGISTER_INSTANCE: registration('SL-4', 'replyConnected'),
          MOVE_INSTANCE: registration('SL-9', 'replyConnected'),
          SATELLITE_DOWNLOAD: [{ guard: 'verdictChanged', actions: ['recordDownload', 'broadcastVerdict'] }, { actions: 'recordDownload' }],
        },
      },
      disconnected: {
        meta: { rules: ['SL-10'], status: { name: 'satelliteDisconnected', group: 'grace', rank: 1 } },
        entry: ['announceDisconnected'],
        on: {
          SET_MODE: [
            { guard: 'toConnected', target: 'connected', meta: { rules: ['SL-10'] } },
            { actions: refuse('SL-10', 'the satellite is already disconnected') },
          ],
          USAGE_REPORT: [
            unknown,
            { guard: 'reporterDisagrees', actions: ['stageUsage', 'replyDisconnected', 'replyVerdict'] },
            { actions: ['stageUsage', 'replyDisconnected'] },
          ],
          REGISTER_INSTANCE: registration('SL-4', 'replyDisconnected'),
          MOVE_INSTANCE: registration('SL-9', 'replyDisconnected'),
          // A manual sync: the instances behind it learn that it synced (SL-10 since-sync).
          SATELLITE_DOWNLOAD: [
            { guard: 'verdictChanged', actions: ['recordDownload', 'broadcastVerdict', 'announceDisconnected'] },
            { actions: ['recordDownload', 'announceDisconnected'] },
          ],
        },
      },
    },
    on: {
      SYNC: { actions: 'upload', meta: { rules: ['SL-10'] } },
      // SL-10: a satellite registers the instances of its own VA (its tokens, in each mode above); another VA's is refused.
      REGISTER_INSTANCE: { actions: refuse('SL-10', 'the token is of another virtual account than the satellite serves') },
      MOVE_INSTANCE: { actions: refuse('SL-10', 'the token is of another virtual account than the satellite serves') },
    },
  });
  return declareEffectful(machine, ['stageUsage', 'registerInstance']);
}

export type SatelliteMachine = ReturnType<typeof createSatelliteMachine>;
