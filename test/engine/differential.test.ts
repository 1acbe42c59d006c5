import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StepReport } from '../../engine/backend/types.ts';
import type { EngineObserver, Simulation } from '../../engine/run/simulation.ts';
import { runScenario } from '../../engine/runScenario.ts';
import { ACTION_MODELS, type Scenario, type TimelineAction, type TimelineEntry } from '../../engine/scenario.ts';
import type { EmittedEvent } from '../../machines/emitted.ts';
import { nodeLockedGroup, scenarioWith, sessionGroup, smartGroup } from '../support/scenarios.ts';

const RUNS = Number(process.env.LICSIM_DIFF_RUNS ?? 12);

/** Every state change and emitted event of every machine (instances and back-end parties), with its tick, the state value and status. */
function tracer() {
  const traces = new Map<number, string[]>();
  let sim: Simulation | undefined;
  const push = (global: number, line: string) => {
    let t = traces.get(global);
    if (!t) {
      t = [];
      traces.set(global, t);
    }
    t.push(line);
  };
  const observer: EngineObserver = {
    start: (s) => (sim = s),
    step: (address: number, tick: number, report: StepReport) => {
      const driver = (sim as Simulation).driverAt(address);
      const local = (sim as Simulation).localAt(address);
      push(
        address,
        `${tick} ${report.event.type} ${driver.statuses[report.from]}->${driver.statuses[report.to]} ` +
          `${JSON.stringify(driver.value(local))} [${report.rules.join(',')}]`,
      );
    },
    emitted: (address: number, tick: number, event: EmittedEvent) => push(address, `${tick} emit ${JSON.stringify(event)}`),
    committed: (address, tick, event) => push(address, `${tick} committed ${JSON.stringify(event.effect)}`),
    day: (day, s) => {
      if (day % 50 !== 0) return;
      for (let a = 0; a < s.fleet.size + s.parties.list.length; a++) {
        push(a, `day ${day} ${JSON.stringify(s.driverAt(a).context(s.localAt(a)), (k, v) => (k === 'policy' ? undefined : v))}`);
      }
    },
  };
  return { observer, traces };
}

const actions: TimelineAction[] = [
  { kind: 'register', exportControl: true },
  { kind: 'register', exportControl: false, account: 'va-west' },
  { kind: 'deregister' },
  { kind: 'reregister', account: 'va-west', exportControl: true },
  { kind: 'link-down' },
  { kind: 'link-up' },
  { kind: 'satellite-sync', satellite: 'sat-east' },
  { kind: 'satellite-mode', satellite: 'sat-east', mode: 'connected' },
  { kind: 'satellite-mode', satellite: 'sat-east', mode: 'disconnected' },
  { kind: 'set-link', link: 'satellite' },
  { kind: 'set-link', link: 'direct' },
  { kind: 'update-usage' },
  { kind: 'remove-instance' },
  { kind: 'stop-license-manager' },
  { kind: 'start-license-manager' },
  { kind: 'restart-license-manager' },
  { kind: 'renew-authorization' },
  { kind: 'grow', percent: 40 },
  { kind: 'remove', percent: 30 },
  { kind: 'purchase', account: 'va-east', type: 'CUWL', count: 50 },
  { kind: 'slr-enable' },
  { kind: 'slr-request' },
  { kind: 'slr-authorize', headroom: 0.1 },
  { kind: 'slr-install' },
  { kind: 'slr-update', headroom: 0.5 },
  { kind: 'slr-confirm' },
  { kind: 'slr-return' },
  { kind: 'slr-return-entered' },
  { kind: 'export-request' },
  { kind: 'deploy-secure-trunk' },
  { kind: 'rma' },
  { kind: 'upload-license' },
  { kind: 'mac-change' },
  { kind: 'first-node-failure' },
  { kind: 'delete-invalid-license' },
  { kind: 'upgrade', release: '7.1' },
  { kind: 'reinstall', release: '7.1' },
  { kind: 'activate', mode: 'automatic' },
  { kind: 'reactivate', mode: 'manual', sessions: 30 },
  { kind: 'deactivate' },
  { kind: 'rehost' },
  // CS-7: the session licence expires on day 100 (below); extended, changed, and a feature used.
  { kind: 'extend-license', account: 'cs-licence', expiresDay: 150 },
  { kind: 'add-feature', account: 'cs-licence', feature: 'asr' },
  { kind: 'add-sessions', account: 'cs-licence', count: 20 },
  { kind: 'use-feature', feature: 'asr' },
];

