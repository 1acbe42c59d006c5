import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../engine/result.ts';
import { ledgerBalanced } from '../../scenarios/expect/kinds/ledgerBalanced.ts';
import { verdictOfRun } from '../../scenarios/expect/monitor.ts';
import { EXPECTATIONS, monitorFor } from '../../scenarios/expect/registry.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import { scenarioJsonSchema } from '../../scenarios/loader/schema.ts';
import { runLoaded } from '../../scenarios/run/runLoaded.ts';

/**
 * Ten clusters need 100 Enhanced licences; the VA owns 90. Registered on day 5,
 * out of compliance from day 6 (SL-7), a 30-day overage (SL-12) ends on day 36;
 * growth on day 40 is refused; 20 licences bought on day 50 are reported on day 51.
 */
const BASE = `licsim: 3
name: ten short clusters
duration: 80d
policy:
  smart-licensing:
    overrides: { overageDays: 30 }
accounts:
  - id: va
    kind: virtual-account
    purchases: [{ type: UCL-Enhanced, count: 90 }]
fleet:
  - { name: sl, model: smart-licensing, count: 10, account: va, users: 10, profiles: { desk-phone: 1 } }
timeline:
  - { at: 5d, do: register }
  - { at: 40d, do: grow, percent: 50 }
  - { at: 50d, do: purchase, account: va, type: UCL-Enhanced, count: 20 }
expect:
`;

function verdicts(expectations: string[]): Verdict[] {
  const loaded = parseScenarios(`${BASE}${expectations.map((e) => `  - ${e}\n`).join('')}`, 'ten.yaml');
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  return runLoaded(loaded.scenarios[0] as never).verdicts;
}

const passed = (vs: Verdict[]) => vs.map((v) => v.passed);

describe('SLR-11: a reserved instance short of its reservation is overdraft to every expectation', () => {
  const run = (expectations: string[]) => {
    const text = `licsim: 3
name: one reserved cluster grows past its reservation
duration: 20d
accounts:
  - { id: va, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: 200 }] }
fleet:
  - { name: air, model: smart-licensing, count: 1, account: va, users: 10, profiles: { desk-phone: 1 } }
timeline:
  - { at: 1d, do: slr-enable }
  - { at: 2d, do: slr-request }
  - { at: 3d, do: slr-authorize }
  - { at: 4d, do: slr-install }
  - { at: 10d, do: grow, users: 2 }
expect:
${expectations.map((e) => `  - ${e}\n`).join('')}`;
    const loaded = parseScenarios(text, 'air.yaml');
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
    return runLoaded(loaded.scenarios[0] as never).verdicts;
  };

  it('SLR-11: maxOverdraft and ledger see the 2 units the instance is short, though its VA has 190 free', () => {
    const [max, exact, shortfall, before] = run([
      '{ maxOverdraft: { max: 1 } }',
      '{ ledger: { account: va, type: UCL-Enhanced, day: 10d, overdraft: { equals: 2 } } }',
      '{ ledger: { account: va, type: UCL-Enhanced, day: 10d, shortfall: { atLeast: 2, atMost: 2 } } }',
      '{ ledger: { account: va, to: 9d, overdraft: { equals: 0 } } }',
    ]);
    expect(max).toMatchObject({ passed: false });
    expect(max?.message).toMatch(/worst total overdraft 2 units on day 10/);
    expect(max?.evidence[0]).toMatchObject({ day: 10, value: 2 });
    expect([exact?.passed, shortfall?.passed, before?.passed]).toEqual([true, true, true]);
  });
});

