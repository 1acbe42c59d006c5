import { alarm, refuse } from '../emitted.ts';
import type { MachineEnv } from '../env.ts';
import { deny } from '../meta.ts';
import { nodeLockedSetup } from './setup.ts';

const MACHINE_ID = 'nodeLocked';
const PRODUCTION = `#${MACHINE_ID}.production`;

const SERVICE_DOWN = ['serve', 'addDevice', 'provisionUser', 'useSoftphone'] as const;

/**
 * Node-locked licence files (Cisco Unified Presence 7.x, CallManager 5.x):
 * NL-1..NL-6. Durations come from `context.policy`.
 */
export function createNodeLockedMachine(env: MachineEnv) {
  const s = nodeLockedSetup(env);
  // NL-5: a .lic file bound to this server's MAC covering every server of the cluster.
  const upload = [
    {
      guard: 'notLicFile',
      actions: [alarm('CiscoLicenseFileError', 'NL-8'), refuse('NL-5', 'licence files must have a .lic suffix')],
    },
    {
      guard: 'wrongMac',
      actions: [alarm('CiscoLicenseFileError', 'NL-8'), refuse('NL-5', "the licence is bound to another MAC address than the server's")],
    },
    { guard: 'tooFewServers', actions: refuse('NL-5', 'the licence covers fewer servers than the cluster has') },
    { target: PRODUCTION, actions: 'installLicense', meta: { rules: ['NL-5'] } },
  ] as const;
  const onlyUpload = refuse('NL-4', 'service is down; only a licence upload is accepted');
  return s.createMachine({
    id: MACHINE_ID,
    context: ({ input }) => ({
      policy: input.policy,
      instanceId: input.instanceId,
      mac: input.mac,
      licenseMac: null,
      licensedServers: 0,
      servers: input.servers ?? 1,
      release: input.release,
      evaluatedReleases: [input.release],
      evaluationStartedAt: env.now(),
    }),
    initial: 'evaluation',
    states: {
      evaluation: {
        meta: {
          rules: ['NL-1', 'NL-3'],
          status: { name: 'evaluation', group: 'evaluation', rank: 1 },
          deny: deny(['useSoftphone'], 'NL-3', 'the softphone client is not supported in evaluation'),
        },
        initial: 'quiet',
        states: {
          quiet: { after: { evaluationWarningStart: { target: 'warning', meta: { rules: ['NL-1'] } } } },
          warning: {
            meta: { rules: ['NL-1'] },
            entry: [alarm('LicenseEvaluationExpiryWarning', 'NL-1')],
            after: { evaluationWarningInterval: { target: 'warning', reenter: true } },
          },
        },
        after: {
          evaluationEnd: {
            target: 'expired',
            actions: alarm('LicenseEvaluationExpired', 'NL-1'),
            meta: { rules: ['NL-1', 'NL-4'] },
          },
        },
        on: {
          UPLOAD_LICENSE: upload,
          UPGRADE: { actions: refuse('NL-2', 'an instance in evaluation cannot be upgraded; upload a licence first') },
          MAC_CHANGE: { actions: 'changeMac' },
          REINSTALL: [
            { guard: 'releaseEvaluated', target: 'evaluation', reenter: true, meta: { rules: ['NL-2'] } },
            { target: 'evaluation', reenter: true, actions: 'beginEvaluation', meta: { rules: ['NL-2'] } },
          ],
        },
      },
      expired: {
        meta: {
          rules: ['NL-4'],
          status: { name: 'evaluationExpired', group: 'expired', rank: 1 },
          deny: deny(SERVICE_DOWN, 'NL-4', 'evaluation expired: the presence engine and proxy are shut down'),
        },
        on: {
          UPLOAD_LICENSE: upload,
          REINSTALL: [
            { guard: 'releaseEvaluated', actions: refuse('NL-2', 'this release was evaluated already; a reinstall does not restart evaluation') },
            { target: 'evaluation', actions: 'beginEvaluation', meta: { rules: ['NL-2'] } },
          ],
          UPGRADE: { actions: onlyUpload },
          ADD_SERVER: { actions: onlyUpload },
          MAC_CHANGE: { actions: 'changeMac' },
        },
      },
      production: {
        meta: { rules: ['NL-5'], status: { name: 'production', group: 'production', rank: 1 } },
        on: {
          UPLOAD_LICENSE: upload,
          MAC_CHANGE: { target: 'grace', actions: 'changeMac', meta: { rules: ['NL-6'] } },
          UPGRADE: { actions: 'upgrade', meta: { rules: ['NL-2'] } },
          REINSTALL: { actions: refuse('NL-2', 'a licensed server keeps its licence; reinstall is not needed') },
        },
      },
      grace: {
        meta: { rules: ['NL-6'], status: { name: 'rehostGrace', group: 'grace', rank: 1 } },
        entry: [alarm('CiscoLicenseFileError', 'NL-8')],
        after: {
          rehostGrace: { target: 'shutdown', actions: 'removeInvalidLicense', meta: { rules: ['NL-6'] } },
        },
        on: {
          UPLOAD_LICENSE: upload,
          MAC_CHANGE: { actions: 'changeMac' },
          UPGRADE: { actions: refuse('NL-6', 'upload the rehosted licence before upgrading') },
        },
      },
      shutdown: {
        meta: {
          rules: ['NL-6'],
          status: { name: 'shutdown', group: 'expired', rank: 1 },
          deny: deny(SERVICE_DOWN, 'NL-6', 'no valid licence after the rehost grace period: service is shut down'),
        },
        on: {
          UPLOAD_LICENSE: upload,
          MAC_CHANGE: { actions: 'changeMac' },
          UPGRADE: { actions: onlyUpload },
          ADD_SERVER: { actions: onlyUpload },
        },
      },
      decommissioned: {
        meta: { rules: ['SLR-8'], status: { name: 'decommissioned', group: 'retired', rank: 9 }, terminal: true },
        on: { '*': { actions: refuse(null, 'the instance is decommissioned') } },
      },
    },
    on: {
      ADD_SERVER: [
        { guard: 'clusterFull', actions: refuse('NL-5', 'a cluster has at most the policy\'s maxClusterServers servers') },
        { guard: 'serversUnlicensed', actions: refuse('NL-5', 'the installed licence covers no more servers') },
        { actions: 'addServer', meta: { rules: ['NL-5'] } },
      ],
      RMA: { target: '.decommissioned' },
      '*': { actions: refuse(null, 'not accepted in this state') },
    },
  });
}

export type NodeLockedMachine = ReturnType<typeof createNodeLockedMachine>;
