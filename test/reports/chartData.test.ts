import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../engine/result.ts';
import { runScenario } from '../../engine/runScenario.ts';
import { LICENCE_TYPES } from '../../ledger/licenceTypes.ts';
import { ALARMS } from '../../machines/emitted.ts';
import { isolatedDays } from '../../reports/charts/alarmChart.ts';
import { alarmColour, licenceTypeRank } from '../../reports/charts/palette.ts';
import type { ChartSpec } from '../../reports/index.ts';
import { chartConfigs } from '../../reports/index.ts';
import { comparisonOutcome, outcome as outcomeOf, smallOutcome, smallScenario } from './fixtures.ts';

const repeat = (value: number, n: number) => new Array<number>(n).fill(value);
const byLabel = (spec: ChartSpec | undefined, label: string) => spec?.config.data.datasets.find((d) => d.label === label)?.data;

describe('chart data of a small scenario with known answers', () => {
  // 3 clusters × 10 desk-phone users (UCL-Enhanced each) register on day 5; the VA owns 20, buys 10 more on day 20.
  const outcome = smallOutcome();
  const specs = chartConfigs(outcome, 0);
  const spec = (kind: string) => specs.find((s) => s.kind === kind);

  it('draws consumption, entitlement and the overdraft shading of UCL-Enhanced', () => {
    const usage = spec('usage');
    expect(usage?.id).toBe('01-small-fleet-over-entitlement-usage-ucl-enhanced');
    expect(byLabel(usage, 'entitlement')).toEqual([...repeat(20, 20), ...repeat(30, 10)]);
    expect(byLabel(usage, 'consumption')).toEqual([...repeat(0, 5), ...repeat(30, 25)]);
    const shading = usage?.config.data.datasets[usage.helpers[0] ?? -1];
    expect(shading).toMatchObject({ fill: { target: 0 } });
    expect(usage?.config.options?.scales?.y?.title).toMatchObject({ text: 'licence units (UCL-Enhanced)' });
  });

  it('draws overdraft per type and in total: 10 units from day 5 until the purchase on day 20', () => {
    const expected = [...repeat(0, 5), ...repeat(10, 15), ...repeat(0, 10)];
    expect(byLabel(spec('overdraft'), 'UCL-Enhanced')).toEqual(expected);
    expect(byLabel(spec('overdraft'), 'total overdraft')).toEqual(expected);
  });

  it('stacks the fleet by status group with the instance count of each day', () => {
    const states = spec('states');
    expect(states?.config.data.datasets.map((d) => d.label)).toEqual(['evaluation', 'authorized', 'overage']);
    expect(byLabel(states, 'evaluation')).toEqual([...repeat(3, 5), ...repeat(0, 25)]);
    expect(byLabel(states, 'overage')).toEqual([...repeat(0, 6), ...repeat(3, 15), ...repeat(0, 9)]);
    const days = states?.config.data.labels?.length ?? 0;
    for (let d = 0; d < days; d++) {
      const total = states?.config.data.datasets.reduce((s, ds) => s + Number(ds.data[d] ?? 0), 0);
      expect(total, `day ${d}`).toBe(3);
    }
    expect(states?.config.options?.scales?.y).toMatchObject({ stacked: true });
  });

  it('puts each alarm on its own timeline row, a bubble per day with the count: 3 in evaluation on day 0, 3 in overage on day 6', () => {
    const alarms = spec('alarms');
    expect(alarms?.config.type).toBe('bubble');
    expect(alarms?.config.options?.scales?.y).toMatchObject({
      type: 'category',
      labels: ['SmartLicenseInEval', 'SmartLicenseInOverage_OutOfCompliance'],
    });
    expect(byLabel(alarms, 'SmartLicenseInEval')).toEqual([{ x: '2026-01-01', y: 'SmartLicenseInEval', r: 16, count: 3, day: 0 }]);
    expect(byLabel(alarms, 'SmartLicenseInOverage_OutOfCompliance')).toEqual([
      { x: '2026-01-07', y: 'SmartLicenseInOverage_OutOfCompliance', r: 16, count: 3, day: 6 },
    ]);
  });

  it('SL-18: draws behind each condition alarm a band on the days it was up: InEval to day 4, InOverage on days 6..20', () => {
    const alarms = spec('alarms');
    const upDays = (label: string) =>
      (byLabel(alarms, label) as Array<{ y: string | null; day: number; up: number }> | undefined)?.filter((p) => p.y !== null);
    expect(upDays('SmartLicenseInEval up')?.map((p) => p.day)).toEqual([0, 1, 2, 3, 4]);
    expect(upDays('SmartLicenseInOverage_OutOfCompliance up')?.map((p) => [p.day, p.up])).toEqual(
      Array.from({ length: 15 }, (_, i) => [6 + i, 3]),
    );
    expect(alarms?.config.data.datasets.find((d) => d.label === 'SmartLicenseInEval up')).toMatchObject({ type: 'line', order: 1 });
  });

  it('SL-18: a band of one day (up between days down) is drawn as a square, which a line alone cannot show', () => {
    const point = (day: number, up: boolean) => ({ x: `d${day}`, y: up ? 'A' : null, day, up: up ? 1 : 0 });
    const band = [point(0, true), point(1, false), point(2, true), point(3, true), point(4, false), point(5, true)];
    expect(isolatedDays(band)).toEqual([true, false, false, false, false, true]);
    const eval_ = spec('alarms')?.config.data.datasets.find((d) => d.label === 'SmartLicenseInEval up') as { pointRadius?: number[] };
    expect(eval_?.pointRadius?.every((r) => r === 0)).toBe(true);
  });

  it('labels the x axis with the run dates and units on every y axis', () => {
    for (const s of specs) {
      const labels =
        s.kind === 'alarms' ? (s.config.options?.scales?.x as { labels?: string[] } | undefined)?.labels : s.config.data.labels;
      expect(labels?.[0]).toBe('2026-01-01');
      expect(labels).toHaveLength(30);
      expect(s.config.options?.scales?.x?.title).toMatchObject({ display: true });
      expect(s.config.options?.plugins?.title).toMatchObject({ display: true });
      expect(JSON.stringify(s.kind === 'alarms' ? s.config.options?.scales?.y : s.config.options?.scales?.y?.title)).toMatch(
        /instances|licence units|SmartLicense/,
      );
    }
  });

  it('keeps configurations plain data that survive a JSON round trip', () => {
    expect(JSON.parse(JSON.stringify(specs))).toEqual(specs);
  });

  it('copies series instead of sharing the result’s arrays', () => {
    const usage = spec('usage');
    const series = outcome.runs[0]?.result.series.usage[0];
    expect(byLabel(usage, 'consumption')).not.toBe(series?.consumption);
  });
});

