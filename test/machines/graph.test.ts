import { getAdjacencyMap } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { type AnyMachineSnapshot, type AnyStateMachine, type AnyStateNode, type EventObject, transition } from 'xstate';
import { createCssmMachine } from '../../machines/cssm/machine.ts';
import type { LicensingFacts, MachineEnv } from '../../machines/env.ts';
import { createLicenseManagerMachine } from '../../machines/licenseManager/machine.ts';
import type { StateMeta } from '../../machines/meta.ts';
import { createNodeLockedMachine } from '../../machines/nodeLocked/machine.ts';
import { defaultPolicy } from '../../machines/policyOverride.ts';
import { createSatelliteMachine } from '../../machines/satellite/machine.ts';
import { createSessionClaimMachine } from '../../machines/sessionClaim/machine.ts';
import { createSmartLicensingMachine } from '../../machines/smartLicensing/machine.ts';

// The SLR code CSSM hands out; changed once to reach an updated reservation (SLR-5).
let cssmCode = 'CODE-1';
let licenceExpires = true;
const permissive: LicensingFacts = {
  freeSessions: () => 1000,
  exportAuthorizationAvailable: () => true,
  reservationAuthorizationCode: () => cssmCode,
  // A VA short of licences: CSSM's comparison finds it out of compliance (SL-7).
  accountPosition: () => [{ type: 'CUWL', entitled: 10, overdraft: 2 }],
  holdsInstance: () => true,
  // CS-7: a licence that expires on day 30 (so the expiry is part of the chart), or one that never does.
  licenseTerms: () => ({ expiresAt: licenceExpires ? 30 * 1440 : null, features: ['vxml'] }),
  // NL-5: a licence file with units to spare (an upload is covered).
  licenceFileFree: () => 1000,
};
// An instance using 5 CUWL: more than a reservation of 3, less than one of 10 (SLR-11).
const env: MachineEnv = { now: () => 0, facts: permissive, usageOf: () => ({ CUWL: 5 }) };

function nodesOf(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((child) => nodesOf(child as AnyStateNode))];
}
/** The states an instance can rest in: atomic, and not an initial choice (eventless transitions leave it at once). */
const leaves = (machine: AnyStateMachine) =>
  nodesOf(machine.root)
    .filter((n) => n.type === 'atomic' && !n.always?.length)
    .map((n) => n.id);
/** The delayed events XState made of every `after` in the chart. */
const afterEvents = (machine: AnyStateMachine): EventObject[] =>
  nodesOf(machine.root).flatMap((n) => n.after.map((t) => ({ type: t.eventType })));

/** Explores every configuration reachable with `events`, keeping the context fields guards read apart. */
function explore(machine: AnyStateMachine, input: unknown, events: EventObject[], keep: string[], from?: AnyMachineSnapshot) {
  const all = [...events, ...afterEvents(machine)];
  const adjacency = getAdjacencyMap(machine, {
    input,
    fromState: from,
    events: all,
    serializeState: (s) => {
      const snapshot = s as AnyMachineSnapshot;
      return JSON.stringify([snapshot.value, keep.map((k) => (snapshot.context as Record<string, unknown>)[k])]);
    },
  });
  const snapshots = Object.values(adjacency).map((entry) => entry.state as AnyMachineSnapshot);
  const reached = new Set(snapshots.flatMap((s) => s._nodes.filter((n) => n.type === 'atomic').map((n) => n.id)));
  return { snapshots, reached, all };
}

function terminalIds(machine: AnyStateMachine) {
  return nodesOf(machine.root)
    .filter((n) => (n.meta as StateMeta | undefined)?.terminal)
    .map((n) => n.id);
}

