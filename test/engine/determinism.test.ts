import { describe, expect, it } from 'vitest';
import { runScenario } from '../../engine/runScenario.ts';
import { nodeLockedGroup, scenarioWith, sessionGroup, smartGroup } from '../support/scenarios.ts';

const scenario = (seed: number) =>
  scenarioWith(
    [smartGroup('sl', 60), nodeLockedGroup('nl', 30), sessionGroup('cs', 10)],
    [
      { at: 5, target: {}, action: { kind: 'register', exportControl: true } },
      { at: 20, target: { fraction: 0.3 }, action: { kind: 'link-down' } },
      { at: 60, target: { fraction: 0.3 }, action: { kind: 'link-up' } },
      { at: 30, target: { groups: ['nl'], fraction: 0.5 }, action: { kind: 'upload-license' } },
      { at: 2, target: { groups: ['cs'] }, action: { kind: 'activate', mode: 'automatic' } },
    ],
    { seed },
  );

describe('determinism', () => {
  it('the same scenario and seed give byte-identical JSON results', () => {
    const a = JSON.stringify(runScenario(scenario(11)));
    const b = JSON.stringify(runScenario(scenario(11)));
    expect(a.length).toBeGreaterThan(10_000);
    expect(a).toEqual(b);
  });

  it('a different seed draws a different fleet', () => {
    const a = runScenario(scenario(11));
    const b = runScenario(scenario(12));
    expect(a.series.usage).not.toEqual(b.series.usage);
    expect(JSON.stringify(a.events)).not.toEqual(JSON.stringify(b.events));
  });

  it('the engine reads neither the wall clock nor Math.random', () => {
    const realNow = Date.now;
    const realRandom = Math.random;
    const before = JSON.stringify(runScenario(scenario(11)));
    Date.now = () => 0;
    Math.random = () => 0.5;
    try {
      expect(JSON.stringify(runScenario(scenario(11)))).toEqual(before);
    } finally {
      Date.now = realNow;
      Math.random = realRandom;
    }
  });
});

describe('the event log cap', () => {
  it('keeps the first entries and counts every one it drops, of every kind', () => {
    const full = runScenario(scenario(11));
    const capped = runScenario({ ...scenario(11), options: { eventLogLimit: 20 } });
    // 100 instances: every one is traced, so the uncapped log holds every entry.
    expect(full.eventsDropped).toBe(0);
    expect(capped.events.length).toBe(40);
    expect(capped.events).toEqual(full.events.slice(0, 40));
    expect(capped.events.length + capped.eventsDropped).toBe(full.events.length);
    const kinds = new Set(full.events.slice(40).map((e) => e.kind));
    expect(kinds).toContain('transition');
  });
});
