import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { compileMachine } from '../../engine/compile/compileMachine.ts';
import { LICSIM_FACTORIES, type WorldFactories, WorldMachines } from '../../engine/world/machines.ts';
import type { StatusEntry } from '../../machines/catalog.ts';
import type { MachineEnv } from '../../machines/env.ts';
import { CLAIMS_NOTHING } from '../../machines/holdings.ts';
import { instantsMeta } from '../../machines/instants.ts';
import { deny, type StateMeta, type TransitionMeta } from '../../machines/meta.ts';
import type { ModelDefinition } from '../../machines/models.ts';
import { MODELS } from '../../machines/policyOverride.ts';
import { daysToTicks } from '../../machines/time.ts';
import type { StateSet } from '../../scenarios/expect/resolve.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import type { LoadedScenario } from '../../scenarios/loader/resolveScenario.ts';
import { runLoaded } from '../../scenarios/run/runLoaded.ts';
import { verify } from '../../verify/checker.ts';
import { counterexampleScenario } from '../../verify/counterexample.ts';
import { parseVerification } from '../../verify/loader.ts';
import type { Exploration, PropertyVerdict } from '../../verify/result.ts';
import type { Verification } from '../../verify/spec.ts';

/**
 * A machine licsim does not ship, verified by licsim verify: a 30-day trial that locks
 * unless the customer pays first. Three states, one `after` delay, the meta licsim
 * reads (rules, a status with its report group and rank, what a state denies).
 *
 * licsim's models are a closed list (MODELS, each with a policy table, a fleet-group
 * schema, machine inputs and the timeline actions that reach it), so a test cannot add
 * a model of its own name; it takes the slot of an existing one instead — session-claim,
 * whose `activate` action delivers ACTIVATE (here: paying) — through the world's
 * machine factories, as test/engine/renamedStates.test.ts does. The loader resolves a
 * property's states against licsim's own machines, so the properties name status
 * groups both machines have (evaluation, enforcement, active), and their state sets are
 * resolved again here against the trial machine's statuses.
 */

interface TrialContext {
  instanceId: string;
}
type TrialEvent = { type: 'ACTIVATE' };

/** The trial period: no policy table holds it (the model has none), so it is the machine's own. */
const TRIAL_DAYS = 30;

/** trial → (after 30 days) locked; trial or locked --ACTIVATE (pay)--> paid. `payable: false`: a locked trial stays locked. */
function createTrialMachine(options: { payable: boolean }) {
  return (_env: MachineEnv) => {
    const s = setup({
      types: {
        context: {} as TrialContext,
        events: {} as TrialEvent,
        input: {} as { instanceId: string },
        meta: {} as StateMeta & TransitionMeta,
      },
      delays: { trialPeriod: () => daysToTicks(TRIAL_DAYS) },
    });
    const pay = { target: 'paid', meta: { rules: ['CS-5'] } } as const;
    return s.createMachine({
      id: 'trial',
      meta: instantsMeta<TrialContext>([]),
      context: ({ input }) => ({ instanceId: input.instanceId }),
      initial: 'trial',
      states: {
        trial: {
          meta: { rules: ['CS-7'], status: { name: 'trial', group: 'evaluation', rank: 1 } },
          after: { trialPeriod: { target: 'locked', meta: { rules: ['CS-7'] } } },
          on: { ACTIVATE: pay },
        },
        locked: {
          meta: {
            rules: ['CS-7'],
            status: { name: 'locked', group: 'enforcement', rank: 2 },
            deny: deny(['serve', 'addDevice'], 'CS-7', 'the trial is over; pay to go on'),
            ...(options.payable ? {} : { terminal: true }),
          },
          ...(options.payable ? { on: { ACTIVATE: pay } } : {}),
        },
        paid: { meta: { rules: ['CS-5'], status: { name: 'paid', group: 'active', rank: 1 } } },
      },
    });
  };
}

/** The trial model, defined as licsim's models are (machines/models.ts), in the slot of session-claim. */
function trialModel(payable: boolean): ModelDefinition {
  return {
    name: 'session-claim',
    title: 'A 30-day trial, then locked unless paid (a test model)',
    source: 'test/verify/customMachine.test.ts',
    create: createTrialMachine({ payable }),
    // It holds nothing in the back end: the consistent monitor has nothing to compare.
    claim: () => CLAIMS_NOTHING,
  };
}

