import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LICSIM_NAMED_ALARMS } from '../../machines/emitted.ts';
import { overdraftSchema } from '../../machines/overdraft.ts';
import { MODELS, type ModelName, policyParameters } from '../../machines/policyOverride.ts';
import { showPolicyValue } from '../../machines/policyParameter.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import { formatProblem } from '../../scenarios/loader/problems.ts';
import { scenarioJsonSchema } from '../../scenarios/loader/schema.ts';
import { licsimProcess } from '../support/cli.ts';

const scenario = (policy: string) => `licsim: 3
name: policy
duration: 100d
${policy}
accounts:
  - { id: va, kind: virtual-account, purchases: [{ type: CUWL, count: 10 }] }
fleet:
  - { name: sl, model: smart-licensing, count: 5, account: va, users: 10 }
`;

const load = (text: string) => {
  const r = parseScenarios(text, 'f.yaml');
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.scenarios[0];
};

type Json = { [key: string]: Json } & { description?: string; enum?: string[]; additionalProperties?: unknown };

describe('policy parameters in the scenario JSON Schema', () => {
  const schema = scenarioJsonSchema() as unknown as { anyOf: Json[] };
  const top = schema.anyOf[0]?.properties as Json;

  it("describes each model's overrides with their real keys, rule, unit and default", () => {
    const overrides = top.policy?.properties?.['smart-licensing']?.properties?.overrides as Json;
    expect(overrides.additionalProperties).toBe(false);
    const overage = overrides.properties?.overageDays as Json;
    expect(overage.description).toContain('SL-12');
    expect(overage.description).toContain('90');
    expect(overage.description).toBe('SL-12: overage period when out of compliance (60 in older releases). Default 90 days.');
    expect(overrides.properties?.tierBorrowing?.description).toBe(
      'SL-11: CSSM substitutes a higher tier for an exhausted one. Default true (a switch: true or false).',
    );
    const nodeLocked = top.policy?.properties?.['node-locked']?.properties?.overrides?.properties as Json;
    expect(nodeLocked.maxClusterServers?.description).toBe('NL-5: servers a cluster may have. Default 6 servers.');
    expect(nodeLocked.overdraft?.description).toContain('Default {"mode":"always"}');
  });

  it('describes compared variants the same way', () => {
    const variant = top.compare?.additionalProperties as Json;
    expect(variant.properties?.['smart-licensing']?.additionalProperties).toBe(false);
    expect(variant.properties?.['smart-licensing']?.properties?.overageDays?.description).toContain('SL-12');
    expect(variant.properties?.['node-locked']?.properties?.rehostGraceDays?.description).toContain('NL-6');
  });

  it('lists the presets of each model as an enum', () => {
    expect(top.policy?.properties?.['smart-licensing']?.properties?.preset?.enum).toEqual([
      'cucm-14',
      'cucm-12',
      'strict-enforcement',
      'no-borrowing',
    ]);
    expect(top.policy?.properties?.['node-locked']?.properties?.preset?.enum).toContain('keygen-125');
  });
});

describe('policy overrides in a scenario file', () => {
  it('reads durations like every other duration, as days', () => {
    const a = load(scenario('policy:\n  smart-licensing:\n    overrides: { overageDays: 30d }'));
    expect(a?.variants[0]?.scenario.policy['smart-licensing'].overageDays).toBe(30);
    const b = load(
      scenario(
        'policy:\n  smart-licensing:\n' +
          '    overrides: { overageDays: 2w, usageReportDays: 12h, registrationValidityDays: 1y, evaluationDays: 45 }',
      ),
    );
    expect(b?.variants[0]?.scenario.policy['smart-licensing']).toMatchObject({
      overageDays: 14,
      usageReportDays: 0.5,
      registrationValidityDays: 365,
      evaluationDays: 45,
    });
  });

  it('applies overrides on top of a preset, and compared variants on top of both', () => {
    const text = scenario(
      'policy:\n  smart-licensing: { preset: cucm-12, overrides: { authorizationExpiredOverageDays: 6w } }\n' +
        'compare:\n  A: {}\n  B: { smart-licensing: { overageDays: 1mo } }',
    );
    const [a, b] = load(text)?.variants ?? [];
    expect(a?.scenario.policy['smart-licensing']).toMatchObject({ overageDays: 60, authorizationExpiredOverageDays: 42 });
    expect(b?.scenario.policy['smart-licensing']).toMatchObject({ overageDays: 30, authorizationExpiredOverageDays: 42 });
  });

  it('keeps the types of parameters that are not durations', () => {
    const text = scenario('policy:\n  node-locked:\n    overrides: { maxClusterServers: 2d, overdraft: { mode: count, units: 5 } }');
    const r = parseScenarios(text, 'f.yaml');
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
      'f.yaml:6:37: policy.node-locked.overrides.maxClusterServers: must be a number, found "2d"',
    ]);
  });
});