describe('SLR-11: chart data of a reserved instance short of its reservation', () => {
  // One cluster of 10 desk-phone users reserves its 10 UCL-Enhanced (SLR-3, SLR-4) and grows to 12 users on day 10:
  // 2 short of its reservation though the VA has 10 more, overdraft of the reservation (SLR-11).
  const scenario = smallScenario('reserved and short');
  scenario.fleet = scenario.fleet.map((g) => ({ ...g, count: 1 }));
  scenario.timeline = [
    { at: 1, target: {}, action: { kind: 'slr-enable' } },
    { at: 2, target: {}, action: { kind: 'slr-request' } },
    { at: 3, target: {}, action: { kind: 'slr-authorize', headroom: 0 } },
    { at: 4, target: {}, action: { kind: 'slr-install' } },
    { at: 10, target: {}, action: { kind: 'grow', users: 2 } },
  ];
  const result = runScenario(scenario);
  const specs = chartConfigs(outcomeOf('scenarios/short.yaml', result, []), 0);
  const short = [...repeat(0, 10), ...repeat(2, 20)];

  it('draws the shortfall as overdraft of UCL-Enhanced and in total, from day 10', () => {
    const overdraft = specs.find((s) => s.kind === 'overdraft');
    expect(byLabel(overdraft, 'UCL-Enhanced')).toEqual(short);
    expect(byLabel(overdraft, 'total overdraft')).toEqual(short);
    expect(result.series.usage.find((u) => u.type === 'UCL-Enhanced')?.shortfall).toEqual(short);
  });

  it('draws the reservation out of the entitlement the rest of the VA has: 20 owned, 10 reserved from day 3', () => {
    const usage = specs.find((s) => s.kind === 'usage');
    expect(byLabel(usage, 'entitlement')).toEqual([...repeat(20, 3), ...repeat(10, 27)]);
    expect(result.final.accounts[0]?.types.find((t) => t.type === 'UCL-Enhanced')).toMatchObject({
      reserved: 10,
      overdraft: 2,
      shortfall: 2,
    });
  });
});

