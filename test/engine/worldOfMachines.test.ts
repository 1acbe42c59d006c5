import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../engine/result.ts';
import type { EngineObserver } from '../../engine/run/simulation.ts';
import { runScenario } from '../../engine/runScenario.ts';
import type { Scenario, TimelineEntry } from '../../engine/scenario.ts';
import { InconsistencyError } from '../../engine/world/consistency.ts';
import { WorldError } from '../../engine/world/exchange.ts';
import { LICSIM_FACTORIES, WorldMachines } from '../../engine/world/machines.ts';
import { EFFECTFUL } from '../../machines/effects.ts';
import { licenceFile, nodeLockedGroup, scenarioWith, smartGroup } from '../support/scenarios.ts';

/**
 * DOMAIN.md §6, "Who knows what": CSSM knows an instance's usage as last reported;
 * an instance learns CSSM's verdicts only over a link that is up; what a transition
 * does to the ledger commits with it or refuses it. Every run here is checked for
 * consistency after every delivery (a disagreement throws).
 */
const run = (s: Scenario, observers: EngineObserver[] = []) => runScenario(s, { consistency: 'every-step', observers });

/** Ten clusters of 10 desk-phone users (100 UCL-Enhanced), registered on day 5, with exactly what they need. */
function tenClusters(timeline: TimelineEntry[], enhanced = 100): Scenario {
  const s = scenarioWith(
    [smartGroup('sl', 10, { users: 10, profiles: { 'desk-phone': 1 }, growth: 0, link: { direct: 1 } } as never)],
    [{ at: 5, target: {}, action: { kind: 'register', exportControl: true } }, ...timeline],
  );
  s.accounts[0] = { id: 'va-east', kind: 'virtual-account', purchases: [{ type: 'UCL-Enhanced', count: enhanced }] };
  return s;
}

const enhanced = (r: RunResult) => r.series.usage.find((u) => u.account === 'va-east' && u.type === 'UCL-Enhanced');
const count = (r: RunResult, status: string, day: number) => r.series.status['smart-licensing']?.[status]?.[day] ?? 0;
const first = (indices: number[]) => ({ indices });

