import { describe, expect, it } from 'vitest';
import { worldMachines } from '../../engine/world/machines.ts';
import { defaultPolicy, type ModelName } from '../../machines/policyOverride.ts';
import { machineGraph } from '../../reports/diagram/machineGraph.ts';

const set = worldMachines().machines();
const policyOf = (model: ModelName, overrides: Record<string, unknown> = {}) => ({
  ...(defaultPolicy(model) as unknown as Record<string, unknown>),
  ...overrides,
});
const smart = (overrides: Record<string, unknown> = {}) =>
  machineGraph(set.models['smart-licensing'], policyOf('smart-licensing', overrides));

describe('the diagram data of a machine (issue 17)', () => {
  it('Smart Licensing: nested and parallel states with their statuses, groups and rules; arrows between known states', () => {
    const g = smart();
    const byId = new Map(g.states.map((s) => [s.id, s]));
    expect(g.states.filter((s) => s.parent === '(root)').map((s) => s.key)).toEqual([
      'unregistered',
      'registered',
      'reservation',
      'decommissioned',
    ]);
    expect(byId.get('registered')).toMatchObject({ kind: 'parallel', rules: ['SL-4'] });
    expect(byId.get('unregistered.evaluation')).toMatchObject({
      kind: 'atomic',
      initial: true,
      status: { name: 'evaluation', group: 'evaluation' },
      rules: ['SL-1', 'SL-15'],
      raises: ['SmartLicenseInEval'],
      clears: ['SmartLicenseInEval'],
    });
    expect(new Set(g.states.map((s) => s.id)).size).toBe(g.states.length);
    expect(new Set(g.transitions.map((t) => t.id)).size).toBe(g.transitions.length);
    for (const t of g.transitions) for (const id of [t.source, ...t.targets]) expect(byId.has(id), `${t.id}: ${id}`).toBe(true);
  });

  it('a timer is labelled with the policy values it is computed from, a guard by name, actions in words', () => {
    const g = smart();
    const expiry = g.transitions.find((t) => t.source === 'unregistered.evaluation' && t.trigger.kind === 'timer');
    expect(expiry).toMatchObject({
      targets: ['unregistered.evaluationExpired'],
      label: 'after evaluationDays = 90 d, evaluationClock = usage',
      rules: ['SL-1', 'SL-2'],
    });
    const refused = g.transitions.find((t) => t.source === 'unregistered' && t.guard === 'tokenExpired');
    expect(refused).toMatchObject({ targets: [], label: 'REGISTER [tokenExpired] / refuse (SL-4)' });
  });

  it('a changed policy value changes exactly the labels of the timers that read it', () => {
    const before = smart().transitions;
    const after = smart({ overageDays: 60 }).transitions;
    const changed = after.flatMap((t, i) => (t.label === before[i]?.label ? [] : [[before[i]?.label, t.label]]));
    expect(changed.length).toBeGreaterThan(0);
    for (const [was, now] of changed) {
      expect(was).toContain('overageDays = 90 d');
      expect(now).toBe(was?.replace('overageDays = 90 d', 'overageDays = 60 d'));
    }
    // Every timer reading overageDays changed; nothing else did.
    expect(changed).toHaveLength(before.filter((t) => t.label.includes('overageDays = 90 d')).length);
    expect(after.map((t) => t.id.replace('overageDays = 60 d', 'overageDays = 90 d'))).toEqual(before.map((t) => t.id));
  });

  it('every named delay of every machine shows its policy values (none unknown), and the data is the same twice', () => {
    const machines = [
      ...(Object.entries(set.models) as Array<[ModelName, (typeof set.models)[ModelName]]>).map(([model, m]) => ({ m, model })),
      ...Object.values(set.parties).map((m) => ({ m, model: 'smart-licensing' as ModelName })),
    ];
    for (const { m, model } of machines) {
      const g = machineGraph(m, policyOf(model));
      for (const t of g.transitions)
        if (t.trigger.kind === 'timer') for (const p of t.trigger.parameters) expect(p.value, `${m.id} ${t.id}`).not.toBe('?');
      expect(JSON.stringify(machineGraph(m, policyOf(model)))).toBe(JSON.stringify(g));
    }
  });
});