const entry: fc.Arbitrary<TimelineEntry> = fc
  .record({
    at: fc.integer({ min: 0, max: 190 * 4 }).map((q) => q / 4),
    action: fc.constantFrom(...actions),
    fraction: fc.option(fc.constantFrom(0.1, 0.3, 0.5, 1), { nil: undefined }),
  })
  .map(({ at, action, fraction }) => ({ at, action, target: fraction === undefined ? {} : { fraction } }));

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    smart: fc.integer({ min: 5, max: 80 }),
    nodeLocked: fc.integer({ min: 0, max: 60 }),
    sessions: fc.integer({ min: 0, max: 40 }),
    timeline: fc.array(entry, { minLength: 3, maxLength: 25 }),
    overageDays: fc.integer({ min: 5, max: 60 }),
    // NL-1: Unified Presence's evaluation, or CallManager 5's unlicensed start (the machine's initial choice).
    freshInstall: fc.constantFrom('evaluation', 'unlicensed' as const),
  })
  .map(({ seed, smart, nodeLocked, sessions, timeline, overageDays, freshInstall }) => {
    const s = scenarioWith(
      [smartGroup('sl', smart), nodeLockedGroup('nl', nodeLocked), sessionGroup('cs', sessions)].filter((g) => g.count > 0),
      timeline,
      { seed },
    );
    s.policy['smart-licensing'].overageDays = overageDays;
    s.policy['node-locked'].freshInstall = freshInstall;
    for (const a of s.accounts) if (a.kind === 'session-license') a.expiresDay = 100;
    return s;
  });

describe('the compiled engine against real XState actors (differential)', () => {
  it('produces the identical per-instance trace and result for random fleets and timelines', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const a = tracer();
        const b = tracer();
        // Consistency (DOMAIN.md §6) is checked after every step on both backends: a disagreement throws.
        const compiled = runScenario(s, { backend: 'compiled', observers: [a.observer], consistency: 'every-step' });
        const actors = runScenario(s, { backend: 'actors', observers: [b.observer], consistency: 'every-step' });
        // Instances and the back-end parties after them: CSSM, the satellite, the licence managers.
        for (const address of new Set([...a.traces.keys(), ...b.traces.keys()]))
          expect(a.traces.get(address) ?? []).toEqual(b.traces.get(address) ?? []);
        expect(compiled).toEqual(actors);
        expect(compiled.consistency.inconsistent).toBe(0);
        // The timelines must exercise the machines, not only refuse.
        return compiled.work.steps > 0;
      }),
      { numRuns: RUNS },
    );
  });

  it('covers every timeline action of the bundled vocabulary', () => {
    const covered = new Set(actions.map((a) => a.kind));
    const missing = Object.keys(ACTION_MODELS).filter((k) => !covered.has(k as TimelineAction['kind']));
    // Actions left out of the random mix are exercised by their own engine tests.
    expect(missing.sort()).toEqual([
      'add-device',
      'add-server',
      'attach-secondary',
      'delete-device',
      'detach-secondary',
      'export-cancel',
      'export-return',
      'migrate',
      'renew-registration',
      'slr-cancel',
      'slr-disable',
      'slr-return-authorization',
      'support-remove',
      'transfer',
    ]);
  });
});
