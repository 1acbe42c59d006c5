import { z } from 'zod';
import type { RuleId } from '../../../machines/rules.ts';
import { hashUnit } from '../../random.ts';
import type { Simulation } from '../../run/simulation.ts';
import type { TimelineEntry } from '../../scenario.ts';
import { defineAction } from '../action.ts';

const NODE_LOCKED = ['node-locked'] as const;

/** NL-6: the MAC of a replacement server, drawn from the seed, the time and the instance. */
function replacementMac(sim: Simulation, global: number): string {
  const octets = [0, 1, 2, 3, 4, 5].map((k) =>
    Math.floor(hashUnit(sim.scenario.seed, sim.backend.now(), sim.fleet.origin(global), k) * 256),
  );
  octets[0] = ((octets[0] as number) & 0xfc) | 0x02; // locally administered, unicast
  return octets.map((o) => o.toString(16).padStart(2, '0')).join(':');
}

/** The licence file generated for the server's current MAC (and servers, for a cluster), as the administrator uploads it. */
function licenceFile(sim: Simulation, global: number, servers?: number) {
  const context = sim.driverAt(global).context(sim.localAt(global)) as { mac: string; servers: number };
  return { file: `${sim.fleet.identity(global, context.mac).hostname}.lic`, mac: context.mac, servers: servers ?? context.servers };
}

/** A new first node under one of its names: the server's MAC changes (MAC_CHANGE), and the policy says what follows. */
function newFirstNode<K extends string>(kind: K, doc: string, rules: readonly RuleId[]) {
  return defineAction({
    kind,
    doc,
    rules,
    models: NODE_LOCKED,
    shape: {},
    resolve: (raw) => raw,
    apply(sim, global) {
      sim.deliver(global, { type: 'MAC_CHANGE', mac: replacementMac(sim, global) });
    },
  });
}

/** NL-6: the publisher is replaced: same hostname, a new MAC. */
export const macChange = newFirstNode('mac-change', 'the first node is replaced: a new MAC address (NL-6, NL-13)', ['NL-6', 'NL-13']);

/**
 * NL-13: CallManager 5's spelling of a new first node: "When the first node fails … and a new node is configured
 * as the first node", a new licence file with the new MAC is needed, whether or not the old one was uploaded.
 */
export const firstNodeFailure = newFirstNode(
  'first-node-failure',
  'CallManager 5: the first node fails and a new one is configured as the first node: a new MAC; ' +
    'a new licence file with it is needed, uploaded or not before (NL-13; the grace is rehostGraceDays, none in cucm-5-strict)',
  ['NL-13', 'NL-6'],
);

/** NL-5: upload the licence file generated for the server. */
export const uploadLicense = defineAction({
  kind: 'upload-license',
  doc: "upload the licence file generated for the server's MAC, covering `servers` (default: the cluster) (NL-5, NL-7)",
  rules: ['NL-5', 'NL-7'],
  models: NODE_LOCKED,
  shape: { servers: z.number().int().positive().optional() },
  resolve: (raw) => raw,
  apply(sim, global, p) {
    sim.deliver(global, { type: 'UPLOAD_LICENSE', ...licenceFile(sim, global, p.servers) });
  },
});

/** NL-10: a 4.x server migrates with the intermediate file that grants its units free. */
export const migrate = defineAction({
  kind: 'migrate',
  doc: 'migrate from 4.x: the units in use are granted free by the intermediate licence file (NL-10)',
  rules: ['NL-10'],
  models: NODE_LOCKED,
  shape: {},
  resolve: (raw) => raw,
  apply(sim, global) {
    sim.deliver(global, { type: 'MIGRATE', ...licenceFile(sim, global) });
  },
});

/** NL-2: reinstall a release. */
export const reinstall = defineAction({
  kind: 'reinstall',
  doc: 'reinstall (the same release, or `release`): no second evaluation of a release (NL-2)',
  rules: ['NL-2'],
  models: NODE_LOCKED,
  shape: { release: z.string().optional() },
  resolve: (raw) => raw,
  apply(sim, global, p) {
    const context = sim.driverAt(global).context(sim.localAt(global)) as { release: string };
    sim.deliver(global, { type: 'REINSTALL', release: p.release ?? context.release });
  },
});

/** NL-2: upgrade to a release. */
export const upgrade = defineAction({
  kind: 'upgrade',
  doc: 'upgrade to `release` (not in evaluation: NL-2)',
  rules: ['NL-2'],
  models: NODE_LOCKED,
  shape: { release: z.string({ error: 'expected the release to upgrade to' }) },
  resolve: (raw) => raw,
  apply(sim, global, p) {
    sim.deliver(global, { type: 'UPGRADE', release: p.release });
  },
});

/** The licence files an entry's licence-manager action names: `account`, or those of the node-locked groups it targets. */
function licenceFiles(sim: Simulation, account: string | undefined, entry: TimelineEntry): string[] {
  if (account !== undefined) return [account];
  const groups = sim.fleet.groups.filter(
    (g) => g.model === 'node-locked' && (!entry.target.groups || entry.target.groups.includes(g.spec.name)),
  );
  return [...new Set(groups.map((g) => g.spec.account))];
}

/** NL-11: the licence manager service is stopped, started or restarted. */
function licenseManager(
  kind: 'stop-license-manager' | 'start-license-manager' | 'restart-license-manager',
  type: 'STOP' | 'START' | 'RESTART',
) {
  return defineAction({
    kind,
    doc: `${type.toLowerCase()} the licence manager of \`account\` (default: the licence files of the targeted node-locked groups) (NL-11)`,
    rules: ['NL-11'],
    models: [],
    shape: { account: z.string().optional().describe('the licence file whose licence manager it is') },
    resolve(raw, ctx, path) {
      if (raw.account !== undefined) ctx.account(raw.account, [...path, 'account'], 'license-file');
      return raw.account !== undefined ? { account: raw.account } : {};
    },
    applyOnce(sim, p, entry, outcome) {
      for (const file of licenceFiles(sim, p.account, entry)) {
        const lm = sim.parties.find('license-manager', file);
        if (!lm) continue;
        outcome.reached++;
        sim.deliver(lm.address, { type });
      }
    },
  });
}

export const stopLicenseManager = licenseManager('stop-license-manager', 'STOP');
export const startLicenseManager = licenseManager('start-license-manager', 'START');
export const restartLicenseManager = licenseManager('restart-license-manager', 'RESTART');
