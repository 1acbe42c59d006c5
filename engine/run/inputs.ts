import { GroupDraw } from '../fleet/draw.ts';
import type { PlacedGroup } from '../fleet/fleet.ts';
import type { Party } from '../world/parties.ts';
import type { Simulation } from './simulation.ts';

/** Seeds of the per-group draws of links and machine inputs (after the population's). */
const INPUT_STREAM = 0x10000;

/**
 * Places every Smart Licensing instance on its link: a path drawn from its group's
 * mix (seeded by the scenario seed and the group's place, in instance order), through
 * the group's satellite where the path is one. Links start up.
 */
export function routeInstances(sim: Simulation): void {
  for (const g of sim.fleet.groups) {
    const spec = g.spec;
    if (spec.model !== 'smart-licensing') continue;
    const draw = new GroupDraw(sim.scenario.seed, g.origin.index + INPUT_STREAM);
    const satellite = spec.satellite === undefined ? -1 : (sim.parties.find('satellite', spec.satellite)?.local ?? -1);
    for (let i = 0; i < g.count; i++) {
      const path = draw.pick(spec.link);
      if (path === 'satellite' && satellite < 0) throw new Error(`group ${spec.name}: a satellite link needs the group's satellite`);
      sim.links.route(g.first + i, path, satellite);
    }
  }
}

/**
 * Draws each instance's machine input for a group (faker, seeded by the scenario
 * seed and the group's place, in instance order). `ref` is the instance's address:
 * the handle its machine reads its own usage by.
 */
export function inputsFor(sim: Simulation, g: PlacedGroup): (i: number) => unknown {
  const draw = new GroupDraw(sim.scenario.seed, g.origin.index + INPUT_STREAM);
  const spec = g.spec;
  switch (spec.model) {
    case 'smart-licensing': {
      const policy = sim.scenario.policy['smart-licensing'];
      return (i) => ({
        policy,
        instanceId: sim.id(g.first + i),
        ref: g.first + i,
        viaSatellite: sim.links.viaSatellite(g.first + i),
        linkUp: true,
      });
    }
    case 'node-locked': {
      const policy = sim.scenario.policy['node-locked'];
      return (i) => ({
        policy,
        instanceId: sim.id(g.first + i),
        ref: g.first + i,
        accountId: spec.account,
        mac: draw.mac(),
        release: spec.release,
        servers: draw.range(spec.servers),
      });
    }
    case 'session-claim': {
      const policy = sim.scenario.policy['session-claim'];
      return (i) => ({
        policy,
        instanceId: sim.id(g.first + i),
        ref: g.first + i,
        product: spec.product,
        licenseId: spec.account,
        keyRelease: spec.keyRelease,
        release: spec.release,
        reachable: spec.reachable,
      });
    }
  }
}

/** The input of a back-end party: its account, the Smart Licensing policy, the VA's overdraft regime. */
export function partyInput(sim: Simulation, p: Party): unknown {
  const policy = sim.scenario.policy['smart-licensing'];
  switch (p.kind) {
    case 'cssm': {
      const plan = sim.scenario.accounts.find((a) => a.id === p.account);
      return { accountId: p.account, policy, regime: plan?.overdraft ?? policy.overdraft };
    }
    case 'satellite':
      return { satelliteId: p.satellite, accountId: p.account, policy };
    case 'license-manager':
      return { accountId: p.account };
  }
}
