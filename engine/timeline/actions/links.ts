import { z } from 'zod';
import { SATELLITE_MODES } from '../../../machines/satellite/types.ts';
import type { Simulation } from '../../run/simulation.ts';
import { LINK_PATHS } from '../../world/links.ts';
import { defineAction } from '../action.ts';

/** An instance's link goes down or comes up: the world changes, and the instance notices (DOMAIN.md §6). */
function linkState(up: boolean) {
  return defineAction({
    kind: up ? ('link-up' as const) : ('link-down' as const),
    doc: up ? 'the instance can reach CSSM or its satellite again' : 'the instance can no longer reach CSSM or its satellite (an outage)',
    rules: ['SL-5', 'SL-7', 'CS-5'],
    models: ['smart-licensing', 'session-claim'],
    shape: {},
    resolve: (raw) => raw,
    apply(sim, global) {
      sim.links.up[global] = up ? 1 : 0;
      sim.deliver(global, { type: up ? 'LINK_UP' : 'LINK_DOWN' });
    },
  });
}

export const linkDown = linkState(false);
export const linkUp = linkState(true);

/** SL-10: how the instance reaches CSSM from now on. */
export const setLink = defineAction({
  kind: 'set-link',
  doc: 'route the instance directly, through a proxy, or through a satellite (SL-10)',
  rules: ['SL-10'],
  models: ['smart-licensing'],
  shape: {
    link: z.enum(LINK_PATHS, { error: `expected one of: ${LINK_PATHS.join(', ')}` }),
    satellite: z.string().optional().describe("the satellite of a satellite link (default: the group's)"),
  },
  resolve(raw, ctx, path) {
    if (raw.satellite !== undefined) ctx.satellite(raw.satellite, [...path, 'satellite']);
    return { link: raw.link, ...(raw.satellite !== undefined ? { satellite: raw.satellite } : {}) };
  },
  apply(sim, global, p) {
    const name = p.satellite ?? (sim.fleet.group(global).spec as { satellite?: string }).satellite;
    const satellite = name === undefined ? undefined : sim.parties.find('satellite', name);
    if (p.link === 'satellite' && !satellite) {
      sim.refused(global, 'set-link', 'SL-10', "no satellite to route through: give satellite: or the group's satellite");
      return;
    }
    sim.links.route(global, p.link, satellite?.local ?? -1);
    sim.deliver(global, { type: 'LINK_CHANGED', viaSatellite: p.link === 'satellite' });
  },
});

/** Delivers an event to one satellite, counted on the entry's outcome. */
function toSatellite(sim: Simulation, id: string, event: { type: string } & Record<string, unknown>, outcome: { reached: number }): void {
  const satellite = sim.parties.find('satellite', id);
  if (!satellite) return;
  outcome.reached++;
  sim.deliver(satellite.address, event);
}

/** SL-10: network synchronization on or off. */
export const satelliteMode = defineAction({
  kind: 'satellite-mode',
  doc: 'switch a satellite to connected (syncs every satelliteSyncDays) or disconnected (syncs only by hand) (SL-10)',
  rules: ['SL-10'],
  models: [],
  shape: { satellite: z.string({ error: 'expected the id of a satellite' }), mode: z.enum(SATELLITE_MODES) },
  resolve(raw, ctx, path) {
    ctx.satellite(raw.satellite, [...path, 'satellite']);
    return { satellite: raw.satellite, mode: raw.mode };
  },
  applyOnce(sim, p, _entry, outcome) {
    toSatellite(sim, p.satellite, { type: 'SET_MODE', mode: p.mode }, outcome);
  },
});

/** SL-10: a manual synchronization with CSSM. */
export const satelliteSync = defineAction({
  kind: 'satellite-sync',
  doc: 'synchronize a satellite with CSSM now (by hand, for a disconnected one) (SL-10)',
  rules: ['SL-10'],
  models: [],
  shape: { satellite: z.string({ error: 'expected the id of a satellite' }) },
  resolve(raw, ctx, path) {
    ctx.satellite(raw.satellite, [...path, 'satellite']);
    return { satellite: raw.satellite };
  },
  applyOnce(sim, p, _entry, outcome) {
    toSatellite(sim, p.satellite, { type: 'SYNC' }, outcome);
  },
});
