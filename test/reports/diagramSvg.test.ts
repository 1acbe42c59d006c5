import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { worldMachines } from '../../engine/world/machines.ts';
import { defaultPolicy } from '../../machines/policyOverride.ts';
import { arrowsOf, layoutMachine } from '../../reports/diagram/layout.ts';
import { machineGraph } from '../../reports/diagram/machineGraph.ts';
import { renderSvg } from '../../reports/diagram/svg.ts';
import { licsim } from '../support/cli.ts';

const set = worldMachines().machines();
const policy = (overrides: Record<string, unknown> = {}) => ({
  ...(defaultPolicy('smart-licensing') as unknown as Record<string, unknown>),
  ...overrides,
});
const svgOf = async (overrides: Record<string, unknown> = {}) =>
  renderSvg(await layoutMachine(machineGraph(set.models['smart-licensing'], policy(overrides))));

describe('state diagrams (issue 17)', () => {
  it('Smart Licensing: a box per state, an arrow per moving transition pair, labels with policy values; the same bytes twice', async () => {
    const svg = await svgOf();
    expect(XMLValidator.validate(svg)).toBe(true);
    const graph = machineGraph(set.models['smart-licensing'], policy());
    expect(svg.match(/data-state="/g)).toHaveLength(graph.states.length - 1);
    expect(svg.match(/<g class="transition"/g)).toHaveLength(arrowsOf(graph).length);
    expect(svg).toContain('>after evaluationDays = 90 d, evaluationClock = usage</text>');
    expect(svg).toContain('id="smartLicensing-state-registered.compliance.outOfCompliance"');
    expect(await svgOf()).toBe(svg);
  }, 30_000);

  it('every arrow joins two boxes of one parent (or loops on one); a deeper target is named on its line', () => {
    const graph = machineGraph(set.models['smart-licensing'], policy());
    const parent = new Map(graph.states.map((s) => [s.id, s.parent]));
    const arrows = arrowsOf(graph);
    for (const a of arrows) {
      if (a.source === a.target) continue;
      expect([parent.get(a.source), parent.get(a.target)], a.id).toEqual([a.container, a.container]);
    }
    // REGISTER from unregistered enters registered's regions: drawn to `registered`, its line names no deeper state;
    // DEREGISTER from registered lands on unregistered.evaluation: drawn to `unregistered`, the line says where.
    const deregister = arrows.find((a) => a.source === 'registered' && a.target === 'unregistered');
    expect(deregister?.lines).toContain('DEREGISTER [freshEvaluationAllowed] / deregister → unregistered.evaluation');
    // Each moving transition is on exactly one arrow.
    const moving = graph.transitions.filter((t) => t.targets.length && t.source !== '(root)' && t.targets[0] !== '(root)');
    expect(arrows.reduce((n, a) => n + a.transitions.length, 0)).toBe(moving.length);
  });

  it('a changed policy value shows in its timers’ labels', async () => {
    const svg = await svgOf({ overageDays: 60 });
    expect(svg).toContain('overageDays = 60 d');
    expect(svg).not.toContain('overageDays = 90 d');
  }, 30_000);

  it('licsim docs writes each chosen diagram and machines.html; an unknown model is refused (exit 2)', async () => {
    const out = await mkdtemp(join(tmpdir(), 'licsim-docs-'));
    const r = await licsim(['docs', '--model', 'node-locked,satellite', '--out', out]);
    expect(r.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['machines.html', 'node-locked.svg', 'satellite.svg']);
    const html = await readFile(join(out, 'machines.html'), 'utf8');
    expect(html).toContain(await readFile(join(out, 'node-locked.svg'), 'utf8'));
    expect(html).toContain('after evaluationDays = 90 d');
    const bad = await licsim(['docs', '--model', 'nope', '--out', out]);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--model: unknown nope')]);
  }, 30_000);
});