describe('chart data of a comparison', () => {
  const specs = chartConfigs(comparisonOutcome(), 1);

  it('draws variant B on the same axes as A, dashed', () => {
    const overdraft = specs.find((s) => s.kind === 'overdraft');
    const a = overdraft?.config.data.datasets.find((d) => d.label === 'total overdraft [A]');
    const b = overdraft?.config.data.datasets.find((d) => d.label === 'total overdraft [B]');
    expect(a).toMatchObject({ borderDash: [] });
    expect((b as { borderDash?: number[] } | undefined)?.borderDash?.length).toBeGreaterThan(0);
    expect(b?.data).toHaveLength(120);
  });

  it('draws every variant on one states chart, a line per alarming group and variant, B reaching enforcement first', () => {
    const states = specs.filter((s) => s.kind === 'states');
    expect(states.map((s) => s.id)).toEqual(['02-overage-period-90-vs-30-days-states']);
    const labels = states[0]?.config.data.datasets.map((d) => d.label);
    expect(labels).toEqual(['overage [A]', 'enforcement [A]', 'overage [B]', 'enforcement [B]']);
    const first = (label: string) => (byLabel(states[0], label) ?? []).findIndex((x) => Number(x) > 0);
    // 30 days of overage (B) run out 60 days before 90 (A) do.
    expect(first('enforcement [A]') - first('enforcement [B]')).toBe(60);
    expect(first('enforcement [B]')).toBeGreaterThan(first('overage [B]'));
  });

  it('gives each of 8 variants its own dash and marker, in every line and in the legend, and names them in the subtitle', () => {
    const base = comparisonOutcome();
    const eight = {
      ...base,
      runs: 'ABCDEFGH'.split('').map((variant, i) => ({ variant, result: (base.runs[i % 2] as { result: RunResult }).result })),
    };
    const states = chartConfigs(eight, 1).find((s) => s.kind === 'states');
    const looks = new Map<string, string>();
    for (const d of states?.config.data.datasets ?? []) {
      const variant = /\[(\w)\]$/.exec(d.label ?? '')?.[1] ?? '';
      const look = JSON.stringify([(d as { borderDash?: number[] }).borderDash, (d as { pointStyle?: string }).pointStyle]);
      expect(looks.get(variant) ?? look, d.label).toBe(look);
      looks.set(variant, look);
      // About ten markers along each line, the rest of its points bare.
      const radii = (d as { pointRadius?: number[] }).pointRadius ?? [];
      expect(radii.filter((r) => r > 0).length, d.label).toBeGreaterThanOrEqual(8);
    }
    expect([...looks.keys()]).toEqual('ABCDEFGH'.split(''));
    expect(new Set(looks.values()).size).toBe(8);
    expect(new Set([...looks.values()].map((l) => JSON.parse(l)[0].join())).size).toBe(8);
    expect(states?.config.options?.plugins?.legend?.labels).toMatchObject({ usePointStyle: true });
    const subtitle = String(states?.config.options?.plugins?.subtitle?.text);
    for (const v of 'ABCDEFGH') expect(subtitle).toContain(`${v} (`);
    expect(subtitle).toContain('H (overageDays 30) sparse-dotted, rounded squares');
  });

  it('names every chart file uniquely', () => {
    const files = [...specs, ...chartConfigs(smallOutcome(), 0), ...chartConfigs(smallOutcome(), 2)].map((s) => s.file);
    expect(new Set(files).size).toBe(files.length);
  });
});

describe('the palette', () => {
  it('gives every alarm the machines raise (SL-17, NL-8, NL-1) its own colour', () => {
    const colours = ALARMS.map(alarmColour);
    expect(new Set(colours).size).toBe(ALARMS.length);
    for (const c of colours) expect(c).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('lists licence types tiers first, in the order purchases may name them', () => {
    const ranked = [...LICENCE_TYPES].reverse().sort((a, b) => licenceTypeRank(a) - licenceTypeRank(b));
    expect(ranked).toEqual(LICENCE_TYPES);
    expect(licenceTypeRank('SomethingElse')).toBeGreaterThan(licenceTypeRank('ExportAuthorization'));
  });
});
