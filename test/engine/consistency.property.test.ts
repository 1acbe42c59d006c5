import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../engine/runScenario.ts';
import type { Scenario, TimelineAction, TimelineEntry } from '../../engine/scenario.ts';
import { nodeLockedGroup, scenarioWith, sessionGroup, smartGroup } from '../support/scenarios.ts';

const RUNS = Number(process.env.LICSIM_FC_RUNS ?? 300);

/**
 * The world's troubles the property throws at the machines (DOMAIN.md §6):
 * outages and deregistrations while unreachable, removals in CSSM, satellites
 * switching mode and syncing, uploads a small licence file cannot cover, the
 * licence manager stopped and restarted, reservations, growth and shrinkage.
 */
const actions: TimelineAction[] = [
  { kind: 'register', exportControl: true },
  { kind: 'register', exportControl: false, account: 'va-west' },
  { kind: 'deregister' },
  { kind: 'reregister', account: 'va-west', exportControl: true },
  { kind: 'link-down' },
  { kind: 'link-up' },
  { kind: 'set-link', link: 'satellite' },
  { kind: 'set-link', link: 'proxy' },
  { kind: 'remove-instance' },
  { kind: 'update-usage' },
  { kind: 'satellite-mode', satellite: 'sat-east', mode: 'connected' },
  { kind: 'satellite-mode', satellite: 'sat-east', mode: 'disconnected' },
  { kind: 'satellite-sync', satellite: 'sat-east' },
  { kind: 'grow', percent: 60 },
  { kind: 'remove', percent: 40 },
  { kind: 'purchase', account: 'cucm-file', type: 'DLU', count: 100 },
  { kind: 'purchase', account: 'va-east', type: 'CUWL', count: 300 },
  { kind: 'export-request' },
  { kind: 'export-return' },
  { kind: 'slr-enable' },
  { kind: 'slr-request' },
  { kind: 'slr-authorize', headroom: 0.2 },
  { kind: 'slr-install' },
  { kind: 'slr-update', headroom: 0.5 },
  { kind: 'slr-confirm' },
  { kind: 'slr-return' },
  { kind: 'slr-return-authorization' },
  { kind: 'support-remove' },
  { kind: 'rma' },
  { kind: 'upload-license' },
  { kind: 'migrate' },
  { kind: 'mac-change' },
  { kind: 'stop-license-manager' },
  { kind: 'start-license-manager' },
  { kind: 'restart-license-manager' },
  { kind: 'activate', mode: 'automatic' },
  { kind: 'reactivate', mode: 'manual', sessions: 30 },
  { kind: 'deactivate' },
];

const entry: fc.Arbitrary<TimelineEntry> = fc
  .record({
    at: fc.integer({ min: 0, max: 119 * 2 }).map((h) => h / 2),
    action: fc.constantFrom(...actions),
    fraction: fc.option(fc.constantFrom(0.2, 0.5, 1), { nil: undefined }),
  })
  .map(({ at, action, fraction }) => ({ at, action, target: fraction === undefined ? {} : { fraction } }));

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    smart: fc.integer({ min: 2, max: 12 }),
    nodeLocked: fc.integer({ min: 0, max: 6 }),
    sessions: fc.integer({ min: 0, max: 5 }),
    fileUnits: fc.integer({ min: 0, max: 600 }),
    timeline: fc.array(entry, { minLength: 4, maxLength: 30 }),
  })
  .map(({ seed, smart, nodeLocked, sessions, fileUnits, timeline }) => {
    const s = scenarioWith(
      [smartGroup('sl', smart), nodeLockedGroup('nl', nodeLocked), sessionGroup('cs', sessions)].filter((g) => g.count > 0),
      timeline,
      { seed, days: 120 },
    );
    // A small licence file that refuses what it cannot cover (NL-7): uploads and growth get refused.
    s.accounts[2] = { id: 'cucm-file', kind: 'license-file', purchases: fileUnits ? [{ type: 'DLU', count: fileUnits }] : [] };
    s.policy['node-locked'].overdraft = { mode: 'none' };
    return s;
  });

describe('the consistent invariant (DOMAIN.md §6)', () => {
  it("every instance's state agrees with the ledger after every step, whatever the world does", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        // Checked after every delivery: the first disagreement throws, naming the instance, time, state and holdings.
        const r = runScenario(s, { consistency: 'every-step' });
        expect(r.consistency.inconsistent).toBe(0);
        return r.consistency.checks > 0;
      }),
      { numRuns: RUNS },
    );
  });
});