describe('one day-boundary rule for every expectation: a day d is the whole of day d (scenarios/expect/days.ts)', () => {
  // Day 5: registered, 100 of 90 reported. Day 6 00:00: out of compliance. Day 36 00:00: enforced (30-day overage).
  // Day 40 00:00 and 12:00: growth, refused (SL-12).
  const at = (expectations: string[]) => {
    const text = BASE.replace(
      '  - { at: 40d, do: grow, percent: 50 }\n',
      '  - { at: 40d, do: grow, percent: 50 }\n  - { at: 40.5, do: grow, percent: 50 }\n',
    );
    const loaded = parseScenarios(`${text}${expectations.map((e) => `  - ${e}\n`).join('')}`, 'ten.yaml');
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
    return passed(runLoaded(loaded.scenarios[0] as never).verdicts);
  };

  it('from: d includes what happens at 00:00 of day d; by: d includes all of day d, and nothing after', () => {
    expect(
      at([
        '{ alarm: { name: SmartLicenseInOverage_OutOfCompliance, from: 6d, by: 6d } }',
        '{ alarm: { name: SmartLicenseInOverage_OutOfCompliance, raised: false, by: 5d } }',
        '{ refused: { op: grow, from: 40d, by: 40d, equals: 20 } }',
        '{ refused: { op: grow, by: 39d, equals: 0 } }',
        '{ refused: { op: grow, from: 41d, equals: 0 } }',
      ]),
    ).toEqual([true, true, true, true, true]);
  });

  it('to: d ends with day d for the state and ledger windows; day: d reads the end of day d', () => {
    expect(
      at([
        '{ never: { state: enforcement, to: 35d } }',
        '{ never: { state: enforcement, to: 36d } }',
        '{ stateCount: { state: outOfComplianceEnforced, day: 35d, equals: 0 } }',
        '{ stateCount: { state: outOfComplianceEnforced, day: 36d, equals: 10 } }',
        '{ maxOverdraft: { max: 0, to: 4d } }',
        '{ maxOverdraft: { max: 0, to: 5d } }',
        '{ ledger: { account: va, from: 5d, to: 5d, overdraft: { equals: 10 } } }',
        '{ eventually: { state: enforcement, from: 6d, within: 30d } }',
      ]),
    ).toEqual([true, false, true, true, true, false, true, true]);
  });
});

