import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeShares } from '../../engine/partition/merge.ts';
import { partitionScenario } from '../../engine/partition/partitionScenario.ts';
import { runPartition } from '../../engine/partition/share.ts';
import { assignUnits, unitsOf } from '../../engine/partition/units.ts';
import { runScenario } from '../../engine/runScenario.ts';
import type { Scenario } from '../../engine/scenario.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import type { LoadedScenario } from '../../scenarios/loader/resolveScenario.ts';
import { mergePartitions, runLoadedPartition } from '../../scenarios/run/partitioned.ts';
import { runLoaded } from '../../scenarios/run/runLoaded.ts';

/** Every variant's scenario of a scenario file's text. */
function scenariosOf(text: string, file: string): Scenario[] {
  const r = parseScenarios(text, file);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n'));
  return r.scenarios.flatMap((s) => s.variants.map((v) => v.scenario));
}

/** The scenario run as `total` partitions, their shares merged. */
const partitioned = (s: Scenario, total: number) =>
  mergeShares(
    s,
    Array.from({ length: total }, (_, i) => runPartition(partitionScenario(s, { index: i + 1, total }))),
  );

describe('partition units (issue 16)', () => {
  const [national] = scenariosOf(readFileSync('scenarios/large/national-fleet.yaml', 'utf8'), 'national-fleet.yaml');

  it('the national fleet has a unit per VA: each region’s satellite serves its own VA, and no entry moves instances', () => {
    const { units } = unitsOf(national as Scenario);
    expect(units).toEqual([
      { rank: 0, accounts: ['va-north'], instances: 50_000 },
      { rank: 1, accounts: ['va-central'], instances: 50_000 },
      { rank: 2, accounts: ['va-south'], instances: 50_000 },
    ]);
  });

  it('a register with another VA’s token and a reregister each couple accounts; a purchase couples nothing', () => {
    const [s] = scenariosOf(
      `licsim: 3
name: coupled
seed: 1
duration: 10d
accounts:
  - { id: a, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: 10 }] }
  - { id: b, kind: virtual-account, purchases: [] }
  - { id: c, kind: virtual-account, purchases: [] }
  - { id: d, kind: virtual-account, purchases: [] }
  - { id: e, kind: virtual-account, purchases: [] }
fleet:
  - { name: one, model: smart-licensing, count: 3, account: a, users: 1, profiles: { desk-phone: 1 } }
  - { name: two, model: smart-licensing, count: 2, account: c, users: 1, profiles: { desk-phone: 1 } }
  - { name: three, model: smart-licensing, count: 4, account: e, users: 1, profiles: { desk-phone: 1 } }
timeline:
  - { at: 1d, do: register, target: { groups: [two] }, account: b }
  - { at: 2d, do: purchase, account: a, type: UCL-Enhanced, count: 1 }
  - { at: 3d, do: reregister, target: { groups: [three] }, account: d }
`,
      'coupled.yaml',
    );
    expect(unitsOf(s as Scenario).units.map((u) => [u.accounts, u.instances])).toEqual([
      [['a'], 3],
      [['b', 'c'], 2],
      [['d', 'e'], 4],
    ]);
  });

  it('units are dealt largest first to the partition with the fewest instances', () => {
    const units = [5, 3, 3, 1, 1].map((instances, rank) => ({ rank, instances }));
    expect(assignUnits(units, 2)).toEqual([
      [0, 3, 4],
      [1, 2],
    ]);
    expect(assignUnits(units, 7)).toEqual([[0], [1], [2], [3], [4], [], []]);
  });
});

/**
 * Expectations over the whole fleet, of every kind a partition cannot judge alone: quantifiers over all of it, counts
 * and shares of it, the first evidence of all of it, counts by reason. Most of them fail on some fleets, so their
 * evidence (and its explanation) is compared too.
 */
const WHOLE_FLEET_EXPECTATIONS = [
  '{ never: { state: evaluation, for: 60%, from: 5d } }',
  '{ eventually: { state: authorized, for: 50%, within: 20d } }',
  '{ always: { state: [authorized, evaluation], for: 70% } }',
  '{ stateCount: { state: authorized, day: 40, atLeast: 40% } }',
  '{ alarm: { name: SmartLicenseInEval, cleared: true, by: 30d } }',
  '{ alarm: { name: SmartLicenseInOverage_OutOfCompliance, raised: false } }',
  '{ refused: { atMost: 0 } }',
  '{ leadsTo: { state: evaluation, to: authorized, within: 10d } }',
  '{ residence: { in: evaluation, moreThan: 5d, window: 20d, leadsTo: authorized } }',
  '{ noServiceLoss: { warningDays: 30 } }',
  '{ warnsBefore: { state: enforcement, alarm: SmartLicenseInOverage_OutOfCompliance, days: 10d } }',
  '{ maxOverdraft: { max: 5 } }',
  '{ ledger: { account: va1, overdraft: { atMost: 3 } } }',
  '{ ledgerBalanced: true }',
  '{ consistent: true }',
]
  .map((e) => `  - ${e}`)
  .join('\n');