describe('CSSM knows what it was last told (DOMAIN.md §6, SL-7)', () => {
  it('SL-7: an instance cut off keeps its last report in CSSM; its growth is unknown there until the link is back', () => {
    const r = run(
      tenClusters([
        { at: 8, target: first([0]), action: { kind: 'link-down' } },
        { at: 9, target: first([0]), action: { kind: 'grow', users: 50 } },
        { at: 20, target: first([0]), action: { kind: 'link-up' } },
      ]),
    );
    // The growth of day 9 is not reported: CSSM still counts 100 and nobody is out of compliance.
    expect(enhanced(r)?.consumption.slice(9, 20)).toEqual(new Array(11).fill(100));
    for (let d = 9; d < 20; d++) expect(count(r, 'outOfComplianceOverage', d)).toBe(0);
    // Back on day 20 it reports at once; CSSM compares at the start of day 21 and tells every instance.
    expect(enhanced(r)?.consumption[20]).toBe(150);
    expect(count(r, 'outOfComplianceOverage', 20)).toBe(0);
    expect(count(r, 'outOfComplianceOverage', 21)).toBe(10);
    expect(r.consistency).toMatchObject({ inconsistent: 0 });
  });

  it("SL-7: an instance that cannot be reached misses CSSM's verdict and learns it with its next report", () => {
    const r = run(
      tenClusters([
        { at: 8, target: first([0]), action: { kind: 'link-down' } },
        // The others outgrow the VA while instance 0 is cut off.
        { at: 9, target: { indices: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, action: { kind: 'grow', users: 5 } },
        { at: 30, target: first([0]), action: { kind: 'link-up' } },
      ]),
    );
    // Day 10: CSSM finds the VA short and tells the nine it reaches; instance 0 stays authorized.
    expect(count(r, 'outOfComplianceOverage', 10)).toBe(9);
    expect(count(r, 'authorized', 29)).toBe(1);
    // Its report on day 30 carries the verdict it holds (compliant); CSSM answers: out of compliance.
    expect(count(r, 'outOfComplianceOverage', 30)).toBe(10);
    const log = r.events.filter((e) => e.instance === 'sl-000' && e.kind === 'transition' && e.to === 'outOfComplianceOverage');
    expect(log.map((e) => [e.day, e.event])).toEqual([[30, 'OUT_OF_COMPLIANCE']]);
  });

  it('SL-4, SL-7: a registration carries the first report; registering into a VA out of compliance is answered at once', () => {
    const nine = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    const s = tenClusters([], 50);
    s.timeline = [
      { at: 5, target: first(nine), action: { kind: 'register', exportControl: true } },
      { at: 10, target: first([9]), action: { kind: 'register', exportControl: true } },
    ];
    const r = run(s);
    // Day 5: the nine registrations are counted at once (their requests carried the report): 90 of 50.
    expect(enhanced(r)?.consumption[5]).toBe(90);
    expect(count(r, 'outOfComplianceOverage', 6)).toBe(9);
    // Day 10: CSSM answers the tenth's registration with its verdict; no nightly change was needed to tell it.
    expect(enhanced(r)?.consumption[10]).toBe(100);
    expect(count(r, 'outOfComplianceOverage', 10)).toBe(10);
    const log = r.events.filter((e) => e.instance === 'sl-009' && e.kind === 'transition' && e.day === 10);
    expect(log.map((e) => [e.day, e.event, e.to])).toEqual([
      [10, 'REGISTER', 'authorized'],
      [10, 'OUT_OF_COMPLIANCE', 'outOfComplianceOverage'],
    ]);
  });

  it('SL-7: Update Usage Details with the link down is refused, saying why, and the report goes when the link is back', () => {
    const r = run(
      tenClusters([
        { at: 8, target: first([0]), action: { kind: 'link-down' } },
        { at: 9, target: first([0]), action: { kind: 'grow', users: 5 } },
        { at: 10, target: first([0]), action: { kind: 'update-usage' } },
        { at: 11, target: first([0]), action: { kind: 'update-usage' } },
        { at: 12, target: first([0]), action: { kind: 'link-up' } },
      ]),
    );
    const reason = 'usage cannot be reported: CSSM or the satellite cannot be reached';
    const updates = r.timeline.filter((t) => t.kind === 'update-usage');
    expect(updates.map((t) => t.reasons)).toEqual([[{ rule: 'SL-7', reason, count: 1 }], [{ rule: 'SL-7', reason, count: 1 }]]);
    expect(enhanced(r)?.consumption.slice(9, 13)).toEqual([100, 100, 100, 105]);
  });

  it('SL-8: licences of an instance deregistered while unreachable stay held in CSSM at its last report, until it is removed there', () => {
    const r = run(
      tenClusters([
        { at: 8, target: first([0]), action: { kind: 'link-down' } },
        { at: 10, target: first([0]), action: { kind: 'deregister' } },
        // It grows in evaluation: CSSM, which still holds it, does not see that.
        { at: 12, target: first([0]), action: { kind: 'grow', users: 40 } },
        { at: 15, target: first([0]), action: { kind: 'remove-instance' } },
      ]),
    );
    expect(r.events.some((e) => e.instance === 'sl-000' && e.event === 'SmartLicenseCommunicationError')).toBe(true);
    expect(enhanced(r)?.consumption.slice(10, 15)).toEqual([100, 100, 100, 100, 100]);
    // "Remove registered product instance": its 10 licences are released.
    expect(enhanced(r)?.consumption[15]).toBe(90);
    expect(count(r, 'evaluation', 15)).toBe(1);
    expect(r.timeline.find((t) => t.kind === 'remove-instance')).toMatchObject({ reached: 1, refused: 0 });
  });

  it('SL-8, SL-10: deregistered behind a disconnected satellite, CSSM cannot be told: the licences stay held until removal', () => {
    const s = tenClusters([
      // The reports made at registration wait at the satellite until its sync on day 7.
      { at: 7, target: {}, action: { kind: 'satellite-sync', satellite: 'sat-east' } },
      { at: 10, target: first([0]), action: { kind: 'deregister' } },
      { at: 15, target: first([0]), action: { kind: 'remove-instance' } },
    ]);
    s.fleet[0] = { ...s.fleet[0], link: { satellite: 1 }, satellite: 'sat-east' } as never;
    const r = run(s);
    expect(enhanced(r)?.consumption.slice(6, 16)).toEqual([0, 100, 100, 100, 100, 100, 100, 100, 100, 90]);
    expect(r.events.some((e) => e.instance === 'sl-000' && e.event === 'SmartLicenseCommunicationError' && e.day === 10)).toBe(true);
    expect(count(r, 'evaluation', 10)).toBe(1);
  });

  it('SL-8: removing an instance CSSM does not hold is refused, with the rule and the reason', () => {
    const r = run(tenClusters([{ at: 15, target: first([0]), action: { kind: 'remove-instance', account: 'va-west' } }]));
    expect(r.timeline.find((t) => t.kind === 'remove-instance')).toMatchObject({
      reached: 1,
      refused: 1,
      reasons: [{ rule: 'SL-8', reason: 'CSSM holds no such product instance in this virtual account', count: 1 }],
    });
  });

  it('SL-8: a registered instance removed in CSSM learns it at its next report and is unregistered', () => {
    const r = run(
      tenClusters([
        { at: 15, target: first([0]), action: { kind: 'remove-instance' } },
        { at: 20, target: first([0]), action: { kind: 'update-usage' } },
      ]),
    );
    expect(count(r, 'authorized', 19)).toBe(10);
    expect(count(r, 'evaluation', 20)).toBe(1);
    expect(enhanced(r)?.consumption[15]).toBe(90);
  });
});

describe('a ledger effect commits with its transition, or refuses it (DOMAIN.md §6)', () => {
  /** Four servers of 10 × 7970 phones (50 units each, DLU-1) on one licence file, uploading on day 10. */
  function servers(units: number, timeline: TimelineEntry[] = []): Scenario {
    const s = scenarioWith(
      [nodeLockedGroup('nl', 4, { servers: 1, phones: { '7970': 10 }, capabilities: {}, softphones: 0, growth: 0 } as never)],
      [{ at: 10, target: {}, action: { kind: 'upload-license' } }, ...timeline],
    );
    s.accounts[2] = licenceFile(units, 4);
    s.policy['node-locked'].overdraft = { mode: 'none' };
    return s;
  }
  const units = (r: RunResult) => r.series.usage.find((u) => u.account === 'cucm-file' && u.type === 'DLU');
  const nl = (r: RunResult, status: string, day: number) => r.series.status['node-locked']?.[status]?.[day] ?? 0;

  it('NL-5 (uncoveredUpload: refused, the default): an upload the file cannot cover leaves the server in evaluation, alarmed', () => {
    const r = run(servers(120));
    // Two servers fit (100 of 120 units); the third and fourth need 50 with 20 left: the server refuses the upload itself.
    expect(nl(r, 'production', 10)).toBe(2);
    expect(nl(r, 'evaluation', 10)).toBe(2);
    expect(units(r)?.consumption[10]).toBe(100);
    expect(r.timeline[0]).toMatchObject({
      reached: 4,
      refused: 2,
      reasons: [{ rule: 'NL-5', count: 2, reason: 'the licence file cannot cover the upload: 50 DLU needed, 20 free' }],
    });
    expect(r.series.alarms.CiscoLicenseRequestFailed?.[10]).toBe(2);
    expect(r.consistency).toMatchObject({ inconsistent: 0 });
    const refusals = r.events.filter((e) => e.kind === 'refusal').map((e) => [e.day, e.event, ...e.rules]);
    expect(refusals).toEqual([
      [10, 'upload-license', 'NL-5'],
      [10, 'upload-license', 'NL-5'],
    ]);
    expect(Object.keys(r.series.refusals)).toEqual(['upload-license (NL-5)']);
  });

  it('NL-5 (uncoveredUpload: overdraft): the upload goes to the licence manager, whose regime decides (NL-7)', () => {
    // Under the none regime the ledger refuses the licence manager's check-out, asked by the server's step: the same two stay.
    const none = servers(120);
    none.policy['node-locked'].uncoveredUpload = 'overdraft';
    const r = run(none);
    expect([nl(r, 'production', 10), nl(r, 'evaluation', 10), units(r)?.consumption[10]]).toEqual([2, 2, 100]);
    expect(r.timeline[0]).toMatchObject({ reached: 4, refused: 2, reasons: [{ rule: 'NL-7', count: 2 }] });
    expect(Object.keys(r.series.refusals)).toEqual(['upload-license (NL-7)']);
    // Under always (the node-locked default regime) all four are accepted: 200 of 120 units, an overdraft of 80 recorded.
    const always = structuredClone(none);
    always.policy['node-locked'].overdraft = { mode: 'always' };
    const a = run(always);
    expect([nl(a, 'production', 10), units(a)?.consumption[10], units(a)?.overdraft[10]]).toEqual([4, 200, 80]);
    expect(a.timeline[0]).toMatchObject({ reached: 4, refused: 0 });
    expect(a.series.alarms.CiscoLicenseOverDraft?.[10]).toBe(2);
    expect(a.consistency).toMatchObject({ inconsistent: 0 });
    // Under the default (refused) the same always regime still refuses the two uploads the file cannot cover.
    always.policy['node-locked'].uncoveredUpload = 'refused';
    expect(run(always).timeline[0]).toMatchObject({ reached: 4, refused: 2, reasons: [{ rule: 'NL-5', count: 2 }] });
  });

  it('NL-5: a licensed cluster checks out a server licence per server, and one more for a server it adds, within the file', () => {
    const s = servers(400, [
      { at: 20, target: first([0]), action: { kind: 'add-server' } },
      { at: 25, target: first([1]), action: { kind: 'add-server' } },
    ]);
    // Files generated for two servers each (NL-5: the file on the first node covers the count).
    s.timeline[0] = { at: 10, target: {}, action: { kind: 'upload-license', servers: 2 } };
    s.accounts[2] = licenceFile(400, 5);
    const r = run(s);
    const nodes = r.series.usage.find((u) => u.account === 'cucm-file' && u.type === 'node');
    expect(nl(r, 'production', 10)).toBe(4);
    // One licence per server in the cluster (one each), not per server the file covers.
    expect([nodes?.consumption[9], nodes?.consumption[10], nodes?.consumption[20], nodes?.consumption[25]]).toEqual([0, 4, 5, 5]);
    // The fifth licence went to the first cluster's new server: the second cluster's is refused (NL-7: none regime).
    expect(r.timeline.filter((t) => t.kind === 'add-server').map((t) => t.refused)).toEqual([0, 1]);
    expect(nodes?.overdraft.every((n) => n === 0)).toBe(true);
    expect(r.consistency).toMatchObject({ inconsistent: 0 });
  });

  it('NL-11: while the licence manager is down, new phones get no units (CiscoLicenseManagerDown); once it is started they do', () => {
    const r = run(
      servers(400, [
        { at: 20, target: {}, action: { kind: 'stop-license-manager' } },
        { at: 21, target: first([0]), action: { kind: 'grow', devices: { '7970': 2 } } },
        { at: 30, target: {}, action: { kind: 'start-license-manager' } },
        { at: 31, target: first([0]), action: { kind: 'grow', devices: { '7970': 2 } } },
      ]),
    );
    const grow = r.timeline.filter((t) => t.kind === 'grow');
    expect(grow[0]).toMatchObject({
      reached: 1,
      refused: 1,
      reasons: [{ rule: 'NL-11', reason: 'the licence manager is down: no units are checked out or in' }],
    });
    expect(grow[1]).toMatchObject({ reached: 1, refused: 0 });
    expect(units(r)?.consumption.slice(20, 32)).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 210]);
    // Raised when the service stopped; the check-out it refused failed (CiscoLicenseRequestFailed).
    expect(r.series.alarms.CiscoLicenseManagerDown?.slice(20, 22)).toEqual([1, 0]);
    expect(r.series.alarms.CiscoLicenseRequestFailed?.slice(20, 22)).toEqual([0, 1]);
    // SL-18: the alarm reports a condition: up (on the licence manager) from day 20 until it is started on day 30.
    expect(r.series.alarmsUp.CiscoLicenseManagerDown?.slice(19, 31)).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]);
    expect(r.series.alarmsCleared.CiscoLicenseManagerDown?.[30]).toBe(1);
  });

  it('an effect or a request from a step nobody could check first is a machine bug, named at once', () => {
    // The node-locked machine with its effectful actions undeclared (declareEffectful marks them).
    const undeclared = new WorldMachines({
      ...LICSIM_FACTORIES,
      models: {
        ...LICSIM_FACTORIES.models,
        'node-locked': (env) => {
          const machine = LICSIM_FACTORIES.models['node-locked'](env);
          for (const action of Object.values(machine.implementations.actions)) delete (action as { [EFFECTFUL]?: boolean })[EFFECTFUL];
          return machine;
        },
      },
    });
    const attempt = () => runScenario(servers(400), { machines: undeclared });
    expect(attempt).toThrow(WorldError);
    expect(attempt).toThrow(/^nl-000 emitted a CHECK_OUT request from a step that was not checked first: list the action/);
  });

  it('NL-11: phones removed while the licence manager is down stay checked out until it starts again', () => {
    const r = run(
      servers(400, [
        { at: 20, target: {}, action: { kind: 'stop-license-manager' } },
        { at: 21, target: first([0]), action: { kind: 'remove', devices: { '7970': 4 } } },
        { at: 30, target: {}, action: { kind: 'restart-license-manager' } },
      ]),
    );
    expect(units(r)?.consumption[21]).toBe(200);
    expect(units(r)?.consumption[30]).toBe(180);
  });
});