describe('licsim list', () => {
  it('shows each parameter with its default, rule and unit', async () => {
    const list = await licsimProcess(['list'], { cwd: await mkdtemp(join(tmpdir(), 'licsim-list-')) });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/ overageDays\s+90\s+SL-12: overage period when out of compliance \(60 in older releases\) \[days\]\n/);
    expect(list.stdout).toMatch(/ registrationRenewalDays\s+182\.5\s+SL-6: /);
    expect(list.stdout).toMatch(/ maxClusterServers\s+6\s+NL-5: servers a cluster may have \[servers\]\n/);
    expect(list.stdout).toMatch(/ evaluationClock\s+usage\s+SL-15: .* \[one of usage, calendar\]\n/);
    expect(list.stdout).toMatch(
      / overdraft\s+\{"mode":"time-grace"\}\s+§4: treatment of use beyond the purchase \[an overdraft regime, mode one of time-grace, /,
    );
  });

  /** One regime of each mode of DOMAIN.md §4 (the test's own list: every mode the schema has is here). */
  const REGIMES = [
    { mode: 'time-grace' },
    { mode: 'none' },
    { mode: 'always' },
    { mode: 'count', units: 3 },
    { mode: 'percent', percent: 5 },
    { mode: 'multiple', factor: 2 },
  ];
  it('knows every overdraft mode', () => {
    expect(overdraftSchema.options.map((o) => o.shape.mode.value)).toEqual(REGIMES.map((r) => r.mode));
  });

  /** The parameter lines of a model's section of `licsim list`, by parameter name. */
  const section = (stdout: string, model: ModelName) => {
    const text = stdout.slice(stdout.indexOf(`Policy of ${model} `));
    const lines = text.slice(0, text.indexOf('\n\n')).split('\n');
    return new Map(lines.map((line) => [line.trim().split(/\s+/)[0] ?? '', line]));
  };

  it('shows every choice and overdraft regime with its default and every alternative (of a regime: the modes allowed)', async () => {
    const { stdout } = await licsimProcess(['list'], { cwd: await mkdtemp(join(tmpdir(), 'licsim-list-')) });
    let checked = 0;
    for (const model of MODELS) {
      const lines = section(stdout, model);
      for (const [key, p] of Object.entries(policyParameters(model))) {
        const line = lines.get(key) ?? '';
        const alternatives =
          p.unit === 'choice'
            ? (p.schema as unknown as { options: string[] }).options
            : p.unit === 'overdraft regime'
              ? REGIMES.filter((r) => p.schema.safeParse(r).success).map((r) => r.mode)
              : null;
        if (alternatives === null) continue;
        checked++;
        expect(line, `${model}.${key}`).toContain(` ${showPolicyValue(p.default)} `);
        expect(alternatives.length, `${model}.${key}`).toBeGreaterThan(1);
        for (const a of alternatives) expect(line, `${model}.${key}: ${a}`).toMatch(new RegExp(`[ ,]${a}[ ,\\]]`));
      }
    }
    // SL-15, SL-18, SL-10, SL-3, EX-1, SL-12, SLR-7, SL-14 and §4; NL-1, NL-6, NL-5, NL-7; CS-7.
    expect(checked).toBe(14);
    // NL-7: a licence file has no overage timer: its regime names time-grace as not allowed; Smart Licensing's allows it.
    expect(section(stdout, 'node-locked').get('overdraft')).toContain(
      '[an overdraft regime, mode one of none, always, count (units), percent (percent), multiple (factor); not time-grace]',
    );
    expect(section(stdout, 'smart-licensing').get('overdraft')).toContain(
      '[an overdraft regime, mode one of time-grace, none, always, count (units), percent (percent), multiple (factor)]',
    );
    expect(section(stdout, 'node-locked').get('uncoveredUpload')).toMatch(
      /^ {3}uncoveredUpload +refused +NL-5: .*\[one of refused, overdraft\]$/,
    );
  });

  it("NL-1: marks an alarm name that is licsim's own as such, and no vendor's name", async () => {
    const { stdout } = await licsimProcess(['list'], { cwd: await mkdtemp(join(tmpdir(), 'licsim-list-')) });
    for (const name of LICSIM_NAMED_ALARMS) expect(stdout).toMatch(new RegExp(`\\n {3}${name} \\(licsim's name\\) +NL-`));
    expect([...LICSIM_NAMED_ALARMS]).toEqual(['LicenseEvaluationExpiryWarning', 'LicenseEvaluationExpired', 'LicenseGraceExpiryWarning']);
    expect(stdout).toMatch(/\n {3}CiscoLicenseOverDraft +NL-8\n/);
    expect(stdout).not.toContain("CiscoLicenseOverDraft (licsim's name)");
  });
});
