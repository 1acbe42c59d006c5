import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScenarioOutcome } from '../../engine/result.ts';
import { LICSIM_FACTORIES, type WorldFactories, WorldMachines } from '../../engine/world/machines.ts';
import { PARTY_KINDS } from '../../machines/parties.ts';
import { MODELS } from '../../machines/policyOverride.ts';
import { loadScenarios } from '../../scenarios/loader/loadScenarios.ts';
import type { LoadedScenario } from '../../scenarios/loader/resolveScenario.ts';
import { runLoaded } from '../../scenarios/run/runLoaded.ts';
import { renameStates } from '../support/renameStates.ts';

/**
 * DOMAIN.md §6: the machines are the only place licensing is decided. If no code
 * outside them names a state (no list of licensed statuses, no check of a status
 * name), then renaming every state of every machine, and every status its meta
 * shows, changes nothing but those names in the results.
 */
const PREFIX = 'zq9_';

const renamedWorld = new WorldMachines({
  models: Object.fromEntries(
    MODELS.map((m) => [m, (env) => renameStates(LICSIM_FACTORIES.models[m](env), PREFIX)]),
  ) as WorldFactories['models'],
  parties: Object.fromEntries(
    PARTY_KINDS.map((k) => [k, (env) => renameStates(LICSIM_FACTORIES.parties[k](env), PREFIX)]),
  ) as WorldFactories['parties'],
  claims: LICSIM_FACTORIES.claims,
});

/** The scenario's references to statuses, renamed the same way: targets' status filters and expectations' state sets. */
function renamedScenario(s: LoadedScenario): LoadedScenario {
  const copy = structuredClone(s);
  for (const v of copy.variants) {
    for (const e of v.scenario.timeline) if (e.target.status) e.target.status = e.target.status.map((x) => PREFIX + x);
  }
  for (const e of copy.expectations) {
    if ('states' in e) for (const names of Object.values(e.states.byModel)) names.splice(0, names.length, ...names.map((x) => PREFIX + x));
  }
  return copy;
}

/** The outcome with every renamed name given back its own. */
function unrenamed(o: ScenarioOutcome): unknown {
  return JSON.parse(JSON.stringify(o).replaceAll(PREFIX, ''));
}

/**
 * The bundled suite, except the 150,000-cluster fleet (run whole by `.ci/run`; every model and party is in the rest)
 * and the verification files (`licsim verify` checks them; they are not run).
 */
function bundled(dir = 'scenarios'): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory())
        return ['large', 'loader', 'expect', 'run', 'verify', 'policies'].includes(name) ? [] : bundled(path);
      return name.endsWith('.yaml') ? [path] : [];
    });
}

describe('no licensing logic outside the machines (DOMAIN.md §6)', () => {
  it("renaming every state of every machine changes nothing in the bundled suite's results but the names", async () => {
    const files = bundled();
    expect(files.length).toBeGreaterThanOrEqual(9);
    let compared = 0;
    for (const file of files) {
      const loaded = await loadScenarios(file);
      if (!loaded.ok) throw new Error(`${file}: ${loaded.problems.map((p) => p.message).join('; ')}`);
      for (const scenario of loaded.scenarios) {
        const original = runLoaded(scenario);
        const renamed = runLoaded(renamedScenario(scenario), undefined, 'compiled', { machines: renamedWorld });
        // The renamed run really ran renamed machines: its statuses carry the prefix.
        expect(JSON.stringify(renamed.runs[0]?.result.models)).toContain(PREFIX);
        expect(unrenamed(renamed)).toEqual(JSON.parse(JSON.stringify(original)));
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(11);
  });
});
