import type { PlacedGroup } from '../fleet/fleet.ts';
import { GroupDraw } from '../fleet/draw.ts';
import type { Simulation } from './simulation.ts';

const draws = new WeakMap<Simulation, Map<number, GroupDraw>>();

/** A machine's input for instance `i` of group `g` (faker-drawn where it varies, seeded per group). */
export function machineInput(sim: Simulation, g: PlacedGroup, i: number): unknown {
  let byGroup = draws.get(sim);
  if (!byGroup) {
    byGroup = new Map();
    draws.set(sim, byGroup);
  }
  let draw = byGroup.get(g.index);
  if (!draw) {
    draw = new GroupDraw(sim.scenario.seed, g.index + 0x10000);
    byGroup.set(g.index, draw);
  }
  const instanceId = sim.id(g.first + i);
  const spec = g.spec;
  switch (spec.model) {
    case 'smart-licensing':
      return { policy: sim.scenario.policy['smart-licensing'], instanceId, transport: draw.pick(spec.transport), reachable: true };
    case 'node-locked':
      return { policy: sim.scenario.policy['node-locked'], instanceId, mac: draw.mac(), release: spec.release, servers: draw.range(spec.servers) };
    case 'session-claim':
      return {
        policy: sim.scenario.policy['session-claim'],
        instanceId,
        product: spec.product,
        licenseId: spec.account,
        keyRelease: spec.keyRelease,
        release: spec.release,
        reachable: spec.reachable,
      };
  }
}
