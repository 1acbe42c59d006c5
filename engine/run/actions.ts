import type { EventObject } from 'xstate';
import type { Counts } from '../../ledger/licenceTypes.ts';
import { PROVISIONING } from '../../machines/meta.ts';
import { daysToTicks } from '../../machines/time.ts';
import { hashUnit } from '../random.ts';
import type { TimelineAction } from '../scenario.ts';
import type { Simulation } from './simulation.ts';

type Action<K extends TimelineAction['kind']> = Extract<TimelineAction, { kind: K }>;

/** Instance events that map one to one onto a timeline action. */
const PLAIN: Partial<Record<TimelineAction['kind'], string>> = {
  deregister: 'DEREGISTER',
  'renew-authorization': 'RENEW_AUTHORIZATION',
  'renew-registration': 'RENEW_REGISTRATION',
  'outage-start': 'CONNECTIVITY_LOST',
  'outage-end': 'CONNECTIVITY_RESTORED',
  'slr-enable': 'SLR_ENABLE',
  'slr-disable': 'SLR_DISABLE',
  'slr-request': 'SLR_REQUEST',
  'slr-cancel': 'SLR_CANCEL',
  'slr-return': 'SLR_RETURN',
  rma: 'RMA',
  'export-request': 'EXPORT_REQUEST',
  'export-return': 'EXPORT_RETURN',
  'export-cancel': 'EXPORT_CANCEL',
  'deploy-secure-trunk': 'DEPLOY_SECURE_TRUNK',
  'add-server': 'ADD_SERVER',
  deactivate: 'DEACTIVATE',
  rehost: 'REHOST',
  transfer: 'TRANSFER',
};

/** A change of one instance's population: by a share, or by absolute numbers. */
export type PopulationChange =
  | { kind: 'scale'; factor: number; u: number }
  | { kind: 'add'; users: number; devices: Readonly<Record<string, number>> };

/**
 * Grows or shrinks an instance's population where the machine allows it (growth
 * needs every PROVISIONING operation: SL-2, SL-12, SL-13, NL-4, NL-6) and
 * the back end accepts the new usage; a refusal leaves the population as it was.
 */
export function changePopulation(sim: Simulation, global: number, change: PopulationChange, op: string, grows: boolean): void {
  if (grows) {
    for (const o of PROVISIONING) {
      const p = sim.permits(global, o);
      if (!p.allowed) {
        sim.refused(global, op, p.rule, p.reason);
        return;
      }
    }
  }
  const member = sim.member(global);
  const population = sim.population(global);
  const changed = change.kind === 'scale' ? population.scale(member, change.factor, change.u) : population.add(member, change.users, change.devices);
  if (!changed) return;
  if (!sim.licensing.populationChanged(global, op)) population.undo(member);
}

function grow(sim: Simulation, global: number, action: Action<'grow'> | Action<'remove'>): void {
  const sign = action.kind === 'grow' ? 1 : -1;
  const u = hashUnit(sim.scenario.seed, sim.backend.now(), global);
  if (action.percent) changePopulation(sim, global, { kind: 'scale', factor: (sign * action.percent) / 100, u }, action.kind, sign > 0);
  if (action.users || action.devices) {
    const devices = Object.fromEntries(Object.entries(action.devices ?? {}).map(([k, v]) => [k, sign * v]));
    changePopulation(sim, global, { kind: 'add', users: sign * (action.users ?? 0), devices }, action.kind, sign > 0);
  }
}

/** SLR-3, SLR-5: CSSM reserves the instance's current usage plus a headroom share. */
function reservationCounts(sim: Simulation, global: number, headroom = 0): Counts {
  const usage = sim.population(global).usage(sim.member(global));
  return Object.fromEntries(Object.entries(usage).map(([type, n]) => [type, Math.ceil(n * (1 + headroom))]));
}

function ledgerResult(sim: Simulation, global: number, op: string, result: { ok: boolean; rule?: string | null; reason?: string }): void {
  if (!result.ok) sim.refused(global, op, result.rule ?? null, result.reason ?? 'refused');
}

/** NL-6: the MAC of a replacement server, drawn from the seed, the time and the instance. */
function replacementMac(sim: Simulation, global: number): string {
  const octets = [0, 1, 2, 3, 4, 5].map((k) => Math.floor(hashUnit(sim.scenario.seed, sim.backend.now(), global, k) * 256));
  octets[0] = ((octets[0] as number) & 0xfc) | 0x02; // locally administered, unicast
  return octets.map((o) => o.toString(16).padStart(2, '0')).join(':');
}

