import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../machines/presets.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import { formatProblem } from '../../scenarios/loader/problems.ts';
import { runLoaded } from '../../scenarios/run/runLoaded.ts';

/**
 * NL-13, "Transferring License Files" (CallManager 5): "When the first node fails … and a new node is configured
 * as the first node", in both scenarios — the file obtained but not uploaded, and the file uploaded ("the license
 * information exits on the new node, but not the license file") — the solution is "a new license file with the same
 * license information but with a new MAC address". Servers 0 and 1 upload their file on day 5 (scenario 2); servers 2
 * and 3 have obtained theirs but not uploaded it (scenario 1). The first node of all four fails on day 10; servers 0
 * and 2 upload a new file generated for the new MAC on day 12.
 */
const SCENARIO = `licsim: 3
name: CallManager 5 first-node failure
seed: 5
duration: 20d
policy:
  node-locked:
    preset: cucm-5-strict
accounts:
  - id: cm5-file
    kind: license-file
    purchases: [{ type: DLU, count: 1000 }, { type: node, count: 4 }]
fleet:
  - name: cm5
    model: node-locked
    count: 4
    account: cm5-file
    cucmVersion: 5.1
    servers: 1
    phones: { '7970': 10 }
    capabilities: {}
    softphones: 0
timeline:
  - { at: 5d, do: upload-license, target: { indices: [0, 1] } }
  - { at: 10d, do: first-node-failure }
  - { at: 12d, do: upload-license, target: { indices: [0, 2] } }
expect:
  - stateCount: { state: production, day: 9d, equals: 2, instances: [0, 1] }
  - stateCount: { state: unlicensed, day: 9d, equals: 2, instances: [2, 3] }
  # Scenario 2: no grace (cucm-5-strict, NL-13): out of production at once, the licence file and its units gone.
  - stateCount: { state: shutdown, day: 10d, equals: 2, instances: [0, 1] }
  # Scenario 1: still without a licence; the file obtained for the old MAC would not do (NL-5: bound to another MAC).
  - stateCount: { state: unlicensed, day: 10d, equals: 2, instances: [2, 3] }
  - stateCount: { state: production, day: 12d, equals: 2, instances: [0, 2] }
  - stateCount: { state: shutdown, day: 19d, equals: 1, instances: [1] }
  - stateCount: { state: unlicensed, day: 19d, equals: 1, instances: [3] }
  - ledger: { account: cm5-file, type: DLU, day: 9d, consumption: { equals: 100 } }
  - ledger: { account: cm5-file, type: DLU, from: 10d, to: 11d, consumption: { equals: 0 } }
  - ledger: { account: cm5-file, type: node, from: 10d, to: 11d, consumption: { equals: 0 } }
  - ledger: { account: cm5-file, type: DLU, day: 12d, consumption: { equals: 100 } }
  - ledger: { account: cm5-file, type: node, day: 12d, consumption: { equals: 2 } }
  - consistent: true
`;

function run() {
  const loaded = parseScenarios(SCENARIO, 'first-node-failure.yaml');
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const [scenario] = loaded.scenarios;
  if (!scenario) throw new Error('no scenario');
  return { scenario, outcome: runLoaded(scenario) };
}

describe('NL-13: first-node-failure under the cucm-5-strict preset', () => {
  it('the preset has no rehost grace, so a new first node needs a new licence file at once', () => {
    const { scenario } = run();
    expect(PRESETS['node-locked']['cucm-5-strict']?.overrides).toMatchObject({ rehostGraceDays: 0 });
    expect(scenario.variants[0]?.scenario.policy['node-locked']).toMatchObject({ rehostGraceDays: 0, freshInstall: 'unlicensed' });
  });

  it('NL-13: uploaded or not, a new licence file with the new MAC is needed; each server with one serves again', () => {
    const { outcome } = run();
    expect(outcome.verdicts).toHaveLength(13);
    expect(outcome.verdicts.filter((v) => !v.passed).map((v) => v.title)).toEqual([]);
    const result = outcome.runs[0]?.result;
    const dlu = result?.series.usage.find((u) => u.type === 'DLU');
    expect(dlu?.consumption.slice(4, 14)).toEqual([0, 100, 100, 100, 100, 100, 0, 0, 100, 100]);
    // The timeline reached every server; none refused the failure, and both new files were accepted.
    expect(result?.timeline.map((t) => [t.kind, t.reached, t.refused])).toEqual([
      ['upload-license', 2, 0],
      ['first-node-failure', 4, 0],
      ['upload-license', 2, 0],
    ]);
    const status = (name: string, day: number) => result?.series.status['node-locked']?.[name]?.[day] ?? 0;
    expect([status('production', 12), status('shutdown', 12), status('unlicensed', 12)]).toEqual([2, 1, 1]);
  });
});
