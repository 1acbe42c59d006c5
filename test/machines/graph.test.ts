import { getAdjacencyMap } from '@xstate/graph';
import { transition, type AnyMachineSnapshot, type AnyStateMachine, type AnyStateNode, type EventObject } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { LicensingFacts, MachineEnv } from '../../machines/env.ts';
import type { StateMeta } from '../../machines/meta.ts';
import { createNodeLockedMachine } from '../../machines/nodeLocked/machine.ts';
import { defaultPolicy } from '../../machines/policyOverride.ts';
import { createSessionClaimMachine } from '../../machines/sessionClaim/machine.ts';
import { createSmartLicensingMachine } from '../../machines/smartLicensing/machine.ts';

// The SLR code CSSM hands out; changed once to reach an updated reservation (SLR-5).
let cssmCode = 'CODE-1';
const permissive: LicensingFacts = {
  freeSessions: () => 1000,
  exportAuthorizationAvailable: () => true,
  reservationAuthorizationCode: () => cssmCode,
};
const env: MachineEnv = { now: () => 0, facts: permissive };

function nodesOf(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((child) => nodesOf(child as AnyStateNode))];
}
const leaves = (machine: AnyStateMachine) => nodesOf(machine.root).filter((n) => n.type === 'atomic').map((n) => n.id);
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
    keep: ['reachable', 'transport', 'installedAuthorizationCode'],
    terminals: ['smartLicensing.decommissioned'],
    events: [
      { type: 'REGISTER', ...token },
      { type: 'REREGISTER', ...token, accountId: 'vb' },
      { type: 'DEREGISTER' },
      { type: 'CONNECTIVITY_LOST' },
      { type: 'CONNECTIVITY_RESTORED' },
      { type: 'OUT_OF_COMPLIANCE' },
      { type: 'IN_COMPLIANCE' },
      { type: 'EXPORT_REQUEST' },
      { type: 'EXPORT_RETURN' },
      { type: 'EXPORT_CANCEL' },
      { type: 'SLR_ENABLE' },
      { type: 'SLR_DISABLE' },
      { type: 'SLR_REQUEST' },
      { type: 'SLR_CANCEL' },
      { type: 'SLR_INSTALL', code: 'CODE-1' },
      { type: 'SLR_INSTALL', code: 'CODE-2' },
      { type: 'SLR_CONFIRMED' },
      { type: 'SLR_RETURN' },
      { type: 'SLR_OUT_OF_COMPLIANCE' },
      { type: 'SLR_IN_COMPLIANCE' },
      { type: 'RMA' },
    ],
  },
  {
    name: 'node-locked',
    machine: createNodeLockedMachine(env),
    input: { policy: defaultPolicy('node-locked'), instanceId: 'n', mac: 'm1', release: '1' },
    keep: ['mac', 'licenseMac'],
    terminals: ['nodeLocked.decommissioned'],
    events: [
      { type: 'UPLOAD_LICENSE', file: 'a.lic', mac: 'm1', servers: 1 },
      { type: 'UPLOAD_LICENSE', file: 'a.lic', mac: 'm2', servers: 1 },
      { type: 'MAC_CHANGE', mac: 'm2' },
      { type: 'REINSTALL', release: '2' },
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
    terminals: ['sessionClaim.deactivated'],
    events: [
      { type: 'ACTIVATE', mode: 'automatic', sessions: 5 },
      { type: 'REACTIVATE', mode: 'automatic', sessions: 6 },
      { type: 'DEACTIVATE' },
      { type: 'REHOST' },
      { type: 'RMA' },
    ],
  },
] as const;

describe('state graphs', () => {
  for (const c of cases) {
    it(`${c.name}: every state is reachable`, () => {
      cssmCode = 'CODE-1';
      const { reached, snapshots } = explore(c.machine, c.input, [...c.events], [...c.keep]);
      // SLR-5: once CSSM generates a new code, an instance holding the old one can install it.
      const holdingCode = snapshots.find((s) => s.context.installedAuthorizationCode === 'CODE-1');
      if (holdingCode) {
        cssmCode = 'CODE-2';
        for (const id of explore(c.machine, c.input, [...c.events], [...c.keep], holdingCode).reached) reached.add(id);
      }
      const unreached = leaves(c.machine).filter((id) => !reached.has(id));
      expect(unreached).toEqual([]);
    });

    it(`${c.name}: the intended terminal states are ${c.terminals.join(', ')} and nothing leaves them`, () => {
      expect(terminalIds(c.machine)).toEqual(c.terminals);
      const { snapshots, all } = explore(c.machine, c.input, [...c.events], [...c.keep]);
      const inTerminal = snapshots.filter((s) => c.terminals.some((id) => s._nodes.some((n) => n.id === id)));
      expect(inTerminal.length).toBeGreaterThan(0);
      for (const snapshot of inTerminal) {
        for (const event of all) {
          const [next] = transition(c.machine as AnyStateMachine, snapshot, event);
          expect(next.value).toEqual(snapshot.value);
        }
      }
    });
  }
});