const token = { accountId: 'va', exportAllowed: true };
const cases = [
  {
    name: 'smart-licensing',
    machine: createSmartLicensingMachine(env),
    input: { policy: defaultPolicy('smart-licensing'), instanceId: 'i' },
    keep: ['linkUp', 'viaSatellite', 'installedAuthorizationCode', 'reservedCounts'],
    terminals: ['smartLicensing.decommissioned'],
    events: [
      { type: 'REGISTER', ...token },
      { type: 'REREGISTER', ...token, accountId: 'vb' },
      { type: 'DEREGISTER' },
      { type: 'LINK_DOWN' },
      { type: 'LINK_UP' },
      { type: 'LINK_CHANGED', viaSatellite: true },
      { type: 'SATELLITE_STATUS', connected: false, syncedAt: -1 },
      { type: 'USAGE_CHANGED' },
      { type: 'UPDATE_USAGE' },
      { type: 'OUT_OF_COMPLIANCE' },
      { type: 'IN_COMPLIANCE' },
      { type: 'EXPORT_REQUEST' },
      { type: 'EXPORT_RETURN' },
      { type: 'EXPORT_CANCEL' },
      { type: 'SLR_ENABLE' },
      { type: 'SLR_DISABLE' },
      { type: 'SLR_REQUEST' },
      { type: 'SLR_CANCEL' },
      { type: 'SLR_INSTALL', code: 'CODE-1', counts: { CUWL: 10 } },
      { type: 'SLR_INSTALL', code: 'CODE-1', counts: { CUWL: 3 } },
      { type: 'SLR_INSTALL', code: 'CODE-2', counts: { CUWL: 10 } },
      { type: 'SLR_INSTALL', code: 'CODE-2', counts: { CUWL: 3 } },
      { type: 'SLR_CONFIRMED' },
      { type: 'SLR_RETURN' },
      { type: 'RMA' },
    ],
  },
  {
    name: 'node-locked',
    machine: createNodeLockedMachine(env),
    input: { policy: defaultPolicy('node-locked'), instanceId: 'n', accountId: 'f', mac: 'm1', release: '1' },
    keep: ['mac', 'licenseMac'],
    // CallManager 5: a fresh install without evaluation (NL-1 is CUP's).
    alsoWith: [
      { licenceExpires: true, input: { policy: { ...defaultPolicy('node-locked'), freshInstall: 'unlicensed' } } },
      // NL-6: a warning lead shorter than the grace (the default 30 days is the whole grace: warned as it starts).
      { licenceExpires: true, input: { policy: { ...defaultPolicy('node-locked'), rehostGraceWarningDays: 10 } } },
    ],
    terminals: ['nodeLocked.decommissioned'],
    events: [
      { type: 'UPLOAD_LICENSE', file: 'a.lic', mac: 'm1', servers: 1 },
      { type: 'UPLOAD_LICENSE', file: 'a.lic', mac: 'm2', servers: 1 },
      { type: 'MIGRATE', file: 'a.lic', mac: 'm1', servers: 1 },
      { type: 'MAC_CHANGE', mac: 'm2' },
      { type: 'REINSTALL', release: '2' },
      { type: 'USAGE_CHANGED' },
      { type: 'LICENSE_MANAGER_STARTED' },
      { type: 'RMA' },
    ],
  },
  {
    name: 'session-claim',
    machine: createSessionClaimMachine(env),
    input: {
      policy: defaultPolicy('session-claim'),
      instanceId: 's',
      product: 'call-services',
      licenseId: 'l',
      keyRelease: '5.0',
      release: '5.0',
    },
    keep: [],
    // CS-7: a perpetual licence, and an installation that runs on past its licence's expiry.
    alsoWith: [
      { licenceExpires: false, input: {} },
      { licenceExpires: true, input: { policy: { ...defaultPolicy('session-claim'), expiredLicense: 'runs' } } },
    ],
    terminals: ['sessionClaim.rehosted', 'sessionClaim.deactivated'],
    events: [
      { type: 'ACTIVATE', mode: 'automatic', sessions: 5 },
      { type: 'REACTIVATE', mode: 'automatic', sessions: 6 },
      { type: 'DEACTIVATE' },
      { type: 'REHOST' },
      { type: 'USAGE_CHANGED' },
      { type: 'LINK_DOWN' },
      { type: 'LINK_UP' },
      { type: 'RMA' },
    ],
  },
  {
    name: 'cssm',
    machine: createCssmMachine(env),
    input: { accountId: 'va', policy: defaultPolicy('smart-licensing'), regime: { mode: 'time-grace' } },
    keep: [],
    terminals: [],
    events: [
      { type: 'NEW_DAY' },
      { type: 'USAGE_REPORT', instanceId: 'i', accountId: 'va', usage: { CUWL: 1 }, seq: 1, outOfCompliance: false },
      { type: 'SATELLITE_UPLOAD', satelliteId: 's' },
      { type: 'REMOVE_INSTANCE', instanceId: 'i' },
      { type: 'RESERVE', instanceId: 'i', counts: { CUWL: 1 } },
    ],
  },
  {
    name: 'satellite',
    machine: createSatelliteMachine(env),
    input: { satelliteId: 's', accountId: 'va', policy: defaultPolicy('smart-licensing') },
    keep: [],
    terminals: [],
    events: [
      { type: 'SET_MODE', mode: 'disconnected' },
      { type: 'SET_MODE', mode: 'connected' },
      { type: 'SYNC' },
      { type: 'SATELLITE_DOWNLOAD', outOfCompliance: true },
      { type: 'USAGE_REPORT', instanceId: 'i', accountId: 'va', usage: { CUWL: 1 }, seq: 1, outOfCompliance: false },
    ],
  },
  {
    name: 'license-manager',
    machine: createLicenseManagerMachine(env),
    input: { accountId: 'f' },
    keep: [],
    terminals: [],
    events: [
      { type: 'STOP' },
      { type: 'START' },
      { type: 'RESTART' },
      { type: 'CHECK_OUT', instanceId: 'n', counts: { DLU: 1 } },
      { type: 'CHECK_IN', instanceId: 'n', counts: { DLU: 1 } },
    ],
  },
] as const;