/** The one scenario of a scenario file's text, loaded. */
function loadedOf(text: string, file: string): LoadedScenario {
  const r = parseScenarios(text, file);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n'));
  return r.scenarios[0] as LoadedScenario;
}

/** Four VAs, owning 0, 15, 30 and 45 UCL-Enhanced. */
const ACCOUNTS = [0, 1, 2, 3]
  .map((a) => `  - { id: va${a}, kind: virtual-account, purchases: [${a ? `{ type: UCL-Enhanced, count: ${a * 15} }` : ''}] }`)
  .join('\n');

describe('a partitioned run is the same simulation (issue 16)', () => {
  it('the national fleet (2,000 clusters a region) in 1, 2 and 3 partitions merges into the whole run’s result, field for field', () => {
    const [s] = scenariosOf(
      readFileSync('scenarios/large/national-fleet.yaml', 'utf8').replaceAll('count: 50000', 'count: 2000'),
      'national-fleet.yaml',
    );
    const whole = JSON.stringify(runScenario(s as Scenario));
    for (const total of [1, 2, 3]) expect(JSON.stringify(partitioned(s as Scenario, total))).toBe(whole);
  }, 60_000);

  it('every bundled scenario split in 2 merges into its whole run’s result', () => {
    const files = [
      'scenarios/smart-licensing/connected.yaml',
      'scenarios/smart-licensing/satellite-disconnected.yaml',
      'scenarios/smart-licensing/reservation-air-gapped.yaml',
      'scenarios/node-locked/callmanager-overdraft.yaml',
      'scenarios/node-locked/license-manager-restart.yaml',
      'scenarios/call-services/session-claims.yaml',
      'scenarios/designer/overage-four-ways.yaml',
    ];
    for (const file of files)
      for (const s of scenariosOf(readFileSync(file, 'utf8'), file))
        expect(JSON.stringify(partitioned(s, 2)), file).toBe(JSON.stringify(runScenario(s)));
  }, 60_000);

  it('random multi-account fleets: any split merges into the whole run (series, statuses, log, outcomes, work, verdicts)', () => {
    const group = fc.record({
      account: fc.integer({ min: 0, max: 3 }),
      count: fc.integer({ min: 1, max: 12 }),
      direct: fc.boolean(),
    });
    const entry = fc.oneof(
      fc.record({
        at: fc.integer({ min: 0, max: 20 }),
        kind: fc.constant('register' as const),
        fraction: fc.integer({ min: 10, max: 100 }),
      }),
      fc.record({ at: fc.integer({ min: 1, max: 30 }), kind: fc.constant('purchase' as const), account: fc.integer({ min: 0, max: 3 }) }),
      fc.record({
        at: fc.integer({ min: 1, max: 30 }),
        kind: fc.constant('link-down' as const),
        fraction: fc.integer({ min: 10, max: 60 }),
      }),
      fc.record({
        at: fc.integer({ min: 1, max: 30 }),
        kind: fc.constant('deregister' as const),
        fraction: fc.integer({ min: 5, max: 40 }),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(group, { minLength: 1, maxLength: 5 }),
        fc.array(entry, { maxLength: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 1000 }),
        (groups, entries, total, seed) => {
          const timeline = entries.map((e) =>
            e.kind === 'purchase'
              ? `  - { at: ${e.at}d, do: purchase, account: va${e.account}, type: UCL-Enhanced, count: 20 }`
              : `  - { at: ${e.at}d, do: ${e.kind}, target: { fraction: ${e.fraction}% } }`,
          );
          const text = `licsim: 3
name: random
seed: ${seed}
duration: 60d
accounts:
${ACCOUNTS}
fleet:
${groups
  .map(
    (g, i) =>
      `  - { name: g${i}, model: smart-licensing, count: ${g.count}, account: va${g.account}, ` +
      `link: ${g.direct ? 'direct' : '{ direct: 0.5, proxy: 0.5 }'}, users: 1..20, profiles: { desk-phone: 1 } }`,
  )
  .join('\n')}
timeline:
  - { at: 0d, do: register, target: { fraction: 50% } }
${timeline.join('\n')}
expect:
${WHOLE_FLEET_EXPECTATIONS}
`;
          const loaded = loadedOf(text, 'random.yaml');
          const parts = Array.from({ length: total }, (_, i) => runLoadedPartition(loaded, { index: i + 1, total }));
          // Through JSON, as a blob carries them.
          const merged = mergePartitions(loaded, JSON.parse(JSON.stringify(parts)));
          expect(JSON.stringify(merged)).toBe(JSON.stringify(runLoaded(loaded)));
        },
      ),
      { numRuns: 40, seed: 16 },
    );
  }, 120_000);
});
