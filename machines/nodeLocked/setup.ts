import { assign, emit, enqueueActions, setup } from 'xstate';
import { type Counts, effectEvent, NODE } from '../effects.ts';
import { type AlarmParams, alarmEvent, type EmittedEvent, type RefuseParams, refusedEvent } from '../emitted.ts';
import type { MachineEnv } from '../env.ts';
import { request } from '../messages.ts';
import type { StateMeta, TransitionMeta } from '../meta.ts';
import { atLeastOneTick, daysToTicks } from '../time.ts';
import type { NodeLockedContext, NodeLockedEvent, NodeLockedInput } from './types.ts';

/** What `usage` needs beyond `held` (positive) and what `held` has beyond `usage` (negative), by type. */
export function unitDifference(usage: Counts, held: Counts): { more: Record<string, number>; less: Record<string, number> } {
  const more: Record<string, number> = {};
  const less: Record<string, number> = {};
  for (const type of new Set([...Object.keys(usage), ...Object.keys(held)])) {
    const d = (usage[type] ?? 0) - (held[type] ?? 0);
    if (d > 0) more[type] = d;
    else if (d < 0) less[type] = -d;
  }
  return { more, less };
}

const isEmpty = (c: Counts) => Object.keys(c).length === 0;
/** NL-6: the rehosted licence is uploaded, for the server's current MAC. */
const rehosted = (context: NodeLockedContext) => context.rehostUploaded && context.licenseMac === context.mac;
const isUpload = (e: NodeLockedEvent): e is Extract<NodeLockedEvent, { type: 'UPLOAD_LICENSE' | 'MIGRATE' }> =>
  e.type === 'UPLOAD_LICENSE' || e.type === 'MIGRATE';

