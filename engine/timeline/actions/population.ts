import { z } from 'zod';
import { hashUnit } from '../../random.ts';
import { changePopulation } from '../../run/population.ts';
import { defineAction } from '../action.ts';

/** Users, devices or load added (`grow`) or taken away (`remove`). */
function population(kind: 'grow' | 'remove') {
  return defineAction({
    kind,
    doc:
      kind === 'grow'
        ? 'add a percent of the population, or users, or devices by type; refused where provisioning is (SL-2, SL-12, SL-13, NL-4)'
        : 'take away a percent of the population, or users, or devices by type',
    rules: ['SL-2', 'SL-12', 'NL-7', 'CS-4'],
    models: ['smart-licensing', 'node-locked', 'session-claim'],
    shape: {
      percent: z.number().positive().optional(),
      users: z.number().int().positive().optional(),
      devices: z.record(z.string(), z.number().int().positive()).optional(),
    },
    resolve(raw, ctx, path) {
      if (raw.percent === undefined && raw.users === undefined && raw.devices === undefined)
        ctx.problem(path, `${kind} needs percent, users or devices`);
      return {
        ...(raw.percent !== undefined ? { percent: raw.percent } : {}),
        ...(raw.users !== undefined ? { users: raw.users } : {}),
        ...(raw.devices ? { devices: raw.devices } : {}),
      };
    },
    apply(sim, global, p) {
      const sign = kind === 'grow' ? 1 : -1;
      const u = hashUnit(sim.scenario.seed, sim.backend.now(), sim.fleet.origin(global));
      if (p.percent) changePopulation(sim, global, { kind: 'scale', factor: (sign * p.percent) / 100, u }, kind, sign > 0);
      if (p.users || p.devices) {
        const devices = Object.fromEntries(Object.entries(p.devices ?? {}).map(([k, v]) => [k, sign * v]));
        changePopulation(sim, global, { kind: 'add', users: sign * (p.users ?? 0), devices }, kind, sign > 0);
      }
    },
  });
}

export const grow = population('grow');
export const remove = population('remove');