describe('the consistent monitor can fail', () => {
  /** An observer that makes the ledger drop the first release it is given (a bug planted for the test). */
  function dropFirstRelease(): EngineObserver {
    return {
      start(sim) {
        const apply = sim.ledger.applyEffect.bind(sim.ledger);
        let dropped = false;
        sim.ledger.applyEffect = (effect, now) => {
          if (effect.kind === 'release' && !dropped) {
            dropped = true;
            return { ok: true, kind: 'release', alarms: [] };
          }
          return apply(effect, now);
        };
      },
    };
  }
  const scenario = () => tenClusters([{ at: 12, target: first([3]), action: { kind: 'deregister' } }]);

  it('a dropped release is found the same day, naming the instance, the day, the state and both holdings', () => {
    const r = runScenario(scenario(), { observers: [dropFirstRelease()] });
    expect(r.consistency.inconsistent).toBeGreaterThan(0);
    expect(r.consistency.first[0]).toEqual({
      instance: 'sl-003',
      tick: 13 * 1440,
      status: 'evaluation',
      claims: 'no registration',
      ledger: 'held in va-east',
    });
  });

  it('checked after every step, it fails at the step itself', () => {
    expect(() => run(scenario(), [dropFirstRelease()])).toThrow(InconsistencyError);
    expect(() => run(scenario(), [dropFirstRelease()])).toThrow(
      /sl-003 at tick 17280 \(evaluation\): the state says no registration, the ledger has held in va-east/,
    );
  });

  it('without the planted bug the same run is consistent', () => {
    expect(run(scenario()).consistency).toMatchObject({ inconsistent: 0 });
  });
});