/** The typed setup of the node-locked licence-file machine. */
export function nodeLockedSetup(env: MachineEnv) {
  // NL-1: the evaluation is counted on the calendar from the install of the release.
  // NL-5: a server licence per server of the cluster, with the units its devices and users need.
  const unitsNeeded = (context: NodeLockedContext): Counts => ({ ...env.usageOf(context.ref), [NODE]: context.servers });
  const sinceEvaluationStart = (context: NodeLockedContext, days: number) =>
    atLeastOneTick(context.evaluationStartedAt + daysToTicks(days) - env.now());
  // NL-5: what an upload would check out beyond what the server holds, that its licence file has not got free.
  const uncovered = (context: NodeLockedContext) =>
    Object.entries(unitDifference(unitsNeeded(context), context.held).more).flatMap(([type, needed]) => {
      const free = env.facts.licenceFileFree(context.accountId, type);
      return needed > free ? [{ type, needed, free }] : [];
    });
  return setup({
    types: {
      context: {} as NodeLockedContext,
      events: {} as NodeLockedEvent,
      input: {} as NodeLockedInput,
      emitted: {} as EmittedEvent,
      meta: {} as StateMeta & TransitionMeta,
    },
    guards: {
      notLicFile: ({ event }) => isUpload(event) && !event.file.toLowerCase().endsWith('.lic'),
      wrongMac: ({ context, event }) => isUpload(event) && event.mac !== context.mac,
      tooFewServers: ({ context, event }) => isUpload(event) && event.servers < context.servers,
      installedUnlicensed: ({ context }) => context.policy.freshInstall === 'unlicensed',
      uploadUncovered: ({ context }) => context.policy.uncoveredUpload === 'refused' && uncovered(context).length > 0,
      releaseEvaluated: ({ context, event }) => event.type === 'REINSTALL' && context.evaluatedReleases.includes(event.release),
      clusterFull: ({ context }) => context.servers >= context.policy.maxClusterServers,
      noRehostGrace: ({ context }) => context.policy.rehostGraceDays === 0,
      // NL-6: a grace no longer than the warning's lead time is warned of as it starts.
      graceWarnedAtOnce: ({ context }) => context.policy.rehostGraceWarningDays >= context.policy.rehostGraceDays,
      // NL-6: grace stops only after the upload, the invalid file's deletion and a licence-manager restart.
      rehostDone: ({ context }) => rehosted(context) && context.invalidDeleted,
      uploadAloneValid: ({ context }) => rehosted(context) && context.policy.rehostUploadAlone === 'valid',
      serversUnlicensed: ({ context }) => context.licenseMac !== null && context.servers >= context.licensedServers,
    },
    actions: {
      alarm: emit((_, params: AlarmParams) => alarmEvent(params)),
      refuse: emit(({ event }, params: RefuseParams) => refusedEvent(event.type, params)),
      // NL-5 (uncoveredUpload: refused): the reason names what the file lacks.
      refuseUncoveredUpload: emit(({ context, event }) => {
        const short = uncovered(context).map((u) => `${u.needed} ${u.type} needed, ${u.free} free`);
        return refusedEvent(event.type, { rule: 'NL-5', reason: `the licence file cannot cover the upload: ${short.join('; ')}` });
      }),
      installLicense: assign(({ event }) => (isUpload(event) ? { licenseMac: event.mac, licensedServers: event.servers } : {})),
      emitMigration: enqueueActions(({ context, enqueue }) => {
        // NL-5, NL-10: the intermediate file grants the server licences of the existing nodes too.
        const usage = unitsNeeded(context);
        const counts = Object.fromEntries(Object.entries(usage).filter(([, n]) => n > 0));
        enqueue.emit(effectEvent({ kind: 'migrate', instanceId: context.instanceId, accountId: context.accountId, counts }, 'NL-10'));
        enqueue.assign({ held: counts });
      }),
      removeInvalidLicense: assign({ licenseMac: null, licensedServers: 0 }),
      beginRehost: assign({ rehostUploaded: false, invalidDeleted: false }),
      markRehostUploaded: assign({ rehostUploaded: true }),
      markInvalidDeleted: assign({ invalidDeleted: true }),
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
      // NL-7, NL-11: the server asks its licence manager for what it needs now and gives back what it no
      // longer needs; a refusal (manager down, or beyond the file's allowance) refuses this transition.
      reconcileUnits: enqueueActions(({ context, enqueue }) => {
        const usage = unitsNeeded(context);
        const { more, less } = unitDifference(usage, context.held);
        if (isEmpty(more) && isEmpty(less)) return;
        const to = { kind: 'licenseManager', account: context.accountId } as const;
        if (!isEmpty(more)) enqueue.emit(request(to, { type: 'CHECK_OUT', instanceId: context.instanceId, counts: more }, 'NL-7'));
        if (!isEmpty(less)) enqueue.emit(request(to, { type: 'CHECK_IN', instanceId: context.instanceId, counts: less }, 'NL-7'));
        enqueue.assign({ held: Object.fromEntries(Object.entries(usage).filter(([, n]) => n > 0)) });
      }),
      // NL-6: the invalid file goes, and the units it gave the server with it.
      removeLicenseUnits: enqueueActions(({ context, enqueue }) => {
        if (isEmpty(context.held)) return;
        enqueue.emit(effectEvent({ kind: 'removeLicense', instanceId: context.instanceId, accountId: context.accountId }, 'NL-6'));
        enqueue.assign({ held: {} });
      }),
    },
    delays: {
      evaluationEnd: ({ context }) => sinceEvaluationStart(context, context.policy.evaluationDays),
      evaluationWarningStart: ({ context }) =>
        sinceEvaluationStart(context, context.policy.evaluationDays - context.policy.evaluationWarningDays),
      evaluationWarningInterval: ({ context }) => atLeastOneTick(daysToTicks(context.policy.evaluationWarningIntervalDays)),
      rehostGrace: ({ context }) => atLeastOneTick(daysToTicks(context.policy.rehostGraceDays)),
      rehostGraceWarningStart: ({ context }) =>
        atLeastOneTick(daysToTicks(context.policy.rehostGraceDays - context.policy.rehostGraceWarningDays)),
    },
  });
}

export type NodeLockedSetup = ReturnType<typeof nodeLockedSetup>;
