import type { PlacedGroup } from '../fleet/fleet.ts';
import { GroupDraw } from '../fleet/draw.ts';
import type { Simulation } from './simulation.ts';

/**
 * Draws each instance's machine input for a group (faker, seeded by the
 * scenario seed and the group's place, in instance order).
 */
export function inputsFor(sim: Simulation, g: PlacedGroup): (i: number) => unknown {
  const draw = new GroupDraw(sim.scenario.seed, g.index + 0x10000);
  const spec = g.spec;
  switch (spec.model) {
    case 'smart-licensing': {
      const policy = sim.scenario.policy['smart-licensing'];
      return (i) => ({ policy, instanceId: sim.id(g.first + i), transport: draw.pick(spec.transport), reachable: true });
    }
    case 'node-locked': {
      const policy = sim.scenario.policy['node-locked'];
      return (i) => ({ policy, instanceId: sim.id(g.first + i), mac: draw.mac(), release: spec.release, servers: draw.range(spec.servers) });
    }
    case 'session-claim': {
      const policy = sim.scenario.policy['session-claim'];
      return (i) => ({
        policy,
        instanceId: sim.id(g.first + i),
        product: spec.product,
        licenseId: spec.account,
        keyRelease: spec.keyRelease,
        release: spec.release,
        reachable: spec.reachable,
      });
    }
  }
}