/** How long one exhaustive exploration may take (a bound against a hang, not a timing target). */
const GRAPH_TIMEOUT_MS = 240_000;

describe('state graphs', () => {
  for (const c of cases) {
    it(
      `${c.name}: every state is reachable`,
      () => {
        cssmCode = 'CODE-1';
        const { reached, snapshots } = explore(c.machine, c.input, [...c.events], [...c.keep]);
        // SLR-5: once CSSM generates a new code, an instance holding the old one can install it.
        const holdingCode = snapshots.find((s) => s.context.installedAuthorizationCode === 'CODE-1');
        if (holdingCode) {
          cssmCode = 'CODE-2';
          for (const id of explore(c.machine, c.input, [...c.events], [...c.keep], holdingCode).reached) reached.add(id);
        }
        for (const variant of 'alsoWith' in c ? c.alsoWith : []) {
          licenceExpires = variant.licenceExpires;
          for (const id of explore(c.machine, { ...c.input, ...variant.input }, [...c.events], [...c.keep]).reached) reached.add(id);
          licenceExpires = true;
        }
        const unreached = leaves(c.machine).filter((id) => !reached.has(id));
        expect(unreached).toEqual([]);
        // An exhaustive exploration: ≈ 45 s for smart-licensing on one idle core, past vitest's 60 s on a loaded CI machine.
      },
      GRAPH_TIMEOUT_MS,
    );

    it(
      `${c.name}: the intended terminal states are ${c.terminals.join(', ') || 'none'} and nothing leaves them`,
      () => {
        expect(terminalIds(c.machine)).toEqual(c.terminals);
        if (!c.terminals.length) return;
        const { snapshots, all } = explore(c.machine, c.input, [...c.events], [...c.keep]);
        const inTerminal = snapshots.filter((s) => c.terminals.some((id) => s._nodes.some((n) => n.id === id)));
        expect(inTerminal.length).toBeGreaterThan(0);
        for (const snapshot of inTerminal) {
          for (const event of all) {
            const [next] = transition(c.machine as AnyStateMachine, snapshot, event);
            expect(next.value).toEqual(snapshot.value);
          }
        }
      },
      GRAPH_TIMEOUT_MS,
    );
  }
});