/** NL-4/NL-6: uploads the licence file generated for the instance's current MAC (and servers, for a cluster). */
function uploadLicense(sim: Simulation, global: number, context: Record<string, unknown>, servers?: unknown): void {
  const mac = context.mac as string;
  const file = `${sim.fleet.identity(global, mac).hostname}.lic`;
  sim.send(global, { type: 'UPLOAD_LICENSE', file, mac, servers: servers ?? context.servers } as EventObject);
}

/** Applies one timeline action to one instance (whose model the action applies to). */
export function applyAction(sim: Simulation, global: number, action: TimelineAction): void {
  const plain = PLAIN[action.kind];
  if (plain) {
    sim.send(global, { type: plain });
    if (action.kind === 'rma' && sim.ledger.reservation(sim.id(global))) sim.ledger.markNonOperational(sim.id(global));
    return;
  }
  const id = sim.id(global);
  const group = sim.fleet.group(global).spec;
  const context = () => sim.driver(global).context(sim.fleet.local(global)) as Record<string, unknown>;
  switch (action.kind) {
    case 'register':
      return sim.send(global, {
        type: 'REGISTER',
        accountId: action.account ?? group.account,
        exportAllowed: action.exportControl,
        ...(action.tokenExpiresDay !== undefined ? { tokenExpiresAt: daysToTicks(action.tokenExpiresDay) } : {}),
      } as EventObject);
    case 'reregister':
      return sim.send(global, { type: 'REREGISTER', accountId: action.account, exportAllowed: action.exportControl } as EventObject);
    case 'set-transport':
      return sim.send(global, { type: 'SET_TRANSPORT', transport: action.transport } as EventObject);
    case 'satellite-sync':
      sim.send(global, { type: 'SATELLITE_SYNC' });
      return sim.licensing.satelliteSynced(global);
    case 'grow':
    case 'remove':
      return grow(sim, global, action);
    case 'slr-authorize':
      return ledgerResult(sim, global, action.kind, sim.ledger.reserve(id, group.account, reservationCounts(sim, global, action.headroom)));
    case 'slr-update':
      return ledgerResult(sim, global, action.kind, sim.ledger.updateReservation(id, reservationCounts(sim, global, action.headroom)));
    case 'slr-install':
      return sim.send(global, { type: 'SLR_INSTALL', code: sim.ledger.reservationAuthorizationCode(id) ?? 'none' } as EventObject);
    case 'slr-return-authorization':
      return sim.send(global, { type: 'SLR_RETURN_AUTHORIZATION', code: sim.ledger.reservationAuthorizationCode(id) ?? 'none' } as EventObject);
    case 'slr-confirm': {
      const result = sim.ledger.confirm(id);
      if (!result.ok) return ledgerResult(sim, global, action.kind, result);
      return sim.send(global, { type: 'SLR_CONFIRMED' });
    }
    case 'support-remove':
      return ledgerResult(sim, global, action.kind, sim.ledger.supportRemove(id));
    case 'mac-change':
      return sim.send(global, { type: 'MAC_CHANGE', mac: replacementMac(sim, global) } as EventObject);
    case 'upload-license':
      return uploadLicense(sim, global, context(), action.servers);
    case 'migrate': {
      // NL-10: the units in use at a 4.x migration are granted free; the intermediate file is the licence.
      const usage = sim.population(global).usage(sim.member(global));
      const result = sim.ledger.migrate(id, group.account, usage);
      if (!result.ok) return ledgerResult(sim, global, action.kind, result);
      return uploadLicense(sim, global, context());
    }
    case 'reinstall':
      return sim.send(global, { type: 'REINSTALL', release: action.release ?? context().release } as EventObject);
    case 'upgrade':
      return sim.send(global, { type: 'UPGRADE', release: action.release } as EventObject);
    case 'activate':
    case 'reactivate': {
      const requested = action.sessions ?? sim.population(global).usage(sim.member(global));
      const sessions = typeof requested === 'number' ? requested : Object.values(requested)[0];
      return sim.send(global, { type: action.kind === 'activate' ? 'ACTIVATE' : 'REACTIVATE', mode: action.mode, sessions } as EventObject);
    }
    default:
      throw new Error(`timeline action ${action.kind} has no handler`);
  }
}