describe('the expectation catalogue: each kind passing and failing, with evidence', () => {
  it('maxOverdraft: per type or in total, absolute or % of the entitlement, over the run or a window', () => {
    const vs = verdicts([
      '{ maxOverdraft: { max: 10 } }',
      '{ maxOverdraft: { max: 9 } }',
      '{ maxOverdraft: { max: 10%, type: UCL-Enhanced } }',
      '{ maxOverdraft: { max: 0, from: 51d } }',
    ]);
    expect(passed(vs)).toEqual([true, false, false, true]);
    expect(vs[1]).toMatchObject({
      message: 'worst total overdraft 10 units on day 5 (limit 9)',
      rules: ['SL-7', 'SL-11', 'SL-12'],
      evidence: [{ day: 5, value: 10, limit: 9, detail: 'total overdraft reached 10 units on day 5 (2026-01-06); entitlement 90' }],
    });
    expect(vs[2]?.message).toBe('worst UCL-Enhanced overdraft 10 units on day 5 (limit 10% of 90 = 9)');
  });

  it('ledger: consumption, entitlement and overdraft of a type or in total, on a day or every day of a window', () => {
    const vs = verdicts([
      '{ ledger: { account: va, type: UCL-Enhanced, day: 10d, consumption: { equals: 100 }, ' +
        'overdraft: { equals: 10 }, entitlement: { equals: 90 } } }',
      '{ ledger: { account: va, day: 60d, overdraft: { equals: 0 }, entitlement: { atLeast: 110, atMost: 110 } } }',
      '{ ledger: { account: va, type: UCL-Enhanced, from: 5d, to: 51d, overdraft: { atMost: 9 } } }',
      '{ ledger: { account: va, type: UCL-Enhanced, day: 4d, consumption: { atLeast: 1 } } }',
    ]);
    expect(passed(vs)).toEqual([true, true, false, false]);
    expect(vs[0]?.message).toBe('consumption 100, entitlement 90, overdraft 10 on day 10');
    // Ten units over at the end of days 5 to 49 (45 figures): the purchase of day 50 counts in day 50's sample.
    expect(vs[2]?.message).toMatch(/^45 figures out of bounds, first: overdraft of UCL-Enhanced in va was 10 on day 5 /);
    expect(vs[2]?.evidence[0]).toMatchObject({ day: 5, value: 10, limit: '<= 9' });
    expect(vs[2]?.rules).toEqual(['SL-7', 'SL-11', 'SL-12']);
    expect(vs[3]?.evidence[0]).toMatchObject({ day: 4, value: 0, limit: '>= 1' });
  });

  it('ledger: borrowed units of a type a higher tier serves (SL-11)', () => {
    const text = BASE.replace(
      '[{ type: UCL-Enhanced, count: 90 }]',
      '[{ type: UCL-Enhanced, count: 90 }, { type: UCL-EnhancedPlus, count: 10 }]',
    );
    const loaded = parseScenarios(
      `${text}  - { ledger: { account: va, type: UCL-Enhanced, day: 10d, borrowed: { equals: 10 }, overdraft: { equals: 0 } } }\n`,
      'ten.yaml',
    );
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
    const [v] = runLoaded(loaded.scenarios[0] as never).verdicts;
    expect(v).toMatchObject({ passed: true, message: 'overdraft 0, borrowed 10 on day 10' });
  });

  it('ledger: an unknown account or type, no bounds, or day with a window, are located problems', () => {
    const bad = [
      '{ ledger: { account: nope, consumption: { equals: 1 } } }',
      '{ ledger: { account: va, type: Gold, consumption: { equals: 1 } } }',
      '{ ledger: { account: va } }',
      '{ ledger: { account: va, overdraft: {} } }',
      '{ ledger: { account: va, day: 3d, from: 1d, overdraft: { equals: 0 } } }',
    ];
    const loaded = parseScenarios(`${BASE}${bad.map((e) => `  - ${e}\n`).join('')}`, 'ten.yaml');
    const messages = loaded.ok ? [] : loaded.problems.map((p) => `${p.line}: ${p.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^18: .*nope/),
      expect.stringMatching(/^19: unknown licence type "Gold"/),
      '20: expected bounds on at least one of: consumption, entitlement, overdraft, borrowed, shortfall',
      '21: expected equals, atLeast or atMost',
      '22: give either day or from/to, not both',
    ]);
  });

  it('never: no instance enters a state (within a window); for any/all/share', () => {
    const vs = verdicts([
      '{ never: { state: enforcement } }',
      '{ never: { state: authorizationExpiredOverage } }',
      '{ never: { state: enforcement, to: 35d } }',
      '{ never: { state: outOfComplianceEnforced, for: any } }',
    ]);
    expect(passed(vs)).toEqual([false, true, true, false]);
    expect(vs[0]).toMatchObject({
      message: '10 of 10 instances entered enforcement (none may); first shown',
      evidence: [{ instance: 'sl-000', day: 36, value: 'entered', detail: 'entered enforcement on day 36' }, {}, {}, {}, {}],
    });
    expect(vs[0]?.rules).toEqual(expect.arrayContaining(['SL-12', 'SL-13']));
  });

  it('eventually: instances reach a state within N days', () => {
    const vs = verdicts([
      '{ eventually: { state: authorized, within: 6d } }',
      '{ eventually: { state: reserved, for: 50% } }',
      '{ eventually: { state: authorized, within: 4d } }',
    ]);
    expect(passed(vs)).toEqual([true, false, false]);
    expect(vs[1]?.message).toBe('0 of 10 instances reached reserved (5 must); 10 did not, first shown');
    expect(vs[1]?.evidence[0]).toMatchObject({
      instance: 'sl-000',
      day: 80,
      value: 'authorized',
      detail: 'never reached reserved; authorized at the end',
    });
    // Its cause: the story up to the end, whose last change of status left it authorized.
    expect(vs[1]?.evidence[0]?.cause?.at(-1)).toMatchObject({ kind: 'transition', to: 'authorized' });
  });

  it('always: instances stay in a state all through a window', () => {
    const vs = verdicts([
      '{ always: { state: authorized, from: 6d } }',
      '{ always: { state: evaluation, to: 4d } }',
      '{ always: { state: [authorized, overage, enforcement], from: 6d } }',
    ]);
    expect(passed(vs)).toEqual([false, true, true]);
    expect(vs[0]?.evidence[0]).toMatchObject({ instance: 'sl-000', day: 6, value: 'left', detail: 'was not in authorized on day 6' });
  });

  it('stateCount: instances in a state at the end of a day, exactly, at least or at most, in numbers or %', () => {
    const vs = verdicts([
      '{ stateCount: { state: enforcement, day: 40d, equals: 10 } }',
      '{ stateCount: { state: enforcement, day: 40d, atMost: 5 } }',
      '{ stateCount: { state: authorized, day: 51d, atLeast: 100% } }',
    ]);
    expect(passed(vs)).toEqual([true, false, true]);
    expect(vs[1]).toMatchObject({ message: '10 instances, expected <= 5', evidence: [{ day: 40, value: 10, limit: '<= 5' }] });
  });

  it('alarm: raised or not, by a day', () => {
    const vs = verdicts([
      '{ alarm: { name: SmartLicenseInOverage_OutOfCompliance, by: 6d } }',
      '{ alarm: { name: SmartLicenseInOverage_OutOfCompliance, by: 5d } }',
      '{ alarm: { name: SmartLicenseRegistrationExpired, raised: false } }',
      '{ alarm: { name: SmartLicenseNoProvision_OutOfCompliance, raised: false } }',
    ]);
    expect(passed(vs)).toEqual([true, false, true, false]);
    expect(vs[1]).toMatchObject({
      message: 'SmartLicenseInOverage_OutOfCompliance not raised by day 5 by any of 10 instances',
      rules: ['SL-17'],
    });
    expect(vs[3]?.evidence[0]).toMatchObject({
      instance: 'sl-000',
      day: 36,
      value: 'SmartLicenseNoProvision_OutOfCompliance',
      detail: 'SmartLicenseNoProvision_OutOfCompliance raised on day 36',
    });
  });

  it('refused: counts refusals by operation and rule', () => {
    const vs = verdicts(['{ refused: { op: grow, rule: SL-12, equals: 10 } }', '{ refused: { rule: SL-12, atMost: 3 } }']);
    expect(passed(vs)).toEqual([true, false]);
    expect(vs[1]?.message).toBe('10 refusals, most often: no provisioning: out of compliance and the overage period is over (10)');
  });

  it('refused: matches the text of the reason, ignoring case', () => {
    const vs = verdicts([
      '{ refused: { reason: Overage Period Is Over, equals: 10 } }',
      '{ refused: { op: grow, reason: "the licence file", equals: 0 } }',
      '{ refused: { reason: "the overage period is over", atMost: 9 } }',
    ]);
    expect(passed(vs)).toEqual([true, true, false]);
    expect(vs[2]?.title).toBe('operations saying "the overage period is over" refused at most 9 times');
  });

  it('refused: an operation is named as the timeline writes it; another spelling is a located problem', () => {
    const loaded = parseScenarios(
      `${BASE}  - { refused: { op: GROW, equals: 1 } }\n  - { refused: { op: provision, equals: 1 } }\n`,
      'ten.yaml',
    );
    const found = loaded.ok ? [] : loaded.problems.map((p) => [p.line, p.message]);
    expect(found[0]).toEqual([18, 'unknown operation "GROW": write grow']);
    expect(found[1]?.[0]).toBe(19);
    expect(found[1]?.[1]).toMatch(
      /^unknown operation "provision": expected a timeline action \(register, deregister, .*, growth, timer, message\)$/,
    );
  });

  it('instances: any instance-scoped expectation narrows to instances by index in their group or by id', () => {
    const vs = verdicts([
      '{ stateCount: { state: outOfComplianceOverage, day: 10d, equals: 2, instances: [0, 2] } }',
      '{ stateCount: { state: outOfComplianceOverage, day: 10d, equals: 100%, instances: [sl-001, sl-009] } }',
      '{ refused: { op: grow, equals: 3, instances: [1, 4, sl-007] } }',
      '{ never: { state: enforcement, instances: [3] } }',
    ]);
    expect(passed(vs)).toEqual([true, true, true, false]);
    expect(vs[0]?.title).toBe('exactly 2 instances in outOfComplianceOverage at the end of day 10 (instances 0, 2)');
    expect(vs[1]?.evidence[0]).toMatchObject({ value: 2, detail: expect.stringMatching(/^2 of 2 instances/) });
    expect(vs[3]?.evidence.map((e) => e.instance)).toEqual(['sl-003']);
  });

  it('instances: ids of a group whose name has dashes (lab-east-003) name its instances', () => {
    const text = BASE.replace('{ name: sl, model: smart-licensing, count: 10,', '{ name: lab-east, model: smart-licensing, count: 10,');
    const loaded = parseScenarios(
      `${text}  - { stateCount: { state: outOfComplianceOverage, day: 10d, equals: 100%, instances: [lab-east-003, lab-east-009] } }\n` +
        '  - { never: { state: enforcement, instances: [lab-east-003] } }\n',
      'ten.yaml',
    );
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
    const vs = runLoaded(loaded.scenarios[0] as never).verdicts;
    expect(passed(vs)).toEqual([true, false]);
    expect(vs[0]?.evidence[0]).toMatchObject({ value: 2, detail: expect.stringMatching(/^2 of 2 instances/) });
    expect(vs[1]?.evidence.map((e) => e.instance)).toEqual(['lab-east-003']);
  });

  it('instances: an index beyond every group in scope, or an id of no instance, is a located problem', () => {
    const bad = ['{ never: { state: enforcement, instances: [10] } }', '{ never: { state: enforcement, instances: [sl-10, other-001] } }'];
    const loaded = parseScenarios(`${BASE}${bad.map((e) => `  - ${e}\n`).join('')}`, 'ten.yaml');
    expect(loaded.ok ? [] : loaded.problems.map((p) => `${p.line}:${p.column}: ${p.message}`)).toEqual([
      expect.stringMatching(/^18:\d+: index 10 is beyond every group in scope \(the largest has 10 instances\)$/),
      expect.stringMatching(/^19:\d+: "sl-10" is no instance of the fleet \(ids are like sl-000\)$/),
      expect.stringMatching(/^19:\d+: "other-001" is no instance of the fleet/),
    ]);
  });

  it('noServiceLoss: every loss of provisioning warned at least N days before', () => {
    const vs = verdicts(['{ noServiceLoss: { warningDays: 30, operations: [provisionUser] } }', '{ noServiceLoss: { warningDays: 31 } }']);
    expect(passed(vs)).toEqual([true, false]);
    expect(vs[1]?.evidence[0]).toMatchObject({
      instance: 'sl-000',
      day: 36,
      value: '30 days',
      limit: '31 days',
      detail:
        'lost provisionUser on day 36 (SL-12: no provisioning: out of compliance and the overage period is over), ' +
        'warned only 30 days before',
    });
  });

  it('a passing noServiceLoss names the warning alarm it counted, for the first losses (issue 14: 10)', () => {
    const [held] = verdicts(['{ noServiceLoss: { warningDays: 30, operations: [provisionUser] } }']);
    expect(held?.passed).toBe(true);
    expect(held?.evidence).toHaveLength(5);
    expect(held?.evidence[0]).toEqual({
      instance: 'sl-000',
      day: 36,
      value: '30 days',
      limit: '30 days',
      detail: 'lost provisionUser on day 36 (SL-12), warned by SmartLicenseInOverage_OutOfCompliance on day 6, 30 days before',
    });
  });

  it('a failed eventually shows the near misses first: the instances that got there after the window, soonest first', () => {
    const [missed] = verdicts(['{ eventually: { state: authorized, within: 4d } }']);
    expect(missed?.passed).toBe(false);
    expect(missed?.evidence[0]).toMatchObject({
      instance: 'sl-000',
      day: 5,
      value: 'day 5',
      limit: 'day 4',
      detail: 'came closest: reached authorized late, on day 5',
    });
  });

  it('a failed stateCount atLeast says which day came closest and when the count was first met', () => {
    const [missed] = verdicts(['{ stateCount: { state: enforcement, day: 30d, atLeast: 10 } }']);
    expect(missed?.passed).toBe(false);
    expect(missed?.evidence.at(-1)).toEqual({
      day: 36,
      value: 10,
      detail: 'came closest at the end of day 36: 10 instances; first met at the end of day 36, 6 days after day 30',
    });
  });

  it('a passing eventually shows the first instances to reach the state, and when', () => {
    const [held] = verdicts(['{ eventually: { state: authorized, within: 6d } }']);
    expect(held?.passed).toBe(true);
    expect(held?.evidence[0]).toEqual({ instance: 'sl-000', day: 5, detail: 'reached authorized on day 5' });
  });

  it('ledgerBalanced: conservation at every day, and a day that does not balance is shown', () => {
    expect(passed(verdicts(['{ ledgerBalanced: true }']))).toEqual([true]);
    const monitor = ledgerBalanced.monitor({
      kind: 'ledgerBalanced',
      title: 'balances',
      source: { file: 'x', line: 1 },
      groups: null,
      instances: null,
      variants: null,
      accounts: null,
    });
    const broken = {
      scenario: { accounts: [{ id: 'va' }] },
      accountPlace: () => 0,
      ledger: {
        status: () => ({
          types: [{ type: 'CUWL', owned: 10, available: 3, inUse: 5, reserved: 1, inTransit: 0, consumption: 5, overdraft: 0 }],
        }),
      },
    };
    monitor.day?.(4, broken as never);
    const v = verdictOfRun(monitor, {} as never);
    expect(v.passed).toBe(false);
    expect(v.evidence[0]?.detail).toBe('va CUWL on day 4: owned 10 but available 3 + in use 5 + reserved 1 + in transit 0 = 9');
  });

  it('consistent: every check of a state against the ledger agrees, over the fleet or in groups', () => {
    const vs = verdicts(['{ consistent: true }', '{ consistent: { groups: sl } }']);
    expect(passed(vs)).toEqual([true, true]);
    expect(vs[0]).toMatchObject({
      kind: 'consistent',
      title: "every instance's state agrees with the ledger",
      rules: ['SL-4', 'SL-7', 'SL-8', 'SLR-4', 'NL-7', 'CS-3'],
      evidence: [],
    });
    expect(vs[0]?.message).toMatch(/^0 of [1-9]\d* checks of a state against the ledger disagreed$/);
    expect(vs[1]?.title).toBe("every instance's state agrees with the ledger in sl");
    expect(vs[1]?.message).toMatch(/^0 disagreements of a state with the ledger in sl \([1-9]\d* checks in the fleet\)$/);
  });

  it('consistent: each disagreement of an instance in scope fails it, with the instance, day, status, claim and ledger', () => {
    const base = { kind: 'consistent', title: 'agrees', source: { file: 'x', line: 1 }, variants: null, instances: null } as const;
    const found = (instance: string, tick: number) => ({
      instance,
      tick,
      status: 'authorized',
      claims: 'units {"UCL-Enhanced":10} from va',
      ledger: 'units {}',
    });
    const result = { consistency: { checks: 40, inconsistent: 0, first: [] } } as never;
    // A fleet of two groups, a (instances 0, 1) and b (2, 3), as the monitor's scope sees it.
    const sim = {
      fleet: {
        size: 4,
        groups: [
          { spec: { name: 'a' }, first: 0, count: 2 },
          { spec: { name: 'b' }, first: 2, count: 2 },
        ],
        origin: (g: number) => g,
      },
      parties: { list: [] },
      isInstance: () => true,
    };
    const watch = (groups: string[] | null, disagreements: Array<[number, ReturnType<typeof found>]>) => {
      const m = monitorFor({ ...base, groups });
      m.start?.(sim as never);
      for (const [address, f] of disagreements) m.inconsistent?.(address, f);
      return verdictOfRun(m, result);
    };
    const v = watch(null, [[3, found('b-1', 12 * 1440 + 720)]]);
    expect(v).toMatchObject({
      passed: false,
      message: '1 of 40 checks of a state against the ledger disagreed',
      rules: ['SL-4', 'SL-7', 'SL-8', 'SLR-4', 'NL-7', 'CS-3'],
    });
    expect(v.evidence).toEqual([
      {
        instance: 'b-1',
        day: 12.5,
        value: 'authorized',
        detail: 'in authorized on day 12.5 the state says units {"UCL-Enhanced":10} from va, the ledger has units {}',
      },
    ]);
    const many = watch(
      null,
      Array.from({ length: 8 }, (_, k) => [k % 4, found(`i-${k}`, k * 1440)] as [number, ReturnType<typeof found>]),
    );
    expect(many).toMatchObject({ passed: false, message: '8 of 40 checks of a state against the ledger disagreed' });
    expect(many.evidence).toHaveLength(5);
    // Narrowed to groups: only the disagreements of instances in them count, exactly.
    expect(watch(['a'], [[3, found('b-1', 1440)]])).toMatchObject({
      passed: true,
      message: '0 disagreements of a state with the ledger in a (40 checks in the fleet)',
      evidence: [],
    });
    expect(
      watch(
        ['b'],
        [
          [3, found('b-1', 1440)],
          [2, found('b-0', 1440)],
        ],
      ),
    ).toMatchObject({
      passed: false,
      message: '2 disagreements of a state with the ledger in b (40 checks in the fleet)',
      // Found at one tick: shown by place in the fleet, not in the order heard (what a merge of partitions can keep).
      evidence: [
        { instance: 'b-0', day: 1 },
        { instance: 'b-1', day: 1 },
      ],
    });
  });

  it('every registered kind is a key of the scenario schema and its JSON Schema, and a second key names them all', () => {
    const schema = JSON.stringify(scenarioJsonSchema());
    for (const d of EXPECTATIONS) expect(schema).toContain(`"${d.kind}":`);
    expect(schema).toContain(`"description":"${EXPECTATIONS.find((d) => d.kind === 'consistent')?.doc}"`);
    const loaded = parseScenarios(`${BASE}  - { consistent: true, ledgerBalanced: true }\n`, 'two.yaml');
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      expect(loaded.problems[0]?.message).toBe(
        'expected exactly one expectation per list item: ' +
          'maxOverdraft, ledger, never, eventually, always, leadsTo, residence, stateCount, alarm, refused, noServiceLoss, ' +
          'warnsBefore, ledgerBalanced or consistent, ' +
          'found a mapping with consistent, ledgerBalanced',
      );
    }
  });
});

// DOMAIN.md SL-18: "An alert is raised when its condition starts and cleared when it ends."
describe('alarm: cleared (SL-18): raised and then cleared, or still up, by a day', () => {
  // Out of compliance from day 6: InOverage is up on all ten until the 30-day overage ends on day 36.
  it('cleared: true passes once every raise in the window is cleared; cleared: false while some is still up', () => {
    const vs = verdicts([
      '{ alarm: { name: SmartLicenseInOverage_OutOfCompliance, cleared: true, by: 36d } }',
      '{ alarm: { name: SmartLicenseInOverage_OutOfCompliance, cleared: true, by: 35d } }',
      '{ alarm: { name: SmartLicenseInOverage_OutOfCompliance, cleared: false, by: 35d } }',
      '{ alarm: { name: SmartLicenseInEval, cleared: true, by: 5d } }',
      '{ alarm: { name: SmartLicenseNoProvision_OutOfCompliance, cleared: true, by: 36d } }',
    ]);
    expect(passed(vs)).toEqual([true, false, true, true, false]);
    expect(vs[1]).toMatchObject({
      message:
        'SmartLicenseInOverage_OutOfCompliance raised 10 times by day 35: still up on day 35 on 10 instances (first raised on day 6)',
      rules: ['SL-17', 'SL-18'],
    });
    expect(vs[1]?.evidence[0]).toMatchObject({ instance: 'sl-000', day: 6, detail: expect.stringContaining('still up on day 35') });
    expect(vs[1]?.evidence).toHaveLength(5);
    expect(vs[0]?.message).toBe(
      'SmartLicenseInOverage_OutOfCompliance raised 10 times by day 36, cleared every time (10 clears) by day 36',
    );
  });

  it('results count the clears per day and the instances with each condition alarm up at the end of each day', () => {
    const loaded = parseScenarios(`${BASE}  - { consistent: true }\n`, 'ten.yaml');
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
    const { series } = runLoaded(loaded.scenarios[0] as never).runs[0]?.result ?? { series: null };
    const up = series?.alarmsUp.SmartLicenseInOverage_OutOfCompliance ?? [];
    expect([up[5], up[6], up[35], up[36]]).toEqual([0, 10, 10, 0]);
    expect(series?.alarmsCleared.SmartLicenseInOverage_OutOfCompliance?.[36]).toBe(10);
    expect(series?.alarmsCleared.SmartLicenseInEval?.[5]).toBe(10);
    // An alarm that reports an event is never up.
    expect(Object.keys(series?.alarmsUp ?? {})).not.toContain('SmartLicenseCommunicationError');
  });

  it('cleared on an alarm that reports an event, or with raised: false, is a located problem', () => {
    const bad = [
      '{ alarm: { name: SmartLicenseCommunicationError, cleared: true } }',
      '{ alarm: { name: SmartLicenseInEval, raised: false, cleared: false } }',
    ];
    const loaded = parseScenarios(`${BASE}${bad.map((e) => `  - ${e}\n`).join('')}`, 'ten.yaml');
    const messages = loaded.ok ? [] : loaded.problems.map((p) => `${p.line}: ${p.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^18: SmartLicenseCommunicationError reports an event and is never cleared \(alarms that are cleared: /),
      '19: cleared needs raised: true (an alarm never raised is never cleared)',
    ]);
  });
});