describe('DLU-4 device by device (deviceModel: individual)', () => {
  /** One CUCM 6 cluster of a 7970 (5 units) and an ATA (1 unit), licensed on day 1; and one counted in aggregate. */
  function cluster(timeline: TimelineEntry[]): Scenario {
    const base = { servers: 1, phones: { '7970': 1, 'ATA-186': 1 }, capabilities: {}, softphones: 0, growth: 0, cucmVersion: 6 };
    const s = scenarioWith(
      [nodeLockedGroup('named', 1, { ...base, deviceModel: 'individual' } as never), nodeLockedGroup('counted', 1, base as never)],
      [{ at: 1, target: {}, action: { kind: 'upload-license' } }, ...timeline],
    );
    s.accounts[2] = licenceFile(100, 2);
    return s;
  }
  const named = { groups: ['named'] };
  const units = (r: RunResult) => r.series.usage.find((u) => u.account === 'cucm-file' && u.type === 'DLU');
  const soft = (n: number) => `IP-Communicator#${n}`;

  it('DLU-4: secondaries attach to one primary each, at 1 unit; the four restrictions are refused with their reasons', () => {
    const attach = (at: number, secondary: string, primary: string): TimelineEntry => ({
      at,
      target: named,
      action: { kind: 'attach-secondary', secondary, primary },
    });
    const r = run(
      cluster([
        ...[1, 2, 3].map((n) => ({
          at: 2,
          target: named,
          action: { kind: 'add-device' as const, device: soft(n), type: 'IP-Communicator' },
        })),
        attach(3, soft(1), '7970#1'),
        attach(4, soft(2), '7970#1'),
        attach(5, soft(3), '7970#1'),
        attach(6, soft(3), 'ATA-186#1'),
        { at: 7, target: named, action: { kind: 'delete-device', device: '7970#1' } },
        attach(8, '7970#1', soft(3)),
        { at: 9, target: named, action: { kind: 'detach-secondary', secondary: soft(1) } },
        attach(10, soft(3), '7970#1'),
        { at: 11, target: { groups: ['counted'] }, action: { kind: 'attach-secondary', secondary: soft(1), primary: '7970#1' } },
      ]),
    );
    const dlu = units(r)?.consumption ?? [];
    // Day 1: 5 + 1 for each cluster. Day 2: three softphones at 3 units each on the named cluster (DLU-3).
    expect([1, 2, 3, 4, 5, 9, 10].map((d) => dlu[d])).toEqual([12, 21, 19, 17, 17, 19, 17]);
    const reasons = r.timeline.filter((t) => t.refused).map((t) => [t.at, t.reasons[0]?.rule, t.reasons[0]?.reason]);
    expect(reasons).toEqual([
      [5, 'DLU-4', '7970#1 already has 2 secondaries (at most 2)'],
      [6, 'DLU-4', 'the primary must consume the most units: ATA-186#1 costs 1, IP-Communicator#3 3'],
      [7, 'DLU-4', '7970#1 is the primary of IP-Communicator#1, IP-Communicator#2; remove them first'],
      [8, 'DLU-4', '7970 cannot be a secondary; only IP-Communicator, Personal-Communicator, Mobile-Communicator can'],
      [11, 'DLU-4', 'counted counts its devices in aggregate (deviceModel: individual names them)'],
    ]);
    expect(r.consistency).toMatchObject({ inconsistent: 0 });
  });

  it('DLU-4: growth adds devices of each type (new softphones as secondaries), capabilities by name, and removes the newest', () => {
    const s = scenarioWith(
      [
        nodeLockedGroup('named', 1, {
          servers: 1,
          phones: { '7970': 10 },
          capabilities: {},
          softphones: 10,
          growth: 0,
          cucmVersion: 6,
          deviceModel: 'individual',
        } as never),
      ],
      [
        { at: 1, target: {}, action: { kind: 'upload-license' } },
        { at: 5, target: {}, action: { kind: 'grow', percent: 50 } },
        { at: 6, target: {}, action: { kind: 'grow', devices: { CUP: 2 } } },
        { at: 7, target: {}, action: { kind: 'remove', devices: { '7970': 20 } } },
      ],
    );
    const r = run(s);
    const dlu = units(r)?.consumption ?? [];
    // 10 × 7970 (5) with 10 softphones attached two by two (1 each): 60. +50 %: 15 phones, 15 softphones, all attached: 90.
    // 2 Presence users: 92. Removing 20 phones takes the 7 that have no secondaries: 8 × 5 + 15 + 2 = 57.
    expect([1, 5, 6, 7].map((d) => dlu[d])).toEqual([60, 90, 92, 57]);
    expect(r.consistency).toMatchObject({ inconsistent: 0 });
  });
});
