import { describe, expect, it } from 'vitest';
import { worldMachines } from '../../engine/world/machines.ts';
import { DELAY_PARAMETERS } from '../../machines/delayParameters.ts';
import { defaultPolicy, type MODELS } from '../../machines/policyOverride.ts';

describe("the policy parameters behind each machine's timers (what an explanation names)", () => {
  const set = worldMachines().machines();
  const all = [...Object.values(set.models), ...Object.values(set.parties)];

  it.each(all.map((m) => [m.id, m] as const))('%s: every named delay is listed, and nothing else', (id, machine) => {
    expect(Object.keys(DELAY_PARAMETERS[id] ?? {}).sort()).toEqual(Object.keys(machine.implementations.delays).sort());
  });

  it("each parameter named is one of the model's policy parameters", () => {
    const byMachine: Record<string, string> = {
      smartLicensing: 'smart-licensing',
      nodeLocked: 'node-locked',
      sessionClaim: 'session-claim',
      satellite: 'smart-licensing',
    };
    for (const [machine, delays] of Object.entries(DELAY_PARAMETERS)) {
      const model = byMachine[machine];
      if (!model) continue;
      const policy = defaultPolicy(model as (typeof MODELS)[number]) as unknown as Record<string, unknown>;
      for (const names of Object.values(delays)) for (const name of names) expect(policy, `${machine}: ${name}`).toHaveProperty(name);
    }
  });
});
