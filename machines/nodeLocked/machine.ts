import { declareEffectful } from '../effects.ts';
import { alarm, refuse } from '../emitted.ts';
import type { MachineEnv } from '../env.ts';
import { instantsMeta } from '../instants.ts';
import { deny } from '../meta.ts';
import { nodeLockedSetup } from './setup.ts';
import type { NodeLockedContext } from './types.ts';

const MACHINE_ID = 'nodeLocked';
const PRODUCTION = `#${MACHINE_ID}.production`;
const GRACE = `#${MACHINE_ID}.grace`;
const GRACE_WARNED = `#${MACHINE_ID}.grace.warned`;

const SERVICE_DOWN = ['serve', 'addDevice', 'provisionUser', 'useSoftphone'] as const;

/**
 * Node-locked licence files (Cisco Unified Presence 7.x, CallManager 5.x):
 * NL-1..NL-7, NL-11. Durations come from `context.policy`; units are checked out
 * and in through the licence manager of the server's licence file.
 */
export function createNodeLockedMachine(env: MachineEnv) {
  const s = nodeLockedSetup(env);
  // NL-5: a .lic file bound to this server's MAC covering every server of the cluster; `finish` takes its units. Whether
  // an upload whose units the file cannot cover is refused (the server stays where it was) is policy `uncoveredUpload`.
  const uploaded = (
    finish: 'reconcileUnits' | 'emitMigration',
    rules: readonly ['NL-5', 'NL-7'] | readonly ['NL-5', 'NL-10'] | readonly ['NL-5', 'NL-6'],
    done: { target: typeof PRODUCTION } | { actions: 'markRehostUploaded' } = { target: PRODUCTION },
  ) =>
    [
      {
        guard: 'notLicFile',
        actions: [alarm('CiscoLicenseFileError', 'NL-8'), refuse('NL-5', 'licence files must have a .lic suffix')],
      },
      {
        guard: 'wrongMac',
        actions: [alarm('CiscoLicenseFileError', 'NL-8'), refuse('NL-5', "the licence is bound to another MAC address than the server's")],
      },
      { guard: 'tooFewServers', actions: refuse('NL-5', 'the licence covers fewer servers than the cluster has') },
      // NL-10's intermediate file grants the units in use: nothing for the file to cover.
      ...(finish === 'reconcileUnits'
        ? ([{ guard: 'uploadUncovered', actions: [alarm('CiscoLicenseRequestFailed', 'NL-8'), 'refuseUncoveredUpload'] }] as const)
        : []),
      'target' in done
        ? { target: done.target, actions: ['installLicense', finish] as const, meta: { rules } }
        : { actions: ['installLicense', finish, done.actions] as const, meta: { rules } },
    ] as const;
  const upload = uploaded('reconcileUnits', ['NL-5', 'NL-7']);
  // NL-10: a 4.x server's intermediate file grants it free the units it uses now.
  const migrate = uploaded('emitMigration', ['NL-5', 'NL-10']);
  // NL-6: in the rehost grace period an upload alone does not end it.
  const rehostUpload = uploaded('reconcileUnits', ['NL-5', 'NL-6'], { actions: 'markRehostUploaded' });
  // NL-7: a licensed server's units follow its phones and users, through the licence manager.
  const licensed = {
    USAGE_CHANGED: { actions: 'reconcileUnits', meta: { rules: ['NL-7'] } },
    LICENSE_MANAGER_STARTED: { actions: 'reconcileUnits', meta: { rules: ['NL-11'] } },
  } as const;
  const onlyUpload = refuse('NL-4', 'service is down; only a licence upload is accepted');
  // NL-5: a licensed cluster checks out a server licence for a server it adds.
  const addServer = (licensed: boolean) =>
    [
      { guard: 'clusterFull', actions: refuse('NL-5', "a cluster has at most the policy's maxClusterServers servers") },
      { guard: 'serversUnlicensed', actions: refuse('NL-5', 'the installed licence covers no more servers') },
      { actions: licensed ? (['addServer', 'reconcileUnits'] as const) : ('addServer' as const), meta: { rules: ['NL-5'] } },
    ] as const;
  // NL-6: a MAC change starts the grace, warned of at once when it is no longer than the warning's lead time.
  const enterGrace = (reenter: boolean) =>
    [
      { guard: 'graceWarnedAtOnce', target: GRACE_WARNED, reenter, actions: 'changeMac', meta: { rules: ['NL-6'] } },
      { target: GRACE, reenter, actions: 'changeMac', meta: { rules: ['NL-6'] } },
    ] as const;
  const machine = s.createMachine({
    id: MACHINE_ID,
    meta: instantsMeta<NodeLockedContext>(['evaluationStartedAt']),
    context: ({ input }) => ({
      policy: input.policy,
      instanceId: input.instanceId,
      ref: input.ref ?? 0,
      accountId: input.accountId,
      held: {},
      mac: input.mac,
      licenseMac: null,
      licensedServers: 0,
      servers: input.servers ?? 1,
      release: input.release,
      evaluatedReleases: [input.release],
      evaluationStartedAt: env.now(),
      rehostUploaded: false,
      invalidDeleted: false,
    }),
    initial: 'installed',
    states: {
      // NL-1 is Unified Presence's evaluation; CallManager 5's document names none (policy `freshInstall`).
      installed: {
        always: [
          { guard: 'installedUnlicensed', target: 'unlicensed', meta: { rules: ['NL-5', 'NL-7'] } },
          { target: 'evaluation', meta: { rules: ['NL-1'] } },
        ],
      },
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
          MIGRATE: migrate,
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
          MIGRATE: migrate,
          REINSTALL: [
            {
              guard: 'releaseEvaluated',
              actions: refuse('NL-2', 'this release was evaluated already; a reinstall does not restart evaluation'),
            },
            { target: 'evaluation', actions: 'beginEvaluation', meta: { rules: ['NL-2'] } },
          ],
          UPGRADE: { actions: onlyUpload },
          ADD_SERVER: { actions: onlyUpload },
          MAC_CHANGE: { actions: 'changeMac' },
        },
      },
      // A CallManager 5 server without a licence file: its licence manager has no server licence and no units to check out.
      unlicensed: {
        meta: {
          rules: ['NL-5', 'NL-7'],
          status: { name: 'unlicensed', group: 'expired', rank: 1 },
          deny: deny(SERVICE_DOWN, 'NL-7', 'no licence file is uploaded: the licence manager has no units to check out'),
        },
        on: {
          UPLOAD_LICENSE: upload,
          MIGRATE: migrate,
          MAC_CHANGE: { actions: 'changeMac' },
          UPGRADE: { actions: refuse('NL-5', 'no licence file is uploaded; upload one first') },
          REINSTALL: { actions: refuse('NL-1', 'this product has no evaluation (freshInstall: unlicensed): a reinstall starts none') },
        },
      },
      production: {
        meta: { rules: ['NL-5'], status: { name: 'production', group: 'production', rank: 1 }, holds: 'units' },
        on: {
          ...licensed,
          ADD_SERVER: addServer(true),
          UPLOAD_LICENSE: upload,
          MAC_CHANGE: [
            // NL-13 (rehostGraceDays: 0): "the license information exits on the new node, but not the license file".
            {
              guard: 'noRehostGrace',
              target: 'shutdown',
              actions: ['changeMac', 'removeInvalidLicense', 'removeLicenseUnits'],
              meta: { rules: ['NL-6', 'NL-13'] },
            },
            ...enterGrace(false),
          ],
          UPGRADE: { actions: 'upgrade', meta: { rules: ['NL-2'] } },
          REINSTALL: { actions: refuse('NL-2', 'a licensed server keeps its licence; reinstall is not needed') },
        },
      },
      grace: {
        meta: { rules: ['NL-6'], status: { name: 'rehostGrace', group: 'grace', rank: 1 }, holds: 'units' },
        entry: [alarm('CiscoLicenseFileError', 'NL-8'), 'beginRehost'],
        // NL-6: LicenseGraceExpiryWarning (licsim's name), once, rehostGraceWarningDays before the shutdown.
        initial: 'unwarned',
        states: {
          unwarned: { after: { rehostGraceWarningStart: { target: 'warned', meta: { rules: ['NL-6'] } } } },
          warned: { meta: { rules: ['NL-6'] }, entry: [alarm('LicenseGraceExpiryWarning', 'NL-6')] },
        },
        after: {
          rehostGrace: [
            { guard: 'uploadAloneValid', target: PRODUCTION, meta: { rules: ['NL-6'] } },
            { target: 'shutdown', actions: ['removeInvalidLicense', 'removeLicenseUnits'], meta: { rules: ['NL-6'] } },
          ],
        },
        on: {
          USAGE_CHANGED: licensed.USAGE_CHANGED,
          ADD_SERVER: addServer(true),
          // NL-6: grace stops with the licence-manager restart after the upload and the invalid file's deletion.
          LICENSE_MANAGER_STARTED: [
            { guard: 'rehostDone', target: PRODUCTION, actions: 'reconcileUnits', meta: { rules: ['NL-6', 'NL-11'] } },
            licensed.LICENSE_MANAGER_STARTED,
          ],
          UPLOAD_LICENSE: rehostUpload,
          DELETE_INVALID_LICENSE: { actions: 'markInvalidDeleted', meta: { rules: ['NL-6'] } },
          // NL-6: another MAC change is a new rehost: a new grace period; an upload or deletion for the old MAC no longer counts.
          MAC_CHANGE: enterGrace(true),
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
        on: { USAGE_CHANGED: {}, LICENSE_MANAGER_STARTED: {}, '*': { actions: refuse(null, 'the instance is decommissioned') } },
      },
    },
    on: {
      ADD_SERVER: addServer(false),
      // A replaced server's licence file goes with it, and the units it held.
      RMA: { target: '.decommissioned', actions: 'removeLicenseUnits' },
      DELETE_INVALID_LICENSE: { actions: refuse('NL-6', 'there is no invalid licence file: no MAC change awaits its rehosted licence') },
      USAGE_CHANGED: {},
      LICENSE_MANAGER_STARTED: {},
      '*': { actions: refuse(null, 'not accepted in this state') },
    },
  });
  return declareEffectful(machine, ['reconcileUnits', 'removeLicenseUnits', 'emitMigration']);
}

export type NodeLockedMachine = ReturnType<typeof createNodeLockedMachine>;
