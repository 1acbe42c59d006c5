import { assign, emit, setup } from 'xstate';
import { alarmEvent, refusedEvent, type AlarmParams, type EmittedEvent, type RefuseParams } from '../emitted.ts';
import type { MachineEnv } from '../env.ts';
import type { StateMeta, TransitionMeta } from '../meta.ts';
import { atLeastOneTick, daysToTicks } from '../time.ts';
import type { NodeLockedContext, NodeLockedEvent, NodeLockedInput } from './types.ts';

/** The typed setup of the node-locked licence-file machine. */
export function nodeLockedSetup(env: MachineEnv) {
  // NL-1: the evaluation is counted on the calendar from the install of the release.
  const sinceEvaluationStart = (context: NodeLockedContext, days: number) =>
    atLeastOneTick(context.evaluationStartedAt + daysToTicks(days) - env.now());
  return setup({
    types: {
      context: {} as NodeLockedContext,
      events: {} as NodeLockedEvent,
      input: {} as NodeLockedInput,
      emitted: {} as EmittedEvent,
      meta: {} as StateMeta & TransitionMeta,
    },
    guards: {
      notLicFile: ({ event }) => event.type === 'UPLOAD_LICENSE' && !event.file.toLowerCase().endsWith('.lic'),
      wrongMac: ({ context, event }) => event.type === 'UPLOAD_LICENSE' && event.mac !== context.mac,
      tooFewServers: ({ context, event }) => event.type === 'UPLOAD_LICENSE' && event.servers < context.servers,
      releaseEvaluated: ({ context, event }) =>
        event.type === 'REINSTALL' && context.evaluatedReleases.includes(event.release),
      clusterFull: ({ context }) => context.servers >= context.policy.maxClusterServers,
      serversUnlicensed: ({ context }) => context.licenseMac !== null && context.servers >= context.licensedServers,
    },
    actions: {
      alarm: emit((_, params: AlarmParams) => alarmEvent(params)),
      refuse: emit(({ event }, params: RefuseParams) => refusedEvent(event.type, params)),
      installLicense: assign(({ event }) =>
        event.type === 'UPLOAD_LICENSE' ? { licenseMac: event.mac, licensedServers: event.servers } : {},
      ),
      removeInvalidLicense: assign({ licenseMac: null, licensedServers: 0 }),
      changeMac: assign(({ event }) => (event.type === 'MAC_CHANGE' ? { mac: event.mac } : {})),
      upgrade: assign(({ event }) => (event.type === 'UPGRADE' ? { release: event.release } : {})),
      // NL-2: a release not evaluated before gets a fresh evaluation.
      beginEvaluation: assign(({ context, event }) =>
        event.type === 'REINSTALL'
          ? {
              release: event.release,
              evaluationStartedAt: env.now(),
              evaluatedReleases: [...context.evaluatedReleases, event.release],
            }
          : {},
      ),
      addServer: assign(({ context }) => ({ servers: context.servers + 1 })),
    },
    delays: {
      evaluationEnd: ({ context }) => sinceEvaluationStart(context, context.policy.evaluationDays),
      evaluationWarningStart: ({ context }) =>
        sinceEvaluationStart(context, context.policy.evaluationDays - context.policy.evaluationWarningDays),
      evaluationWarningInterval: ({ context }) => atLeastOneTick(daysToTicks(context.policy.evaluationWarningIntervalDays)),
      rehostGrace: ({ context }) => atLeastOneTick(daysToTicks(context.policy.rehostGraceDays)),
    },
  });
}

export type NodeLockedSetup = ReturnType<typeof nodeLockedSetup>;
