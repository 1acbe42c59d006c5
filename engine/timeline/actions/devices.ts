import { z } from 'zod';
import { refusal } from '../../../ledger/result.ts';
import type { RuleId } from '../../../machines/rules.ts';
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

/** A device action of a node-locked instance: its keys become one configuration change. */
function deviceAction<K extends string, S extends z.ZodRawShape>(
  kind: K,
  doc: string,
  rules: readonly RuleId[],
  shape: S,
  grows: boolean,
  change: (p: z.output<z.ZodObject<S>>) => DeviceChange,
) {
  return defineAction({
    kind,
    doc,
    rules,
    models: ['node-locked'],
    shape,
    resolve: (raw) => raw,
    apply(sim, global, p) {
      configure(sim, global, kind, change(p), grows);
    },
  });
}

export const addDevice = deviceAction(
  'add-device',
  'add a named stand-alone device of a type (DLU-1, DLU-3); needs deviceModel: individual',
  ['DLU-1', 'DLU-3'],
  { device, type: z.string({ error: 'expected a device type' }) },
  true,
  (p) => ({ kind: 'add', device: p.device, type: p.type }),
);

export const attachSecondary = deviceAction(
  'attach-secondary',
  'make a softphone an adjunct secondary of a primary phone: 1 unit, every DLU-4 restriction checked',
  ['DLU-4'],
  { secondary: device, primary: device },
  false,
  (p) => ({ kind: 'attach', secondary: p.secondary, primary: p.primary }),
);

export const detachSecondary = deviceAction(
  'detach-secondary',
  'make a secondary stand-alone again: it costs its own units (DLU-3, DLU-4)',
  ['DLU-3', 'DLU-4'],
  { secondary: device },
  true,
  (p) => ({ kind: 'detach', secondary: p.secondary }),
);

export const deleteDevice = deviceAction(
  'delete-device',
  'delete a named device: a primary with secondaries is refused (DLU-4)',
  ['DLU-4'],
  { device },
  false,
  (p) => ({ kind: 'delete', device: p.device }),
);

/** The kinds of the device actions: they need a group that names its devices. */
export const DEVICE_ACTIONS: ReadonlySet<string> = new Set([addDevice.kind, attachSecondary.kind, detachSecondary.kind, deleteDevice.kind]);
