import { z } from 'zod';
import { refusal } from '../../../ledger/result.ts';
import { type DeviceChange, DevicePopulation } from '../../fleet/devicePopulation.ts';
import { applyChange } from '../../run/population.ts';
import type { Simulation } from '../../run/simulation.ts';
import { defineAction } from '../action.ts';

const device = z.string({ error: 'expected a device name, e.g. 7970#1' }).min(1, { error: 'expected a device name, e.g. 7970#1' });

/**
 * DLU-1, DLU-4: an administrator's change to the named devices of a cluster whose group
 * models them individually (`deviceModel: individual`). A change that adds units is a
 * growth: refused where provisioning is, and undone if the check-out is refused.
 */
function configure(sim: Simulation, global: number, op: string, change: DeviceChange, grows: boolean): void {
  applyChange(sim, global, op, grows, (population, member) => {
    if (!(population instanceof DevicePopulation)) {
      const group = sim.fleet.group(global).spec.name;
      return refusal('unknownDevice', 'DLU-4', `${group} counts its devices in aggregate (deviceModel: individual names them)`);
    }
    const r = population.configure(member, change);
    return r.ok ? true : r;
  });
}

export const addDevice = defineAction({
  kind: 'add-device',
  doc: 'add a named stand-alone device of a type (DLU-1, DLU-3); needs deviceModel: individual',
  rules: ['DLU-1', 'DLU-3'],
  models: ['node-locked'],
  shape: { device, type: z.string({ error: 'expected a device type' }) },
  resolve: (raw) => raw,
  apply(sim, global, p) {
    configure(sim, global, 'add-device', { kind: 'add', device: p.device, type: p.type }, true);
  },
});

export const attachSecondary = defineAction({
  kind: 'attach-secondary',
  doc: 'make a softphone an adjunct secondary of a primary phone: 1 unit, every DLU-4 restriction checked',
  rules: ['DLU-4'],
  models: ['node-locked'],
  shape: { secondary: device, primary: device },
  resolve: (raw) => raw,
  apply(sim, global, p) {
    configure(sim, global, 'attach-secondary', { kind: 'attach', secondary: p.secondary, primary: p.primary }, false);
  },
});

export const detachSecondary = defineAction({
  kind: 'detach-secondary',
  doc: 'make a secondary stand-alone again: it costs its own units (DLU-3, DLU-4)',
  rules: ['DLU-3', 'DLU-4'],
  models: ['node-locked'],
  shape: { secondary: device },
  resolve: (raw) => raw,
  apply(sim, global, p) {
    configure(sim, global, 'detach-secondary', { kind: 'detach', secondary: p.secondary }, true);
  },
});

export const deleteDevice = defineAction({
  kind: 'delete-device',
  doc: 'delete a named device: a primary with secondaries is refused (DLU-4)',
  rules: ['DLU-4'],
  models: ['node-locked'],
  shape: { device },
  resolve: (raw) => raw,
  apply(sim, global, p) {
    configure(sim, global, 'delete-device', { kind: 'delete', device: p.device }, false);
  },
});