/** The world's machines with the trial model registered in the factories, every other machine licsim's. */
function worldWith(model: ModelDefinition): WorldMachines {
  const factories: WorldFactories = {
    models: { ...LICSIM_FACTORIES.models, [model.name]: model.create },
    claims: { ...LICSIM_FACTORIES.claims, [model.name]: model.claim },
    parties: LICSIM_FACTORIES.parties,
  };
  return new WorldMachines(factories);
}

const PAYABLE = worldWith(trialModel(true));
const LOCKING = worldWith(trialModel(false));

/** The trial machine's statuses, as the engine compiles them. */
const catalog = (world: WorldMachines): readonly StatusEntry[] => compileMachine(world.machines().models['session-claim']).catalog;

/** A state set resolved again, as written (names of statuses or groups), against the trial machine's statuses. */
function resolveAgain(set: StateSet, statuses: readonly StatusEntry[]): void {
  const matched = statuses.filter((s) => set.names.includes(s.name) || set.names.includes(s.group));
  set.byModel = { 'session-claim': matched.map((s) => s.name) };
  set.rules = [...new Set(matched.flatMap((s) => s.rules))];
}

/** Every state set in a resolved property or expectation (plain data), resolved again. */
function resolveAll(value: unknown, statuses: readonly StatusEntry[]): void {
  if (value === null || typeof value !== 'object') return;
  if ('byModel' in value && 'names' in value) resolveAgain(value as StateSet, statuses);
  else for (const v of Object.values(value)) resolveAll(v, statuses);
}

const TEXT = `licsim: 3
name: A trial that locks
description: One installation on a 30-day trial; the customer may pay (activate) on any day, or never.
seed: 1
duration: 60d
accounts:
  - { id: lic, kind: session-license, unit: sessions, purchases: [{ type: sessions, count: 10 }] }
fleet:
  - { name: trials, model: session-claim, count: 1, account: lic, sessions: 1 }
verify:
  events: 1
  alphabet: [{ do: activate }]
  properties:
    - name: never locked
      expect: violated
      never: { state: enforcement }
    - name: paid is always reachable
      recoverable: { state: active }
    - name: a trial ends within 30 days
      leadsTo: { state: evaluation, to: [enforcement, active], within: 30d }
`;

function trialVerification(world: WorldMachines): Verification {
  const r = parseVerification(TEXT, 'trial.yaml');
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.line}: ${p.message}`).join('\n'));
  for (const p of r.verification.properties) resolveAll(p.check, catalog(world));
  return r.verification;
}

/**
 * A counterexample written as a scenario, its states resolved again, and run on the trial machine on both backends:
 * the actors (real XState actors of the trial machine) fail it as the compiled engine does, with the same evidence.
 * The outcome returned is the compiled run's.
 */
function replay(v: Verification, run: Exploration, verdict: PropertyVerdict, world: WorldMachines) {
  const text = counterexampleScenario(v, TEXT, run, verdict);
  const loaded = parseScenarios(text, 'trial--counterexample.yaml');
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${p.line}: ${p.message}`).join('\n'));
  const scenario = loaded.scenarios[0] as LoadedScenario;
  for (const e of scenario.expectations) resolveAll(e, catalog(world));
  const outcome = runLoaded(scenario, undefined, 'compiled', { machines: world });
  const actors = runLoaded(scenario, undefined, 'actors', { machines: world });
  expect(actors.passed).toBe(outcome.passed);
  expect(actors.verdicts).toEqual(outcome.verdicts);
  expect(actors.runs.map((r) => r.result.timeline)).toEqual(outcome.runs.map((r) => r.result.timeline));
  return { text, outcome };
}

const steps = (v: Verification, verdict: PropertyVerdict | undefined) =>
  verdict?.counterexample?.steps.map((s) => `${s.day}: ${v.alphabet[s.event]?.label}`);

