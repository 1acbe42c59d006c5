import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TICKS_PER_DAY } from '../../machines/time.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import { WorldDriver } from '../../verify/worldDriver.ts';

/** Every bundled scenario small enough to fork many times, by file. */
function bundled(): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith('.yaml')) out.push({ file: path, text: readFileSync(path, 'utf8') });
    }
  };
  walk('scenarios');
  return out;
}

/** What a world looks like at the end: every machine's status and the fingerprint. */
function ending(driver: WorldDriver): { statuses: string[]; fingerprint: string; refusals: number } {
  const sim = driver.sim;
  const statuses = Array.from({ length: sim.fleet.size + sim.parties.list.length }, (_, a) => sim.status(a));
  return { statuses, fingerprint: driver.fingerprint(), refusals: sim.refusals };
}

describe('a world is saved and loaded exactly (licsim verify forks it)', () => {
  const cases = bundled().flatMap(({ file, text }) => {
    const loaded = parseScenarios(text, file);
    if (!loaded.ok) return [];
    return loaded.scenarios
      .filter((s) => s.instances <= 300)
      .map((s) => ({ name: `${file}: ${s.name}`, scenario: s.variants[0]?.scenario }))
      .filter((c) => c.scenario !== undefined);
  });

  it('covers the bundled scenarios of every model', () => {
    const models = new Set(cases.flatMap((c) => c.scenario?.fleet.map((g) => g.model) ?? []));
    expect([...models].sort()).toEqual(['node-locked', 'session-claim', 'smart-licensing']);
  });

  for (const c of cases) {
    it(`forks ${c.name} mid-run and ends where an unforked run ends, twice`, () => {
      const scenario = c.scenario as NonNullable<typeof c.scenario>;
      const straight = new WorldDriver(scenario, [], { cap: Number.POSITIVE_INFINITY });
      straight.finish();
      const expected = ending(straight);

      const forked = new WorldDriver(scenario, [], { cap: Number.POSITIVE_INFINITY });
      const half = Math.floor(scenario.days / 2) * TICKS_PER_DAY;
      forked.advanceTo(half);
      const before = forked.fingerprint();
      const saved = forked.save();
      forked.finish();
      expect(ending(forked)).toEqual(expected);
      forked.load(saved);
      expect(forked.now()).toBe(half);
      expect(forked.fingerprint()).toBe(before);
      forked.finish();
      expect(ending(forked)).toEqual(expected);
    });
  }
});