describe('a machine of its own, verified by licsim verify (a 30-day trial)', () => {
  it('compiles with its three statuses, in their report groups', () => {
    expect(catalog(PAYABLE).map((s) => [s.name, s.group, s.rules])).toEqual([
      ['trial', 'evaluation', ['CS-7']],
      ['locked', 'enforcement', ['CS-7']],
      ['paid', 'active', ['CS-5']],
    ]);
  });

  it('what a test cannot do: register a model of a new name, or name its statuses in a verification file', () => {
    expect(MODELS).toEqual(['smart-licensing', 'node-locked', 'session-claim']);
    const named = parseVerification(TEXT.replace('model: session-claim', 'model: trial'), 'trial-model.yaml');
    expect(named.ok ? [] : named.problems.map((p) => [p.line, p.path, p.message])).toEqual([
      [9, 'fleet[0].model', 'expected model: smart-licensing, node-locked or session-claim, found "trial"'],
    ]);
    // The loader resolves states against licsim's own machines (engine/world/statuses.ts), not the ones a run is given.
    const own = parseVerification(TEXT.replace('state: enforcement', 'state: locked'), 'trial-states.yaml');
    expect(own.ok ? [] : own.problems.map((p) => [p.line, p.path, p.message])).toEqual([
      [
        16,
        'verify.properties[0].never.state',
        'unknown state "locked" for session-claim (statuses and groups: notActivated, evaluation, active, ' +
          'activeLicenseExpired, licenseExpired, enforcement, rehostPending, grace, rehosted, retired, deactivated)',
      ],
    ]);
  });

  it('never locked is violated with no event, on the 30th day; paid stays reachable; the trial ends within 30 days', () => {
    const v = trialVerification(PAYABLE);
    // The properties name the trial machine's own statuses now.
    expect(v.properties.map((p) => (p.check.kind === 'run' ? p.check.expectation : p.check))).toMatchObject([
      { states: { byModel: { 'session-claim': ['locked'] } } },
      { target: { byModel: { 'session-claim': ['paid'] } } },
      { state: { byModel: { 'session-claim': ['trial'] } }, to: { byModel: { 'session-claim': ['locked', 'paid'] } } },
    ]);
    const [run] = verify(v, { machines: PAYABLE });
    if (!run) throw new Error('no exploration');
    expect(run.complete).toBe(true);
    expect(run.verdicts.map((x) => [x.outcome, x.passed])).toEqual([
      ['violated', true],
      ['holds', true],
      ['holds', true],
    ]);
    const never = run.verdicts[0];
    // No event: the trial locks at the start of day 30.
    expect(steps(v, never)).toEqual([]);
    expect(never?.counterexample?.day).toBe(30);
    // Every status was reached: locked by waiting, paid by paying on any day up to the horizon.
    const coverage = run.coverage.find((c) => c.kind === 'session-claim');
    expect(coverage?.statuses).toEqual([
      { name: 'trial', reached: true },
      { name: 'locked', reached: true },
      { name: 'paid', reached: true },
    ]);
    expect(coverage?.rules).toEqual([
      { id: 'CS-7', fired: true },
      { id: 'CS-5', fired: true },
    ]);

    // Its counterexample replays on the trial machine: locked on day 30.
    const { outcome } = replay(v, run, never as PropertyVerdict, PAYABLE);
    expect(outcome.passed).toBe(false);
    expect(outcome.verdicts.map((x) => [x.kind, x.passed, x.evidence.map((e) => [e.instance, e.day])])).toEqual([
      ['never', false, [['trials-000', 30]]],
    ]);
    expect(outcome.runs[0]?.result.series.status['session-claim']).toMatchObject({
      trial: expect.arrayContaining([1]),
      locked: expect.arrayContaining([1]),
    });
  });

  it('a locked trial that cannot be paid any more traps the installation: recoverable paid is violated from day 30', () => {
    const v = trialVerification(LOCKING);
    const [run] = verify(v, { machines: LOCKING });
    if (!run) throw new Error('no exploration');
    expect(run.complete).toBe(true);
    expect(run.verdicts.map((x) => [x.outcome, x.passed])).toEqual([
      ['violated', true],
      ['violated', false],
      ['holds', true],
    ]);
    const trapped = run.verdicts[1];
    // Trapped from day 30 on with no event; the checker looks for the trapped state among the states where an event
    // was injected (and the start, which can still pay), so it names the first of those: a payment on day 31, which
    // the locked trial ignores (on day 30 the payment runs before the lock's timer, and pays).
    expect(steps(v, trapped)).toEqual(['31: activate']);
    expect(trapped?.counterexample?.day).toBe(31);
    expect(trapped?.counterexample?.reachable).toEqual([['locked']]);
    const { text, outcome } = replay(v, run, trapped as PropertyVerdict, LOCKING);
    expect(text).toContain('eventually:');
    expect(text).toContain('from: 31d');
    expect(outcome.runs[0]?.result.timeline.map((t) => [t.at, t.kind, t.reached])).toEqual([[31, 'activate', 1]]);
    expect(outcome.passed).toBe(false);
    expect(outcome.verdicts.map((x) => [x.kind, x.passed])).toEqual([['eventually', false]]);
  });
});
